"""The embedded index's snapshot: readers answer from it exactly as from Chroma, and fall back to
Chroma whenever it may not be the committed corpus (an ingest marked, damage, past the limit)."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.answering.factory import build_pipeline
from bot.config import ConfigError, Settings
from retrieval.index import build_index, open_index, open_store
from retrieval.integrity import verify_manifest
from retrieval.lock import FileGuard
from retrieval.records import passage_id, sentence_id
from retrieval.snapshot import ROWS_FILE, VECTORS_FILE, ReadOnlySnapshot, SnapshotStore
from retrieval.stores import ChromaStore
from retrieval.versions import current
from tests.conftest import QUESTIONS, hashing_settings, newsbot, settings_for

QUERIES = ["Where did Milley meet Gerasimov?", "troops near Ukraine", "Manas base closed"]


def _questions() -> list[str]:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    return [row["question"] for row in rows]


def _published(settings) -> Path:
    return settings.snapshot_dir / current(settings.snapshot_dir)


def test_a_reader_answers_from_the_snapshot_exactly_as_from_chroma(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    snapshot = open_index(settings)
    chroma = open_index(replace(settings, snapshot_max_texts=0))
    assert isinstance(snapshot.store, SnapshotStore) and isinstance(chroma.store, ChromaStore)
    assert snapshot.records == chroma.records
    for query in QUERIES:
        vector = snapshot.embedder.embed([query])[0]
        ours, theirs = snapshot.store.nearest(vector, 12), chroma.store.nearest(vector, 12)
        assert [pid for pid, _ in ours] == [pid for pid, _ in theirs]
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)
        assert snapshot.store.query(vector, 3) == [
            (p, pytest.approx(s, abs=1e-5)) for p, s in chroma.store.query(vector, 3)
        ]
    pids = [pid for pid, _ in chroma.store.nearest(snapshot.embedder.embed(["Kabul"])[0], 5)]
    assert snapshot.store.get_passages(pids + ["no-such-id"]) == chroma.store.get_passages(pids)
    sids = [sentence_id(aid, r.content_hash, 1) for aid, r in chroma.records.items()]
    ours, our_vectors = snapshot.store.sentences(sids + sids[:1])
    theirs, their_vectors = chroma.store.sentences(sids + sids[:1])
    assert ours == theirs and np.array_equal(our_vectors, their_vectors)
    aids = sorted(chroma.records)
    assert snapshot.store.bodies(aids) == chroma.store.bodies(aids)
    ask_snapshot = build_pipeline(settings_for(snapshot), index=snapshot)
    ask_chroma = build_pipeline(settings_for(chroma), index=chroma)
    for question in _questions():
        ours, theirs = (ask(question).to_json() for ask in (ask_snapshot.answer, ask_chroma.answer))
        ours.pop("timings_ms"), theirs.pop("timings_ms")
        assert ours == theirs, question
    with pytest.raises(ReadOnlySnapshot):
        snapshot.store.prune_many({aids[0]: "x"})


def test_an_ingest_marked_in_progress_is_read_from_chroma_with_its_notice(
    tmp_path: Path,
) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    FileGuard(settings.index_dir).mark_started()  # what an ingest killed mid-way leaves
    index = open_index(settings)
    assert isinstance(index.store, ChromaStore)
    assert index.notice.startswith("The index is incomplete")


def test_a_changed_corpus_is_published_again_and_a_running_reader_moves_to_it(
    tmp_path: Path, corpus: Path
) -> None:
    settings = hashing_settings(tmp_path / "index", corpus)
    build_index(settings)
    reader = open_index(settings)
    before = current(settings.snapshot_dir)
    assert isinstance(reader.store, SnapshotStore) and reader.refreshed() is reader
    article = sorted(corpus.iterdir())[0]
    article.write_text(
        article.read_text(encoding="utf-8") + "\nThe Zanzibarian envoy arrived late.\n",
        encoding="utf-8",
    )
    build_index(settings)
    after = current(settings.snapshot_dir)
    assert after != before and not (settings.snapshot_dir / before).exists()
    moved = reader.refreshed()
    assert moved is not reader and isinstance(moved.store, SnapshotStore)
    assert moved.records == open_index(replace(settings, snapshot_max_texts=0)).records
    assert "Zanzibarian" in moved.searcher().search("Zanzibarian envoy", k=1)[0].text
    assert not reader.searcher().search("Zanzibarian envoy", k=1)  # its own version, whole


def test_an_ingest_that_changes_nothing_leaves_the_snapshot_as_it_is(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    folder = _published(settings)
    written = (folder / VECTORS_FILE).stat()
    build_index(settings)
    assert _published(settings) == folder
    assert (folder / VECTORS_FILE).stat().st_mtime_ns == written.st_mtime_ns


@pytest.mark.parametrize("damage", ["truncate the vectors", "change a sentence's text"])
def test_a_damaged_snapshot_is_read_from_chroma_and_published_again(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    folder = _published(settings)
    expected = [e.passage_id for e in open_index(settings).searcher().search(QUERIES[0], k=5)]
    if damage.startswith("truncate"):
        vectors = folder / VECTORS_FILE
        vectors.write_bytes(vectors.read_bytes()[:-100])
    else:
        rows = folder / ROWS_FILE
        rows.write_text(rows.read_text(encoding="utf-8").replace("Gerasimov", "Gerasimoff", 1))
    with caplog.at_level(logging.WARNING):
        index = open_index(settings)
    assert "index snapshot damaged" in caplog.text
    assert isinstance(index.store, ChromaStore) and not folder.exists()
    assert [e.passage_id for e in index.searcher().search(QUERIES[0], k=5)] == expected
    build_index(settings)
    assert isinstance(open_index(settings).store, SnapshotStore)


def test_an_index_past_the_limit_keeps_no_snapshot(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    assert current(settings.snapshot_dir)
    small = replace(settings, snapshot_max_texts=10)  # the seeds hold ~200 passages + sentences
    build_index(small)
    assert not settings.snapshot_dir.exists()
    assert isinstance(open_index(settings).store, ChromaStore)


def test_a_store_deleted_by_hand_is_built_again_not_answered_from_its_copy(
    cli_env: dict[str, str],
) -> None:
    assert newsbot(cli_env, "ingest").returncode == 0
    shutil.rmtree(Path(cli_env["NEWSBOT_INDEX_DIR"]) / "chroma")
    done = newsbot(cli_env, "ask", QUERIES[0])
    assert done.returncode == 0 and "indexed 5 articles" in done.stderr


def test_a_reader_on_a_snapshot_moves_to_chroma_once_an_ingest_is_marked(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    reader = open_index(settings)
    assert isinstance(reader.store, SnapshotStore) and reader.refreshed() is reader
    FileGuard(settings.index_dir).mark_started()
    moved = reader.refreshed()
    assert isinstance(moved.store, ChromaStore) and moved.records == reader.records
    assert moved.notice.startswith("The index is incomplete")


def test_an_ingest_publishes_again_a_damaged_snapshot_of_its_version(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    vectors = _published(settings) / VECTORS_FILE
    vectors.write_bytes(vectors.read_bytes()[:-100])
    build_index(settings)  # nothing changed in the corpus
    assert verify_manifest(_published(settings)) is None
    assert isinstance(open_index(settings).store, SnapshotStore)


def test_corpora_under_two_collection_prefixes_keep_a_snapshot_each(
    tmp_path: Path, corpus: Path
) -> None:
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(sorted(corpus.iterdir())[0], one)
    news = hashing_settings(tmp_path / "index", corpus)
    other = replace(hashing_settings(tmp_path / "index", one), collection_prefix="other")
    build_index(news)
    build_index(other)
    assert len(open_index(news).records) == 5 and len(open_index(other).records) == 1
    assert isinstance(open_index(news).store, SnapshotStore)


@pytest.mark.parametrize(("raw", "expected"), [(None, 20_000), ("0", 0), ("500", 500)])
def test_the_snapshot_limit_is_read_from_the_environment(raw: str | None, expected: int) -> None:
    env = {} if raw is None else {"NEWSBOT_SNAPSHOT_MAX_TEXTS": raw}
    assert Settings.from_env(env).retrieval.snapshot_max_texts == expected


def test_a_negative_snapshot_limit_is_one_line_saying_what_is_allowed() -> None:
    with pytest.raises(ConfigError, match="NEWSBOT_SNAPSHOT_MAX_TEXTS must be 0 or more"):
        Settings.from_env({"NEWSBOT_SNAPSHOT_MAX_TEXTS": "-1"})


def test_rows_an_interrupted_ingest_never_committed_go_with_the_next_ingest(
    tmp_path: Path,
) -> None:
    """Rows of a version no ingest committed (an article whose file was deleted, or put back as
    it was, after an ingest stopped part-way) are pruned by the next ingest, so Chroma's dense
    candidates are the snapshot's: the live rows."""
    settings = hashing_settings(tmp_path / "index")
    build_index(settings)
    store = open_store(settings, write=True)
    live = next(iter(store.articles().values()))
    stray = [
        replace(p, id=p.id.replace(live.content_hash[:12], "0" * 12), content_hash="0" * 64)
        for p in store.get_passages([passage_id(live.id, live.content_hash, 0)])
    ]
    store.add_passages(stray, np.ones((1, 256), dtype=np.float32))
    FileGuard(settings.index_dir).mark_started()  # the ingest that wrote them was killed
    assert store.get_passages([stray[0].id]) == stray
    build_index(settings)
    assert open_store(settings).get_passages([stray[0].id]) == []
    chroma = open_index(replace(settings, snapshot_max_texts=0))
    snapshot = open_index(settings)
    vector = snapshot.embedder.embed([QUERIES[0]])[0]
    assert [i for i, _ in chroma.store.nearest(vector, 40)] == [
        i for i, _ in snapshot.store.nearest(vector, 40)
    ]
