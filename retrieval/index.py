"""Opens the index a command needs, building it on first use: store, keyword index, embedder."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace

from retrieval.embedders import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from retrieval.ingest import IngestReport, Progress, ingest
from retrieval.keyword import KeywordIndex
from retrieval.onnx_export import export_onnx, load_exported
from retrieval.records import ArticleRecord, passage_id
from retrieval.search import HybridSearcher
from retrieval.settings import RetrievalSettings
from retrieval.stores import ChromaStore, Store, chroma_client

log = logging.getLogger(__name__)


class LazyEmbedder:
    """Loads the real model only when something must be embedded: a no-op ingest stays fast."""

    def __init__(self, name: str, dim: int, factory: Callable[[], Embedder]) -> None:
        self.name, self.dim, self._factory = name, dim, factory
        self._loaded: Embedder | None = None

    @property
    def loaded(self) -> Embedder | None:
        return self._loaded

    def embed(self, texts):  # noqa: ANN001, ANN201 - the Embedder signature
        if self._loaded is None:
            self._loaded = self._factory()
        return self._loaded.embed(texts)


def open_store(settings: RetrievalSettings) -> Store:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    client = chroma_client(path=str(settings.chroma_path), url=settings.chroma_url)
    return ChromaStore(client, prefix=settings.collection_prefix, hnsw=settings.hnsw)


def minilm_embedder(settings: RetrievalSettings) -> Embedder:
    """The ONNX export beside the index, written first from sentence-transformers if missing.

    Queries and ingest both use it: it gives the model's vectors without loading torch (~5 s), so
    only the very first ingest of an index pays for torch, to export.
    """
    exported = load_exported(settings.onnx_dir)
    if exported is not None:
        return exported
    model = SentenceTransformerEmbedder()
    try:
        export_onnx(model, settings.onnx_dir)
    except Exception as exc:  # noqa: BLE001 - the export is an optimisation; the model still answers
        log.warning("ONNX export of the model failed, using sentence-transformers: %s", exc)
        return model
    return load_exported(settings.onnx_dir) or model


def document_embedder(settings: RetrievalSettings) -> LazyEmbedder:
    if settings.embedder == "hashing":
        return LazyEmbedder("hashing", 256, HashingEmbedder)
    if settings.embedder != "minilm":
        raise ValueError(f"unknown embedder {settings.embedder!r} (use 'minilm' or 'hashing')")
    return LazyEmbedder("all-MiniLM-L6-v2", 384, lambda: minilm_embedder(settings))


def query_embedder(settings: RetrievalSettings, documents: LazyEmbedder | None = None) -> Embedder:
    """The embedder ingest loaded, if it did; else the ONNX export (written now if missing)."""
    if settings.embedder == "hashing":
        return HashingEmbedder()
    if documents is not None and documents.loaded is not None:
        return documents.loaded
    return minilm_embedder(settings)


def corpus_version(records: dict[str, ArticleRecord]) -> str:
    digest = hashlib.sha256()
    for aid in sorted(records):
        digest.update(f"{aid}={records[aid].content_hash};".encode())
    return digest.hexdigest()


@dataclass
class Index:
    settings: RetrievalSettings
    store: Store
    records: dict[str, ArticleRecord]
    keyword: KeywordIndex
    embedder: Embedder

    def searcher(self) -> HybridSearcher:
        return HybridSearcher(
            self.store,
            self.embedder,
            self.keyword,
            {aid: r.content_hash for aid, r in self.records.items()},
            top_k=self.settings.top_k,
            candidates=self.settings.candidates,
            dense_weight=self.settings.dense_weight,
            min_similarity=self.settings.no_match_similarity,
            date_pool=self.settings.date_pool,
        )

    def refreshed(self) -> Index:
        """This index while the committed corpus is unchanged, else one on the new version (for
        a long-running process while another one ingests). The check costs one metadata read."""
        records = self.store.articles()
        if corpus_version(records) == corpus_version(self.records):
            return self
        if self.settings.chroma_url is None:
            # An embedded client keeps the vector index it loaded: another process's writes
            # are only seen through a new client, so drop chromadb's per-path client cache.
            from chromadb.api.client import SharedSystemClient

            SharedSystemClient.clear_system_cache()
        store = open_store(self.settings)
        records = store.articles()
        keyword = refresh_keyword(self.settings, store, records)
        return replace(self, store=store, records=records, keyword=keyword)


def refresh_keyword(settings: RetrievalSettings, store: Store, records) -> KeywordIndex:  # noqa: ANN001
    """The BM25 index for the committed corpus, from the disk cache or rebuilt.

    A rebuild after an ingest starts from the previous cache: its passages of unchanged articles
    are kept, and only those of new or changed articles are read from the store (by their ids,
    which the records determine), instead of reading every passage back.
    """
    version = corpus_version(records)
    cached = KeywordIndex.load(settings.keyword_dir, version)
    if cached is not None:
        return cached
    live = {aid: r.content_hash for aid, r in records.items()}
    previous = KeywordIndex.load(settings.keyword_dir, None)
    if previous is None:
        passages = [p for p in store.passages() if live.get(p.article_id) == p.content_hash]
    else:
        passages = [p for p in previous.passages if live.get(p.article_id) == p.content_hash]
        have = {p.article_id for p in passages}
        wanted = [
            passage_id(aid, r.content_hash, n)
            for aid, r in records.items()
            if aid not in have
            for n in range(r.n_passages)
        ]
        passages += [
            p for p in store.get_passages(wanted) if live.get(p.article_id) == p.content_hash
        ]
    keyword = KeywordIndex.build(passages)
    keyword.save(settings.keyword_dir, version)
    return keyword


def build_index(
    settings: RetrievalSettings, store: Store | None = None, progress: Progress | None = None
) -> tuple[IngestReport, Index]:
    """Ingest ``settings.corpus_dir`` and return the refreshed index."""
    store = store or open_store(settings)
    documents = document_embedder(settings)
    report = ingest(settings.corpus_dir, store, documents, settings, progress)
    records = store.articles()
    keyword = refresh_keyword(settings, store, records)
    return report, Index(settings, store, records, keyword, query_embedder(settings, documents))


def open_index(
    settings: RetrievalSettings,
    progress: Progress | None = None,
    on_build: Callable[[IngestReport], None] | None = None,
) -> Index:
    """The index, built from the corpus first when the store holds no article yet."""
    store = open_store(settings)
    records = store.articles()
    if not records:
        report, index = build_index(settings, store, progress)
        if on_build:
            on_build(report)
        return index
    keyword = refresh_keyword(settings, store, records)
    return Index(settings, store, records, keyword, query_embedder(settings))
