"""The report people read: report.md names the run and lists every mistake; report.png labels
its bars, draws the gates and hides nothing; ``--json`` prints the summary for machines."""

import json
import re
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bot.evaluation.gates import Gate
from bot.evaluation.report import CHART_METRICS, figure
from tests.conftest import SEEDS
from tests.test_evaluation import run_eval
from tests.test_evaluation_splits import GATES, MILLEY, question


def section(report: str, title: str) -> str:
    """The text of a ``## title (n)`` section of report.md."""
    match = re.search(rf"^## {re.escape(title)} \(\d+\)\n(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_report_names_the_run_and_lists_each_mistake(cli_env, tmp_path: Path) -> None:
    questions = tmp_path / "mistakes.jsonl"
    questions.write_text(
        "\n".join(
            [
                # An accepted answer no article gives: a wrong answer or a wrong abstention.
                question(
                    "w1",
                    "Where did Gates meet Serdyukov?",
                    ["Reykjavik"],
                    [GATES],
                    "factoid",
                    "calibration",
                ),
                # Answerable, labelled unanswerable: answering it counts as a mistake.
                question(
                    "w2",
                    "How many civilians did the US drone strike in Kabul kill?",
                    [],
                    [],
                    "unanswerable",
                    "heldout",
                ),
                question(
                    "ok",
                    "Who is the head of US Central Command?",
                    ["McKenzie"],
                    [MILLEY],
                    "factoid",
                    "heldout",
                ),
            ]
        )
        + "\n"
    )
    out = tmp_path / "out"
    run = run_eval(
        cli_env, str(questions), "--out", str(out), "--json", "--min-accuracy", "heldout=0.5"
    )
    assert run.returncode in (0, 1), run.stderr
    # --json: stdout is the summary, exactly as written to summary.json.
    summary = json.loads(run.stdout)
    assert summary == json.loads((out / "summary.json").read_text())

    report = (out / "report.md").read_text()
    run_line = report.splitlines()[2]
    assert datetime.now(UTC).date().isoformat() in run_line
    assert f"newsbot {version('newsbot')}" in run_line
    assert "generator **extractive**" in run_line
    assert (
        f"| {questions} | jsonl | 3 | calibration 1, heldout 2 | {SEEDS} | {cli_env['NEWSBOT_INDEX_DIR']} |"
        in report
    )
    assert "| `--min-accuracy heldout=0.5` |" in report

    rows = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
    w1 = rows["w1"]
    listed = section(report, "Wrong abstentions" if w1["abstained"] else "Wrong answers")
    assert "Where did Gates meet Serdyukov?" in listed and "Reykjavik" in listed
    if not w1["abstained"]:
        assert GATES in listed and w1["answer"].split()[0] in listed
    missed = section(report, "Answered instead of abstaining")
    assert ("drone strike in Kabul" in missed) == (not rows["w2"]["abstained"])
    for title in ("Wrong answers", "Wrong abstentions", "Answered instead of abstaining"):
        assert "McKenzie" not in section(report, title) or not rows["ok"]["correct"]


SUMMARY = {
    "overall": {"questions": 10, "accuracy": 0.8, "abstention_recall": 0.5, "hit_at_5": 1.0},
    "by_split": {
        "calibration": {"questions": 6, "accuracy": 0.75, "abstention_recall": 1.0},
        "heldout": {"questions": 4, "accuracy": 0.5, "abstention_recall": 0.0},
    },
    "by_type": {
        "factoid": {"questions": 8, "accuracy": 0.8, "abstention_recall": None},
        "unanswerable": {"questions": 2, "accuracy": None, "abstention_recall": 0.5},
    },
}


def test_chart_labels_bars_draws_gates_and_skips_empty_metrics() -> None:
    gates = [
        Gate("min_accuracy", "accuracy", 0.9, scope="heldout"),
        Gate("min_accuracy", "accuracy", 0.7),
    ]
    fig = figure(SUMMARY, gates)
    by_split, by_type = fig.axes
    # Question counts in the legend, which sits outside the plot so it covers no bar.
    labels = [t.get_text() for t in by_split.get_legend().get_texts()]
    assert labels == ["overall (n=10)", "calibration (n=6)", "heldout (n=4)", "gate threshold"]
    assert by_split.get_legend().get_bbox_to_anchor().x0 > by_split.get_window_extent().x1
    assert [t.get_text() for t in by_type.get_legend().get_texts()] == [
        "factoid (n=8)",
        "unanswerable (n=2)",
    ]
    # Each drawn bar carries its value.
    values = [t.get_text() for t in by_split.texts]
    assert {"0.80", "0.75", "0.50", "1.00", "0.00"} <= set(values)
    # Two gate lines, at their thresholds.
    lines = [c for c in by_split.collections if c.get_segments()]
    assert sorted(round(seg[0][1], 2) for c in lines for seg in c.get_segments()) == [0.7, 0.9]
    # No abstention bar for factoid (no unanswerable question), none for accuracy of unanswerable.
    factoid, unanswerable = by_type.containers
    assert len(factoid) == 1 and len(unanswerable) == 1
    recall_x = CHART_METRICS.index("abstention_recall")
    assert round(unanswerable[0].get_x() + unanswerable[0].get_width() / 2) == recall_x
