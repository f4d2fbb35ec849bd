"""Compares two evaluation runs: the questions whose outcome changed, and the metric deltas."""

from __future__ import annotations

import json
from pathlib import Path

from bot.evaluation.report import TABLE_METRICS, read_jsonl


def _summary_beside(results_path: Path) -> dict | None:
    path = results_path.with_name("summary.json")
    try:
        return json.loads(path.read_text())["overall"]
    except (OSError, ValueError, KeyError):
        return None


def compare(a_path: Path, b_path: Path) -> dict:
    a = {r["id"]: r for r in read_jsonl(a_path)}
    b = {r["id"]: r for r in read_jsonl(b_path)}
    changed = []
    for qid in [i for i in a if i in b]:
        before, after = a[qid], b[qid]
        fields = [k for k in ("correct", "abstained", "cited") if before.get(k) != after.get(k)]
        if fields:
            changed.append(
                {
                    "id": qid,
                    "question": after.get("question", ""),
                    "changed": fields,
                    "before": {k: before.get(k) for k in fields},
                    "after": {k: after.get(k) for k in fields},
                }
            )
    sa, sb = _summary_beside(a_path), _summary_beside(b_path)
    if sa is None or sb is None:
        # Without the summaries only the share of correct outcomes can be compared.
        def rate(rows: dict) -> float | None:
            return sum(bool(r.get("correct")) for r in rows.values()) / len(rows) if rows else None

        sa, sb = {"overall_correct": rate(a)}, {"overall_correct": rate(b)}
    deltas = {}
    for metric in ("overall_correct", *TABLE_METRICS):
        va, vb = sa.get(metric), sb.get(metric)
        if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
            deltas[metric] = {"a": va, "b": vb, "delta": vb - va}
    return {
        "changed": changed,
        "only_in_a": sorted(set(a) - set(b)),
        "only_in_b": sorted(set(b) - set(a)),
        "deltas": deltas,
    }
