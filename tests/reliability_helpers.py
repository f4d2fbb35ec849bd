"""Running ``newsbot`` in real processes, for the reliability tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import newsbot

ROOT = Path(__file__).resolve().parent.parent


def cli(
    *args: str | bytes,
    env: dict[str, str],
    timeout: float = 120,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess:
    """``python -m bot.cli ARGS`` in the project root (see ``tests.conftest.newsbot``)."""
    return newsbot(env, *args, cwd=ROOT, timeout=timeout, stdin=stdin)


def start_cli(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def error_lines(stderr: str) -> list[str]:
    """The lines of ``stderr`` that are not log lines; a traceback shows up here too."""
    return [line for line in stderr.splitlines() if line.strip()]
