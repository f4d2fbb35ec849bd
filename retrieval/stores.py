"""Vector stores behind one interface: ``ChromaStore`` (embedded or server) and ``MemoryStore``.

Three collections make an index: passages and sentences (each with its embedding) and one record
per article holding its cleaned body and its committed content hash. A passage is live only while
its hash equals its article's committed hash, so ingest can write new passages first, commit, and
prune the old ones after; an ingest cut off at any point leaves the previous answers intact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import numpy as np

from retrieval.records import ArticleRecord, Passage, Sentence


class Store(Protocol):
    def articles(self) -> dict[str, ArticleRecord]:
        """The committed articles, by id."""
        ...

    def add_passages(self, passages: Sequence[Passage], vectors: np.ndarray) -> None: ...

    def add_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None: ...

    def commit_article(self, record: ArticleRecord, body: str, vector: np.ndarray) -> None:
        """Make ``record.content_hash`` the live version of the article."""
        ...

    def remove_article(self, article_id: str) -> None:
        """Withdraw the article's record; its passages stop being live at once."""
        ...

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        """Delete the article's passages and sentences of any hash but ``keep_hash``."""
        ...

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        """The ``n`` nearest passages (live or not) with their cosine similarity, best first."""
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


def _passage_meta(p: Passage) -> dict[str, Any]:
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


def _passage_from(pid: str, text: str, meta: dict[str, Any]) -> Passage:
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


def _sentence_meta(s: Sentence) -> dict[str, Any]:
    return {
        "article_id": s.article_id,
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "hash": s.content_hash,
    }


def _sentence_from(sid: str, text: str, meta: dict[str, Any]) -> Sentence:
    return Sentence(
        id=sid,
        article_id=meta["article_id"],
        index=meta["index"],
        text=text,
        start=meta["start"],
        end=meta["end"],
        content_hash=meta["hash"],
    )


def _record_meta(r: ArticleRecord) -> dict[str, Any]:
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


def _record_from(aid: str, meta: dict[str, Any]) -> ArticleRecord:
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


class ChromaStore:
    """The store on a chromadb client: ``PersistentClient``, or ``HttpClient`` for a server."""

    def __init__(self, client: Any, prefix: str = "newsbot") -> None:
        self.client = client
        space = {"hnsw": {"space": "cosine"}}
        # embedding_function=None: vectors always come from our embedder, and Chroma's default
        # function would try to download a model.
        self._passages = client.get_or_create_collection(
            f"{prefix}_passages", configuration=space, embedding_function=None
        )
        self._sentences = client.get_or_create_collection(
            f"{prefix}_sentences", configuration=space, embedding_function=None
        )
        self._articles = client.get_or_create_collection(
            f"{prefix}_articles", configuration=space, embedding_function=None
        )
        self._batch = max(1, min(int(client.get_max_batch_size()), 2000))

    def _upsert(self, collection: Any, ids: list[str], docs: list[str], metas: list, vecs) -> None:
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
            page = self._articles.get(include=["metadatas"], limit=self._batch, offset=offset)
            for aid, meta in zip(page["ids"], page["metadatas"]):
                records[aid] = _record_from(aid, meta)
            if len(page["ids"]) < self._batch:
                return records
            offset += self._batch

    def add_passages(self, passages: Sequence[Passage], vectors: np.ndarray) -> None:
        self._upsert(
            self._passages,
            [p.id for p in passages],
            [p.text for p in passages],
            [_passage_meta(p) for p in passages],
            vectors,
        )

    def add_sentences(self, sentences: Sequence[Sentence], vectors: np.ndarray) -> None:
        self._upsert(
            self._sentences,
            [s.id for s in sentences],
            [s.text for s in sentences],
            [_sentence_meta(s) for s in sentences],
            vectors,
        )

    def commit_article(self, record: ArticleRecord, body: str, vector: np.ndarray) -> None:
        self._upsert(self._articles, [record.id], [body], [_record_meta(record)], [vector])

    def remove_article(self, article_id: str) -> None:
        self._articles.delete(ids=[article_id])

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        where: dict[str, Any] = {"article_id": article_id}
        if keep_hash is not None:
            where = {"$and": [where, {"hash": {"$ne": keep_hash}}]}
        self._passages.delete(where=where)
        self._sentences.delete(where=where)

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        total = self._passages.count()
        if total == 0:
            return []
        found = self._passages.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=min(n, total),
            include=["documents", "metadatas", "distances"],
        )
        return [
            (_passage_from(pid, doc, meta), 1.0 - float(dist))
            for pid, doc, meta, dist in zip(
                found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0]
            )
        ]

    def passages(self) -> Iterator[Passage]:
        offset = 0
        while True:
            page = self._passages.get(
                include=["documents", "metadatas"], limit=self._batch, offset=offset
            )
            for pid, doc, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                yield _passage_from(pid, doc, meta)
            if len(page["ids"]) < self._batch:
                return
            offset += self._batch

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        unique = list(dict.fromkeys(ids))  # Chroma rejects repeated ids
        page = self._sentences.get(ids=unique, include=["documents", "metadatas", "embeddings"])
        by_id = {
            sid: (_sentence_from(sid, doc, meta), vec)
            for sid, doc, meta, vec in zip(
                page["ids"], page["documents"], page["metadatas"], page["embeddings"]
            )
        }
        found = [by_id[sid] for sid in ids if sid in by_id]
        if not found:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [s for s, _ in found], np.asarray([v for _, v in found], dtype=np.float32)

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        page = self._articles.get(ids=list(dict.fromkeys(article_ids)), include=["documents"])
        return dict(zip(page["ids"], page["documents"]))


def chroma_client(path: str | None = None, url: str | None = None) -> Any:
    """An embedded client on ``path``, or an HTTP client for the Chroma server at ``url``."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    return chromadb.PersistentClient(path=str(path), settings=settings)


# -- in memory -------------------------------------------------------------------------------


class MemoryStore:
    """The same contract on dicts and numpy: a test double, and a reference for the contract."""

    def __init__(self) -> None:
        self._passages: dict[str, tuple[Passage, np.ndarray]] = {}
        self._sentences: dict[str, tuple[Sentence, np.ndarray]] = {}
        self._articles: dict[str, tuple[ArticleRecord, str]] = {}

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

    def remove_article(self, article_id: str) -> None:
        self._articles.pop(article_id, None)

    def prune(self, article_id: str, keep_hash: str | None) -> None:
        for table in (self._passages, self._sentences):
            for key in [k for k, (item, _) in table.items() if item.article_id == article_id]:
                if table[key][0].content_hash != keep_hash:
                    del table[key]

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        if not self._passages:
            return []
        items = list(self._passages.values())
        sims = np.stack([v for _, v in items]) @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-sims, kind="stable")[:n]
        return [(items[i][0], float(sims[i])) for i in order]

    def passages(self) -> Iterator[Passage]:
        yield from (p for p, _ in self._passages.values())

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        found = [self._sentences[sid] for sid in ids if sid in self._sentences]
        if not found:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [s for s, _ in found], np.stack([v for _, v in found])

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        return {aid: self._articles[aid][1] for aid in article_ids if aid in self._articles}
