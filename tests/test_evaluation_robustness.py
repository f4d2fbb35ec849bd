"""Bad files given to ``newsbot eval``: one clear line each, never a traceback, and a bad line
of a question file costs that line only."""

import json
from pathlib import Path

from tests.test_evaluation import run_eval
from tests.test_evaluation_splits import GATES, question


def one_line_error(run) -> str:
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_a_non_utf8_line_is_reported_and_the_rest_runs(cli_env, tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    good = question(
        "g", "Where did Gates meet Serdyukov?", ["Brussels"], [GATES], "factoid", "heldout"
    )
    bad = b'{"id": "bad", "question": "Caf\xe9?"}'  # Latin-1, not UTF-8
    path.write_bytes(bad + b"\n" + good.encode() + b"\n")
    out = tmp_path / "out"
    run = run_eval(cli_env, str(path), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert (
        f"{path}:1: skipped, not UTF-8 text (bad byte at column {bad.index(0xE9) + 1})"
        in run.stderr
    )
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["g"]


def test_out_naming_a_file_fails_before_the_run(cli_env, tmp_path: Path) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("keep me")
    qs = tmp_path / "q.jsonl"
    qs.write_text(question("g", "Where?", ["x"], [GATES], "factoid", "heldout") + "\n")
    line = one_line_error(run_eval(cli_env, str(qs), "--out", str(taken)))
    assert line == f"error: --out {taken} is a file; give a folder for the report"
    assert taken.read_text() == "keep me"
    # Nothing ran: the index was never opened.
    assert not Path(cli_env["NEWSBOT_INDEX_DIR"]).exists()


def test_compare_with_garbage_is_one_clear_line(cli_env, tmp_path: Path) -> None:
    good = tmp_path / "results.jsonl"
    good.write_text(json.dumps({"id": "a", "correct": True}) + "\n")
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n not json at all")
    line = one_line_error(run_eval(cli_env, "--compare", str(good), str(garbage)))
    assert line == f"error: {garbage}:1: not a results.jsonl line (JSON object expected)"
    listed = tmp_path / "list.jsonl"
    listed.write_text("[1, 2]\n")
    line = one_line_error(run_eval(cli_env, "--compare", str(listed), str(good)))
    assert line == f'error: {listed}:1: not a results.jsonl record (no "id")'
    missing = tmp_path / "nowhere.jsonl"
    line = one_line_error(run_eval(cli_env, "--compare", str(good), str(missing)))
    assert line == f"error: not found: {missing}"


def test_a_missing_question_file_says_so(cli_env, tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    line = one_line_error(run_eval(cli_env, str(missing), "--out", str(tmp_path / "out")))
    assert line == f"error: question file not found: {missing}"
    line = one_line_error(run_eval(cli_env, str(tmp_path), "--out", str(tmp_path / "out")))
    assert line.startswith(f"error: not a file: {tmp_path}")
