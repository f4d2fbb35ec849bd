"""Writes an evaluation's files: results.jsonl, citations.jsonl, summary.json, report.md and
report.png."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

CHART_METRICS = (
    "accuracy",
    "hit_at_5",
    "mrr",
    "citation_precision",
    "citation_recall",
    "abstention_recall",
)
TABLE_METRICS = (
    "questions",
    "accuracy",
    "hit_at_1",
    "hit_at_3",
    "hit_at_5",
    "mrr",
    "citation_precision",
    "citation_recall",
    "citation_validity",
    "abstention_precision",
    "abstention_recall",
    "latency_p50_ms",
    "latency_p95_ms",
    "errors",
)


def write_jsonl(path: Path, records: Sequence[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def markdown(summary: dict, title: str = "newsbot evaluation") -> str:
    kinds = list(summary["by_type"])
    lines = [f"# {title}", "", "| metric | overall | " + " | ".join(kinds) + " |"]
    lines.append("|---" * (len(kinds) + 2) + "|")
    for metric in TABLE_METRICS:
        row = [_cell(summary["overall"].get(metric))]
        row += [_cell(summary["by_type"][k].get(metric)) for k in kinds]
        lines.append(f"| {metric} | " + " | ".join(row) + " |")
    lines += ["", "Null (–) means the metric has nothing to average over for that group."]
    return "\n".join(lines) + "\n"


def chart(summary: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = ["overall", *summary["by_type"]]
    tables = [summary["overall"], *summary["by_type"].values()]
    width = 0.8 / len(groups)
    fig, ax = plt.subplots(figsize=(11, 4.5))
    for i, (group, table) in enumerate(zip(groups, tables)):
        values = [table.get(m) or 0.0 for m in CHART_METRICS]
        positions = [x + i * width for x in range(len(CHART_METRICS))]
        ax.bar(positions, values, width, label=group)
    ax.set_xticks([x + width * (len(groups) - 1) / 2 for x in range(len(CHART_METRICS))])
    ax.set_xticklabels([m.replace("_", " ") for m in CHART_METRICS])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("newsbot quality by question type")
    ax.legend(loc="lower left", fontsize="small", ncol=len(groups))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(out: Path, results: list[dict], citations: list[dict], summary: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "results.jsonl", results)
    write_jsonl(out / "citations.jsonl", citations)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    (out / "report.md").write_text(markdown(summary))
    chart(summary, out / "report.png")
