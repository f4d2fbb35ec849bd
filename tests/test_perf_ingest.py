"""Ingest performance contracts: batched writes across articles, progress in texts, resuming an
interrupted ingest without embedding again, and the crash-safety order kept while batched."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import ingest as ingest_module
from retrieval.embedders import HashingEmbedder
from retrieval.index import open_store
from retrieval.ingest import ingest
from retrieval.stores import MemoryStore
from tests.conftest import hashing_settings
from tests.test_ingest import CountingEmbedder


class RecordingStore(MemoryStore):
    """Logs every write in order, to check batching and the write -> commit -> prune order."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, int]] = []

    def add_passages(self, passages, vectors) -> None:
        self.log.append(("passages", len(passages)))
        super().add_passages(passages, vectors)

    def add_sentences(self, sentences, vectors) -> None:
        self.log.append(("sentences", len(sentences)))
        super().add_sentences(sentences, vectors)

    def commit_articles(self, commits) -> None:
        self.log.append(("commit", len(commits)))
        super().commit_articles(commits)

    def prune_many(self, keep) -> None:
        self.log.append(("prune", len(keep)))
        super().prune_many(keep)


def test_writes_are_batched_across_articles_and_committed_after_their_rows(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "EMBED_CHUNK_TEXTS", 64)
    store = RecordingStore()
    report = ingest(corpus, store, CountingEmbedder(), hashing_settings(tmp_path, corpus))
    texts = report.passages_embedded + report.sentences_embedded
    assert len(report.added) == 5 and texts > 150
    # All five articles fit one window: one commit and one prune for all of them, and row
    # writes one per embedding chunk and kind, not one per article.
    assert [entry for entry in store.log if entry[0] in ("commit", "prune")] == [
        ("commit", 5),
        ("prune", 5),
    ]
    row_writes = [n for kind, n in store.log if kind in ("passages", "sentences")]
    assert sum(row_writes) == texts and len(row_writes) <= 2 * (-(-texts // 64))
    assert store.log.index(("commit", 5)) > max(
        i for i, (kind, _) in enumerate(store.log) if kind in ("passages", "sentences")
    )


def test_progress_counts_texts_as_they_are_embedded(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "EMBED_CHUNK_TEXTS", 32)
    calls: list[tuple[int, int]] = []
    report = ingest(
        corpus,
        MemoryStore(),
        CountingEmbedder(),
        hashing_settings(tmp_path, corpus),
        progress=lambda done, total: calls.append((done, total)),
    )
    total = report.passages_embedded + report.sentences_embedded
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(calls) >= total // 32
    assert all(b - a <= 32 for a, b in zip(done, done[1:]))


def test_resumed_ingest_reuses_rows_written_before_the_interruption(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = hashing_settings(tmp_path / "index", corpus)
    store = open_store(settings)
    monkeypatch.setattr(ingest_module, "EMBED_CHUNK_TEXTS", 16)
    # Two chunks are embedded and written, then the process dies before any commit.
    with pytest.raises(KeyboardInterrupt):
        ingest(corpus, store, CountingEmbedder(fail_after=2), settings)
    assert store.articles() == {}  # nothing committed: searches see nothing half-written

    again = CountingEmbedder()
    report = ingest(corpus, store, again, settings)
    assert len(report.added) == 5
    records = store.articles()
    total = sum(r.n_passages + r.n_sentences for r in records.values())
    assert len(again.texts) == total - 32  # the 32 stored texts were not embedded again
    assert report.passages_embedded + report.sentences_embedded == total - 32
    # The reused rows are the ones now live, once each.
    live = [p for p in store.passages() if records[p.article_id].content_hash == p.content_hash]
    assert sum(r.n_passages for r in records.values()) == len(live)


def test_batched_prune_drops_only_old_versions(corpus: Path, tmp_path: Path) -> None:
    settings = hashing_settings(tmp_path / "index", corpus)
    store = open_store(settings)
    ingest(corpus, store, HashingEmbedder(), settings)
    for name in ("000_5302a115a2186422.txt", "003_0337de853ce0bf85.txt"):
        path = corpus / name
        path.write_text(path.read_text() + "\n\nOne more closing sentence.\n")
    report = ingest(corpus, store, HashingEmbedder(), settings)
    assert sorted(report.updated) == ["000_5302a115a2186422", "003_0337de853ce0bf85"]
    records = store.articles()
    stored = list(store.passages())
    assert {(p.article_id, p.content_hash) for p in stored} == {
        (aid, r.content_hash) for aid, r in records.items()
    }
    assert len(stored) == sum(r.n_passages for r in records.values())


def test_keyword_refresh_reads_back_only_changed_articles(corpus: Path, tmp_path: Path) -> None:
    from retrieval.index import build_index, refresh_keyword
    from retrieval.keyword import KeywordIndex

    settings = hashing_settings(tmp_path / "index", corpus)
    _, index = build_index(settings)
    path = corpus / "002_dead59048cb22baa.txt"
    path.write_text(path.read_text() + "\n\nA sentence about Tartus harbour.\n")
    (corpus / "004_bce709b2bb2c44e6.txt").unlink()
    ingest(corpus, index.store, HashingEmbedder(), settings)

    class NoFullScan:
        """The store, minus reading every passage back."""

        def __init__(self, store) -> None:
            self.store = store

        def passages(self):
            raise AssertionError("the keyword index was rebuilt from a full scan")

        def __getattr__(self, name: str):
            return getattr(self.store, name)

    records = index.store.articles()
    keyword = refresh_keyword(settings, NoFullScan(index.store), records)
    full = KeywordIndex.build(
        p for p in index.store.passages() if records[p.article_id].content_hash == p.content_hash
    )
    assert [p.id for p in keyword.passages] == [p.id for p in full.passages]
    assert {p.article_id for p in keyword.passages} == set(records)
    assert "004_bce709b2bb2c44e6" not in records


def test_keyword_rebuild_tokenises_only_changed_passages_and_equals_a_fresh_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval import keyword as keyword_module
    from retrieval.index import build_index, refresh_keyword
    from retrieval.keyword import KeywordIndex

    settings = hashing_settings(tmp_path / "index", corpus)
    _, index = build_index(settings)
    path = corpus / "000_5302a115a2186422.txt"
    path.write_text(path.read_text().replace("Helsinki", "Tartus harbour", 1))
    (corpus / "004_bce709b2bb2c44e6.txt").unlink()
    ingest(corpus, index.store, HashingEmbedder(), settings)
    records = index.store.articles()

    tokenised: list[str] = []
    real_tokenize = keyword_module.tokenize

    def counting(texts: list[str]) -> list[list[str]]:
        tokenised.extend(texts)
        return real_tokenize(texts)

    monkeypatch.setattr(keyword_module, "tokenize", counting)
    updated = refresh_keyword(settings, index.store, records)
    changed = {p.text for p in updated.passages if p.article_id == "000_5302a115a2186422"}
    assert any("Tartus" in text for text in tokenised)
    assert set(tokenised) < changed  # the article's other passages and every other article's
    # passages kept their tokens
    monkeypatch.setattr(keyword_module, "tokenize", real_tokenize)

    fresh = KeywordIndex.build(
        p for p in index.store.passages() if records[p.article_id].content_hash == p.content_hash
    )
    assert list(updated.passages) == list(fresh.passages)
    n = len(fresh.passages)
    for query in ("Tartus harbour", "Gates Serdyukov Brussels meeting", "missile defense"):
        assert updated.search(query, n) == fresh.search(query, n)
    # The same after the round trip through the cache a query process loads.
    loaded = KeywordIndex.load(settings.keyword_dir, None)
    assert loaded.search("Tartus harbour", n) == fresh.search("Tartus harbour", n)


def test_saved_tokens_failing_their_checksum_are_not_reused(hashing_index, tmp_path) -> None:
    from retrieval.keyword import TOKENS_FILE, KeywordIndex

    folder = tmp_path / "kw"
    KeywordIndex.build(hashing_index.keyword.passages).save(folder, "v1")
    assert KeywordIndex.tokens_by_text(folder)
    saved = folder / "v1" / TOKENS_FILE
    saved.write_bytes(saved.read_bytes()[:-8] + b"\0" * 8)  # same size, other bytes
    assert KeywordIndex.tokens_by_text(folder) == {}
    assert KeywordIndex.load(folder, "v1") is not None  # a query process does not need them


def test_hnsw_settings_reach_the_passages_collection(tmp_path: Path) -> None:
    from dataclasses import replace

    settings = replace(hashing_settings(tmp_path), hnsw_ef_search=150, hnsw_m=24)
    store = open_store(settings)
    hnsw = store._passages.configuration_json["hnsw"]
    assert (hnsw["ef_search"], hnsw["max_neighbors"], hnsw["space"]) == (150, 24, "cosine")
    # Reopened with another ef_search: the graph stays, the search breadth follows the settings.
    store = open_store(replace(settings, hnsw_ef_search=300, hnsw_m=8))
    hnsw = store._passages.configuration_json["hnsw"]
    assert (hnsw["ef_search"], hnsw["max_neighbors"]) == (300, 24)


def test_keyword_cache_round_trips_passages_by_column(hashing_index, tmp_path: Path) -> None:
    from retrieval.keyword import KeywordIndex

    original = hashing_index.keyword
    original.save(tmp_path / "kw", "v1")
    assert KeywordIndex.load(tmp_path / "kw", "v2") is None
    loaded = KeywordIndex.load(tmp_path / "kw", "v1")
    assert list(loaded.passages) == list(original.passages)
    some = original.passages[3]
    assert some.id in loaded.by_id and loaded.by_id.get(some.id) == some
    assert loaded.by_id.get("no such id") is None
    query = "Gates Serdyukov Brussels meeting"
    assert loaded.search(query, 5) == original.search(query, 5)
