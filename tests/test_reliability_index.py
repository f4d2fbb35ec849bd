"""A damaged, unfinished or read-only index: say what is wrong in one line, repair what is a
cache, rebuild the rest with ``newsbot ingest --rebuild``, and read what can be read."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.answering.factory import build_pipeline
from retrieval.index import build_index, corpus_version, open_index, query_embedder
from retrieval.integrity import MANIFEST_FILE, check_hnsw, verify_manifest
from retrieval.lock import FileGuard
from tests.conftest import SEEDS, hashing_settings, settings_for
from tests.reliability_helpers import ROOT, cli, start_cli

QUERY = "Milley Gerasimov Helsinki meeting"


def _hits(index) -> list[tuple[str, float]]:
    return [(e.passage_id, e.score) for e in index.searcher().search(QUERY, k=10)]


@pytest.mark.parametrize(
    "damage", ["empty data.csc.index.npy", "cut a word from passages.columns.json"]
)
def test_a_damaged_keyword_cache_is_detected_and_rebuilt(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = hashing_settings(tmp_path / "index")
    _, index = build_index(settings)
    expected = _hits(index)
    cache = settings.keyword_dir / corpus_version(index.records)
    if damage.startswith("empty"):
        (cache / "data.csc.index.npy").write_bytes(b"")
    else:
        columns = cache / "passages.columns.json"  # one passage's text cut out
        text = columns.read_text()
        cut = text.index("Gerasimov")
        columns.write_text(text[:cut] + text[cut + len("Gerasimov") :])
    assert verify_manifest(cache) is not None
    with caplog.at_level(logging.WARNING):
        reopened = open_index(settings)
    assert "keyword cache damaged" in caplog.text
    # Built, the index reads Chroma; reopened, its snapshot, whose exact cosines may differ from
    # hnswlib's in the seventh decimal.
    assert _hits(reopened) == [(pid, pytest.approx(score, abs=1e-5)) for pid, score in expected]
    assert verify_manifest(cache) is None  # repaired on disk


@pytest.mark.slow
def test_a_garbled_hnsw_neighbour_list_is_caught_before_chroma_reads_it(tmp_path: Path) -> None:
    """The structural check, on a segment hnswlib wrote: every neighbour id must be in range,
    or hnswlib reads out of bounds (SIGSEGV)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):  # 1,240 sentences: past Chroma's 1,000 for writing HNSW files
        for seed in SEEDS.iterdir():
            text = seed.read_text(encoding="utf-8").replace("Russia", f"Russia{i}", 1)
            (corpus / f"{seed.stem}_{i}.txt").write_text(text, encoding="utf-8")
    settings = hashing_settings(tmp_path / "index", corpus)
    build_index(settings)
    segments = [p for p in settings.chroma_path.iterdir() if (p / "link_lists.bin").exists()]
    written = [p for p in segments if (p / "link_lists.bin").stat().st_size > 0]
    assert written and all(check_hnsw(p) is None for p in segments)
    level0 = written[0] / "data_level0.bin"
    level0.write_bytes(os.urandom(level0.stat().st_size))
    assert "data_level0.bin is garbled" in check_hnsw(written[0])
    env = {
        **os.environ,
        "NEWSBOT_EMBEDDER": "hashing",
        "NEWSBOT_INDEX_DIR": str(settings.index_dir),
        "NEWSBOT_CORPUS": str(corpus),
    }
    done = cli("ask", "Where did Milley meet Gerasimov?", env=env)
    assert done.returncode == 1  # not -11 (SIGSEGV) / 139
    assert done.stderr.startswith("error: the index is damaged:")
    assert "data_level0.bin is garbled" in done.stderr
    assert "newsbot ingest --rebuild" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_a_half_cut_sqlite_file_is_one_line_and_rebuild_repairs_it(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    assert cli("ingest", env=cli_env).returncode == 0
    sqlite = Path(cli_env["NEWSBOT_INDEX_DIR"]) / "chroma" / "chroma.sqlite3"
    data = sqlite.read_bytes()
    sqlite.write_bytes(data[: len(data) // 2])
    for command in (["ask", "Where did Milley meet Gerasimov?"], ["ingest"]):
        done = cli(*command, env=cli_env)
        assert done.returncode == 1
        assert done.stderr.startswith("error: the index is damaged:")
        assert "chroma.sqlite3 is damaged" in done.stderr and "ingest --rebuild" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    done = cli("ingest", "--rebuild", env=cli_env)
    assert done.returncode == 0 and "added 5" in done.stdout
    done = cli("ask", "Where did Milley meet Gerasimov?", env=cli_env)
    assert done.returncode == 0 and "000_5302a115a2186422" in done.stdout


def test_an_interrupted_ingest_is_said_with_every_answer_until_an_ingest_completes(
    tmp_path: Path,
) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    question = "Where did Milley meet Gerasimov?"
    FileGuard(settings.index_dir).mark_started()  # what an ingest killed mid-way leaves
    index = open_index(settings)
    answer = build_pipeline(settings_for(index), index=index).answer(question)
    assert [c.article_id for c in answer.citations] == ["000_5302a115a2186422"]
    assert answer.notice == (
        "The index is incomplete: an ingest was interrupted; run `newsbot ingest` to finish it."
    )
    running = FileGuard(settings.index_dir)
    running.acquire(0)
    try:
        assert open_index(settings).notice.startswith("An ingest is running")
    finally:
        running.release()
    build_index(settings)
    index = open_index(settings)
    assert index.notice is None
    assert build_pipeline(settings_for(index), index=index).answer(question).notice is None


def test_a_truncated_onnx_export_fails_its_manifest(tmp_path: Path) -> None:
    from retrieval.integrity import write_manifest

    folder = tmp_path / "onnx"
    folder.mkdir()
    (folder / "model.onnx").write_bytes(b"\x08\x07" * 5000)
    (folder / "tokenizer.json").write_text("{}")
    write_manifest(folder)
    assert verify_manifest(folder) is None
    (folder / "model.onnx").write_bytes(b"\x08\x07" * 100)
    assert "model.onnx has 200 bytes, 10000 were written" in verify_manifest(folder)
    assert (folder / MANIFEST_FILE).exists()


@pytest.mark.slow
def test_a_truncated_onnx_model_is_exported_again(minilm_index, caplog) -> None:
    settings = minilm_index.settings
    model = settings.onnx_dir / "model.opt.onnx"  # the graph the query embedder loads
    model.write_bytes(model.read_bytes()[:1000])
    with caplog.at_level(logging.WARNING):
        embedder = query_embedder(settings)
    assert "ONNX query model is damaged" in caplog.text
    assert embedder.embed(["Milley met Gerasimov"]).shape == (1, 384)
    assert verify_manifest(settings.onnx_dir) is None


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False, timeout=10)
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(
    not _can_mount_read_only(), reason="needs a mount namespace for a read-only volume"
)
def test_a_read_only_index_answers_and_ingest_says_it_cannot_write(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """The index on a read-only bind mount (what a mounted volume is; chmod would not stop
    root): "attempt to write a readonly database" before the fix."""
    assert cli("ingest", env=cli_env).returncode == 0
    mount = tmp_path / "ro"
    mount.mkdir()
    script = (
        f"mount --bind {cli_env['NEWSBOT_INDEX_DIR']} {mount} && "
        f"mount -o remount,bind,ro {mount} && "
        f'{sys.executable} -m bot.cli ask "Where did Milley meet Gerasimov?"; echo "rc=$?"; '
        f'{sys.executable} -m bot.cli ingest; echo "rc=$?"'
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=ROOT,
        env={**cli_env, "NEWSBOT_INDEX_DIR": str(mount)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    ask_part, ingest_part = done.stdout.split("rc=", 1)
    assert "000_5302a115a2186422" in ask_part and ingest_part.startswith("0")
    assert "rc=1" in done.stdout
    assert "is read-only: reading works, but building or updating it needs write access" in (
        done.stderr
    )
    assert "readonly database" not in done.stderr and "Traceback" not in done.stderr


def _articles_committed(sqlite: Path) -> int:
    """How many article records Chroma's SQLite file holds, read-only (0 while it is created):
    the test watches the ingest from outside, through Chroma's own tables."""
    if not sqlite.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{sqlite}?mode=ro", uri=True, timeout=1) as db:
            row = db.execute(
                "SELECT count(*) FROM embeddings e JOIN segments s ON e.segment_id = s.id "
                "JOIN collections c ON s.collection = c.id WHERE c.name LIKE '%\\_articles' "
                "ESCAPE '\\'"
            ).fetchone()
    except sqlite3.Error:
        return 0
    return row[0]


@pytest.mark.slow
def test_ask_after_a_killed_ingest_answers_and_says_how_to_finish(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(25):  # long enough an ingest to be killed half-way
        for seed in SEEDS.iterdir():
            text = seed.read_text(encoding="utf-8").replace("Russia", f"Russia{i}", 1)
            (corpus / f"{seed.stem}_{i:02d}.txt").write_text(text, encoding="utf-8")
    env = {**cli_env, "NEWSBOT_CORPUS": str(corpus)}
    marker = Path(env["NEWSBOT_INDEX_DIR"]) / "ingest-in-progress.json"
    ingest = start_cli("ingest", env=env)
    sqlite = Path(env["NEWSBOT_INDEX_DIR"]) / "chroma" / "chroma.sqlite3"
    deadline = time.monotonic() + 60
    # Killed once a first window of articles is committed: a kill before any leaves an empty
    # index, which `ask` builds whole as on a first run (no ingest to finish then). A fixed
    # wait was too short on a slow machine.
    while time.monotonic() < deadline and not (marker.exists() and _articles_committed(sqlite)):
        time.sleep(0.05)
    ingest.kill()
    ingest.wait()
    assert marker.exists(), "the ingest finished before it could be interrupted"
    done = cli("ask", "Where did Milley meet Gerasimov?", env=env)
    assert done.returncode == 0, done.stderr
    assert "The index is incomplete: an ingest was interrupted; run `newsbot ingest`" in (
        done.stdout.replace("\n", " ")
    )
