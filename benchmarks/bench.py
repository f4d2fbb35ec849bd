"""newsbot against a plain LangChain baseline, side by side in one process run, as ratios.

The baseline is what a LangChain tutorial builds: ``RecursiveCharacterTextSplitter`` chunks in a
``langchain_chroma.Chroma`` store, embedded by the same all-MiniLM-L6-v2 model, searched with
``similarity_search``. Both index the same corpus and answer the same questions
(eval/questions/seeds.jsonl). Every figure is measured ``--repeat`` times; the table shows the
median and the minimum, and ratios of medians (newsbot / baseline: below 1 is faster).

Run:  .venv/bin/python benchmarks/bench.py [--articles N] [--repeat R] [--old PATH]
  --articles N   also ingest N synthetic articles (benchmarks/synthetic.py) for the ingest rows
  --old PATH     a checkout of an older newsbot: its `newsbot ingest` is timed on the same corpus,
                 and its cold `newsbot ask` (and re-ingest, below) beside this checkout's
  --reingest-index DIR --reingest-corpus DIR
                 an index of that corpus (e.g. ~/.cache/newsbot-bench/idx-1000, corpus-1000):
                 `newsbot ingest` in a fresh process after one article changed, on copies (the
                 given folders are never modified); with --old, the older checkout's too
  --only SECTION ...  ingest, warm, cold, reingest (default: all that apply)
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


def changed_copy(corpus: Path, index: Path, work: Path, edit: int) -> tuple[Path, Path]:
    """Copies of ``corpus`` and ``index`` in ``work``, with one article of the corpus changed
    (a sentence added to its second paragraph, different for each ``edit``)."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(corpus, work / "corpus")
    shutil.copytree(index, work / "index")
    files = sorted(p for p in (work / "corpus").iterdir() if p.is_file())
    article = files[len(files) // 2]
    paragraphs = article.read_text(encoding="utf-8").split("\n\n")
    paragraphs[min(2, len(paragraphs) - 1)] += (
        f" Edit number {edit} added this sentence to the story."
    )
    article.write_text("\n\n".join(paragraphs), encoding="utf-8")
    os.sync()  # the copy's writeback would otherwise stall the timed ingest's SQLite commits
    return work / "corpus", work / "index"


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
    args.add_argument("--reingest-index", type=Path, help="an index of --reingest-corpus")
    args.add_argument("--reingest-corpus", type=Path, help="the corpus of --reingest-index")
    args.add_argument("--only", nargs="+", choices=["ingest", "warm", "cold", "reingest"])
    opts = args.parse_args()
    only = set(opts.only or ["ingest", "warm", "cold", "reingest"])
    if "ingest" not in only:
        opts.no_ingest = True
    work = Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    table = Table()

    # -- ingest of the seeds, first ever (model load + ONNX export included) and warm ---------
    settings = RetrievalSettings(index_dir=work / "index")
    env = {**os.environ, "NEWSBOT_INDEX_DIR": str(settings.index_dir), "PYTHONPATH": str(ROOT)}
    header = ""
    if only & {"ingest", "warm", "cold"}:
        header = seeds_rows(table, opts, only, work, settings, env)
    if "reingest" in only and opts.reingest_index and opts.reingest_corpus:
        reingest_rows(table, opts, work, env)
    print(f"\n{header}repeat {opts.repeat}; median (min)")
    table.print()
    shutil.rmtree(work, ignore_errors=True)


def seeds_rows(
    table: Table, opts: argparse.Namespace, only: set[str], work: Path, settings, env: dict
) -> str:
    """Ingest, warm and cold rows: the seeds, --articles and --old ingests; returns the line
    that says what they ran on."""
    questions = [q.question for q in load_questions(ROOT / "eval/questions/seeds.jsonl")[0]]
    cold_ingest = seconds(build_index, settings)
    print(f"first ingest of the seeds, model load and ONNX export included: {cold_ingest:.1f}s")
    corpora = [] if opts.no_ingest else [("seeds", settings.corpus_dir)]
    if corpora:
        st = SentenceTransformerEmbedder()
        onnx_dir = work / "onnx"
        export_onnx(st, onnx_dir)
        onnx = load_exported(onnx_dir)
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
    lc_store, n_chunks = langchain_store(
        work / "lc-seeds", settings.corpus_dir, adapter(index.embedder.embed), settings.chunk_chars
    )
    if "warm" in only:
        warm_rows(table, index, lc_store, settings, questions, opts.repeat)

    # -- cold start to a first answer, fresh processes ---------------------------------------
    py = sys.executable
    if "cold" in only:
        ours_cold, base_cold, chroma_cold, old_cold = [], [], [], []
        script = BASELINE_COLD.format(root=str(ROOT), path=str(work / "lc-seeds"), q=QUESTION)
        old_env = {**env, "PYTHONPATH": str(opts.old)} if opts.old else None
        for _ in range(opts.repeat):
            ours_cold.append(run_cold([py, "-m", "bot.cli", "ask", QUESTION], env))
            base_cold.append(run_cold([py, "-c", script], env))
            chroma_cold.append(run_cold([py, "-c", "import chromadb"], env))
            if old_env:
                old_cold.append(run_cold([py, "-m", "bot.cli", "ask", QUESTION], old_env, opts.old))
        table.add("cold `newsbot ask` vs LangChain first search", ours_cold, base_cold, "s")
        table.add("cold `newsbot ask` vs `import chromadb`", ours_cold, chroma_cold, "s")
        if old_cold:
            table.add("cold `newsbot ask`: --old vs `import chromadb`", old_cold, chroma_cold, "s")
            table.add("cold `newsbot ask`: this vs --old", ours_cold, old_cold, "s")

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
    return f"corpus: seeds ({n_chunks} LangChain chunks); {len(questions)} questions; "


def reingest_rows(table: Table, opts: argparse.Namespace, work: Path, env: dict) -> None:
    """`newsbot ingest` after one article changed, in fresh processes, on copies of the given
    index (each run starts from the same state), beside `import chromadb` in the same loop."""
    py = sys.executable
    n = sum(1 for p in opts.reingest_corpus.iterdir() if p.is_file())
    checkouts = [("this", ROOT)] + ([("old", opts.old)] if opts.old else [])
    times: dict[str, list[float]] = {name: [] for name, _ in checkouts}
    chroma = []
    for r in range(opts.repeat):
        for name, checkout in checkouts:
            corpus, index = changed_copy(
                opts.reingest_corpus, opts.reingest_index, work / "reingest", r
            )
            e = {**env, "PYTHONPATH": str(checkout), "NEWSBOT_CORPUS": str(corpus)}
            e["NEWSBOT_INDEX_DIR"] = str(index)
            times[name].append(run_cold([py, "-m", "bot.cli", "ingest"], e, cwd=checkout))
        chroma.append(run_cold([py, "-c", "import chromadb"], env))
    shutil.rmtree(work / "reingest", ignore_errors=True)
    label = f"re-ingest 1 changed of {n} articles"
    table.add(f"{label} vs `import chromadb`", times["this"], chroma, "s")
    if opts.old:
        table.add(f"{label}: --old vs `import chromadb`", times["old"], chroma, "s")
        table.add(f"{label}: this vs --old", times["this"], times["old"], "s")


def warm_rows(table: Table, index, lc_store, settings, questions: list[str], repeat: int) -> None:
    searcher = index.searcher()
    vectors = {q: index.embedder.embed([q])[0] for q in questions}
    collection = index.store._passages
    hybrid_v, chroma_q, hybrid, lc, answer = [], [], [], [], []
    pipeline = build_pipeline(Settings(retrieval=settings), index=index)
    for _ in range(repeat):
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


if __name__ == "__main__":
    main()
