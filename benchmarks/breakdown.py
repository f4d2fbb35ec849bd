"""Where a cold start and an ingest spend their time, by phase, in fresh processes.

Run:  .venv/bin/python benchmarks/breakdown.py [--corpus DIR] [--repeat 3]

Cold start: each phase of a first answer (`newsbot ask`) timed in a fresh interpreter against an
index built beforehand, one after the other (`newsbot ask` itself loads the ONNX session beside
its imports, so its total is less than their sum). The store is the one a reader opens: the
index's snapshot, or Chroma where there is none (``NEWSBOT_SNAPSHOT_MAX_TEXTS=0``), named in its
phase.
Ingest: a fresh index of ``--corpus`` (default: the seeds) whose ONNX export already exists,
with the time inside each step (loading and cleaning files, sentence splitting and chunking,
embedding, the store's writes, commit and prune, the keyword index) summed by wrapping those
functions. Medians over ``--repeat`` runs; shares are of the total.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COLD = r"""
import json, sys, time
t0 = time.perf_counter(); marks = {}
def mark(name):
    global t0
    now = time.perf_counter(); marks[name] = now - t0; t0 = now
import onnxruntime, tokenizers; mark("import onnxruntime, tokenizers")
from bot.cli import commands; from bot.answering import factory; from retrieval import index
mark("import newsbot (CLI, answering, retrieval)")
import os; from bot.config import Settings
settings = Settings.from_env(os.environ); mark("settings")
store = index.open_reader(settings.retrieval)
mark(f"open the store ({type(store).__name__}; chromadb imported: {'chromadb' in sys.modules})")
records = store.articles(); mark("read the article records")
keyword = index.refresh_keyword(settings.retrieval, store, records); mark("load the keyword index")
embedder = index.query_embedder(settings.retrieval); mark("load the ONNX session")
idx = index.Index(settings.retrieval, store, records, keyword, embedder)
pipeline = factory.build_pipeline(settings, index=idx); mark("build the pipeline")
pipeline.answer("Where did Milley meet Gerasimov?"); mark("first answer (embed, search, extract)")
print(json.dumps(marks))
"""

INGEST = r"""
import json, sys, time
from collections import defaultdict
spent = defaultdict(float)
def wrap(owner, name, label):
    fn = getattr(owner, name)
    def timed(*a, **k):
        start = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[label] += time.perf_counter() - start
    setattr(owner, name, timed)
from retrieval import ingest, index, stores, embedders, keyword
from retrieval.settings import RetrievalSettings
wrap(ingest, "load_corpus", "load and clean the files")
wrap(ingest, "prepare", "split sentences and chunk")
wrap(embedders.OnnxEmbedder, "embed", "embed (ONNX)")
wrap(embedders.OnnxEmbedder, "__init__", "load the ONNX session")
for name in ("add_passages", "add_sentences"):
    wrap(stores.ChromaStore, name, "write rows to Chroma")
wrap(stores.ChromaStore, "stored_vectors", "look up stored rows (resume)")
wrap(stores.ChromaStore, "commit_articles", "commit article records")
wrap(stores.ChromaStore, "prune_many", "prune old versions")
wrap(stores.ChromaStore, "articles", "read article records")
wrap(index, "refresh_keyword", "keyword index (BM25)")
from pathlib import Path
settings = RetrievalSettings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]))
start = time.perf_counter()
report, _ = index.build_index(settings)
total = time.perf_counter() - start
spent["other (bookkeeping, hashing, file walk)"] = total - sum(spent.values())
print(json.dumps({"total": total, "texts": report.passages_embedded + report.sentences_embedded,
                  **spent}))
"""


def run(code: str, env: dict[str, str], *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def show(title: str, runs: list[dict]) -> None:
    keys = list(runs[0])
    med = {k: statistics.median(r[k] for r in runs) for k in keys}
    total = med.pop("total", None) or sum(med.values())
    print(f"\n{title}: {total:.2f} s median of {len(runs)}")
    print("| phase | s (median) | share |")
    print("|---|---|---|")
    for k, v in med.items():
        if k != "texts":
            print(f"| {k} | {v:.3f} | {v / total:.0%} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT / "seeds")
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbot-breakdown-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"}
    env.update(HF_HUB_OFFLINE="1", NEWSBOT_INDEX_DIR=str(work / "seeds-index"))
    env.pop("NEWSBOT_CORPUS", None)
    subprocess.run([sys.executable, "-m", "bot.cli", "ingest"], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    show("cold `newsbot ask`", [run(COLD, env) for _ in range(opts.repeat)])
    runs = []
    for r in range(opts.repeat):
        folder = work / f"ingest-{r}"
        shutil.copytree(work / "seeds-index" / "onnx", folder / "onnx")
        runs.append(run(INGEST, env, str(opts.corpus), str(folder)))
    print(f"\n(ingest of {opts.corpus.name}: {runs[0]['texts']} texts)")
    show("ingest, ONNX export present", runs)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
