"""Compares two evaluation runs: the questions whose outcome changed, and the metric deltas."""

from __future__ import annotations

import json
from pathlib import Path

from bot.evaluation.report import TABLE_METRICS


class CompareError(ValueError):
    """A file that is not a ``results.jsonl``; the message is one line for a person."""


def load_results(path: Path) -> list[dict]:
    """The records of a ``results.jsonl``, or ``CompareError`` naming the first bad line."""
    if not path.is_file():
        raise CompareError(f"not found: {path}")
    records = []
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8")
                record = json.loads(line) if line.strip() else None
            except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
                raise CompareError(
                    f"{path}:{number}: not a results.jsonl line (JSON object expected)"
                ) from None
            if record is None:
                continue
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise CompareError(f'{path}:{number}: not a results.jsonl record (no "id")')
            records.append(record)
    if not records:
        raise CompareError(f"{path}: no results in the file")
    return records


def _summary_beside(results_path: Path) -> dict | None:
    path = results_path.with_name("summary.json")
    try:
        overall = json.loads(path.read_text(encoding="utf-8"))["overall"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return overall if isinstance(overall, dict) else None


def compare(a_path: Path, b_path: Path) -> dict:
    """Raises ``CompareError`` when either file is not a ``results.jsonl``."""
    a = {r["id"]: r for r in load_results(a_path)}
    b = {r["id"]: r for r in load_results(b_path)}
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
