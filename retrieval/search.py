"""Hybrid search: dense (vector store) and keyword (BM25) rankings, scores fused."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from retrieval.dates import DateWindow
from retrieval.embedders import Embedder
from retrieval.fusion import convex_fusion
from retrieval.keyword import KeywordIndex
from retrieval.records import Excerpt, Passage
from retrieval.stores import Store


class HybridSearcher:
    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        keyword: KeywordIndex,
        live: Mapping[str, str],
        *,
        top_k: int = 5,
        candidates: int = 30,
        dense_weight: float = 0.5,
        min_similarity: float = 0.0,
        date_pool: int = 200,
    ) -> None:
        """``live`` maps each committed article id to its committed content hash."""
        self.store = store
        self.embedder = embedder
        self.keyword = keyword
        self.live = live
        self.top_k = top_k
        self.candidates = candidates
        self.dense_weight = dense_weight
        self.min_similarity = min_similarity
        self.date_pool = date_pool

    def embed_query(self, query: str) -> np.ndarray:
        return self.embedder.embed([query])[0]

    def _is_live(self, p: Passage) -> bool:
        return self.live.get(p.article_id) == p.content_hash

    def search(
        self,
        query: str,
        k: int | None = None,
        vector: np.ndarray | None = None,
        window: DateWindow | None = None,
    ) -> list[Excerpt]:
        """The ``k`` best passages for ``query`` as excerpts, best first; only passages dated
        inside ``window``, and only the newest article's when it asks for the latest. Empty when
        nothing matches: no passage shares a term and none is similar enough."""
        k = self.top_k if k is None else k
        if k <= 0 or not query.strip():
            return []
        window = window or DateWindow()
        # Dates filter after ranking, so a dated search ranks a larger pool to filter from.
        pool = max(self.candidates, k, self.date_pool if window.bounded else 0)
        if vector is None:
            vector = self.embed_query(query)

        def keep(p: Passage) -> bool:
            return self._is_live(p) and window.contains(p.date)

        dense = [(p, s) for p, s in self._dense(vector, pool) if keep(p)]
        sparse = [(p, s) for p, s in self.keyword.search(query, pool) if keep(p)]
        if not sparse and (not dense or dense[0][1] < self.min_similarity):
            return []
        by_id = {p.id: p for p, _ in dense + sparse}
        raw_dense = {p.id: s for p, s in dense}
        raw_keyword = {p.id: s for p, s in sparse}
        fused = convex_fusion(
            [[(p.id, s) for p, s in dense], [(p.id, s) for p, s in sparse]],
            [self.dense_weight, 1.0 - self.dense_weight],
        )
        excerpts = [
            _excerpt(by_id[pid], score, raw_dense.get(pid), raw_keyword.get(pid))
            for pid, score in fused[:k]
        ]
        if window.latest:
            newest = max((e.date for e in excerpts if e.date), default=None)
            excerpts = [e for e in excerpts if e.date == newest] if newest else excerpts
        return excerpts

    def _dense(self, vector: np.ndarray, n: int) -> list[tuple[Passage, float]]:
        """Nearest passages by id from the store, their text and metadata from the keyword
        index, which holds every live passage in memory: one small store call per query. Only
        passages it lacks (none while the index is current) are fetched from the store."""
        hits = self.store.nearest(vector, n)
        known = self.keyword.by_id
        missing = [pid for pid, _ in hits if pid not in known]
        fetched = {p.id: p for p in self.store.get_passages(missing)} if missing else {}
        found = [(known.get(pid) or fetched.get(pid), score) for pid, score in hits]
        return [(p, score) for p, score in found if p is not None]


def _excerpt(
    p: Passage, score: float, dense: float | None = None, keyword: float | None = None
) -> Excerpt:
    return Excerpt(
        article_id=p.article_id,
        title=p.title,
        date=p.date,
        text=p.text,
        start=p.start,
        end=p.end,
        score=score,
        passage_id=p.id,
        first_sentence=p.first_sentence,
        last_sentence=p.last_sentence,
        content_hash=p.content_hash,
        url=p.url,
        title_derived=p.title_derived,
        dense=dense,
        keyword=keyword,
    )
