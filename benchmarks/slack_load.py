"""Load on the Slack bot in HTTP mode: 200 signed mention events within a few seconds to
``/slack/events``, every third one re-sent as Slack's retry (same event_id, X-Slack-Retry-Num).

Prints the acknowledgement latency (p50/p99, retries included), the replies posted (must equal
the distinct questions: no retry answered twice, none dropped), the time from the first event to
the last reply, and how long answers waited for the pipeline's lock.

The bot is the real one (Bolt app, middleware, SQLite state, LivePipeline around the extractive
pipeline) on a fake Slack Web API (tests/fake_slack.py), on 127.0.0.1. The index is built in a
temporary folder from seeds/ with the hashing embedder by default (--embedder minilm for the
real model).

Run: nice -n 10 .venv/bin/python benchmarks/slack_load.py [--events 200] [--seconds 3]
     [--workers 4] [--embedder hashing|minilm] [--api-ms 0]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.factory import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.evaluation.questions import load_questions  # noqa: E402
from bot.slack.live import LivePipeline  # noqa: E402
from retrieval.index import build_index  # noqa: E402
from retrieval.settings import RetrievalSettings  # noqa: E402
from tests.fake_slack import (  # noqa: E402
    FakeSlackApi,
    RunningBot,
    event_callback,
    mention,
    post_event,
    slack_settings,
    wait_until,
)

# Concurrent senders: Slack delivers events over many connections at once.
SENDERS = 32


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=3.0, help="spread the events over this")
    parser.add_argument("--workers", type=int, default=4, help="the bot's answer workers")
    parser.add_argument("--embedder", choices=("hashing", "minilm"), default="hashing")
    parser.add_argument(
        "--api-ms", type=float, default=0.0, help="latency of each fake Web API call, in ms"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="give up waiting after")
    args = parser.parse_args()

    loaded, _ = load_questions(ROOT / "eval" / "questions" / "seeds.jsonl")
    questions = [q.question for q in loaded]
    with tempfile.TemporaryDirectory() as tmp:
        retrieval = RetrievalSettings(index_dir=Path(tmp) / "index", embedder=args.embedder)
        _, index = build_index(retrieval)
        api = FakeSlackApi(latency_s=args.api_ms / 1000).start()
        settings = slack_settings(Settings(retrieval=retrieval), api, answer_workers=args.workers)
        live = LivePipeline(index, lambda current: build_pipeline(settings, index=current))
        live.answer(questions[0])  # warm: the first answer loads the lemmatiser
        bot = RunningBot(live, settings, Path(tmp) / "index" / "slack.sqlite3")
        try:
            report = load(api, bot, questions, args)
        finally:
            bot.drain()
            api.stop()
    print(f"embedder {args.embedder}, answer workers {args.workers}, Web API {args.api_ms:g} ms")
    for line in report:
        print(line)
    return 0


def load(api: FakeSlackApi, bot: RunningBot, questions: list[str], args) -> list[str]:  # noqa: ANN001
    requests = []
    for i in range(args.events):
        ts = f"1700000{i // 1000:03d}.{i % 1000:06d}"
        event = event_callback(
            mention(questions[i % len(questions)], ts), event_id=f"EvLoad{i:05d}"
        )
        requests.append((i, event, None))
        if i % 3 == 2:
            requests.append((i, event, 1))  # Slack's retry of the same event
    acks: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    interval = args.seconds / len(requests)
    start = time.perf_counter()

    def send(k: int, event: dict, retry: int | None) -> None:
        delay = start + k * interval - time.perf_counter()
        if delay > 0:
            time.sleep(delay)  # pacing the load, not waiting for a result
        began = time.perf_counter()
        status, _ = post_event(bot.events_url, event, retry=retry)
        with lock:
            acks.append(time.perf_counter() - began)
            statuses[status] += 1

    with ThreadPoolExecutor(SENDERS) as senders:
        for k, (_, event, retry) in enumerate(requests):
            senders.submit(send, k, event, retry)
    sent = time.perf_counter() - start
    distinct = args.events
    wait_until(lambda: len(api.posts()) >= distinct, args.timeout, "every reply")
    last_reply = max(c.at for c in api.posts())
    bot.drain()  # let anything still queued finish, so duplicates would show
    posts = api.posts()
    per_thread = Counter(p.params.get("thread_ts") for p in posts)
    first_post = min(c.at for c in posts)
    answering = api.calls_to("chat.postMessage")
    live = bot.bot.answerer
    return [
        f"sent {len(requests)} requests ({distinct} questions + {len(requests) - distinct} "
        f"retries) in {sent:.2f}s; HTTP statuses {dict(statuses)}",
        f"ack latency ms: p50 {pct(acks, 50) * 1000:.1f}  p99 {pct(acks, 99) * 1000:.1f}  "
        f"max {max(acks) * 1000:.1f}",
        f"replies {len(posts)} (distinct questions {distinct}); threads answered twice "
        f"{sum(1 for n in per_thread.values() if n > 1)}; chat.postMessage calls {len(answering)}",
        f"time to last reply {last_reply - _monotonic_at(start):.2f}s after the first event "
        f"(first reply after {first_post - _monotonic_at(start):.2f}s)",
        f"pipeline: {live.answered} answers, {live.busy_s / live.answered * 1000:.1f} ms each "
        f"under the lock; waits for the lock {live.waited_s / live.answered * 1000:.1f} ms "
        "on average",
    ]


def _monotonic_at(perf: float) -> float:
    """``perf`` (a perf_counter reading) on the monotonic clock the fake stamps calls with."""
    return time.monotonic() - (time.perf_counter() - perf)


if __name__ == "__main__":
    sys.exit(main())
