"""What the Slack bot remembers across restarts, in SQLite beside the index: the event ids it
has taken (so a retried or repeated event is answered once), the threads it answered in, the
answers it posted, and the feedback people gave on them."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.answering.answer import Answer

STATE_FILE = "slack.sqlite3"
# Expired ids are deleted every this many claims: a busy workspace sends every channel message
# as an event, and a bot that runs for weeks must not keep them all.
PRUNE_EVERY = 1000

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS threads (
    channel TEXT NOT NULL, thread_ts TEXT NOT NULL, expires REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts)
);
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY, question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL,
    abstained INTEGER NOT NULL, channel TEXT, asked_by TEXT, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, answer_id TEXT NOT NULL, helpful INTEGER NOT NULL,
    user TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL,
    time REAL NOT NULL
);
"""


def state_path(index_dir: Path) -> Path:
    return Path(index_dir) / STATE_FILE


@dataclass(frozen=True)
class Feedback:
    answer_id: str
    helpful: bool
    user: str
    question: str
    answer: str
    citations: list[dict]
    time: float

    def to_json(self) -> dict:
        """One record of the ``newsbot feedback --json`` contract."""
        return asdict(self)


class SlackState:
    """Thread-safe: lazy listeners run on several threads, and two bot processes may share it."""

    def __init__(
        self,
        path: Path,
        seen_ttl_s: float = 86400.0,
        thread_ttl_s: float = 30 * 86400.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.seen_ttl_s = seen_ttl_s
        self.thread_ttl_s = thread_ttl_s
        self.clock = clock
        self._lock = threading.Lock()
        self._claims = 0
        # One connection shared under the lock; the busy timeout covers another process's write.
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Survives a crash of the bot (not of the machine) without an fsync per event id.
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._lock, self._db:
            self._db.executescript(SCHEMA)
            now = self.clock()
            self._db.execute("DELETE FROM seen WHERE expires < ?", (now,))
            self._db.execute("DELETE FROM threads WHERE expires < ?", (now,))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def claim(self, key: str) -> bool:
        """True the first time ``key`` is seen within the expiry; False for a repeat."""
        now = self.clock()
        with self._lock, self._db:
            self._claims += 1
            if self._claims % PRUNE_EVERY == 0:
                self._db.execute("DELETE FROM seen WHERE expires < ?", (now,))
            self._db.execute("DELETE FROM seen WHERE key = ? AND expires < ?", (key, now))
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO seen (key, expires) VALUES (?, ?)",
                (key, now + self.seen_ttl_s),
            )
            return cursor.rowcount == 1

    def mark_thread(self, channel: str, thread_ts: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO threads VALUES (?, ?, ?)",
                (channel, thread_ts, self.clock() + self.thread_ttl_s),
            )

    def answered_in(self, channel: str, thread_ts: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM threads WHERE channel = ? AND thread_ts = ? AND expires >= ?",
                (channel, thread_ts, self.clock()),
            ).fetchone()
        return row is not None

    def record_answer(self, answer: Answer, channel: str | None, asked_by: str | None) -> str:
        """Keeps what a feedback click will refer to; returns the id the buttons carry."""
        answer_id = uuid.uuid4().hex
        citations = json.dumps([c.to_json() for c in answer.citations], ensure_ascii=False)
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    answer.question,
                    answer.text,
                    citations,
                    int(answer.abstained),
                    channel,
                    asked_by,
                    self.clock(),
                ),
            )
        return answer_id

    def record_feedback(self, answer_id: str, helpful: bool, user: str) -> Feedback | None:
        """None when the answer is unknown (e.g. the state file was deleted since)."""
        now = self.clock()
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT question, answer, citations FROM answers WHERE id = ?", (answer_id,)
            ).fetchone()
            if row is None:
                return None
            self._db.execute(
                "INSERT INTO feedback (answer_id, helpful, user, question, answer, citations, time)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer_id, int(helpful), user, *row, now),
            )
        return Feedback(answer_id, helpful, user, row[0], row[1], json.loads(row[2]), now)

    def feedback(self) -> list[Feedback]:
        """Every click, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT answer_id, helpful, user, question, answer, citations, time"
                " FROM feedback ORDER BY time, id"
            ).fetchall()
        return [Feedback(r[0], bool(r[1]), r[2], r[3], r[4], json.loads(r[5]), r[6]) for r in rows]


def feedback_summary(records: list[Feedback]) -> dict:
    """The ``newsbot feedback --json`` contract."""
    helpful = sum(r.helpful for r in records)
    return {
        "total": len(records),
        "helpful": helpful,
        "not_helpful": len(records) - helpful,
        "records": [r.to_json() for r in records],
    }
