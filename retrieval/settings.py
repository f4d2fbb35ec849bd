"""Settings of the retrieval layer. Built once (see ``bot.config``) and passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> Path:
    return PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class RetrievalSettings:
    corpus_dir: Path = field(default_factory=default_corpus)
    index_dir: Path = Path(".newsbot")
    # A Chroma server ("http://host:8000"); empty means the embedded store inside index_dir.
    chroma_url: str | None = None
    collection_prefix: str = "newsbot"
    # "minilm" (all-MiniLM-L6-v2) or "hashing" (the test double).
    embedder: str = "minilm"
    chunk_chars: int = 500
    chunk_overlap: int = 1
    top_k: int = 5
    candidates: int = 30
    dense_weight: float = 0.5  # of the hybrid score; the rest is BM25
    # Chroma's HNSW graph for the passages, fixed when the collection is created. Chosen on the
    # scale benchmark for recall@10 >= 0.98 at 1M passages (docs/performance.md); Chroma's
    # defaults are 100 / 100 / 16.
    hnsw_ef_search: int = 100
    hnsw_ef_construction: int = 100
    hnsw_m: int = 16

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        return self.index_dir / "keyword"

    @property
    def onnx_dir(self) -> Path:
        return self.index_dir / "onnx"

    @property
    def hnsw(self) -> dict[str, int]:
        """The passages collection's ``configuration["hnsw"]`` in Chroma's own keys."""
        return {
            "ef_search": self.hnsw_ef_search,
            "ef_construction": self.hnsw_ef_construction,
            "max_neighbors": self.hnsw_m,
        }

    @property
    def signature(self) -> str:
        """What an ingested passage depends on besides its file: a change re-embeds everything."""
        return f"{self.embedder}|chunks={self.chunk_chars}/{self.chunk_overlap}|kw=2"
