"""A flat copy of a small embedded index, read by processes that only answer from it.

Opening Chroma is most of a cold ``newsbot ask``: importing chromadb alone takes 0.7-1.3 s on
this project's machines, before its three collections are opened. A small index is searched
exactly, and faster, by one matrix product over its passage vectors. So an ingest publishes,
beside Chroma, the corpus it committed: Chroma's own rows (ids, texts and metadata) of every live
passage and sentence with their vectors, and each article's record and body, as one version
folder with a manifest (``retrieval.versions``, as the keyword cache is published).

A reader may use it while no ingest is marked in progress: Chroma is only written by an ingest,
which marks itself before its first write (``--rebuild`` deletes the snapshot with the store
first) and publishes the new snapshot before it clears the mark, so the snapshot an unmarked
index points at is what Chroma holds. (Chroma written otherwise, by an older newsbot or a
restored backup, is not seen until the next ingest; ``--rebuild`` makes both again.) Any doubt
reads Chroma as before: a mark, no snapshot, a damaged one, or an index past
``snapshot_max_texts``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.integrity import verify_manifest
from retrieval.records import ArticleRecord, Passage, Sentence
from retrieval.stores import (
    Store,
    passage_from,
    passage_meta,
    record_from,
    record_meta,
    sentence_from,
    sentence_meta,
)
from retrieval.versions import current, discard, load, publish

log = logging.getLogger(__name__)

ROWS_FILE = "rows.json"
VECTORS_FILE = "vectors.npy"


class ReadOnlySnapshot(RuntimeError):
    """A write was sent to a snapshot; only an ingest writes, and it writes to Chroma."""


class SnapshotStore:
    """The ``Store`` contract's reads, from a published snapshot held in memory: every read,
    the records included, gives the one corpus version it was published for. ``is_current``
    says whether that is still the index's (``Index.refreshed`` then opens the new one)."""

    def __init__(
        self, rows: Mapping[str, Any], vectors: np.ndarray, is_current: Callable[[], bool]
    ) -> None:
        self._records = {aid: record_from(aid, meta) for aid, meta in rows["records"].items()}
        self._bodies: dict[str, str] = rows["bodies"]
        self._passages = _Rows(rows["passages"], passage_from)
        self._sentences = _Rows(rows["sentences"], sentence_from)
        split = len(self._passages)
        self._passage_vectors = vectors[:split]
        self._sentence_vectors = vectors[split:]
        # Cosine similarity, as Chroma's "cosine" space computes it: on unit vectors.
        norms = np.linalg.norm(self._passage_vectors, axis=1, keepdims=True)
        self._unit = self._passage_vectors / np.where(norms == 0, 1, norms)
        self.is_current = is_current

    def articles(self) -> dict[str, ArticleRecord]:
        return dict(self._records)

    def query(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        return [(self._passages[i], score) for i, score in self._top(vector, n)]

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        return [(self._passages.ids[i], score) for i, score in self._top(vector, n)]

    def _top(self, vector: np.ndarray, n: int) -> list[tuple[int, float]]:
        n = min(n, len(self._passages))
        if n <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        # Chroma gives a float32 distance, 1 - cos, which its store turns back into 1 - distance:
        # the same rounding here keeps the scores, and the ranks tied on them, as Chroma's.
        distances = np.float32(1) - self._unit @ (query / (np.linalg.norm(query) or 1.0))
        sims = 1.0 - distances.astype(np.float64)
        best = np.argpartition(-sims, n - 1)[:n] if n < len(sims) else np.arange(len(sims))
        order = best[np.lexsort((best, -sims[best]))]
        return [(int(i), float(sims[i])) for i in order]

    def get_passages(self, ids: Sequence[str]) -> list[Passage]:
        return [self._passages[i] for i in self._passages.rows_of(ids)]

    def passages(self) -> Iterator[Passage]:
        return (self._passages[i] for i in range(len(self._passages)))

    def sentences(self, ids: Sequence[str]) -> tuple[list[Sentence], np.ndarray]:
        rows = self._sentences.rows_of(ids)
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [self._sentences[i] for i in rows], self._sentence_vectors[rows]

    def bodies(self, article_ids: Sequence[str]) -> dict[str, str]:
        return {aid: self._bodies[aid] for aid in article_ids if aid in self._bodies}

    def stored_vectors(
        self, passage_ids: Sequence[str], sentence_ids: Sequence[str]
    ) -> dict[str, np.ndarray]:
        found = {}
        for rows, vectors, ids in (
            (self._passages, self._passage_vectors, passage_ids),
            (self._sentences, self._sentence_vectors, sentence_ids),
        ):
            found.update({rows.ids[i]: vectors[i] for i in rows.rows_of(ids)})
        return found

    def _refuse(self, *_: object, **__: object) -> None:
        raise ReadOnlySnapshot("a snapshot is read-only: an ingest writes to the store itself")

    add_passages = add_sentences = commit_article = commit_articles = _refuse
    remove_article = prune = prune_many = prune_uncommitted = _refuse


class _Rows:
    """Chroma's rows of one collection (ids, documents, metadatas), an object built only for a
    row that is asked for."""

    def __init__(self, columns: Mapping[str, list], build: Callable[[str, str, dict], Any]) -> None:
        self.ids: list[str] = columns["ids"]
        self._texts: list[str] = columns["documents"]
        self._metas: list[dict] = columns["metadatas"]
        self._build = build
        self._row = {rid: i for i, rid in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i: int) -> Any:
        return self._build(self.ids[i], self._texts[i], self._metas[i])

    def rows_of(self, ids: Sequence[str]) -> list[int]:
        """The rows of ``ids`` in their order, repeats kept, unknown ids left out."""
        return [self._row[rid] for rid in ids if rid in self._row]


def load_snapshot(folder: Path, is_current: Callable[[str], bool]) -> SnapshotStore | None:
    """The snapshot published last in ``folder``, or None when there is none or it is damaged
    (a damaged one is removed; the next ingest publishes it again). ``is_current(version)``
    tells whether a version is still the index's."""

    def read(here: Path) -> SnapshotStore:
        with open(here / ROWS_FILE, encoding="utf-8") as f:
            rows = json.load(f)
        vectors = np.load(here / VECTORS_FILE, allow_pickle=False)
        return SnapshotStore(rows, vectors, lambda: is_current(here.name))

    return load(
        folder,
        None,
        lambda here: verify_manifest(here, only=[ROWS_FILE, VECTORS_FILE]),
        read,
        "index snapshot damaged, reading the store instead",
    )


def publish_snapshot(
    folder: Path,
    version: str,
    store: Store,
    records: Mapping[str, ArticleRecord],
    max_texts: int,
) -> None:
    """Publish ``store``'s committed corpus (``records``) as ``folder/version``.

    Nothing is read when that version is already published whole (an ingest that changed
    nothing). An index past ``max_texts`` passages and sentences has none, and an older one is
    removed, as it is when the store lacks a committed row: a snapshot is whole or absent.
    """
    folder = Path(folder)
    texts = sum(r.n_passages + r.n_sentences for r in records.values())
    if not texts or texts > max_texts:
        discard(folder)
        return
    if current(folder) == version:
        if verify_manifest(folder / version) is None:
            return
        discard(folder / version)  # damaged: published again below, not kept as "theirs"
    live = sorted(records.items())
    pids = [pid for _, r in live for pid in r.passage_ids()]
    sids = [sid for _, r in live for sid in r.sentence_ids()]
    passages = store.get_passages(pids)
    vectors = store.stored_vectors(pids, [])
    sentences, sentence_vectors = store.sentences(sids)
    bodies = store.bodies([aid for aid, _ in live])
    if (
        len(passages) != len(pids)
        or len(vectors) != len(pids)
        or len(sentences) != len(sids)
        or len(bodies) != len(records)
    ):
        log.warning("the store lacks committed rows; no index snapshot published")
        discard(folder)
        return
    rows = {
        "records": {aid: record_meta(r) for aid, r in live},
        "bodies": bodies,
        "passages": _columns(passages, passage_meta),
        "sentences": _columns(sentences, sentence_meta),
    }
    matrix = np.asarray([vectors[p] for p in pids] + list(sentence_vectors), dtype=np.float32)

    def fill(staging: Path) -> None:
        with open(staging / ROWS_FILE, "w", encoding="utf-8") as out:
            json.dump(rows, out, ensure_ascii=False)
        np.save(staging / VECTORS_FILE, matrix, allow_pickle=False)

    publish(folder, version, fill)


def _columns(items: Sequence[Passage] | Sequence[Sentence], meta: Callable[[Any], dict]) -> dict:
    """Chroma's rows of ``items``: ids, documents and metadatas, as ``_Rows`` reads them."""
    return {
        "ids": [x.id for x in items],
        "documents": [x.text for x in items],
        "metadatas": [meta(x) for x in items],
    }
