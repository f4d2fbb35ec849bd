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
    # Seconds a Chroma server may take to answer one request before newsbot gives up.
    chroma_timeout_s: float = 30.0
    # Seconds an ingest (or a first open building the index) waits for another one to finish.
    lock_wait_s: float = 600.0
    # Lifetime of the ingest lease on a Chroma server; renewed by its holder every third of it,
    # so a holder killed without releasing blocks other writers this long at most.
    lease_s: float = 120.0
    # Largest article file read. A long news story is ~100 KB; a file past this is a dump or a
    # hostile file, and splitting and embedding it would hold an ingest for minutes.
    max_article_bytes: int = 2_000_000
    # Longest sentence handed to the sentence splitter: pysbd takes quadratic time on text
    # without punctuation (100k characters: 12 s), and real sentences stay far below this.
    max_sentence_chars: int = 2000

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
        return f"{self.embedder}|chunks={self.chunk_chars}/{self.chunk_overlap}|kw=2"
