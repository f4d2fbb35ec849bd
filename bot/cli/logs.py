"""Logging for every ``newsbot`` command, configured once by the entry point.

Modules log through ``logging.getLogger(__name__)`` and never configure anything themselves;
the level follows ``-v`` (INFO) and ``-vv`` (DEBUG), warnings otherwise, always on stderr so
``--json`` output on stdout stays clean.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LEVELS = {0: logging.WARNING, 1: logging.INFO}
# Libraries that log at INFO on every request; their chatter hides newsbot's own lines.
NOISY = ("bm25s", "httpx", "httpcore", "chromadb", "urllib3", "sentence_transformers", "slack_bolt")


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes: while the REPL shows a live
    draft, rich puts its own stderr in place, and a log line then prints above the draft
    instead of through it."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:  # StreamHandler.__init__ sets it; ignored
        pass


def configure_logging(verbosity: int = 0) -> None:
    level = LEVELS.get(verbosity, logging.DEBUG)
    logging.basicConfig(level=level, format=FORMAT, force=True, handlers=[_CurrentStderr()])
    # The handler filters too: bm25s sets its own logger to DEBUG whenever it is imported,
    # which may be after this runs.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
