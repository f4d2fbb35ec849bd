"""Several question files in one run, reported overall, by split and by type, gated per split."""

import json
import re
from pathlib import Path

from tests.test_evaluation import run_eval

MILLEY = "000_5302a115a2186422"
GATES = "004_bce709b2bb2c44e6"


def question(qid: str, text: str, answers: list, sources: list, kind: str, split: str) -> str:
    record = {"id": qid, "question": text, "answers": answers, "sources": sources, "type": kind}
    return json.dumps({**record, "split": split})


def write_sets(folder: Path) -> tuple[Path, Path]:
    calibration, heldout = folder / "calib.jsonl", folder / "held.jsonl"
    calibration.write_text(
        "\n".join(
            [
                question(
                    "c1",
                    "Where did Gates meet Serdyukov?",
                    ["Brussels"],
                    [GATES],
                    "factoid",
                    "calibration",
                ),
                question(
                    "c2",
                    "How many civilians did the US drone strike in Kabul kill?",
                    ["10", "ten"],
                    [MILLEY],
                    "factoid",
                    "calibration",
                ),
                question(
                    "c3",
                    "What did Jens Stoltenberg say about Georgia?",
                    [],
                    [],
                    "unanswerable",
                    "calibration",
                ),
            ]
        )
        + "\n"
    )
    heldout.write_text(
        "\n".join(
            [
                question(
                    "h1",
                    "Who is the head of US Central Command?",
                    ["McKenzie"],
                    [MILLEY],
                    "factoid",
                    "heldout",
                ),
                question(
                    "h2",
                    "What is the capital of Australia according to the articles?",
                    [],
                    [],
                    "unanswerable",
                    "heldout",
                ),
            ]
        )
        + "\n"
    )
    return calibration, heldout


def test_two_files_by_split_with_a_gate_per_split(cli_env, tmp_path: Path) -> None:
    calibration, heldout = write_sets(tmp_path)
    out = tmp_path / "out"
    run = run_eval(
        cli_env,
        str(calibration),
        str(heldout),
        "--out",
        str(out),
        "--min-accuracy",
        "0",
        "--min-accuracy",
        "heldout=1.01",
        "--min-hit-at-5",
        "calibration=0",
        "--max-false-abstention",
        "1",
    )
    assert run.returncode == 1, run.stderr
    fails = [line for line in run.stderr.splitlines() if line.startswith("FAIL")]
    assert len(fails) == 1
    assert re.fullmatch(
        r"FAIL: heldout accuracy \d\.\d{3} is below --min-accuracy heldout=1\.01", fails[0]
    )

    summary = json.loads((out / "summary.json").read_text())
    assert list(summary["by_split"]) == ["calibration", "heldout"]
    assert summary["by_split"]["calibration"]["questions"] == 3
    assert summary["by_split"]["heldout"]["questions"] == 2
    assert summary["overall"]["questions"] == 5
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["split"] for r in rows] == ["calibration"] * 3 + ["heldout"] * 2
    answerable = [r for r in rows if r["id"] in ("c1", "c2", "h1")]
    expected = sum(r["abstained"] for r in answerable) / len(answerable)
    assert summary["overall"]["false_abstention"] == expected
    for split, table in summary["by_split"].items():
        assert "false_abstention" in table, split

    # The terminal shows a table by split, figures rounded, not raw JSON.
    header = next(line for line in run.stdout.splitlines() if "metric" in line)
    assert re.search(r"overall.*calibration.*heldout", header)
    accuracy = next(line for line in run.stdout.splitlines() if " accuracy " in line)
    assert re.findall(r"\d\.\d{3}", accuracy) and not re.search(r"\d\.\d{5}", run.stdout)
    assert not run.stdout.lstrip().startswith("{")


def test_gate_on_an_unknown_split_is_refused_before_the_run(cli_env, tmp_path: Path) -> None:
    calibration, _ = write_sets(tmp_path)
    run = run_eval(cli_env, str(calibration), "--min-accuracy", "test=0.5")
    assert run.returncode == 2
    assert "unknown split 'test'" in run.stderr and "Traceback" not in run.stderr
    assert not Path(cli_env["NEWSBOT_INDEX_DIR"]).exists()


def test_help_documents_split_gates() -> None:
    from bot.cli.commands import parser

    text = parser()._subparsers._group_actions[0].choices["eval"].format_help()
    assert "--max-false-abstention" in text
    assert "heldout=0.9" in text
    assert "SQuAD" in text


def test_an_id_an_earlier_file_used_is_scored_under_its_file_name(cli_env, tmp_path: Path) -> None:
    # Sets written apart reuse short ids (k01 ...); both questions count, neither is dropped.
    calibration, _ = write_sets(tmp_path)
    other = tmp_path / "other.jsonl"
    other.write_text(calibration.read_text())
    out = tmp_path / "out"
    run = run_eval(cli_env, str(calibration), str(other), str(calibration), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "other.jsonl: id 'c1' is already in an earlier file; scored as 'other:c1'" in run.stderr
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    # The calibration file named twice is read once.
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "other:c1", "other:c2", "other:c3"]
    assert [r["question"] for r in rows[:3]] == [r["question"] for r in rows[3:]]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["by_split"]["calibration"]["questions"] == 6
