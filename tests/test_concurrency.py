"""Concurrent use, in real processes: reads during an ingest, two ingests, several processes
starting on an empty index, several writers of the keyword cache."""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from retrieval.keyword import KeywordIndex
from retrieval.lock import FileGuard
from retrieval.records import Passage
from tests.reliability_helpers import ROOT, cli, start_cli


@pytest.mark.slow
def test_reads_during_an_ingest_loop_never_fail_and_the_index_ends_right() -> None:
    """benchmarks/soak.py: an ingest process modifying, adding and deleting articles while two
    reader processes search and ask (before the fixes: Chroma's "Error finding id" in 188 of 525
    reads, and the issue's TypeError in ``passage_from``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "benchmarks/soak.py", "--seconds", "8", "--readers", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors: 0" in done.stdout
    assert "excerpts from an uncommitted version: 0" in done.stdout
    assert "matches a clean ingest of the final corpus: yes" in done.stdout
    reads = int(done.stdout.split("reads done: ")[1].split()[0])
    ingests = int(done.stdout.split("ingests: ")[1].split()[0])
    assert reads > 20 and ingests > 2


@pytest.mark.slow
def test_a_second_ingest_says_who_holds_the_index_then_waits_or_gives_up(cli_env) -> None:
    guard = FileGuard(Path(cli_env["NEWSBOT_INDEX_DIR"]))
    guard.acquire(0)
    try:
        done = cli("ingest", env={**cli_env, "NEWSBOT_LOCK_WAIT": "1"})
        assert done.returncode == 1
        assert f"process {os.getpid()}" in done.stderr
        assert "error: another ingest holds the index" in done.stderr
        assert "Traceback" not in done.stderr
        threading.Timer(2.0, guard.release).start()
        done = cli("ingest", env={**cli_env, "NEWSBOT_LOCK_WAIT": "60"})
    finally:
        time.sleep(2.5)  # the timer has released it
    assert done.returncode == 0, done.stderr
    assert "another ingest is running" in done.stderr and "waiting" in done.stderr
    assert "added 5" in done.stdout


@pytest.mark.slow
def test_two_processes_starting_on_an_empty_index_build_it_once(cli_env) -> None:
    guard = FileGuard(Path(cli_env["NEWSBOT_INDEX_DIR"]))
    guard.acquire(0)  # both processes reach the lock before either can build
    procs = [start_cli("search", "Milley Gerasimov", "--json", env=cli_env) for _ in range(2)]
    time.sleep(4)
    guard.release()
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    built = [err for _, err in outputs if "indexed 5 articles" in err]
    assert len(built) == 1, outputs
    assert all('"article_id"' in out for out, _ in outputs)


def _publish_and_read(folder: str, seed: int, rounds: int, n: int, out: mp.Queue) -> None:
    passages = [
        Passage(f"a{i}", "a", "T", None, f"word{i} text {seed}", 0, 5, "h", 0, 0) for i in range(n)
    ]
    seen = []
    try:
        for r in range(rounds):
            KeywordIndex.build(passages).save(Path(folder), f"v{(seed + r) % 3}")
            for v in ("v0", "v1", "v2"):
                loaded = KeywordIndex.load(Path(folder), v)
                seen.append(None if loaded is None else len(loaded.passages))
        out.put(("ok", seen))
    except Exception as exc:
        out.put(("error", repr(exc)))


@pytest.mark.slow
def test_keyword_cache_writers_in_parallel_never_expose_a_half_written_cache(
    tmp_path: Path,
) -> None:
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    procs = [
        ctx.Process(target=_publish_and_read, args=(str(tmp_path), seed, 6, 300, out))
        for seed in range(4)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join()
    assert [status for status, _ in results] == ["ok"] * 4, results
    # Every load found a complete cache (300 passages) or none at all.
    assert {n for _, seen in results for n in seen} <= {None, 300}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def _open_store_at_once(index_dir: str, start: mp.Event, out: mp.Queue) -> None:
    import chromadb  # noqa: F401  (imported before the start line, so processes open together)

    from retrieval.index import open_store
    from tests.conftest import hashing_settings

    start.wait()
    try:
        open_store(hashing_settings(Path(index_dir)), write=True)
        out.put("ok")
    except Exception as exc:
        out.put(repr(exc))


@pytest.mark.slow
def test_processes_opening_a_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    """Chroma creates its SQLite tables when a client first opens a folder; without the access
    lock two processes doing so together failed with "table collections already exists" (the
    race behind a failed CI run of the test above)."""
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    start = ctx.Event()
    for round_ in range(3):
        index_dir = tmp_path / f"index-{round_}"
        procs = [
            ctx.Process(target=_open_store_at_once, args=(str(index_dir), start, out))
            for _ in range(4)
        ]
        for p in procs:
            p.start()
        time.sleep(3)  # every process has imported chromadb and waits at the start line
        start.set()
        results = [out.get(timeout=120) for _ in procs]
        for p in procs:
            p.join()
        start.clear()
        assert results == ["ok"] * 4, results
