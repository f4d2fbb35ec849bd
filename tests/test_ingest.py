from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from retrieval.embedders import HashingEmbedder
from retrieval.index import (
    build_index,
    corpus_version,
    open_index,
    open_store,
    refresh_keyword,
)
from retrieval.ingest import ingest
from tests.conftest import hashing_settings


class CountingEmbedder(HashingEmbedder):
    """Counts the texts it embeds; can fail after a given number of calls."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.calls = 0
        self.fail_after = fail_after

    def embed(self, texts):
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise KeyboardInterrupt("simulated interruption")
        self.calls += 1
        self.texts += list(texts)
        return super().embed(texts)


class PickyEmbedder(HashingEmbedder):
    """Fails any call that holds a text containing ``poison``, as an embedder may on one text."""

    def __init__(self, poison: str) -> None:
        super().__init__()
        self.poison = poison

    def embed(self, texts):
        if any(self.poison in t for t in texts):
            raise RuntimeError("cannot embed this text")
        return super().embed(texts)


def ingested(corpus: Path, tmp_path: Path, embedder: HashingEmbedder | None = None):
    """(settings, store, report) of a first ingest of ``corpus`` into a new index."""
    settings = hashing_settings(tmp_path / "index", corpus)
    store = open_store(settings)
    return settings, store, ingest(corpus, store, embedder or CountingEmbedder(), settings)


def live_passages(settings, store):
    records = store.articles()
    return [
        p
        for p in store.passages()
        if records.get(p.article_id, None) and records[p.article_id].content_hash == p.content_hash
    ]


def test_reingest_embeds_only_the_changed_article_and_drops_deleted(
    corpus: Path, tmp_path: Path
) -> None:
    settings, store, first = ingested(corpus, tmp_path)
    assert len(first.added) == 5 and first.passages_embedded > 0

    again = CountingEmbedder()
    report = ingest(corpus, store, again, settings)
    assert report.unchanged == first.added and again.texts == []

    changed = corpus / "003_0337de853ce0bf85.txt"
    changed.write_text(changed.read_text() + "\n\nA new closing sentence about Kaliningrad.\n")
    (corpus / "004_bce709b2bb2c44e6.txt").unlink()
    counter = CountingEmbedder()
    report = ingest(corpus, store, counter, settings)
    assert report.updated == ["003_0337de853ce0bf85"]
    assert report.removed == ["004_bce709b2bb2c44e6"]
    record = store.articles()["003_0337de853ce0bf85"]
    # exactly the changed article's passages and sentences were embedded again
    assert len(counter.texts) == record.n_passages + record.n_sentences
    assert "A new closing sentence about Kaliningrad." in counter.texts
    stored = list(store.passages())
    assert not any(p.article_id == "004_bce709b2bb2c44e6" for p in stored)
    assert {p.content_hash for p in stored if p.article_id == "003_0337de853ce0bf85"} == {
        record.content_hash
    }
    assert "004_bce709b2bb2c44e6" not in store.articles()


def test_interrupted_ingest_keeps_answering_from_the_old_version(
    corpus: Path, tmp_path: Path
) -> None:
    settings, store, _ = ingested(corpus, tmp_path)
    before = {p.id for p in live_passages(settings, store)}

    for name in ("000_5302a115a2186422.txt", "001_621e9de7b545f9e8.txt"):
        path = corpus / name
        path.write_text(path.read_text().replace("Russia", "the Russian Federation"))
    # The first embedding batch is written, then the process dies.
    from retrieval import ingest as ingest_module

    ingest_module.EMBED_BATCH_TEXTS, saved = 1, ingest_module.EMBED_BATCH_TEXTS
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest(corpus, store, CountingEmbedder(fail_after=1), settings)
    finally:
        ingest_module.EMBED_BATCH_TEXTS = saved

    records = store.articles()
    live = live_passages(settings, store)
    # Each article is wholly old or wholly new, never a mix, and none is missing.
    assert set(records) == {p.stem for p in corpus.iterdir()}
    for aid, record in records.items():
        assert {p.content_hash for p in live if p.article_id == aid} == {record.content_hash}
    assert {p.id for p in live if p.article_id == "001_621e9de7b545f9e8"} <= before
    # Searching never returns a passage of an uncommitted version.
    index = open_index(settings)
    for e in index.searcher().search("the Russian Federation", k=20):
        assert records[e.article_id].content_hash == e.content_hash

    report = ingest(corpus, store, CountingEmbedder(), settings)
    assert report.updated == ["001_621e9de7b545f9e8"]  # finishing the interrupted work


def test_an_article_the_embedder_fails_on_is_skipped_and_its_batch_commits(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "bad.txt").write_text("A bad article\n\nIt holds the word xyzzy, which fails.\n")
    _, store, report = ingested(corpus, tmp_path, PickyEmbedder("xyzzy"))
    assert [s.name for s in report.skipped] == ["bad"]
    assert "could not be embedded" in report.skipped[0].reason
    assert sorted(report.added) == sorted(p.stem for p in corpus.iterdir() if p.stem != "bad")
    assert set(store.articles()) == set(report.added)
    # The cause is not an article when every one fails: the error is raised.
    fresh = hashing_settings(tmp_path / "fresh", corpus)
    with pytest.raises(RuntimeError):
        ingest(corpus, open_store(fresh), PickyEmbedder(" "), fresh)


def test_keyword_index_is_cached_by_corpus_version(tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index")
    _, index = build_index(settings)
    version_file = settings.keyword_dir / corpus_version(index.records) / "version.txt"
    stamp = version_file.stat().st_mtime_ns
    again = refresh_keyword(settings, index.store, index.store.articles())
    assert version_file.stat().st_mtime_ns == stamp
    assert [p.id for p in again.passages] == [p.id for p in index.keyword.passages]


def test_hashing_embedder_is_deterministic_and_unit_length() -> None:
    a = HashingEmbedder().embed(["Milley met Gerasimov", ""])
    b = HashingEmbedder().embed(["Milley met Gerasimov", ""])
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_a_change_of_the_sentence_bound_re_embeds_the_articles(
    corpus: Path, tmp_path: Path
) -> None:
    settings, store, _ = ingested(corpus, tmp_path)
    bounded = replace(settings, max_sentence_chars=settings.max_sentence_chars // 2)
    report = ingest(corpus, store, CountingEmbedder(), bounded)
    assert sorted(report.updated) == sorted(p.stem for p in corpus.iterdir())
