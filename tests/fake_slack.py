"""A fake Slack for tests and the load benchmark, on 127.0.0.1: the Web API (records every call,
enforces Block Kit's limits, keeps threads for ``conversations.replies``, can rate-limit), a
Socket Mode WebSocket server speaking Slack's envelopes, and signed Events API requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T111"
APP = "A111"
SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
TEXT_LIMIT = 3000
MAX_BLOCKS = 50
POSTING = ("chat.postMessage", "chat.postEphemeral", "chat.update")


@dataclass(frozen=True)
class Call:
    method: str
    params: dict
    at: float


def wait_until(condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """Polls ``condition`` until it is truthy; fails the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.01)


def block_problems(blocks: list[dict]) -> list[str]:
    """What real Slack would reject as ``invalid_blocks``."""
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks")
    for block in blocks:
        texts = [block.get("text")] + list(block.get("elements") or [])
        for obj in texts:
            if isinstance(obj, dict) and len(obj.get("text", "") or "") > TEXT_LIMIT:
                problems.append(f"a {block['type']} text of {len(obj['text'])} characters")
    return problems


class FakeSlackApi:
    def __init__(self, latency_s: float = 0.0) -> None:
        """``latency_s``: how long each call takes, as over the network to Slack."""
        self.latency_s = latency_s
        self.calls: list[Call] = []
        self.threads: dict[tuple[str, str], list[dict]] = {}
        self.rate_limited: dict[str, int] = {}  # method -> how many 429s to answer first
        self.ws_url = ""
        self._lock = threading.Lock()
        self._last = 1_700_000_000 * 1_000_000  # the latest ts, in microseconds
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                url = urlparse(self.path)
                method = url.path.rsplit("/", 1)[-1]
                params = dict(parse_qsl(url.query))
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if raw and "json" in (self.headers.get("Content-Type") or ""):
                    params.update(json.loads(raw))
                elif raw:
                    params.update(parse_qsl(raw))
                for key in ("blocks", "metadata"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                if api.latency_s:
                    time.sleep(api.latency_s)
                status, body = api.respond(method, params, self.headers.get("Authorization", ""))
                data = json.dumps(body).encode()
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def start(self) -> FakeSlackApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what tests look at -------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def posts(self) -> list[Call]:
        """Messages the bot sent (answers, apologies, ephemeral notes)."""
        with self._lock:
            return [c for c in self.calls if c.method in ("chat.postMessage", "chat.postEphemeral")]

    def add_message(self, channel: str, message: dict) -> dict:
        """A message people wrote, as ``conversations.replies`` will return it."""
        root = message.get("thread_ts") or message["ts"]
        seconds, micros = message["ts"].split(".")
        with self._lock:
            self._last = max(self._last, int(seconds) * 1_000_000 + int(micros))
            self.threads.setdefault((channel, root), []).append({**message, "type": "message"})
        return message

    # -- the Web API --------------------------------------------------------------------------

    def respond(self, method: str, params: dict, auth: str) -> tuple[int, dict]:
        with self._lock:
            self.calls.append(Call(method, params, time.monotonic()))
            if self.rate_limited.get(method, 0) > 0:
                self.rate_limited[method] -= 1
                return 429, {"ok": False, "error": "ratelimited"}
        wanted = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if auth != f"Bearer {wanted}":
            return 200, {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return 200, {
                "ok": True,
                "url": "https://example.slack.com/",
                "team": "Example",
                "user": "newsbot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "apps.connections.open":
            return 200, {"ok": True, "url": self.ws_url}
        if method in POSTING:
            problems = block_problems(params.get("blocks") or [])
            if problems:
                return 200, {"ok": False, "error": "invalid_blocks", "errors": problems}
            if not params.get("text") and not params.get("blocks"):
                return 200, {"ok": False, "error": "no_text"}
        if method == "chat.postMessage":
            return 200, self._post(params)
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": self._next_ts()}
        if method == "conversations.history":
            with self._lock:
                roots = [
                    m
                    for (channel, root), thread in self.threads.items()
                    for m in thread
                    if channel == params["channel"]
                    and m["ts"] == root
                    and float(root) < float(params["latest"])
                ]
            roots.sort(key=lambda m: float(m["ts"]), reverse=True)  # newest first, as Slack
            return 200, {"ok": True, "messages": roots[: int(params.get("limit", 100))]}
        if method == "conversations.replies":
            with self._lock:
                messages = list(self.threads.get((params["channel"], params["ts"]), []))
            messages.sort(key=lambda m: float(m["ts"]))
            return 200, {"ok": True, "messages": messages, "has_more": False}
        return 200, {"ok": True}

    def _next_ts(self) -> str:
        """Just after the latest message, as Slack's clock would give it."""
        with self._lock:
            self._last += 1
            return f"{self._last // 1_000_000}.{self._last % 1_000_000:06d}"

    def _post(self, params: dict) -> dict:
        ts = self._next_ts()
        message = {
            "type": "message",
            "user": BOT_USER,
            "bot_id": BOT_ID,
            "text": params.get("text", ""),
            "blocks": params.get("blocks", []),
            "ts": ts,
        }
        if params.get("metadata"):
            message["metadata"] = params["metadata"]
        root = params.get("thread_ts") or ts
        if params.get("thread_ts"):
            message["thread_ts"] = root
        with self._lock:
            self.threads.setdefault((params["channel"], root), []).append(message)
        return {"ok": True, "channel": params["channel"], "ts": ts, "message": message}


# -- Events API requests ------------------------------------------------------------------------


def event_callback(event: dict, event_id: str | None = None) -> dict:
    return {
        "token": "legacy-token",
        "team_id": TEAM,
        "api_app_id": APP,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": 1700000000,
        "authorizations": [
            {"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}
        ],
    }


def mention(text: str, ts: str, channel: str = "C111", user: str = "U222", **more: Any) -> dict:
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        **more,
    }


def message(text: str, ts: str, channel: str = "C111", user: str = "U222", **more: Any) -> dict:
    return {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": "channel",
        **more,
    }


def signed_headers(body: bytes, secret: str = SECRET, timestamp: int | None = None) -> dict:
    """The headers Slack signs a request with (v0 HMAC-SHA256 of ``v0:timestamp:body``)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:".encode() + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def post_signed(
    url: str,
    body: bytes,
    content_type: str = "application/json",
    secret: str = SECRET,
    retry: int | None = None,
    timeout: float = 10.0,
) -> tuple[int, bytes]:
    headers = {"Content-Type": content_type, **signed_headers(body, secret)}
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def post_event(url: str, payload: dict, **kwargs: Any) -> tuple[int, bytes]:
    return post_signed(url, json.dumps(payload).encode(), **kwargs)


def post_form(url: str, fields: dict, **kwargs: Any) -> tuple[int, bytes]:
    from urllib.parse import urlencode

    body = urlencode(fields).encode()
    return post_signed(url, body, content_type="application/x-www-form-urlencoded", **kwargs)


# -- Socket Mode ---------------------------------------------------------------------------------


class FakeSocketMode:
    """Slack's Socket Mode end: says ``hello``, sends envelopes, collects the acks."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.acks: dict[str, dict] = {}
        self.connected = threading.Event()
        self._ws: Any = None
        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link/?ticket=test"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def _session(self, ws: Any) -> None:
        self._ws = ws
        ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": APP},
                }
            )
        )
        self.connected.set()
        try:
            for raw in ws:
                data = json.loads(raw)
                if "envelope_id" in data:
                    self.acks[data["envelope_id"]] = data
        except Exception:
            pass
        finally:
            self.connected.clear()

    def hang_up(self) -> None:
        """Closes the connection from Slack's side, as Slack does before a refresh."""
        if self._ws is not None:
            self._ws.close()

    def send(self, kind: str, payload: dict, retry_attempt: int = 0) -> str:
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = "timeout" if retry_attempt else ""
        self._ws.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> dict:
        return wait_until(lambda: self.acks.get(envelope_id), timeout, f"ack of {envelope_id}")


# -- the real bot on the fake ------------------------------------------------------------------


def slack_settings(base: Any, api: FakeSlackApi, **changes: Any) -> Any:
    """``base`` (a ``Settings``) pointed at the fake, with the test tokens and secret."""
    from dataclasses import replace

    from bot.config import SlackSettings

    slack = SlackSettings(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN,
        signing_secret=SECRET,
        api_url=api.url,
        api_retries=2,
        **changes,
    )
    return replace(base, slack=slack)


class RunningBot:
    """The real ``NewsBot`` and Bolt app, served over HTTP on 127.0.0.1 or connected to a
    ``FakeSocketMode``; ``drain()`` stops intake and waits until every answer is posted."""

    def __init__(
        self, answerer: Any, settings: Any, state_path: Any, socket: FakeSocketMode | None = None
    ) -> None:
        from bot.slack.app import NewsBot, build_app
        from bot.slack.server import SlackHttpServer
        from bot.slack.state import SlackState

        self.state = SlackState(state_path, seen_ttl_s=settings.slack.seen_ttl_s)
        self.bot = NewsBot(answerer, self.state, settings)
        self.app = build_app(self.bot, socket_mode=socket is not None)
        self.server = None
        self.handler = None
        self.socket = socket
        if socket is None:
            self.server = SlackHttpServer(self.app, host="127.0.0.1", port=0).start()
        else:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            self.handler = SocketModeHandler(self.app, APP_TOKEN)
            self.handler.connect()
            wait_until(socket.connected.is_set, what="the Socket Mode connection")
        self._drained = False

    @property
    def events_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.port}/slack/events"

    def drain(self) -> None:
        if self._drained:
            return
        self._drained = True
        if self.server is not None:
            self.server.stop()
        if self.handler is not None and self.socket is not None:
            # Otherwise the client's reader waits out its 3-second socket timeout first. Then
            # let the client see the hang-up before closing it (slack_sdk's close races with
            # its reader's own disconnect).
            self.socket.hang_up()
            client = self.handler.client
            wait_until(lambda: not client.is_connected(), what="the client to see the hang-up")
            self.handler.close()
        # Lazy listeners run on Bolt's executor and hand over to the bot's workers.
        self.app.listener_runner.listener_executor.shutdown(wait=True)
        self.bot.close()
        self.state.close()
