"""Load on the Slack bot in HTTP mode: 200 signed mention events within a few seconds to
``/slack/events``, every third one re-sent as Slack's retry (same event_id, X-Slack-Retry-Num).

Prints the acknowledgement latency (p50/p99, retries included), the replies posted (must equal
the distinct questions: no retry answered twice, none dropped), the time from the first event to
the last reply, and the bot's own figures from ``/healthz`` (answer time under the pipeline's
lock, time waited for it).

The bot is ``newsbot slack --http`` in its own process (so the senders here do not share its
interpreter), talking to a fake Slack Web API in this one (tests/fake_slack.py, ``SLACK_API_URL``),
all on 127.0.0.1. Its index is built first in a temporary folder from seeds/ with the hashing
embedder (``--embedder minilm`` for the real model).

Run: nice -n 10 .venv/bin/python benchmarks/slack_load.py [--events 200] [--seconds 3]
     [--workers 8] [--api-ms 0] [--embedder hashing|minilm]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluation.questions import load_questions  # noqa: E402
from tests.fake_slack import (  # noqa: E402
    BOT_TOKEN,
    SECRET,
    FakeSlackApi,
    event_callback,
    mention,
    post_event,
    wait_until,
)

# Concurrent senders: Slack delivers events over many connections at once.
SENDERS = 32


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=3.0, help="spread the events over this")
    parser.add_argument("--workers", type=int, default=8, help="the bot's answer workers")
    parser.add_argument("--api-ms", type=float, default=0.0, help="latency of each Web API call")
    parser.add_argument("--embedder", choices=("hashing", "minilm"), default="hashing")
    parser.add_argument("--timeout", type=float, default=300.0, help="give up waiting after")
    args = parser.parse_args()

    loaded, _ = load_questions(ROOT / "eval" / "questions" / "seeds.jsonl")
    questions = [q.question for q in loaded]
    api = FakeSlackApi(latency_s=args.api_ms / 1000).start()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "SLACK_"))},
            "ANONYMIZED_TELEMETRY": "False",
            "NEWSBOT_EMBEDDER": args.embedder,
            "NEWSBOT_INDEX_DIR": str(Path(tmp) / "index"),
            "NEWSBOT_SLACK_WORKERS": str(args.workers),
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": api.url,
        }
        newsbot = [sys.executable, "-m", "bot.cli"]
        subprocess.run([*newsbot, "ingest"], env=env, cwd=tmp, check=True, capture_output=True)
        bot = subprocess.Popen(
            [*newsbot, "slack", "--http", "--port", str(port)],
            env=env,
            cwd=tmp,
            stderr=subprocess.PIPE,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until(lambda: _health(base), 120, "the bot's /healthz")
            # Warm-up (the first answer loads the lemmatiser), not counted.
            post_event(f"{base}/slack/events", event_callback(mention(questions[0], "1.1")))
            wait_until(api.posts, 60, "the warm-up answer")
            api.calls.clear()
            report = load(api, base, questions, args)
            report.append(f"bot /healthz: {json.dumps(_health(base))}")
        finally:
            bot.send_signal(signal.SIGINT)
            _, errors = bot.communicate(timeout=60)
            api.stop()
    print(
        f"newsbot slack --http, embedder {args.embedder}, answer workers {args.workers}, "
        f"Web API latency {args.api_ms:g} ms"
    )
    for line in report:
        print(line)
    if "Traceback" in errors:
        print(errors, file=sys.stderr)
        return 1
    return 0


def _health(base: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
            return json.loads(response.read())
    except OSError:
        return None


def load(api: FakeSlackApi, base: str, questions: list[str], args) -> list[str]:
    requests = []
    for i in range(args.events):
        ts = f"1700000{i // 1000:03d}.{i % 1000:06d}"
        event = event_callback(
            mention(questions[i % len(questions)], ts), event_id=f"EvLoad{i:05d}"
        )
        requests.append((event, None))
        if i % 3 == 2:
            requests.append((event, 1))  # Slack's retry of the same event
    acks: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    interval = args.seconds / len(requests)
    start = time.monotonic()

    def send(k: int, event: dict, retry: int | None) -> None:
        delay = start + k * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # pacing the load, not waiting for a result
        began = time.monotonic()
        status, _ = post_event(f"{base}/slack/events", event, retry=retry)
        with lock:
            acks.append(time.monotonic() - began)
            statuses[status] += 1

    with ThreadPoolExecutor(SENDERS) as senders:
        for k, (event, retry) in enumerate(requests):
            senders.submit(send, k, event, retry)
    sent = time.monotonic() - start
    distinct = args.events
    wait_until(lambda: len(api.posts()) >= distinct, args.timeout, "every reply")
    # Anything still on its way would show up as a duplicate now.
    last = max(c.at for c in api.posts())
    time.sleep(1.0)
    posts = api.posts()
    per_thread = Counter(p.params.get("thread_ts") for p in posts)
    return [
        f"sent {len(requests)} requests ({distinct} questions + {len(requests) - distinct} "
        f"retries) in {sent:.2f}s; HTTP statuses {dict(statuses)}",
        f"ack latency ms: p50 {pct(acks, 50) * 1000:.1f}  p99 {pct(acks, 99) * 1000:.1f}  "
        f"max {max(acks) * 1000:.1f}",
        f"replies {len(posts)} (distinct questions {distinct}); threads answered twice "
        f"{sum(1 for n in per_thread.values() if n > 1)}",
        f"time to last reply {last - start:.2f}s after the first event "
        f"(first reply after {min(c.at for c in posts) - start:.2f}s)",
    ]


if __name__ == "__main__":
    sys.exit(main())
