"""Metrics over ``results.jsonl`` records and their question set.

Definitions (all at article level):
- accuracy: answerable questions not abstained whose answer contains an accepted answer
  (case, accents and punctuation folded);
- hit@k, MRR: where the first source article appears among the retrieved article ids;
- citation precision: per answered question with citations, the share of citations whose article
  is a source, averaged; citation recall: per answerable question, the share of its sources cited;
- citation validity: the share of all citations whose quote is verbatim in its article;
- abstention precision / recall: abstentions that were right / unanswerables abstained on;
- false abstention: answerable questions abstained on / answerable questions;
- latency p50 / p95 over every question.
A metric with nothing to average over is null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.evaluation.questions import SPLITS, EvalQuestion
from retrieval.text import fold_accents

UNSPLIT = "unsplit"

PUNCT = re.compile(r"[^\w\s]|_")


def fold(text: str) -> str:
    text = fold_accents(text).lower()
    return " ".join(PUNCT.sub(" ", text).split())


def has_answer(text: str, answers: Iterable[str]) -> bool:
    folded = f" {fold(text)} "
    return any(fold(a) and f" {fold(a)} " in folded for a in answers)


def is_correct(q: EvalQuestion, answer: str, abstained: bool, error: str | None) -> bool:
    if error:
        return False
    if not q.answerable:
        return abstained
    return not abstained and has_answer(answer, q.answers)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return float(ordered[int(rank) - 1])


def _first_rank(retrieved: Sequence[str], sources: Sequence[str]) -> int | None:
    for rank, aid in enumerate(retrieved, start=1):
        if aid in sources:
            return rank
    return None


def metrics(
    results: Sequence[dict],
    questions: dict[str, EvalQuestion],
    validity: Sequence[bool] | None = None,
) -> dict:
    """The metric table for ``results`` (records whose id is not in ``questions`` are ignored)."""
    rows = [(r, questions[r["id"]]) for r in results if r.get("id") in questions]
    answerable = [(r, q) for r, q in rows if q.answerable]
    unanswerable = [(r, q) for r, q in rows if not q.answerable]
    with_sources = [(r, q) for r, q in answerable if q.sources]
    ranks = [_first_rank(r.get("retrieved") or [], q.sources) for r, q in with_sources]
    precision = [
        sum(aid in q.sources for aid in r["cited"]) / len(r["cited"])
        for r, q in with_sources
        if r.get("cited") and not r.get("abstained")
    ]
    recall = [
        len(set(r.get("cited") or []) & set(q.sources)) / len(set(q.sources))
        for r, q in with_sources
    ]
    abstained = [(r, q) for r, q in rows if r.get("abstained")]
    latencies = [float(r["latency_ms"]) for r, _ in rows if r.get("latency_ms") is not None]
    out = {
        "questions": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "errors": sum(1 for r, _ in rows if r.get("error")),
        "accuracy": _mean([1.0 if r.get("correct") else 0.0 for r, _ in answerable]),
        "overall_correct": _mean([1.0 if r.get("correct") else 0.0 for r, _ in rows]),
        "mrr": _mean([1.0 / k if k else 0.0 for k in ranks]),
        "citation_precision": _mean(precision),
        "citation_recall": _mean(recall),
        "citation_validity": _mean([1.0 if v else 0.0 for v in validity]) if validity else None,
        "abstention_precision": _mean([0.0 if q.answerable else 1.0 for _, q in abstained]),
        "abstention_recall": _mean([1.0 if r.get("abstained") else 0.0 for r, _ in unanswerable]),
        "false_abstention": _mean([1.0 if r.get("abstained") else 0.0 for r, _ in answerable]),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
    for k in (1, 3, 5):
        out[f"hit_at_{k}"] = _mean([1.0 if rank and rank <= k else 0.0 for rank in ranks])
    return out


def summarize(
    results: Sequence[dict], questions: Sequence[EvalQuestion], citations: Sequence[dict] = ()
) -> dict:
    """Overall metrics, and the same metrics by question ``type`` and by ``split``.

    ``by_split`` is empty when no question has a split; questions without one, in a run where
    others have one, are grouped as ``unsplit``.
    """
    by_id = {q.id: q for q in questions}

    def table(group: Sequence[EvalQuestion]) -> dict:
        ids = {q.id for q in group}
        subset = [r for r in results if r.get("id") in ids]
        validity = [bool(c.get("valid")) for c in citations if c.get("id") in ids]
        return metrics(subset, by_id, validity)

    summary = {"overall": table(questions), "by_type": {}, "by_split": {}}
    for kind in sorted({q.type for q in questions}):
        summary["by_type"][kind] = table([q for q in questions if q.type == kind])
    if any(q.split for q in questions):
        for split in split_names(questions):
            summary["by_split"][split] = table([q for q in questions if split_name(q) == split])
    return summary


def split_name(q: EvalQuestion) -> str:
    return q.split or UNSPLIT


def split_names(questions: Sequence[EvalQuestion]) -> list[str]:
    """The splits present, in their fixed order, then ``unsplit``."""
    present = {split_name(q) for q in questions}
    return [s for s in (*SPLITS, UNSPLIT) if s in present]
