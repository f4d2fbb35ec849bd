import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.evaluation.compare import compare
from bot.evaluation.questions import EvalQuestion, load_questions
from bot.evaluation.scoring import fold, has_answer, summarize


def run_eval(env: dict, *args: str) -> subprocess.CompletedProcess:
    """``newsbot eval ARGS`` in a fresh process, as a person runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "eval", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


QS = [
    EvalQuestion("a", "Where?", ["Helsinki"], ["A"], "factoid"),
    EvalQuestion("b", "How many?", ["ten", "10"], ["B", "C"], "multi"),
    EvalQuestion("c", "Unknown?", [], [], "unanswerable"),
    EvalQuestion("d", "Unknown too?", [], [], "unanswerable"),
]


def result(qid, answer="", abstained=False, cited=(), retrieved=(), correct=False, latency=10.0):
    return {
        "id": qid,
        "question": "",
        "answer": answer,
        "abstained": abstained,
        "cited": list(cited),
        "retrieved": list(retrieved),
        "latency_ms": latency,
        "correct": correct,
        "error": None,
    }


def test_every_metric_on_a_hand_made_run() -> None:
    results = [
        result(
            "a", "In Helsinki. [1]", cited=["A"], retrieved=["A", "B"], correct=True, latency=10
        ),
        result(
            "b",
            "Ten. [1][2]",
            cited=["B", "X"],
            retrieved=["X", "C", "B"],
            correct=True,
            latency=20,
        ),
        result("c", "Guess [1]", cited=["A"], retrieved=["A"], correct=False, latency=30),
        result("d", abstained=True, correct=True, latency=40),
    ]
    citations = [
        {"id": "a", "valid": True},
        {"id": "b", "valid": True},
        {"id": "b", "valid": False},
    ]
    s = summarize(results, QS, citations)["overall"]
    assert s["accuracy"] == 1.0
    assert (s["hit_at_1"], s["hit_at_3"], s["hit_at_5"]) == (0.5, 1.0, 1.0)
    assert s["mrr"] == pytest.approx((1 + 1 / 2) / 2)
    assert s["citation_precision"] == pytest.approx((1 + 0.5) / 2)
    assert s["citation_recall"] == pytest.approx((1 + 0.5) / 2)
    assert s["citation_validity"] == pytest.approx(2 / 3)
    assert (s["abstention_precision"], s["abstention_recall"]) == (1.0, 0.5)
    assert (s["latency_p50_ms"], s["latency_p95_ms"]) == (20.0, 40.0)
    by_type = summarize(results, QS, citations)["by_type"]
    assert by_type["unanswerable"]["abstention_recall"] == 0.5
    assert by_type["multi"]["citation_recall"] == 0.5


def test_edge_cases_no_citations_and_all_abstained() -> None:
    results = [result(q.id, abstained=True, correct=not q.answerable) for q in QS]
    s = summarize(results, QS, [])["overall"]
    assert s["accuracy"] == 0.0
    assert s["citation_precision"] is None and s["citation_validity"] is None
    assert s["citation_recall"] == 0.0
    assert s["abstention_precision"] == 0.5 and s["abstention_recall"] == 1.0


def test_folding_accepts_case_punctuation_and_listed_variants() -> None:
    assert fold("The U.S.-Russian talks, in GENÈVE!") == "the u s russian talks in geneve"
    assert has_answer("It was a 50-minute call.", ["50 minute"])
    assert not has_answer("In 2015.", ["2014"])
    assert not has_answer("Serdyukovs", ["Serdyukov"])


def test_malformed_lines_are_reported_by_number(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "1", "question": "Where?", "answers": ["x"], "sources": ["A"], "type": "f", "extra": 1}\n'
        "not json\n"
        "\n"
        '{"id": "2", "question": ""}\n'
        '{"id": "3", "question": "Ok?", "answers": "x"}\n'
        '{"id": "1", "question": "Again?"}\n'
    )
    questions, problems = load_questions(path)
    assert [q.id for q in questions] == ["1"]
    assert [p.split(":")[1] for p in problems] == ["2", "4", "5", "6"]


def test_compare_lists_changed_questions(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, correct in ((a, True), (b, False)):
        folder.mkdir()
        (folder / "results.jsonl").write_text(json.dumps(result("a", correct=correct)) + "\n")
    diff = compare(a / "results.jsonl", b / "results.jsonl")
    assert [row["id"] for row in diff["changed"]] == ["a"]
    assert diff["deltas"]["overall_correct"]["delta"] == -1.0


def test_eval_end_to_end_on_a_small_set(cli_env, tmp_path: Path) -> None:
    questions = tmp_path / "small.jsonl"
    questions.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "g",
                        "question": "Where did Gates meet Serdyukov?",
                        "answers": ["Brussels"],
                        "sources": ["004_bce709b2bb2c44e6"],
                        "type": "factoid",
                    }
                ),
                json.dumps(
                    {
                        "id": "u",
                        "question": "What did Jens Stoltenberg say about Georgia?",
                        "answers": [],
                        "sources": [],
                        "type": "unanswerable",
                    }
                ),
                "{broken",
            ]
        )
        + "\n"
    )
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "bot.cli", "eval", str(questions), "--out", str(out)]
    run = subprocess.run(
        cmd + ["--min-accuracy", "1.01"], env=cli_env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 1, run.stderr
    assert "small.jsonl:3: skipped" in run.stderr
    assert "FAIL: accuracy" in run.stderr
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["g", "u"]
    assert list(rows[0])[:9] == [
        "id",
        "question",
        "answer",
        "abstained",
        "cited",
        "retrieved",
        "latency_ms",
        "correct",
        "error",
    ]
    assert rows[0]["retrieved"][0] == "004_bce709b2bb2c44e6"
    assert len(rows[0]["retrieved"]) == len(set(rows[0]["retrieved"]))
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["by_type"]) == {"factoid", "unanswerable"}
    assert (out / "report.md").read_text().startswith("# newsbot evaluation")
    assert (out / "report.png").read_bytes()[:4] == b"\x89PNG"
    ok = subprocess.run(
        cmd + ["--min-hit-at-5", "0.5"], env=cli_env, capture_output=True, text=True, timeout=300
    )
    assert ok.returncode == 0, ok.stderr
