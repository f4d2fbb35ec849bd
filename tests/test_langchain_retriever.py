"""LangChain's own standard suite for retrievers, run against newsbot's retriever."""

from __future__ import annotations

import tempfile
from pathlib import Path

from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from retrieval.index import build_index
from retrieval.langchain_retriever import NewsRetriever
from tests.conftest import hashing_settings

_INDEX = None


def _searcher():
    global _INDEX
    if _INDEX is None:
        _, _INDEX = build_index(hashing_settings(Path(tempfile.mkdtemp(prefix="newsbot-lc-"))))
    return _INDEX.searcher()


class TestNewsRetrieverStandard(RetrieversIntegrationTests):
    @property
    def retriever_constructor(self) -> type[NewsRetriever]:
        return NewsRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"searcher": _searcher()}

    @property
    def retriever_query_example(self) -> str:
        return "Russian defense minister talks"


def test_documents_carry_citation_metadata() -> None:
    docs = NewsRetriever(searcher=_searcher(), k=2).invoke(
        "Kaliningrad Baltic exclave tactical nuclear missile deployment"
    )
    assert all(isinstance(d, Document) for d in docs)
    meta = docs[0].metadata
    assert meta["article_id"] == "003_0337de853ce0bf85"
    assert set(meta) >= {"article_id", "title", "date", "start", "end", "score"}
