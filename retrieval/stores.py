"""Vector stores behind one interface: ``ChromaStore`` (embedded or server) and ``MemoryStore``.

Three collections make an index: passages and sentences (each with its embedding) and one record
per article holding its cleaned body and its committed content hash. A passage is live only while
its hash equals its article's committed hash, so ingest can write new passages first, commit, and
prune the old ones after; an ingest cut off at any point leaves the previous answers intact.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol, TypeVar

import numpy as np

from retrieval.lock import retry_read
from retrieval.records import ArticleRecord, Passage, Sentence

T = TypeVar("T")


class Store(Protocol):
    def is_current(self) -> bool:
        """Whether every read gives the index as it is now: always, for a live store; for a
        copy of one corpus version (``retrieval.snapshot``), until an ingest replaces it."""
        ...

    def articles(self) -> dict[str, ArticleRecord]:
        """The committed articles, by id."""
        ...

    def add_passages(self, passages: Sequence[Passage], vectors: np.ndarray) -> None: ...

    def add_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None: ...

    def commit_article(self, record: ArticleRecord, body: str, vector: np.ndarray) -> None:
        """Make ``record.content_hash`` the live version of the article."""
        ...

    def commit_articles(self, commits: Sequence[tuple[ArticleRecord, str, np.ndarray]]) -> None:
        """``commit_article`` for many ``(record, body, vector)`` at once, in one write."""
        ...

    def stored_vectors(
        self, passage_ids: Sequence[str], sentence_ids: Sequence[str]
    ) -> dict[str, np.ndarray]:
        """The vectors of those passages and sentences that are already stored, by id: what an
        interrupted ingest wrote before it could commit, so a resumed one need not embed again."""
        ...

    def remove_article(self, article_id: str) -> None:
        """Withdraw the article's record; its passages stop being live at once."""
        ...

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        """Delete the article's passages and sentences of any hash but ``keep_hash``."""
        ...

    def prune_many(self, keep: Mapping[str, str]) -> None:
        """``prune`` for many articles at once: ``keep`` maps each article id to its live hash."""
        ...

    def prune_uncommitted(self, live_hashes: Collection[str]) -> None:
        """Delete every passage and sentence whose hash is none of ``live_hashes``: the rows an
        interrupted ingest wrote for versions it never committed, which no later ingest of
        those articles prunes when their files are deleted or put back as they were."""
        ...

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        """The ``n`` nearest passages (live or not) with their cosine similarity, best first."""
        ...

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """``query`` without the passages: ids and similarities only, the fast path for a caller
        that already holds the passages (the keyword index keeps every live one in memory)."""
        ...

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        """The passages of ``ids`` that exist, in the order asked."""
        ...

    def passages(self) -> Iterator[Passage]:
        """Every stored passage, live or not."""
        ...

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        """The sentences of ``ids`` that exist, with their vectors, in the order asked."""
        ...

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Cleaned bodies of committed articles."""
        ...


# -- metadata mapping shared by both stores ---------------------------------------------------


def passage_meta(p: Passage) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "article_id": p.article_id,
        "title": p.title,
        "start": p.start,
        "end": p.end,
        "hash": p.content_hash,
        "first_sentence": p.first_sentence,
        "last_sentence": p.last_sentence,
    }
    if p.date:  # Chroma metadata has no null
        meta["date"] = p.date
    if p.url:
        meta["url"] = p.url
    if p.title_derived:
        meta["title_derived"] = True
    return meta


def passage_from(pid: str, text: str, meta: dict[str, Any]) -> Passage:
    return Passage(
        id=pid,
        article_id=meta["article_id"],
        title=meta["title"],
        date=meta.get("date"),
        text=text,
        start=meta["start"],
        end=meta["end"],
        content_hash=meta["hash"],
        first_sentence=meta["first_sentence"],
        last_sentence=meta["last_sentence"],
        url=meta.get("url"),
        title_derived=bool(meta.get("title_derived", False)),
    )


def sentence_meta(s: Sentence) -> dict[str, Any]:
    return {
        "article_id": s.article_id,
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "hash": s.content_hash,
    }


def sentence_from(sid: str, text: str, meta: dict[str, Any]) -> Sentence:
    return Sentence(
        id=sid,
        article_id=meta["article_id"],
        index=meta["index"],
        text=text,
        start=meta["start"],
        end=meta["end"],
        content_hash=meta["hash"],
    )


def record_meta(r: ArticleRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": r.title,
        "hash": r.content_hash,
        "n_passages": r.n_passages,
        "n_sentences": r.n_sentences,
    }
    if r.date:
        meta["date"] = r.date
    if r.url:
        meta["url"] = r.url
    if r.source:
        meta["source"] = r.source
    if r.title_derived:
        meta["title_derived"] = True
    return meta


def record_from(aid: str, meta: dict[str, Any]) -> ArticleRecord:
    return ArticleRecord(
        id=aid,
        title=meta["title"],
        date=meta.get("date"),
        content_hash=meta["hash"],
        n_passages=meta["n_passages"],
        n_sentences=meta["n_sentences"],
        url=meta.get("url"),
        source=meta.get("source", ""),
        title_derived=bool(meta.get("title_derived", False)),
    )


# -- Chroma ----------------------------------------------------------------------------------

# The collections of an index, each named "{prefix}_{name}".
STORED = ("passages", "sentences", "articles")


class ChromaStore:
    """The store on a chromadb client: ``PersistentClient``, or ``HttpClient`` for a server."""

    def __init__(
        self,
        client: Any,
        prefix: str = "newsbot",
        hnsw: Mapping[str, int] | None = None,
        reopen: Callable[[], Any] | None = None,
        access: AbstractContextManager | None = None,
    ) -> None:
        """``hnsw``: Chroma's HNSW settings for the passages, the only collection searched by
        vector (``ef_search``, ``ef_construction``, ``max_neighbors``; see docs/performance.md).
        They apply when the collection is created; an existing collection keeps its graph, and
        takes only a new ``ef_search``, the one that can change without a rebuild.

        ``reopen`` gives a fresh client on the same store, for reads that find this process's
        view of the files outdated by an ingest in another process; ``access`` is held around
        every call into Chroma (see ``retrieval.lock.chroma_access``)."""
        self.prefix = prefix
        self._hnsw = hnsw
        self._reopen = reopen
        self._access = access or nullcontext()
        with self._access:
            self._open(client)

    def _open(self, client: Any) -> None:
        self.client = client
        prefix, hnsw = self.prefix, self._hnsw
        searched = {"hnsw": {"space": "cosine", **(hnsw or {})}}
        # Sentences and article records are only ever fetched by id; Chroma still builds a graph
        # for their vectors, so the cheapest one it allows saves ingest time.
        fetched = {"hnsw": {"space": "cosine", "ef_construction": 16, "max_neighbors": 4}}
        # embedding_function=None: vectors always come from our embedder, and Chroma's default
        # function would try to download a model.
        self._passages = client.get_or_create_collection(
            f"{prefix}_passages", configuration=searched, embedding_function=None
        )
        ef_search = (hnsw or {}).get("ef_search")
        current = (self._passages.configuration_json or {}).get("hnsw") or {}
        if ef_search and current.get("ef_search") not in (None, ef_search):
            self._passages.modify(configuration={"hnsw": {"ef_search": ef_search}})
        self._sentences = client.get_or_create_collection(
            f"{prefix}_sentences", configuration=fetched, embedding_function=None
        )
        self._articles = client.get_or_create_collection(
            f"{prefix}_articles", configuration=fetched, embedding_function=None
        )
        self._batch = max(1, min(int(client.get_max_batch_size()), 2000))

    def is_current(self) -> bool:
        return True

    def _read(self, read: Callable[[], T]) -> T:
        with self._access:
            return retry_read(read, (lambda: self._open(self._reopen())) if self._reopen else None)

    def _upsert(self, collection: Any, ids: list[str], docs: list[str], metas: list, vecs) -> None:
        with self._access:
            self._upsert_unlocked(collection, ids, docs, metas, vecs)

    def _upsert_unlocked(self, collection: Any, ids: list, docs: list, metas: list, vecs) -> None:
        for i in range(0, len(ids), self._batch):
            collection.upsert(
                ids=ids[i : i + self._batch],
                documents=docs[i : i + self._batch],
                metadatas=metas[i : i + self._batch],
                embeddings=np.asarray(vecs[i : i + self._batch], dtype=np.float32),
            )

    def articles(self) -> dict[str, ArticleRecord]:
        records: dict[str, ArticleRecord] = {}
        offset = 0
        while True:
            page = self._read(
                lambda offset=offset: self._articles.get(
                    include=["metadatas"], limit=self._batch, offset=offset
                )
            )
            for aid, meta in zip(page["ids"], page["metadatas"]):
                if meta is not None:  # withdrawn by an ingest meanwhile
                    records[aid] = record_from(aid, meta)
            if len(page["ids"]) < self._batch:
                return records
            offset += self._batch

    def add_passages(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        self._upsert(
            self._passages,
            [p.id for p in passages],
            [p.text for p in passages],
            [passage_meta(p) for p in passages],
            vectors,
        )

    def add_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        self._upsert(
            self._sentences,
            [s.id for s in sentences],
            [s.text for s in sentences],
            [sentence_meta(s) for s in sentences],
            vectors,
        )

    def commit_article(self, record: ArticleRecord, body: str, vector: np.ndarray) -> None:
        self.commit_articles([(record, body, vector)])

    def commit_articles(self, commits: Sequence[tuple[ArticleRecord, str, np.ndarray]]) -> None:
        if commits:
            self._upsert(
                self._articles,
                [r.id for r, _, _ in commits],
                [body for _, body, _ in commits],
                [record_meta(r) for r, _, _ in commits],
                [v for _, _, v in commits],
            )

    def _get(self, collection: Any, ids: Sequence[str], include: list[str]) -> dict[str, list]:
        """Chroma's ``get`` by id, in batches of ``self._batch`` (one SQLite statement each, well
        inside its limit on variables), pages merged; repeated ids asked once."""
        unique = list(dict.fromkeys(ids))  # Chroma rejects repeated ids
        merged: dict[str, list] = {key: [] for key in ["ids", *include]}
        for i in range(0, len(unique), self._batch):
            wanted = unique[i : i + self._batch]
            page = self._read(lambda w=wanted: collection.get(ids=w, include=include))
            for key in merged:
                merged[key].extend(page[key])
        return merged

    def stored_vectors(
        self, passage_ids: Sequence[str], sentence_ids: Sequence[str]
    ) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for collection, ids in ((self._passages, passage_ids), (self._sentences, sentence_ids)):
            if ids:
                page = self._get(collection, ids, ["embeddings"])
                found.update(zip(page["ids"], np.asarray(page["embeddings"], dtype=np.float32)))
        return found

    def remove_article(self, article_id: str) -> None:
        with self._access:
            self._articles.delete(ids=[article_id])

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        where: dict[str, Any] = {"article_id": article_id}
        if keep_hash is not None:
            where = {"$and": [where, {"hash": {"$ne": keep_hash}}]}
        with self._access:
            self._passages.delete(where=where)
            self._sentences.delete(where=where)

    def prune_many(self, keep: Mapping[str, str]) -> None:
        if not keep:
            return
        # One delete for all: hashes are content digests, so another article's live hash never
        # names a stale row of this one (an identical file would share it, and its rows too).
        where = {
            "$and": [
                {"article_id": {"$in": list(keep)}},
                {"hash": {"$nin": list(dict.fromkeys(keep.values()))}},
            ]
        }
        with self._access:
            self._passages.delete(where=where)
            self._sentences.delete(where=where)

    def prune_uncommitted(self, live_hashes: Collection[str]) -> None:
        hashes = list(dict.fromkeys(live_hashes))
        # "$nin" takes no empty list; with nothing live, every row goes.
        where = {"hash": {"$nin": hashes}} if hashes else {"hash": {"$ne": ""}}
        with self._access:
            self._passages.delete(where=where)
            self._sentences.delete(where=where)

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        # No count() first: Chroma returns fewer results than asked when it holds fewer.
        found = self._read(
            lambda: self._passages.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=n,
                include=["documents", "metadatas", "distances"],
            )
        )
        # Chroma fetches ids first and rows after: a row an ingest deleted in between comes
        # back without metadata. It was being pruned, so it was not live anyway.
        return [
            (passage_from(pid, doc, meta), 1.0 - float(dist))
            for pid, doc, meta, dist in zip(
                found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0]
            )
            if meta is not None and doc is not None
        ]

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        found = self._read(
            lambda: self._passages.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=n,
                include=["distances"],
            )
        )
        return [(pid, 1.0 - float(d)) for pid, d in zip(found["ids"][0], found["distances"][0])]

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        if not ids:
            return []
        page = self._get(self._passages, ids, ["documents", "metadatas"])
        by_id = {
            pid: passage_from(pid, doc, meta)
            for pid, doc, meta in zip(page["ids"], page["documents"], page["metadatas"])
            if meta  # a row pruned while it was being read comes back without metadata
        }
        return [by_id[pid] for pid in ids if pid in by_id]

    def passages(self) -> Iterator[Passage]:
        offset = 0
        while True:
            page = self._read(
                lambda offset=offset: self._passages.get(
                    include=["documents", "metadatas"], limit=self._batch, offset=offset
                )
            )
            for pid, doc, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                if meta is not None and doc is not None:  # deleted by an ingest meanwhile
                    yield passage_from(pid, doc, meta)
            if len(page["ids"]) < self._batch:
                return
            offset += self._batch

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        page = self._get(self._sentences, ids, ["documents", "metadatas", "embeddings"])
        by_id = {
            sid: (sentence_from(sid, doc, meta), vec)
            for sid, doc, meta, vec in zip(
                page["ids"], page["documents"], page["metadatas"], page["embeddings"]
            )
            if meta is not None and doc is not None  # deleted by an ingest meanwhile
        }
        found = [by_id[sid] for sid in ids if sid in by_id]
        if not found:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [s for s, _ in found], np.asarray([v for _, v in found], dtype=np.float32)

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        page = self._get(self._articles, article_ids, ["documents"])
        return dict(zip(page["ids"], page["documents"]))


def chroma_client(
    path: str | None = None, url: str | None = None, timeout: float = 30.0, fresh: bool = False
) -> Any:
    """An embedded client on ``path``, or an HTTP client for the Chroma server at ``url`` whose
    every request gives up after ``timeout`` seconds with ``BackendUnavailable``. ``fresh`` drops
    the embedded system this process has cached, so the files are read again."""
    import chromadb
    from chromadb.config import Settings

    if fresh:
        chromadb.api.client.SharedSystemClient.clear_system_cache()
    settings = Settings(anonymized_telemetry=False)
    if url:
        from retrieval.chroma_http import checked_http_client

        return checked_http_client(url, timeout, settings)
    return chromadb.PersistentClient(path=str(path), settings=settings)


# -- in memory -------------------------------------------------------------------------------


class MemoryStore:
    """The same contract on dicts and numpy: a test double, and a reference for the contract."""

    def __init__(self) -> None:
        self._passages: dict[str, tuple[Passage, np.ndarray]] = {}
        self._sentences: dict[str, tuple[Sentence, np.ndarray]] = {}
        self._articles: dict[str, tuple[ArticleRecord, str]] = {}

    def is_current(self) -> bool:
        return True

    def articles(self) -> dict[str, ArticleRecord]:
        return {aid: record for aid, (record, _) in self._articles.items()}

    def add_passages(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        for p, v in zip(passages, vectors):
            self._passages[p.id] = (p, np.asarray(v, dtype=np.float32))

    def add_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        for s, v in zip(sentences, vectors):
            self._sentences[s.id] = (s, np.asarray(v, dtype=np.float32))

    def commit_article(self, record: ArticleRecord, body: str, vector: np.ndarray) -> None:
        self._articles[record.id] = (record, body)

    def commit_articles(self, commits: Sequence[tuple[ArticleRecord, str, np.ndarray]]) -> None:
        for record, body, vector in commits:
            self.commit_article(record, body, vector)

    def stored_vectors(
        self, passage_ids: Sequence[str], sentence_ids: Sequence[str]
    ) -> dict[str, np.ndarray]:
        found = {i: self._passages[i][1] for i in passage_ids if i in self._passages}
        found.update({i: self._sentences[i][1] for i in sentence_ids if i in self._sentences})
        return found

    def remove_article(self, article_id: str) -> None:
        self._articles.pop(article_id, None)

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        for table in (self._passages, self._sentences):
            for key in [k for k, (item, _) in table.items() if item.article_id == article_id]:
                if table[key][0].content_hash != keep_hash:
                    del table[key]

    def prune_many(self, keep: Mapping[str, str]) -> None:
        for article_id, keep_hash in keep.items():
            self.prune(article_id, keep_hash)

    def prune_uncommitted(self, live_hashes: Collection[str]) -> None:
        for table in (self._passages, self._sentences):
            stale = [k for k, (item, _) in table.items() if item.content_hash not in live_hashes]
            for key in stale:
                del table[key]

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        if not self._passages:
            return []
        items = list(self._passages.values())
        sims = np.stack([v for _, v in items]) @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-sims, kind="stable")[:n]
        return [(items[i][0], float(sims[i])) for i in order]

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        return [(p.id, score) for p, score in self.query(vector, n)]

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        return [self._passages[i][0] for i in ids if i in self._passages]

    def passages(self) -> Iterator[Passage]:
        yield from (p for p, _ in self._passages.values())

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        found = [self._sentences[sid] for sid in ids if sid in self._sentences]
        if not found:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [s for s, _ in found], np.stack([v for _, v in found])

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        return {aid: self._articles[aid][1] for aid in article_ids if aid in self._articles}
