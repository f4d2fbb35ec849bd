"""What the index snapshot saves a reader, and what it costs an ingest, by index size.

Run:  .venv/bin/python benchmarks/snapshot.py [--articles 50 250 1000] [--repeat 3]

For each size, a synthetic corpus (``benchmarks/synthetic.py``, ~20 passages and sentences an
article) is ingested on the hashing embedder (256 dimensions; MiniLM's 384 make the vectors file
1.5x larger), then a fresh interpreter opens the index for reading (``open_index``: the store,
the records and the keyword index) with the snapshot, and another without it
(``NEWSBOT_SNAPSHOT_MAX_TEXTS=0``: importing chromadb, checking and opening its files). Both
are timed from before the first import of ``retrieval.index``. The ingest's cost is the time
``publish_snapshot`` takes to read the committed rows back and write them. Medians (min) over
``--repeat`` runs.
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
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_articles  # noqa: E402

OPEN = r"""
import json, sys, time
start = time.perf_counter()
from retrieval.index import open_index
from retrieval.settings import RetrievalSettings
from pathlib import Path
settings = RetrievalSettings(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]),
                             embedder="hashing", snapshot_max_texts=int(sys.argv[3]))
index = open_index(settings)
print(json.dumps({"s": time.perf_counter() - start, "store": type(index.store).__name__,
                  "chromadb": "chromadb" in sys.modules}))
"""


def open_once(corpus: Path, index: Path, max_texts: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANONYMIZED_TELEMETRY": "False"}
    done = subprocess.run(
        [sys.executable, "-c", OPEN, str(corpus), str(index), str(max_texts)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[50, 250, 1000])
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from retrieval.index import build_index, corpus_version, open_store
    from retrieval.settings import RetrievalSettings
    from retrieval.snapshot import publish_snapshot

    print(
        "| articles | passages + sentences | snapshot MB | open with snapshot, s | "
        "open from Chroma, s | ratio | ingest: publish, s |"
    )
    print("|---|---|---|---|---|---|---|")
    for n in opts.articles:
        work = Path(tempfile.mkdtemp(prefix="newsbot-snapshot-bench-"))
        corpus = write_articles(work / "corpus", n)
        limit = 10**9  # every size gets a snapshot here, to measure it
        settings = RetrievalSettings(corpus_dir=corpus, index_dir=work / "index")
        settings = replace(settings, embedder="hashing", snapshot_max_texts=limit)
        build_index(settings)
        store = open_store(settings)
        records = store.articles()
        texts = sum(r.n_passages + r.n_sentences for r in records.values())
        publish = []
        for attempt in range(opts.repeat):
            start = time.perf_counter()
            # A new version name each time, so that the rows are read and written again.
            publish_snapshot(settings.snapshot_dir, f"bench{attempt}", store, records, limit)
            publish.append(time.perf_counter() - start)
        publish_snapshot(settings.snapshot_dir, corpus_version(records), store, records, limit)
        size = sum(p.stat().st_size for p in settings.snapshot_dir.rglob("*") if p.is_file())
        with_snapshot, without = [], []
        for _ in range(opts.repeat):
            one = open_once(corpus, settings.index_dir, limit)
            assert one["store"] == "SnapshotStore" and not one["chromadb"], one
            with_snapshot.append(one["s"])
            other = open_once(corpus, settings.index_dir, 0)
            assert other["store"] == "ChromaStore", other
            without.append(other["s"])
        ratio = statistics.median(with_snapshot) / statistics.median(without)
        print(
            f"| {n} | {texts} | {size / 1e6:.1f} | {fmt(with_snapshot)} | {fmt(without)} | "
            f"{ratio:.2f}x | {fmt(publish)} |"
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
