"""What the command line shows on a terminal (a pseudo-terminal): colour unless NO_COLOR, and
the first-run index build's progress with rate and ETA."""

from __future__ import annotations

import re

from tests.terminal import Terminal, screen

# SGR parameters that set a colour: 30-37, 39, 40-47, 49, 90-97, 100-107, 38;… and 48;…
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
QUESTION = "Where did Gates meet Serdyukov?"


def test_first_run_shows_build_progress_then_a_coloured_answer(cli_env) -> None:
    term = Terminal(["ask", QUESTION], cli_env)
    assert term.wait() == 0
    assert "Building the index (first run)" in term.text
    assert "texts/s" in term.text and "eta" in term.text  # rate and time left
    assert COLOUR.search(term.text)
    shown = screen(term.text)
    assert "Sources" in shown and "Traceback" not in term.text


def test_no_color_is_respected_on_a_terminal(cli_env) -> None:
    term = Terminal(["ask", QUESTION], {**cli_env, "NO_COLOR": "1"})
    assert term.wait() == 0
    assert "Sources" in term.text and not COLOUR.search(term.text)
