"""Settings of the retrieval layer. Built once (see ``bot.config``) and passed in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_corpus() -> Path:
    return PROJECT_ROOT / "seeds"


def default_index_dir(corpus_dir: Path) -> Path:
    """Where the index of ``corpus_dir`` lives unless NEWSBOT_INDEX_DIR says otherwise: the
    user's data folder, keyed by the corpus's absolute path, so every working directory finds
    the same index and two corpora never share one."""
    corpus = Path(corpus_dir).expanduser().resolve()
    key = hashlib.sha256(str(corpus).encode()).hexdigest()[:12]
    return (
        Path(platformdirs.user_data_dir("newsbot", appauthor=False))
        / "indexes"
        / f"{corpus.name}-{key}"
    )


@dataclass(frozen=True)
class RetrievalSettings:
    corpus_dir: Path = field(default_factory=default_corpus)
    # None: ``default_index_dir(corpus_dir)``.
    index_dir: Path | None = None
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
    # Chroma's HNSW graph for the passages (Chroma's defaults: 100 / 100 / 16). On
    # benchmarks/scale.py the defaults plateau at recall@10 0.99 at 100k passages and fall below
    # 0.92 at ef_search 100; 32 links and a build breadth of 200 give a better graph, on which a
    # search breadth of 400 reaches 0.999 at 100k and 1600 reaches 0.981 at 1M passages (dense
    # p95 5.2 ms there; docs/performance.md). Only ef_search can change on an existing
    # collection.
    hnsw_ef_search: int = 1600
    hnsw_ef_construction: int = 200
    hnsw_m: int = 32
    # A query no passage shares a term with "matches nothing" unless some passage's cosine
    # similarity reaches this: min-max normalisation would otherwise rank unrelated passages
    # with a score of 1.0. See README "Search" for how it was chosen.
    no_match_similarity: float = 0.3
    # A date-restricted search ranks this many candidates, then keeps those in the dates: a
    # post-filter, so the pool must hold enough in-window passages for top_k.
    date_pool: int = 200
    # An embedded index of at most this many passages and sentences keeps a flat copy for
    # readers (``retrieval.snapshot``), so a one-shot question needs no chromadb; 0: none.
    # benchmarks/snapshot.py at 1,000 articles (18,561 texts, 30 MB): a reader opens it in 0.42
    # s against 1.26 s for Chroma, and each ingest that changes the corpus spends 1.8 s more
    # publishing it. Both grow with the index, and past it Chroma's HNSW graph searches faster.
    snapshot_max_texts: int = 20_000

    def __post_init__(self) -> None:
        if self.index_dir is None:
            object.__setattr__(self, "index_dir", default_index_dir(self.corpus_dir))

    @property
    def chroma_path(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def keyword_dir(self) -> Path:
        return self.index_dir / "keyword"

    @property
    def snapshot_dir(self) -> Path:
        # Per collection prefix: several corpora may share one embedded store under prefixes.
        return self.index_dir / "snapshot" / self.collection_prefix

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
        return (
            f"{self.embedder}|chunks={self.chunk_chars}/{self.chunk_overlap}|kw=2"
            f"|sent=2/{self.max_sentence_chars}"
        )
