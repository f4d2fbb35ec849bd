"""Speed figures: ingest throughput, hybrid search and plain LangChain Chroma search latency side
by side, warm answer latency, and one cold ``newsbot ask`` from a fresh process.

Run: .venv/bin/python benchmarks/bench.py   (builds its own index in a temporary folder)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answering.factory import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.evaluation.questions import load_questions  # noqa: E402
from retrieval.index import build_index  # noqa: E402
from retrieval.settings import RetrievalSettings  # noqa: E402


def pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(fn, items, repeat: int = 3) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    settings = RetrievalSettings(index_dir=folder)
    report, index = build_index(settings)
    chunks = report.passages_embedded + report.sentences_embedded
    print(
        f"ingest: {len(report.added)} articles, {chunks} chunks (passages + sentences) "
        f"in {report.seconds:.2f}s = {chunks / report.seconds:.1f} chunks/s (incl. model load)"
    )

    questions = [q.question for q in load_questions(ROOT / "eval/questions/seeds.jsonl")[0]]
    searcher = index.searcher()
    hybrid = timed(lambda q: searcher.search(q), questions)

    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    class Adapter(Embeddings):
        def embed_documents(self, texts):  # noqa: ANN001, ANN201
            return index.embedder.embed(texts).tolist()

        def embed_query(self, text):  # noqa: ANN001, ANN201
            return index.embedder.embed([text])[0].tolist()

    plain = Chroma(
        collection_name=f"{settings.collection_prefix}_passages",
        client=index.store.client,
        embedding_function=Adapter(),
    )
    langchain = timed(lambda q: plain.similarity_search(q, k=5), questions)
    print(
        f"search p50/p95 ms: hybrid {pct(hybrid, 50):.1f}/{pct(hybrid, 95):.1f}   "
        f"LangChain Chroma.similarity_search {pct(langchain, 50):.1f}/{pct(langchain, 95):.1f}"
        f"   ({len(hybrid)} queries each, same embeddings)"
    )

    pipeline = build_pipeline(Settings(retrieval=settings), index=index)
    warm = timed(pipeline.answer, questions)
    print(f"answer (warm, extractive) p50/p95 ms: {pct(warm, 50):.1f}/{pct(warm, 95):.1f}")

    env = {**os.environ, "NEWSBOT_INDEX_DIR": str(folder)}
    colds = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot.cli", "ask", "Where did Milley meet Gerasimov?"],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        colds.append(time.perf_counter() - start)
    print(
        f"cold `newsbot ask` (fresh process, index built): median {statistics.median(colds):.2f}s"
    )


if __name__ == "__main__":
    main()
