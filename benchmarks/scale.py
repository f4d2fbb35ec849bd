"""Scale: newsbot's store and keyword index at 10k, 100k and 1M passages.

Texts: ``synthetic.passage_texts`` (seed sentences recombined). Vectors: the real embeddings of
the first texts, as many as the cache in ~/.cache/newsbot-bench holds (``--embed-minutes`` adds
more, within that time), then ``synthetic.derived_vectors`` up to the size. Queries: the real
questions of eval/questions/ embedded by the same model. For each size it reports build time,
disk, keyword index build/load time and memory, RSS, dense latency p50/p95 and recall@10 against
exact search over the same vectors for each ``--ef-search``, and hybrid latency
(``HybridSearcher.search`` with the vector given). Results go to
~/.cache/newsbot-bench/scale-results.json (one entry per size and HNSW setting); ``--plot PNG``
draws latency and recall against size from it.

Run:  nice -n 10 .venv/bin/python benchmarks/scale.py --sizes 10000 100000 1000000
(newsbot's HNSW settings; ``--m 16 --ef-construction 100`` gives Chroma's defaults)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import psutil
from synthetic import CACHE, ROOT, derived_vectors, passage_texts, real_vectors

from bot.evaluation.questions import load_questions
from retrieval.keyword import TOKENIZER_VERSION, KeywordIndex
from retrieval.records import Passage
from retrieval.search import HybridSearcher
from retrieval.settings import RetrievalSettings
from retrieval.stores import ChromaStore, chroma_client

RESULTS = CACHE / "scale-results.json"
PER_ARTICLE = 20  # passages per synthetic article, as in the 1,000-article corpus
HASH = "5" * 64  # every synthetic passage is live under this committed hash


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def disk_mb(folder: Path) -> float:
    out = subprocess.run(["du", "-sm", str(folder)], capture_output=True, text=True).stdout
    return float(out.split()[0]) if out else 0.0


def embedder():
    from retrieval.embedders import SentenceTransformerEmbedder
    from retrieval.onnx_export import export_onnx, load_exported

    folder = CACHE / "onnx"
    found = load_exported(folder)
    if found is None:
        export_onnx(SentenceTransformerEmbedder(), folder)
        found = load_exported(folder)
    return found


def passage(i: int, text: str) -> Passage:
    aid = f"a{i // PER_ARTICLE:06d}"
    return Passage(f"{aid}@{HASH[:12]}#{i % PER_ARTICLE:04d}", aid, f"Report {aid}", None, text,
                   0, len(text), HASH, 0, 0)  # fmt: skip


def pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def reopen(folder: Path, hnsw: dict, ef_search: int) -> ChromaStore:
    """The store in a fresh client with ``ef_search`` set: a client that has already searched
    the collection keeps the breadth it loaded its graph with, so each setting gets its own."""
    from chromadb.api.client import SharedSystemClient

    hnsw = {**hnsw, "ef_search": ef_search}
    for attempt in range(10):  # the dropped client's database handle closes when collected
        SharedSystemClient.clear_system_cache()
        gc.collect()
        try:
            ChromaStore(chroma_client(path=str(folder)), prefix="scale", hnsw=hnsw)
            break
        except Exception:
            time.sleep(1 + attempt)
    SharedSystemClient.clear_system_cache()
    gc.collect()
    return ChromaStore(chroma_client(path=str(folder)), prefix="scale", hnsw=hnsw)


def build_store(folder: Path, texts: list[str], vectors: np.ndarray, hnsw: dict, limit_s: float):
    """The Chroma store of the passages, reused when a complete one exists."""
    done_mark = folder / "complete.json"
    store = ChromaStore(chroma_client(path=str(folder)), prefix="scale", hnsw=hnsw)
    if done_mark.is_file():
        return store, json.loads(done_mark.read_text())
    started = time.perf_counter()
    count = store._passages.count()  # resume an interrupted build
    if limit_s <= 0:  # measure what is there
        return store, {"built": count, "build_s": float("nan"), "complete": False}
    batch = 5000
    for at in range(count - count % batch, len(texts), batch):
        rows = range(at, min(at + batch, len(texts)))
        store.add_passages([passage(i, texts[i]) for i in rows], vectors[rows.start : rows.stop])
        elapsed = time.perf_counter() - started
        if rows.stop % 50000 == 0 or rows.stop == len(texts):
            log(f"  stored {rows.stop}/{len(texts)} in {elapsed:.0f}s, rss {rss_mb():.0f} MB")
        if elapsed > limit_s and rows.stop < len(texts):
            log(f"  build stopped at its time limit: {rows.stop} of {len(texts)}")
            return store, {"built": rows.stop, "build_s": elapsed, "complete": False}
    info = {"built": len(texts), "build_s": time.perf_counter() - started + 0.0, "complete": True}
    done_mark.write_text(json.dumps(info))
    return store, info


def measure(size: int, opts: argparse.Namespace, queries: np.ndarray, qtexts: list[str]) -> dict:
    hnsw = {
        "ef_construction": opts.ef_construction,
        "max_neighbors": opts.m,
        "ef_search": opts.ef_search[0],
        "sync_threshold": 50000,
        "batch_size": 1000,
    }
    log(f"size {size}: texts and vectors")
    texts = passage_texts(size)
    real = real_vectors(texts[: opts.real], lambda t: None, "all-MiniLM-L6-v2", deadline=0)
    if not len(real):
        raise SystemExit("no real vectors cached: run with --embed-minutes above 0")
    vectors = derived_vectors(real, size)
    result: dict = {"size": size, "real_vectors": int(min(len(real), size)), "hnsw": hnsw}
    folder = CACHE / f"store-{size}-M{opts.m}-efc{opts.ef_construction}"
    store, info = build_store(folder, texts, vectors, hnsw, opts.build_limit_s)
    result.update(info, disk_mb=disk_mb(folder))
    built = info["built"]
    vectors = vectors[:built]
    log(f"  store: {info}")

    # Keyword index: build once and cache; then the load a starting process pays.
    kw_dir = folder / "keyword"
    version = f"{built}-t{TOKENIZER_VERSION}"  # a new tokeniser builds a new cached index
    if KeywordIndex.load(kw_dir, version) is None:
        gc.collect()
        start = time.perf_counter()
        keyword = KeywordIndex.build(passage(i, texts[i]) for i in range(built))
        result["bm25_build_s"] = time.perf_counter() - start
        keyword.save(kw_dir, version)
        del keyword
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    keyword = KeywordIndex.load(kw_dir, version)
    result["bm25_load_s"] = time.perf_counter() - start
    result["bm25_mem_mb"] = rss_mb() - before
    result["bm25_disk_mb"] = disk_mb(kw_dir)
    del texts
    gc.collect()

    # Exact top 10 over the same vectors, the reference for recall.
    sims = queries @ vectors.T
    exact = [set(np.argpartition(-row, 10)[:10].tolist()) for row in sims]
    del sims
    index_of = {passage(i, "").id: i for i in range(built)}
    result["dense"] = {}
    for ef in opts.ef_search:
        store = reopen(folder, hnsw, ef)
        store.nearest(queries[0], 10)  # warm
        times, recalls = [], []
        for _ in range(3):
            for q, truth in zip(queries, exact):
                start = time.perf_counter()
                hits = store.nearest(q, 10)
                times.append((time.perf_counter() - start) * 1000)
                recalls.append(len({index_of[h] for h, _ in hits} & truth) / 10)
        result["dense"][ef] = {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                               "recall10": statistics.mean(recalls)}  # fmt: skip
        log(f"  dense ef_search={ef}: {result['dense'][ef]}")
    # Hybrid at the smallest ef_search that reaches the recall target (else the largest tried).
    good = [ef for ef in opts.ef_search if result["dense"][ef]["recall10"] >= 0.98]
    ef = min(good) if good else max(opts.ef_search)
    store = reopen(folder, hnsw, ef)
    live = {f"a{i:06d}": HASH for i in range(built // PER_ARTICLE + 1)}
    searcher = HybridSearcher(store, None, keyword, live, top_k=10)  # type: ignore[arg-type]
    searcher.search(qtexts[0], k=10, vector=queries[0])  # warm
    times = []
    for _ in range(3):
        for q, text in zip(queries, qtexts):
            start = time.perf_counter()
            searcher.search(text, k=10, vector=q)
            times.append((time.perf_counter() - start) * 1000)
    result["hybrid"] = {"ef_search": ef, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95)}
    result["rss_mb"] = rss_mb()
    log(f"  hybrid: {result['hybrid']}, rss {result['rss_mb']:.0f} MB")
    return result


def graph(result: dict) -> tuple[int, int]:
    """The HNSW build settings a result was measured on (ef_search varies within one)."""
    return result["hnsw"]["max_neighbors"], result["hnsw"]["ef_construction"]


def save(result: dict) -> None:
    rows = json.loads(RESULTS.read_text()) if RESULTS.is_file() else []
    key = (result["size"], graph(result))
    rows = [r for r in rows if (r["size"], graph(r)) != key]
    RESULTS.write_text(json.dumps(rows + [result], indent=1))


def table() -> None:
    """The results as markdown: one row per size, then the growth from each size to the next."""
    rows = sorted(json.loads(RESULTS.read_text()), key=lambda r: (graph(r), r["built"]))
    print("| passages | M / ef_construction | real vectors | build s | disk MB | "
          "BM25 build s / load s / MB | dense p50/p95 ms, recall@10 by ef_search | "
          "hybrid p50/p95 ms (ef_search) | RSS MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        dense = "; ".join(
            f"{ef}: {d['p50_ms']:.1f}/{d['p95_ms']:.1f}, {d['recall10']:.3f}"
            for ef, d in sorted(r["dense"].items(), key=lambda kv: int(kv[0]))
        )
        built = f"{r['built']:,}" + ("" if r.get("complete", True) else f" of {r['size']:,}")
        h = r["hybrid"]
        print(f"| {built} | {graph(r)[0]} / {graph(r)[1]} | {r['real_vectors']:,} | "
              f"{r['build_s']:.0f} | {r['disk_mb']:.0f} | "
              f"{r.get('bm25_build_s', float('nan')):.1f} / {r['bm25_load_s']:.2f} / "
              f"{r['bm25_mem_mb']:.0f} | {dense} | {h['p50_ms']:.1f}/{h['p95_ms']:.1f} "
              f"({h['ef_search']}) | {r['rss_mb']:.0f} |")  # fmt: skip
    for a, b in zip(rows, rows[1:]):
        common = set(a["dense"]) & set(b["dense"])
        if graph(a) != graph(b) or not common:
            continue
        ef = max(common, key=int)
        print(f"\n{a['built']:,} -> {b['built']:,} ({b['built'] / a['built']:.0f}x passages, "
              f"M {graph(a)[0]}): build {b['build_s'] / a['build_s']:.1f}x, "
              f"disk {b['disk_mb'] / a['disk_mb']:.1f}x, dense p95 at ef_search {ef} "
              f"{b['dense'][ef]['p95_ms'] / a['dense'][ef]['p95_ms']:.1f}x (recall "
              f"{a['dense'][ef]['recall10']:.3f} -> {b['dense'][ef]['recall10']:.3f}), "
              f"hybrid p95 {b['hybrid']['p95_ms'] / a['hybrid']['p95_ms']:.1f}x, "
              f"BM25 load {b['bm25_load_s'] / a['bm25_load_s']:.1f}x")  # fmt: skip


def plot(png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = sorted(json.loads(RESULTS.read_text()), key=lambda r: r["built"])
    fig, (lat, rec) = plt.subplots(1, 2, figsize=(11, 4))
    for (m, efc), style in zip(sorted({graph(r) for r in rows}), ("o--", "o-", "s-", "s--")):
        group = [r for r in rows if graph(r) == (m, efc)]
        for ef in sorted({ef for r in group for ef in r["dense"]}, key=int):
            have = [r for r in group if ef in r["dense"]]
            sizes = [r["built"] for r in have]
            label = f"M {m}/{efc}, ef {ef}"
            lat.plot(sizes, [r["dense"][ef]["p95_ms"] for r in have], style, label=label)
            rec.plot(sizes, [r["dense"][ef]["recall10"] for r in have], style, label=label)
        lat.plot([r["built"] for r in group], [r["hybrid"]["p95_ms"] for r in group], "k" + style,
                 label=f"hybrid p95, M {m}/{efc}")  # fmt: skip
    lat.set(xscale="log", xlabel="passages", ylabel="ms", title="query latency p95")
    rec.axhline(0.98, color="grey", lw=0.8)
    rec.set(xscale="log", xlabel="passages", ylabel="recall@10 vs exact", title="recall@10")
    lat.legend(fontsize=6, ncol=2)
    rec.legend(fontsize=6, ncol=2)
    fig.tight_layout()
    fig.savefig(png, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    # 4,096 real vectors (~2-3 minutes to embed once, then cached) seed the derived ones.
    ap.add_argument("--real", type=int, default=4096, help="real vectors to use at most")
    ap.add_argument("--embed-minutes", type=float, default=10.0)
    # newsbot's own HNSW settings; pass Chroma's (16 / 100 / 100) to compare with them.
    ap.add_argument("--m", type=int, default=RetrievalSettings.hnsw_m)
    ap.add_argument("--ef-construction", type=int, default=RetrievalSettings.hnsw_ef_construction)
    ap.add_argument(
        "--ef-search", type=int, nargs="+", default=[100, 400, RetrievalSettings.hnsw_ef_search]
    )
    ap.add_argument("--build-limit-s", type=float, default=3600.0)
    ap.add_argument("--plot", type=Path)
    ap.add_argument("--plot-only", action="store_true")
    ap.add_argument("--table", action="store_true", help="print the saved results and exit")
    ap.add_argument("--fresh", action="store_true", help="rebuild the stores")
    opts = ap.parse_args()
    if opts.table:
        return table()
    if opts.plot_only:
        return plot(opts.plot)
    model = embedder()
    if opts.embed_minutes:
        real_vectors(passage_texts(opts.real), model.embed, model.name,
                     deadline=time.time() + 60 * opts.embed_minutes, log=log)  # fmt: skip
    questions = []
    for name in ("seeds.jsonl", "heldout.jsonl"):
        questions += [q.question for q in load_questions(ROOT / "eval/questions" / name)[0]]
    queries = model.embed(questions)
    for size in opts.sizes:
        if opts.fresh:
            shutil.rmtree(CACHE / f"store-{size}-M{opts.m}-efc{opts.ef_construction}", True)
        save(measure(size, opts, queries, questions))
    if opts.plot:
        plot(opts.plot)


if __name__ == "__main__":
    main()
