"""Writes an evaluation's files: results.jsonl, citations.jsonl, summary.json, report.md and
report.png."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from bot.evaluation.gates import OVERALL, Gate
from bot.evaluation.questions import EvalQuestion

CHART_METRICS = (
    "accuracy",
    "false_abstention",
    "abstention_recall",
    "hit_at_5",
    "mrr",
    "citation_precision",
    "citation_recall",
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
    "false_abstention",
    "latency_p50_ms",
    "latency_p95_ms",
    "errors",
)
# What the terminal shows: the figures a person checks first.
HEADLINE_METRICS = (
    "questions",
    "accuracy",
    "abstention_recall",
    "false_abstention",
    "hit_at_5",
    "citation_precision",
    "citation_validity",
    "latency_p50_ms",
    "errors",
)
GATE_LABEL = "gate threshold"
# Longest answer text quoted in a report.md table; the full text is in results.jsonl.
ANSWER_CHARS = 300


def write_jsonl(path: Path, records: Sequence[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def cell(value: object) -> str:
    """A metric for a table: 3 decimals for a share, 1 for milliseconds, "–" for null."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1.0 else f"{value:.1f}"
    return str(value)


def _text(value: object, limit: int = ANSWER_CHARS) -> str:
    """Markdown-table-safe text: one line, pipes escaped, long answers cut."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value) if value else "–"
    text = " ".join(str(value if value is not None else "–").split())
    if len(text) > limit:
        text = text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit] + " …"
    return text.replace("|", "\\|") or "–"


def _metric_table(columns: dict[str, dict]) -> list[str]:
    names = list(columns)
    lines = ["| metric | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for metric in TABLE_METRICS:
        row = [cell(columns[name].get(metric)) for name in names]
        lines.append(f"| {metric} | " + " | ".join(row) + " |")
    return lines


def _run_section(run: dict) -> list[str]:
    if not run:
        return []
    lines = [
        f"Run on {run.get('date', '?')} with newsbot {run.get('version', '?')}, "
        f"generator **{run.get('generator', '?')}**"
        + (f", answer reader {run['reader']}" if run.get("reader") else "")
        + (f" (answered by: {run['answered_by']})" if run.get("answered_by") else "")
        + ".",
        "",
        "| question set | format | questions | splits | corpus | index |",
        "|---|---|---|---|---|---|",
    ]
    for s in run.get("question_sets", []):
        splits = ", ".join(f"{k} {v}" for k, v in s.get("splits", {}).items()) or "–"
        lines.append(
            f"| {_text(s['path'])} | {s['format']} | {s['questions']} | {splits} | "
            f"{_text(s['corpus'])} | {_text(s['index'])} |"
        )
    return lines + [""]


def _gate_section(gates: Sequence[Gate], summary: dict) -> list[str]:
    if not gates:
        return []
    lines = ["## Gates", "", "| gate | value | result |", "|---|---|---|"]
    for gate in gates:
        verdict = "FAIL" if gate.failure(summary) else "pass"
        lines.append(f"| `{gate.option}` | {cell(gate.value(summary))} | {verdict} |")
    return lines + [""]


def _mistakes(results: Sequence[dict], questions: Sequence[EvalQuestion]) -> list[str]:
    by_id = {q.id: q for q in questions}
    rows = [(r, by_id[r["id"]]) for r in results if r.get("id") in by_id]
    groups = (
        (
            "Wrong answers",
            "answerable questions answered without an accepted answer",
            [(r, q) for r, q in rows if q.answerable and not r["abstained"] and not r["correct"]],
        ),
        (
            "Wrong abstentions",
            "answerable questions the bot declined (false abstentions)",
            [(r, q) for r, q in rows if q.answerable and r["abstained"] and not r.get("error")],
        ),
        (
            "Answered instead of abstaining",
            "questions the corpus cannot answer, answered anyway",
            [(r, q) for r, q in rows if not q.answerable and not r["abstained"]],
        ),
        ("Errors", "questions the pipeline failed on", [(r, q) for r, q in rows if r.get("error")]),
    )
    lines: list[str] = []
    for title, what, group in groups:
        lines += [f"## {title} ({len(group)})", ""]
        if not group:
            lines += ["None.", ""]
            continue
        lines += [
            f"{what.capitalize()}.",
            "",
            "| id | split | question | expected | got | cited |",
            "|---|---|---|---|---|---|",
        ]
        for r, q in group:
            got = r.get("error") or r.get("answer")
            if r.get("short_answer") and not r.get("error"):
                got = f"{r['short_answer']} — {got}"
            expected = q.answers or q.sources or "abstain"
            lines.append(
                f"| {_text(q.id)} | {q.split or '–'} | {_text(q.question)} | {_text(expected)} "
                f"| {_text(got)} | {_text(r.get('cited'))} |"
            )
        lines.append("")
    return lines


def markdown(
    summary: dict,
    title: str = "newsbot evaluation",
    results: Sequence[dict] = (),
    questions: Sequence[EvalQuestion] = (),
    gates: Sequence[Gate] = (),
) -> str:
    lines = [f"# {title}", ""]
    lines += _run_section(summary.get("run", {}))
    if summary.get("by_split"):
        lines += ["## By split", ""]
        lines += _metric_table({OVERALL: summary["overall"], **summary["by_split"]}) + [""]
    lines += ["## By question type", ""]
    lines += _metric_table({OVERALL: summary["overall"], **summary["by_type"]}) + [""]
    lines += ["Null (–) means the metric has nothing to average over for that group.", ""]
    lines += _gate_section(gates, summary)
    if results:
        lines += _mistakes(results, questions)
    return "\n".join(lines).rstrip() + "\n"


def _panel(ax, groups: dict[str, dict], gates: Sequence[Gate], title: str) -> None:
    """Grouped bars, one colour per group; a metric a group has nothing for is not drawn."""
    width = 0.8 / len(groups)
    gate_drawn = False
    for i, (group, table) in enumerate(groups.items()):
        label = f"{group} (n={table.get('questions', 0)})"
        xs, values = [], []
        for m, metric in enumerate(CHART_METRICS):
            if table.get(metric) is not None:
                xs.append(m + i * width)
                values.append(table[metric])
        bars = ax.bar(xs, values, width, label=label)
        for text in ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=6, padding=1):
            # A gate line passing through a value label must not make it unreadable.
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
        for gate in gates:
            if gate.scope != group or gate.metric not in CHART_METRICS:
                continue
            x = CHART_METRICS.index(gate.metric) + i * width
            ax.hlines(
                gate.bound,
                x - width / 2,
                x + width / 2,
                colors="black",
                linestyles="--",
                linewidth=1.5,
                label=None if gate_drawn else GATE_LABEL,
            )
            gate_drawn = True
    ax.set_xticks([x + width * (len(groups) - 1) / 2 for x in range(len(CHART_METRICS))])
    ax.set_xticklabels([m.replace("_", " ") for m in CHART_METRICS], fontsize=8)
    ax.set_ylim(0, 1.12)
    ax.set_ylabel("score")
    ax.set_title(title, fontsize=10)
    handles, labels = ax.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i] == GATE_LABEL)  # groups, then gate
    # Outside the axes, so no bar hides behind it.
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize="small",
        frameon=False,
    )


def figure(summary: dict, gates: Sequence[Gate] = ()):
    """The report chart: by split then by type when there are splits, else by type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = []
    if summary.get("by_split"):
        panels.append(({OVERALL: summary["overall"], **summary["by_split"]}, "by split"))
        panels.append((dict(summary["by_type"]), "by question type (all splits)"))
    else:
        panels.append(({OVERALL: summary["overall"], **summary["by_type"]}, "by question type"))
    fig, axes = plt.subplots(len(panels), 1, figsize=(12, 4.2 * len(panels)), squeeze=False)
    for ax, (groups, title) in zip(axes[:, 0], panels):
        _panel(ax, groups, gates, f"newsbot quality {title}")
    fig.tight_layout()
    return fig


def chart(summary: dict, path: Path, gates: Sequence[Gate] = ()) -> None:
    import matplotlib.pyplot as plt

    fig = figure(summary, gates)
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


def write_report(
    out: Path,
    results: list[dict],
    citations: list[dict],
    summary: dict,
    questions: Sequence[EvalQuestion] = (),
    gates: Sequence[Gate] = (),
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "results.jsonl", results)
    write_jsonl(out / "citations.jsonl", citations)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    (out / "report.md").write_text(
        markdown(summary, results=results, questions=questions, gates=gates)
    )
    chart(summary, out / "report.png", gates)
