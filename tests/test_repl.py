"""The REPL driven as a person would: a subprocess with piped input."""

import subprocess
import sys


def test_question_follow_up_sources_and_quit(cli_env) -> None:  # noqa: ANN001
    typed = "\n".join(
        [
            "Where did Gates meet Serdyukov?",
            "When was that?",
            "/sources",
            "",
            "Who won the 1966 World Cup?",
            "/sources",
            "/bogus",
            "x" * 600,
            "/quit",
            "Never reached?",
        ]
    )
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"],
        input=typed + "\n",
        env={**cli_env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in out + run.stderr
    assert "Sources" in out and "[1] U.S., Russian Defense Chiefs Meet, Avoid Missile Issue" in out
    # the follow-up carried the first question's terms into retrieval
    assert "(searched for: When was that? (Gates meet Serdyukov))" in out
    assert "“" in out  # /sources prints the quotes
    assert "The articles I have do not answer that." in out
    assert "The last answer cites no source" in out
    assert "Unknown command '/bogus'" in out
    assert "keep it under 500" in out
    assert out.count("Sources") >= 3  # two answers and /sources


def test_end_of_input_leaves_cleanly(cli_env) -> None:  # noqa: ANN001
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"],
        input="",
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr
