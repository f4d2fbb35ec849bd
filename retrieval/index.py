"""Opens the index a command needs, building it on first use: store, keyword index, embedder."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.embedders import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from retrieval.integrity import (
    CHROMA_DB,
    check_chroma,
    chroma_folder_for_reading,
    require_writable,
    verify_manifest,
    write_manifest,
)
from retrieval.keyword import TOKENIZER_VERSION, KeywordIndex
from retrieval.lock import (
    FileGuard,
    Guard,
    OnWait,
    StoreGuard,
    chroma_access,
    holding,
    incomplete_notice,
)
from retrieval.onnx_export import export_onnx, load_exported, take_preloaded
from retrieval.records import ArticleRecord
from retrieval.search import HybridSearcher
from retrieval.settings import RetrievalSettings
from retrieval.snapshot import SnapshotStore, load_snapshot, publish_snapshot
from retrieval.stores import STORED, ChromaStore, Store, chroma_client
from retrieval.versions import current, discard

if TYPE_CHECKING:  # ingest is imported where it runs: a query process needs none of it (pysbd)
    from retrieval.ingest import IngestReport, Progress

log = logging.getLogger(__name__)


class LazyEmbedder:
    """Loads the real model only when something must be embedded: a no-op ingest stays fast."""

    def __init__(self, name: str, dim: int, factory: Callable[[], Embedder]) -> None:
        self.name, self.dim, self._factory = name, dim, factory
        self._loaded: Embedder | None = None

    @property
    def loaded(self) -> Embedder | None:
        return self._loaded

    def embed(self, texts):
        if self._loaded is None:
            self._loaded = self._factory()
        return self._loaded.embed(texts)


def _client(settings: RetrievalSettings, *, write: bool = False, fresh: bool = False):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    path = settings.chroma_path
    if not settings.chroma_url:
        # Checked before Chroma opens the files: a garbled HNSW file crashes the process.
        _check_while_importing_chromadb(path)
        if write:
            require_writable(settings.index_dir)
        else:
            path = chroma_folder_for_reading(path)
        if path == settings.chroma_path:
            # Opening a new store creates its SQLite tables: two processes starting on an empty
            # index at once would both create them ("table collections already exists").
            with chroma_access(settings.index_dir):
                return chroma_client(path=str(path), fresh=fresh)
    return chroma_client(
        path=str(path), url=settings.chroma_url, timeout=settings.chroma_timeout_s, fresh=fresh
    )


def _check_while_importing_chromadb(path: Path) -> None:
    """``check_chroma(path)``, run beside the first ``import chromadb`` of the process.

    The check is SQLite's ``quick_check`` and reading the HNSW files (~0.2 s at 1,000 articles),
    mostly outside the GIL; the import is Python. The check's thread imports nothing (its
    modules are loaded with this one), so the two never import the same module at once. Its
    error is raised here, before anything else, as when it ran alone.
    """
    if "chromadb" in sys.modules:
        check_chroma(path)
        return
    failure: list[Exception] = []

    def check() -> None:
        try:
            check_chroma(path)
        except Exception as exc:
            failure.append(exc)

    thread = threading.Thread(target=check, name="newsbot-check-chroma")
    thread.start()
    try:
        import chromadb  # noqa: F401 - imported while the files are checked
    finally:
        thread.join()
        if failure:
            raise failure[0]


def open_store(settings: RetrievalSettings, *, write: bool = False) -> Store:
    """The store; a read-only embedded index is read from a copy unless ``write``."""
    client = _client(settings, write=write)
    if settings.chroma_url:
        return ChromaStore(client, prefix=settings.collection_prefix, hnsw=settings.hnsw)
    # Another process's ingest can leave this process's cached view of the files outdated.
    path = client.get_settings().persist_directory
    shared = Path(path) == Path(settings.chroma_path)  # not a private read-only copy
    return ChromaStore(
        client,
        prefix=settings.collection_prefix,
        hnsw=settings.hnsw,
        reopen=lambda: chroma_client(path=path, fresh=True),
        access=chroma_access(settings.index_dir) if shared else None,
    )


def open_reader(settings: RetrievalSettings) -> Store:
    """The store for a process that only reads: the index's snapshot while it is current (no
    chromadb to import), else the store itself."""
    return _current_snapshot(settings) or open_store(settings)


def _current_snapshot(settings: RetrievalSettings) -> SnapshotStore | None:
    """The embedded index's snapshot, when one is published and no ingest is marked (see
    ``retrieval.snapshot``). Chroma's files are checked as when they are opened, so a damaged
    index says so whichever copy answers."""
    if settings.chroma_url or not settings.snapshot_max_texts:
        return None
    guard = FileGuard(settings.index_dir)
    # A store deleted by hand is an index to build again, not one to answer from its copy.
    if (
        guard.marked()
        or not current(settings.snapshot_dir)
        or not (settings.chroma_path / CHROMA_DB).exists()
    ):
        return None
    check_chroma(settings.chroma_path)

    def is_current(version: str) -> bool:
        return current(settings.snapshot_dir) == version and not guard.marked()

    snapshot = load_snapshot(settings.snapshot_dir, is_current)
    # An ingest that began while it loaded is said as with Chroma ("An ingest is running").
    return snapshot if snapshot is not None and not guard.marked() else None


def _publish_snapshot(settings: RetrievalSettings, store: Store, records) -> None:
    if settings.chroma_url:
        return
    # Content hashes include what the rows were made with (``settings.signature``): a new
    # embedder is a new corpus version.
    version = corpus_version(records)
    try:
        publish_snapshot(
            settings.snapshot_dir, version, store, records, settings.snapshot_max_texts
        )
    except Exception as exc:
        # The ingest itself is committed; readers open Chroma, as they would without a snapshot.
        log.warning("index snapshot not written (%s)", getattr(exc, "strerror", None) or exc)
        discard(settings.snapshot_dir)


def open_guard(settings: RetrievalSettings, store: Store | None = None) -> Guard:
    """The ingest lock of this index: a lock file beside it, or a lease on the Chroma server."""
    if settings.chroma_url:
        client = store.client if isinstance(store, ChromaStore) else _client(settings)
        return StoreGuard(client, settings.collection_prefix, settings.lease_s)
    return FileGuard(settings.index_dir)


def _wipe(settings: RetrievalSettings) -> None:
    """Delete the stored index (not the corpus) so it can be rebuilt from the corpus."""
    if settings.chroma_url:
        client = _client(settings, write=True)
        for name in (f"{settings.collection_prefix}_{k}" for k in STORED):
            try:
                client.delete_collection(name)
            except Exception as exc:
                log.debug("no collection %s to delete: %s", name, exc)
    else:
        import chromadb

        # Forget this process's view of the files about to go, or a new client would reuse it.
        chromadb.api.client.SharedSystemClient.clear_system_cache()
        shutil.rmtree(settings.chroma_path, ignore_errors=True)
        shutil.rmtree(settings.snapshot_dir, ignore_errors=True)
    shutil.rmtree(settings.keyword_dir, ignore_errors=True)


def minilm_embedder(settings: RetrievalSettings) -> Embedder:
    """The ONNX export beside the index, written first from sentence-transformers if missing.

    Queries and ingest both use it: it gives the model's vectors without loading torch (~5 s), so
    only the very first ingest of an index pays for torch, to export.
    """
    exported = _load_checked(settings.onnx_dir)
    if exported is not None:
        return exported
    model = SentenceTransformerEmbedder()
    try:
        export_onnx(model, settings.onnx_dir)
        write_manifest(settings.onnx_dir)
    except Exception as exc:
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


def _load_checked(folder: Path) -> Embedder | None:
    """The ONNX export when it is whole; a damaged one (a truncated model) is removed, to be
    exported again from the installed model. Sizes only: a checksum of the 90 MB model would
    add ~90 ms to every start, and a model garbled in place fails onnxruntime's own load."""
    problem = verify_manifest(folder, required=False, checksums=False)
    if problem is None:
        try:
            embedder = take_preloaded(folder)  # loaded in the background, if started
            return embedder if embedder is not None else load_exported(folder)
        except Exception as exc:
            problem = f"{folder} cannot be loaded ({type(exc).__name__})"
    log.warning("the ONNX query model is damaged (%s); exporting it again", problem)
    shutil.rmtree(folder, ignore_errors=True)
    return None


def corpus_version(records: dict[str, ArticleRecord]) -> str:
    """The committed corpus's version as the keyword index reads it: a new tokeniser makes a
    new one too, so that a cached BM25 index of the old tokens is rebuilt, not reused."""
    digest = hashlib.sha256(f"tokens={TOKENIZER_VERSION};".encode())
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
    # Said with every answer while the index is not the whole corpus (an unfinished ingest).
    notice: str | None = None

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
        a long-running process while another one ingests). The check costs one metadata read,
        or for a snapshot two small files' reads."""
        if self.store.is_current():
            records = self.store.articles()
            if corpus_version(records) == corpus_version(self.records):
                return self
        if self.settings.chroma_url is None and "chromadb" in sys.modules:
            # An embedded client keeps the vector index it loaded: another process's writes
            # are only seen through a new client, so drop chromadb's per-path client cache.
            from chromadb.api.client import SharedSystemClient

            SharedSystemClient.clear_system_cache()
        store = open_reader(self.settings)
        records = store.articles()
        keyword = refresh_keyword(self.settings, store, records)
        notice = incomplete_notice(open_guard(self.settings, store))
        return replace(self, store=store, records=records, keyword=keyword, notice=notice)


def refresh_keyword(settings: RetrievalSettings, store: Store, records) -> KeywordIndex:
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
        wanted = [pid for aid, r in records.items() if aid not in have for pid in r.passage_ids()]
        passages += [
            p for p in store.get_passages(wanted) if live.get(p.article_id) == p.content_hash
        ]
    # Tokens saved with the previous version: only new or changed passages are tokenised.
    known = KeywordIndex.tokens_by_text(settings.keyword_dir) if previous is not None else None
    keyword = KeywordIndex.build(passages, known)
    # An ingest running meanwhile may prune rows while we read them: cache only an index that
    # holds every committed passage, so the cache never goes silently short.
    found = Counter(p.article_id for p in keyword.passages)
    if any(found[aid] != r.n_passages for aid, r in records.items()):
        log.info("keyword index built during an ingest; not cached")
        return keyword
    try:
        keyword.save(settings.keyword_dir, version)
    except OSError as exc:  # a read-only index: the index still answers, from memory
        log.info("keyword cache not written (%s)", exc.strerror or exc)
    keyword.tokens = None  # saved for the next rebuild; a long-running process need not keep them
    return keyword


def _ingest_holding_lock(
    settings: RetrievalSettings,
    store: Store | None,
    guard: Guard,
    progress: Progress | None,
    rebuild: bool = False,
    allow_empty: bool = False,
) -> tuple[IngestReport, Index]:
    if rebuild:
        _wipe(settings)
        store = None
    store = store or open_store(settings, write=True)
    # Marked already: an ingest stopped part-way, and may have left rows it never committed.
    interrupted = guard.marked()
    guard.mark_started()
    documents = document_embedder(settings)
    from retrieval.ingest import ingest

    report = ingest(settings.corpus_dir, store, documents, settings, progress, allow_empty)
    records = store.articles()
    if interrupted:
        store.prune_uncommitted({r.content_hash for r in records.values()})
    keyword = refresh_keyword(settings, store, records)
    _publish_snapshot(settings, store, records)
    guard.mark_finished()
    return report, Index(settings, store, records, keyword, query_embedder(settings, documents))


def build_index(
    settings: RetrievalSettings,
    store: Store | None = None,
    progress: Progress | None = None,
    *,
    rebuild: bool = False,
    allow_empty: bool = False,
    on_wait: OnWait | None = None,
) -> tuple[IngestReport, Index]:
    """Ingest ``settings.corpus_dir`` and return the refreshed index.

    Holds the index's ingest lock throughout (waiting for another ingest, which ``on_wait``
    hears about), and marks the ingest in progress until it completes. ``rebuild`` deletes the
    stored index first; ``allow_empty`` lets an empty corpus folder withdraw every article.
    """
    if not settings.chroma_url:
        require_writable(settings.index_dir)
    guard = open_guard(settings, store)
    with holding(guard, settings.lock_wait_s, on_wait):
        return _ingest_holding_lock(settings, store, guard, progress, rebuild, allow_empty)


def open_index(
    settings: RetrievalSettings,
    progress: Progress | None = None,
    on_build: Callable[[IngestReport], None] | None = None,
    on_wait: OnWait | None = None,
) -> Index:
    """The index, built from the corpus first when the store holds no article yet.

    Building takes the ingest lock and looks again once it holds it, so of several processes
    starting on an empty index one builds it and the others open what it built.
    """
    store = open_reader(settings)
    records = store.articles()
    if not records:
        if not settings.chroma_url:
            require_writable(settings.index_dir)
        store = open_store(settings, write=True)
        guard = open_guard(settings, store)
        with holding(guard, settings.lock_wait_s, on_wait):
            records = store.articles()
            if not records:
                report, index = _ingest_holding_lock(settings, store, guard, progress)
        if not records:
            if on_build:
                on_build(report)
            return index
    guard = open_guard(settings, store)
    keyword = refresh_keyword(settings, store, records)
    notice = incomplete_notice(guard)
    return Index(settings, store, records, keyword, query_embedder(settings), notice)
