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
    def signature(self) -> str:
        """What an ingested passage depends on besides its file: a change re-embeds everything."""
        return f"{self.embedder}|chunks={self.chunk_chars}/{self.chunk_overlap}|kw=2|sent=2"
