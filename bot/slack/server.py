"""HTTP mode: the Events API at ``/slack/events`` (Bolt checks every request's signature and
answers a bad one with 401) and a health check at ``/healthz``, on the standard library's WSGI
server with a thread per request."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    # Slack sends bursts; the default backlog of 5 refuses connections under one.
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def wsgi_app(app: App, health: Callable[[], dict] | None = None) -> Callable:
    events = SlackRequestHandler(app, path=EVENTS_PATH)

    def route(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH:
            body = json.dumps({"ok": True, **(health() if health else {})}).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        return events(environ, start_response)

    return route


class SlackHttpServer:
    """``serve_forever()`` for the command; ``start()`` / ``stop()`` run it in a thread."""

    def __init__(
        self,
        app: App,
        host: str = "0.0.0.0",
        port: int = 3000,
        health: Callable[[], dict] | None = None,
    ) -> None:
        self.httpd = make_server(
            host,
            port,
            wsgi_app(app, health),
            server_class=ThreadingWSGIServer,
            handler_class=QuietHandler,
        )
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def serve_forever(self) -> None:
        log.info("newsbot listening on http://%s:%d%s", *self.httpd.server_address, EVENTS_PATH)
        self.httpd.serve_forever()

    def start(self) -> SlackHttpServer:
        # A short poll so that stop() returns at once.
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
