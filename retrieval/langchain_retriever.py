"""newsbot's hybrid search as a LangChain ``BaseRetriever`` returning ``Document``s."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from retrieval.search import HybridSearcher


class NewsRetriever(BaseRetriever):
    """``NewsRetriever(searcher=index.searcher(), k=5).invoke("question")``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: HybridSearcher
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        k = int(kwargs.get("k", self.k))
        return [
            Document(
                page_content=e.text,
                id=e.passage_id,
                metadata={
                    "article_id": e.article_id,
                    "title": e.title,
                    "date": e.date,
                    "start": e.start,
                    "end": e.end,
                    "score": e.score,
                },
            )
            for e in self.searcher.search(query, k=k)
        ]
