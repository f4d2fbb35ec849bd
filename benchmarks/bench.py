"""newsbot against a plain LangChain baseline, side by side in one process run, as ratios.

The baseline is what a LangChain tutorial builds: ``RecursiveCharacterTextSplitter`` chunks in a
``langchain_chroma.Chroma`` store, embedded by the same all-MiniLM-L6-v2 model, searched with
``similarity_search``. Both index the same corpus and answer the same questions
(eval/questions/seeds.jsonl). Every figure is measured ``--repeat`` times; the table shows the
median and the minimum, and ratios of medians (newsbot / baseline: below 1 is faster).

Run:  .venv/bin/python benchmarks/bench.py [--articles N] [--repeat R] [--old PATH]
  --articles N   also ingest N synthetic articles (benchmarks/synthetic.py) for the ingest rows
  --old PATH     a checkout of an older newsbot: its `newsbot ingest` is timed on the same corpus
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bot.answering.factory import build_pipeline  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.evaluation.questions import load_questions  # noqa: E402
from retrieval.embedders import SentenceTransformerEmbedder  # noqa: E402
from retrieval.index import build_index  # noqa: E402
from retrieval.ingest import prepare, version_key  # noqa: E402
from retrieval.loader import load_corpus  # noqa: E402
from retrieval.onnx_export import export_onnx, load_exported  # noqa: E402
from retrieval.settings import RetrievalSettings  # noqa: E402

QUESTION = "Where did Milley meet Gerasimov?"


def pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(fn: Callable, items: list, rounds: int = 3) -> list[float]:
    for item in items[:5]:  # warm-up: first-query caches are the cold start's business
        fn(item)
    out = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - start) * 1000)
    return out


def seconds(fn: Callable, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, list[float], list[float] | None, str]] = []

    def add(self, name: str, ours: list[float], base: list[float] | None, unit: str) -> None:
        self.rows.append((name, ours, base, unit))

    def print(self) -> None:
        head = f"| {'stage':<46} | {'newsbot med (min)':>20} | {'baseline med (min)':>20} | ratio |"
        print(head)
        print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
        for name, ours, base, unit in self.rows:
            o = f"{statistics.median(ours):.2f} ({min(ours):.2f}) {unit}"
            if base:
                b = f"{statistics.median(base):.2f} ({min(base):.2f}) {unit}"
                r = f"{statistics.median(ours) / statistics.median(base):.2f}x"
            else:
                b, r = "", ""
            print(f"| {name:<46} | {o:>20} | {b:>20} | {r:>5} |")


def langchain_store(folder: Path, corpus: Path, embeddings, chunk_chars: int):
    """The baseline's ingest: split, embed, store."""
    import chromadb
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_chars, chunk_overlap=50)
    texts, metas = [], []
    for article in load_corpus(corpus).articles:
        for chunk in splitter.split_text(article.body):
            texts.append(chunk)
            metas.append({"article_id": article.id, "title": article.title})
    client = chromadb.PersistentClient(path=str(folder))
    store = Chroma(
        collection_name="baseline",
        client=client,
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_texts(texts, metadatas=metas)
    return store, len(texts)


def adapter(embed: Callable):
    from langchain_core.embeddings import Embeddings

    class Adapter(Embeddings):
        def embed_documents(self, texts):
            return embed(texts).tolist()

        def embed_query(self, text):
            return embed([text])[0].tolist()

    return Adapter()


BASELINE_COLD = """
import sys, chromadb
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
sys.path.insert(0, {root!r})
from retrieval.embedders import SentenceTransformerEmbedder
model = SentenceTransformerEmbedder()
class E(Embeddings):
    def embed_documents(self, t): return model.embed(t).tolist()
    def embed_query(self, t): return model.embed([t])[0].tolist()
store = Chroma(collection_name="baseline", embedding_function=E(),
               client=chromadb.PersistentClient(path={path!r}))
print(store.similarity_search({q!r}, k=5)[0].page_content[:80])
"""


def run_cold(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - start


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--repeat", type=int, default=3)
    args.add_argument("--articles", type=int, default=0)
    args.add_argument("--old", type=Path, help="checkout of an older newsbot to time ingest")
    args.add_argument("--no-ingest", action="store_true", help="only the search and cold rows")
    opts = args.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    table = Table()
    questions = [q.question for q in load_questions(ROOT / "eval/questions/seeds.jsonl")[0]]

    # -- ingest of the seeds, first ever (model load + ONNX export included) and warm ---------
    settings = RetrievalSettings(index_dir=work / "index")
    cold_ingest = seconds(build_index, settings)
    print(f"first ingest of the seeds, model load and ONNX export included: {cold_ingest:.1f}s")
    st = SentenceTransformerEmbedder()
    onnx_dir = work / "onnx"
    export_onnx(st, onnx_dir)
    onnx = load_exported(onnx_dir)

    corpora = [] if opts.no_ingest else [("seeds", settings.corpus_dir)]
    if opts.articles and not opts.no_ingest:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from synthetic import write_articles

        corpora.append((f"{opts.articles} articles", write_articles(work / "synth", opts.articles)))
    for label, corpus in corpora:
        prepared = [
            prepare(
                a.__class__(a.id, a.title, a.date, a.body, version_key(settings, a.content_hash)),
                settings,
            )
            for a in load_corpus(corpus).articles
        ]
        texts = [p.text for item in prepared for p in item.passages]
        texts += [s.text for item in prepared for s in item.sentences]
        ours, raw_st, raw_onnx, base = [], [], [], []
        for r in range(opts.repeat):
            folder = work / f"ingest-{label}-{r}"
            # An index whose export exists: the case of every ingest after the first.
            shutil.copytree(onnx_dir, folder / "onnx")
            s = RetrievalSettings(corpus_dir=corpus, index_dir=folder)
            ours.append(seconds(build_index, s))
            raw_st.append(seconds(st.embed, texts))
            raw_onnx.append(seconds(onnx.embed, texts))
            lc_dir = work / f"lc-{label}-{r}"
            base.append(
                seconds(langchain_store, lc_dir, corpus, adapter(st.embed), settings.chunk_chars)
            )
        n = len(texts)
        table.add(f"ingest {label} ({n} texts) vs LangChain", ours, base, "s")
        table.add(f"ingest {label} vs raw ST encode, same texts", ours, raw_st, "s")
        table.add(f"ingest {label} vs raw ONNX encode, same texts", ours, raw_onnx, "s")

    # -- warm latency on the seeds --------------------------------------------------------------
    _, index = build_index(settings)
    searcher = index.searcher()
    lc_store, n_chunks = langchain_store(
        work / "lc-seeds", settings.corpus_dir, adapter(index.embedder.embed), settings.chunk_chars
    )
    vectors = {q: index.embedder.embed([q])[0] for q in questions}
    collection = index.store._passages
    hybrid_v, chroma_q, hybrid, lc, answer = [], [], [], [], []
    pipeline = build_pipeline(Settings(retrieval=settings), index=index)
    for _ in range(opts.repeat):
        hybrid_v.append(
            np.median(latencies(lambda q: searcher.search(q, k=5, vector=vectors[q]), questions))
        )
        chroma_q.append(
            np.median(
                latencies(
                    lambda q: collection.query(query_embeddings=[vectors[q]], n_results=5),
                    questions,
                )
            )
        )
        hybrid.append(np.median(latencies(lambda q: searcher.search(q, k=5), questions)))
        lc.append(np.median(latencies(lambda q: lc_store.similarity_search(q, k=5), questions)))
        answer.append(np.median(latencies(pipeline.answer, questions)))
    table.add("search p50, query vector given vs Chroma query", hybrid_v, chroma_q, "ms")
    table.add("search p50 incl. embedding vs LC similarity_search", hybrid, lc, "ms")
    all_hybrid = latencies(lambda q: searcher.search(q, k=5), questions)
    all_lc = latencies(lambda q: lc_store.similarity_search(q, k=5), questions)
    table.add("search p95 incl. embedding vs LC similarity_search", [pct(all_hybrid, 95)],
              [pct(all_lc, 95)], "ms")  # fmt: skip
    warm = latencies(pipeline.answer, questions)
    table.add("warm answer p50 (LC: similarity_search)", answer, lc, "ms")
    table.add("warm answer p95 (LC: similarity_search)", [pct(warm, 95)], [pct(all_lc, 95)], "ms")

    # -- cold start to a first answer, fresh processes ---------------------------------------
    env = {**os.environ, "NEWSBOT_INDEX_DIR": str(settings.index_dir), "PYTHONPATH": str(ROOT)}
    py = sys.executable
    ours_cold, base_cold, chroma_cold = [], [], []
    script = BASELINE_COLD.format(root=str(ROOT), path=str(work / "lc-seeds"), q=QUESTION)
    for _ in range(opts.repeat):
        ours_cold.append(run_cold([py, "-m", "bot.cli", "ask", QUESTION], env))
        base_cold.append(run_cold([py, "-c", script], env))
        chroma_cold.append(run_cold([py, "-c", "import chromadb"], env))
    table.add("cold `newsbot ask` vs LangChain first search", ours_cold, base_cold, "s")
    table.add("cold `newsbot ask` vs `import chromadb`", ours_cold, chroma_cold, "s")

    # -- an older checkout's ingest on the same corpus, in fresh processes -------------------
    if opts.old and corpora:
        corpus = corpora[-1][1]
        old, new = [], []
        for r in range(opts.repeat):
            for checkout, out in ((opts.old, old), (ROOT, new)):
                e = {**os.environ, "PYTHONPATH": str(checkout), "NEWSBOT_CORPUS": str(corpus)}
                e["NEWSBOT_INDEX_DIR"] = str(work / f"cli-{checkout.name}-{r}")
                out.append(run_cold([py, "-m", "bot.cli", "ingest"], e, cwd=checkout))
        table.add(f"`newsbot ingest` {corpora[-1][0]}: this vs --old", new, old, "s")

    print(f"\ncorpus: seeds ({n_chunks} LangChain chunks); {len(questions)} questions; "
          f"repeat {opts.repeat}; median (min)")  # fmt: skip
    table.print()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
