"""The answer pipeline for a long-running bot: it answers from the index as it is now, and one
question at a time.

Another process (``newsbot ingest``) may add articles while the bot runs; before a question, at
most every few seconds, a check of the committed corpus version tells whether the index changed,
and if so the pipeline is rebuilt on the new one. Lazy listeners run on several threads; the
pipeline and its backends (Chroma's client, the BM25 index, the lemmatiser) are not known to be
thread-safe, so one lock serialises answering. An extractive answer takes ~10 ms, so the queue
stays short; ``benchmarks/slack_load.py`` measures it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from bot.answering.answer import Answer, Turn
from bot.answering.pipeline import AnswerPipeline
from bot.config import SLACK
from retrieval.index import Index

log = logging.getLogger(__name__)


class LivePipeline:
    def __init__(
        self,
        index: Index,
        make: Callable[[Index], AnswerPipeline],
        check_every_s: float = SLACK.reload_check_s,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``make`` builds the pipeline on an index (``build_pipeline`` with the settings); the
        index is checked for changes at most every ``check_every_s`` seconds."""
        self.index = index
        self.make = make
        self.pipeline = make(index)
        self.check_every_s = check_every_s
        self._clock = clock
        self._checked_at = clock()
        self._lock = threading.Lock()
        # Measured for benchmarks/slack_load.py: time spent waiting for, and holding, the lock.
        self.reloads = 0
        self.answered = 0
        self.waited_s = 0.0
        self.busy_s = 0.0

    def refresh(self) -> bool:
        """Rebuilds the pipeline when the committed corpus changed; True when it did. Looks at
        most every ``check_every_s``: a look reads every article record, which a busy bot
        should not do for each question of a large corpus."""
        now = self._clock()
        if now - self._checked_at < self.check_every_s:
            return False
        self._checked_at = now
        try:
            index = self.index.refreshed()
        except Exception:  # the old index still answers; the next question checks again
            log.exception("checking the index for changes failed; answering from the old one")
            return False
        if index is self.index:
            return False
        self.index, self.pipeline = index, self.make(index)
        self.reloads += 1
        log.info("index changed: now %d articles", len(index.records))
        return True

    def answer(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        asked = time.perf_counter()
        with self._lock:
            began = time.perf_counter()
            self.waited_s += began - asked
            try:
                self.refresh()
                return self.pipeline.answer(question, history)
            finally:
                self.answered += 1
                self.busy_s += time.perf_counter() - began
