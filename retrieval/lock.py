"""One writer per index, and the marker that tells readers an ingest has not finished.

Two ``ingest`` runs on one index would both embed everything and prune each other's rows; two
processes opening an empty index (two Slack workers) would both build it. Every writer therefore
holds the index's ingest lock:

- ``FileGuard``: a ``filelock`` lock file beside the embedded index. The kernel releases it when
  the holder dies, so a killed ingest never leaves the index locked.
- ``StoreGuard``: for a Chroma server, where several machines share the index and a file lock on
  one of them means nothing to the others. The lock is a lease record in a small collection of the
  server itself: Chroma's ``add`` is insert-if-absent, so of two writers adding the record at once
  exactly one finds its own name when reading it back. The lease carries an expiry, renewed by the
  holder while it runs, so a holder killed without releasing blocks others for at most
  ``lease_s`` seconds.

Each guard also keeps the "ingest in progress" marker: set when an ingest starts, cleared when it
completes. A reader that finds the marker while no ingest holds the lock knows the index stops at
whatever the interrupted ingest had committed, and says so.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from filelock import FileLock, Timeout

from retrieval.integrity import IndexProblem

log = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
OWNER_FILE = "ingest.lock.owner"
MARKER_FILE = "ingest-in-progress.json"
FINISH_HINT = "run `newsbot ingest` to finish it"
# How often a waiting writer looks at the server's lease again.
POLL_S = 0.5

OnWait = Callable[[str], None]
T = TypeVar("T")


# Reads racing a prune: Chroma can fail a read whose rows an ingest deletes meanwhile ("Error
# finding id"); the delete finishes in milliseconds, so a read tried again a few times succeeds.
READ_ATTEMPTS = 6
READ_BACKOFF_S = 0.02


def retry_read(read: Callable[[], T], reopen: Callable[[], None] | None = None) -> T:
    """``read()``, tried again when Chroma fails it because an ingest in another process
    changed the store: after ``reopen()`` (this process's view of the files may be outdated,
    which no wait mends) and a growing pause (a delete in flight)."""
    from chromadb.errors import InternalError

    for attempt in range(READ_ATTEMPTS):
        try:
            return read()
        except InternalError as exc:
            if attempt == READ_ATTEMPTS - 1:
                raise
            log.debug("read failed during an ingest, trying again: %s", exc)
            time.sleep(READ_BACKOFF_S * 2**attempt)
            if reopen is not None:
                reopen()
    raise AssertionError("unreachable")


ACCESS_FILE = "chroma.access.lock"


def chroma_access(index_dir: Path) -> FileLock:
    """The lock every process holds around each call into an embedded Chroma store.

    Chroma's embedded store is not safe across processes: whichever process reads or writes
    first compacts its log into the HNSW files, in place, and a process reading those files
    meanwhile dies with SIGSEGV (the soak test did, in ``Collection.get`` of embeddings). Calls
    take milliseconds, and an ingest holds this only for one write at a time, so readers wait
    milliseconds, never for the whole ingest. Not needed for a Chroma server (it serialises
    itself) nor for a read-only index (each process reads its own copy).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    return FileLock(str(index_dir / ACCESS_FILE), thread_local=False)


class IndexBusy(IndexProblem):
    """Another ingest holds the index for longer than we were willing to wait."""


def _me() -> dict[str, Any]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}


def describe(owner: dict[str, Any] | None) -> str:
    """ "process 1234 on host (since 21:03:07)", or "another process" when unknown."""
    if not owner:
        return "another process"
    since = time.strftime("%H:%M:%S", time.localtime(float(owner.get("since", 0))))
    return f"process {owner.get('pid', '?')} on {owner.get('host', '?')} (since {since})"


class Guard(Protocol):
    def acquire(self, wait_s: float, on_wait: OnWait | None = None) -> None:
        """Hold the ingest lock, waiting up to ``wait_s`` (saying who holds it); else raise
        ``IndexBusy``."""
        ...

    def release(self) -> None: ...

    def running(self) -> bool:
        """Whether another process holds the ingest lock now."""
        ...

    def mark_started(self) -> None: ...

    def mark_finished(self) -> None: ...

    def marked(self) -> bool:
        """Whether an ingest started and has not completed."""
        ...


@contextmanager
def holding(guard: Guard, wait_s: float, on_wait: OnWait | None = None) -> Iterator[None]:
    guard.acquire(wait_s, on_wait)
    try:
        yield
    finally:
        guard.release()


def incomplete_notice(guard: Guard) -> str | None:
    """The line a reader shows when the index is not yet the whole corpus, or None."""
    try:
        if not guard.marked():
            return None
        running = guard.running()
    except Exception as exc:
        log.debug("cannot tell whether an ingest is running: %s", exc)
        return None
    if running:
        return "An ingest is running; answers come from the articles committed so far."
    return f"The index is incomplete: an ingest was interrupted; {FINISH_HINT}."


class FileGuard:
    """The embedded index's guard: a lock file and a marker file in the index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        # Not thread-local: a long-running process may release from another thread.
        self._lock = FileLock(str(self.index_dir / LOCK_FILE), thread_local=False)

    def _owner(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.index_dir / OWNER_FILE).read_text())
        except (OSError, ValueError):
            return None

    def acquire(self, wait_s: float, on_wait: OnWait | None = None) -> None:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            holder = describe(self._owner())
            if on_wait:
                on_wait(f"another ingest is running ({holder}); waiting for it to finish")
            try:
                self._lock.acquire(timeout=wait_s)
            except Timeout:
                raise IndexBusy(
                    f"another ingest holds the index ({holder}); gave up after {wait_s:.0f}s"
                ) from None
        (self.index_dir / OWNER_FILE).write_text(json.dumps(_me()))

    def release(self) -> None:
        (self.index_dir / OWNER_FILE).unlink(missing_ok=True)
        self._lock.release()

    def running(self) -> bool:
        if self._lock.is_locked:
            return False  # held by this process
        probe = FileLock(str(self.index_dir / LOCK_FILE))
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        except OSError:  # a read-only index: nobody can be writing to it
            return False
        probe.release()
        return False

    def mark_started(self) -> None:
        (self.index_dir / MARKER_FILE).write_text(json.dumps(_me()))

    def mark_finished(self) -> None:
        (self.index_dir / MARKER_FILE).unlink(missing_ok=True)

    def marked(self) -> bool:
        return (self.index_dir / MARKER_FILE).exists()


class StoreGuard:
    """A Chroma server's guard: a lease record and a marker record in ``{prefix}_locks``."""

    LEASE, MARKER = "ingest-lease", "ingest-in-progress"

    def __init__(self, client: Any, prefix: str, lease_s: float = 120.0) -> None:
        self._locks = client.get_or_create_collection(f"{prefix}_locks", embedding_function=None)
        self.lease_s = lease_s
        self.token = uuid.uuid4().hex
        self._renewer: threading.Thread | None = None
        self._stop = threading.Event()

    def _lease(self) -> dict[str, Any] | None:
        page = self._locks.get(ids=[self.LEASE], include=["metadatas"])
        return page["metadatas"][0] if page["ids"] else None

    def _put(self, record_id: str, meta: dict[str, Any], *, replace: bool) -> None:
        write = self._locks.upsert if replace else self._locks.add
        write(ids=[record_id], metadatas=[meta], embeddings=[[1.0]], documents=[record_id])

    def _try(self) -> dict[str, Any] | None:
        """None when we now hold the lease, else the holder's record."""
        me = {**_me(), "token": self.token, "expires": time.time() + self.lease_s}
        self._put(self.LEASE, me, replace=False)  # insert-if-absent: one writer wins
        holder = self._lease()
        if holder and holder.get("token") == self.token:
            return None
        if holder and float(holder.get("expires", 0)) < time.time():
            # Expired: delete it only if it is still that same lease, then race again.
            self._locks.delete(ids=[self.LEASE], where={"token": holder["token"]})
            return self._try()
        return holder or {}

    def acquire(self, wait_s: float, on_wait: OnWait | None = None) -> None:
        deadline = time.monotonic() + wait_s
        holder = self._try()
        if holder is not None and on_wait:
            on_wait(f"another ingest is running ({describe(holder)}); waiting for it to finish")
        while holder is not None:
            if time.monotonic() > deadline:
                raise IndexBusy(
                    f"another ingest holds the index ({describe(holder)}); "
                    f"gave up after {wait_s:.0f}s"
                )
            time.sleep(POLL_S)
            holder = self._try()
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, daemon=True)
        self._renewer.start()

    def _renew(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            lease = self._lease()
            if not lease or lease.get("token") != self.token:
                log.warning("lost the ingest lease on the Chroma server")
                return
            self._put(self.LEASE, {**lease, "expires": time.time() + self.lease_s}, replace=True)

    def release(self) -> None:
        self._stop.set()
        if self._renewer:
            self._renewer.join()
        self._locks.delete(ids=[self.LEASE], where={"token": self.token})

    def running(self) -> bool:
        lease = self._lease()
        return bool(
            lease
            and lease.get("token") != self.token
            and float(lease.get("expires", 0)) >= time.time()
        )

    def mark_started(self) -> None:
        self._put(self.MARKER, {**_me(), "token": self.token}, replace=True)

    def mark_finished(self) -> None:
        self._locks.delete(ids=[self.MARKER])

    def marked(self) -> bool:
        return bool(self._locks.get(ids=[self.MARKER])["ids"])
