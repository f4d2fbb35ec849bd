"""Soak test: an ingest loop that modifies, adds and deletes articles while reader processes
search and ask, then the index is compared with a clean ingest of the final corpus.

    PYTHONPATH=. python benchmarks/soak.py [--seconds 180] [--readers 3] [--embedder hashing]

Uses the hashing embedder by default, so that a writer and several readers fit on a 2-core
machine; ``--embedder minilm`` soaks the real model. Prints reads done, errors (must be 0) and
whether the final index matches a clean ingest; exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "Where did Milley meet Gerasimov?",
    "How long was the phone call between Carter and Shoigu?",
    "How many civilians did the US drone strike in Kabul kill?",
    "What did Russia move to Syria?",
    "Who is the spokesman for Milley?",
]
# A reader opens the index afresh this often (a new CLI process would), and otherwise keeps it
# open (a chat session, a Slack worker).
REOPEN_EVERY = 10


@dataclass(frozen=True)
class Plan:
    corpus: Path
    index: Path
    embedder: str
    seconds: float
    seed: int


def _settings(plan: Plan, index_dir: Path | None = None):
    from retrieval.settings import RetrievalSettings

    return RetrievalSettings(
        corpus_dir=plan.corpus, index_dir=index_dir or plan.index, embedder=plan.embedder
    )


def _start(plan: Plan, ready) -> float:
    """Wait until every process has started (imports take seconds), then the deadline."""
    ready.wait(timeout=300)
    return time.time() + plan.seconds


def writer(plan: Plan, ready, results: mp.Queue) -> None:
    """Change the corpus and ingest, until the deadline."""
    from retrieval.index import build_index

    rng = random.Random(plan.seed)
    seeds = sorted(p for p in plan.corpus.glob("*.txt") if not p.name.startswith("soak_"))
    originals = {p: p.read_text(encoding="utf-8") for p in seeds}
    counts = {"ingests": 0, "modified": 0, "added": 0, "deleted": 0}
    errors: list[str] = []
    n = 0
    deadline = _start(plan, ready)
    while time.time() < deadline:
        n += 1
        added = sorted(plan.corpus.glob("soak_*.txt"))
        action = rng.choice(["modify", "add", "delete"] if added else ["modify", "add"])
        if action == "modify":
            path = rng.choice(seeds)
            path.write_text(f"{originals[path]}\n\nSoak revision {n} of this story.\n")
        elif action == "add":
            source = rng.choice(seeds)
            text = originals[source].replace("Russia", f"Russia{n}", 1)
            (plan.corpus / f"soak_{n:05d}.txt").write_text(text, encoding="utf-8")
        else:
            rng.choice(added).unlink()
        counts[{"modify": "modified", "add": "added", "delete": "deleted"}[action]] += 1
        try:
            build_index(_settings(plan))
            counts["ingests"] += 1
        except Exception:
            errors.append(traceback.format_exc(limit=3))
    results.put(("writer", counts, errors))


def reader(plan: Plan, number: int, ready, results: mp.Queue) -> None:
    """Search and ask until the deadline; every exception is an error."""
    from bot.answering.generators.extractive import ExtractiveGenerator
    from bot.answering.pipeline import AnswerPipeline
    from retrieval.index import open_index

    rng = random.Random(plan.seed + number)
    reads, errors, mixed = 0, [], 0
    index = pipeline = None
    deadline = _start(plan, ready)
    while time.time() < deadline:
        try:
            if index is None or reads % REOPEN_EVERY == 0:
                index = open_index(_settings(plan))
                extractive = ExtractiveGenerator(index.store)
                pipeline = AnswerPipeline(index.searcher(), index.store, extractive, extractive)
            question = rng.choice(QUESTIONS)
            if rng.random() < 0.5:
                excerpts = index.searcher().search(question)
            else:
                excerpts = pipeline.answer(question).excerpts
            live = {aid: r.content_hash for aid, r in index.records.items()}
            mixed += sum(live.get(e.article_id) != e.content_hash for e in excerpts)
        except Exception:
            errors.append(traceback.format_exc(limit=4))
        reads += 1
    results.put((f"reader {number}", {"reads": reads, "mixed": mixed}, errors))


def _collect(procs: list, results: mp.Queue, give_up: float) -> list:
    """Every process's report; a process that died without one (a crash) is joined, and its
    exit code is left for the caller to count."""
    import queue

    reports = []
    while len(reports) < len(procs) and time.time() < give_up:
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            if not any(p.is_alive() for p in procs):
                break
    for p in procs:
        p.join(timeout=10)
    return reports


def _snapshot(index_dir: Path, plan: Plan) -> tuple[dict, set, set]:
    """Committed articles, and the live passages and sentences, of the index in ``index_dir``."""
    from retrieval.index import open_store

    store = open_store(_settings(plan, index_dir))
    records = store.articles()
    hashes = {aid: r.content_hash for aid, r in records.items()}
    passages = {(p.id, p.text) for p in store.passages()}
    n_sentences = {(aid, r.n_sentences) for aid, r in records.items()}
    return hashes, passages, n_sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180.0, help="soak duration")
    parser.add_argument("--readers", type=int, default=3, help="reader processes")
    parser.add_argument("--embedder", default="hashing", choices=("hashing", "minilm"))
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # a script: library warnings stay quiet

    from retrieval.index import build_index
    from retrieval.settings import default_corpus

    work = Path(tempfile.mkdtemp(prefix="newsbot-soak-"))
    try:
        corpus = work / "corpus"
        shutil.copytree(default_corpus(), corpus)
        plan = Plan(corpus, work / "index", args.embedder, args.seconds, args.seed)
        build_index(_settings(plan))

        ctx = mp.get_context("spawn")
        results: mp.Queue = ctx.Queue()
        ready = ctx.Barrier(args.readers + 1)
        procs = [ctx.Process(target=writer, args=(plan, ready, results), name="writer")]
        procs += [
            ctx.Process(target=reader, args=(plan, i, ready, results), name=f"reader {i}")
            for i in range(args.readers)
        ]
        started = time.time()
        for p in procs:
            p.start()
        reports = _collect(procs, results, time.time() + args.seconds + 600)
        elapsed = time.time() - started

        errors = [e for _, _, errs in reports for e in errs]
        crashed = [p.exitcode for p in procs if p.exitcode != 0]
        reads = sum(c.get("reads", 0) for name, c, _ in reports if name.startswith("reader"))
        mixed = sum(c.get("mixed", 0) for name, c, _ in reports if name.startswith("reader"))
        counts = next(
            (c for name, c, _ in reports if name == "writer"),
            {"ingests": 0, "modified": 0, "added": 0, "deleted": 0},
        )

        # The soaked index, after one last ingest of the final corpus, against a clean one.
        build_index(_settings(plan))
        clean_dir = work / "clean"
        build_index(_settings(plan, clean_dir))
        soaked, clean = _snapshot(plan.index, plan), _snapshot(clean_dir, plan)
        matches = soaked == clean

        print(f"embedder: {args.embedder} (hashing is the default, so the soak fits 2 cores)")
        print(f"duration: {elapsed:.0f}s, {args.readers} reader processes, 1 ingest process")
        print(
            f"ingests: {counts['ingests']} (articles modified {counts['modified']}, "
            f"added {counts['added']}, deleted {counts['deleted']})"
        )
        print(f"reads done: {reads} (searches and asks)")
        print(f"excerpts from an uncommitted version: {mixed}")
        print(f"errors: {len(errors) + len(crashed)}")
        kinds: dict[str, int] = {}
        for e in errors:
            lines = e.strip().splitlines()
            where = next((x.strip() for x in reversed(lines) if x.strip().startswith("File")), "")
            kinds[f"{lines[-1]} at {where}"] = kinds.get(f"{lines[-1]} at {where}", 0) + 1
        for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1]):
            print(f"  {count} x {kind}")
        for p in procs:
            if p.exitcode != 0:
                print(f"  {p.name} exited with {p.exitcode}")
        print(
            f"final index matches a clean ingest of the final corpus: {'yes' if matches else 'no'}"
            f" ({len(soaked[0])} articles, {len(soaked[1])} passages)"
        )
        return 0 if matches and not errors and not crashed and not mixed else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
