"""Runs ``newsbot`` on a pseudo-terminal (stdlib ``pty``) and replays what it wrote onto a
small screen model, so tests see what a person would see once the cursor moves settle."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

ROWS, COLS = 50, 120
CONTROL = re.compile(r"(\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\r|\n)")


class Terminal:
    """``python -m bot.cli ARGS`` with its stdin, stdout and stderr on one pseudo-terminal."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(COLS), "LINES": str(ROWS)}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal, then become newsbot
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "bot.cli", *args], env)
        self.raw = b""

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", errors="replace")

    def _read(self, timeout: float) -> bool:
        # poll, not select: a test session holding many index files open hands the terminal
        # a descriptor above select's limit of 1024.
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        if not poller.poll(timeout * 1000):
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.raw += data
        return bool(data)

    def expect(self, needle: str, since: int = 0, timeout: float = 120) -> None:
        """Read until ``needle`` appears in the output after position ``since``."""
        deadline = time.monotonic() + timeout
        while needle not in self.text[since:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not seen; got:\n{self.text[since:][-2000:]}")
            self._read(0.2)

    def send(self, line: str) -> int:
        """Type ``line`` and Enter; returns the output position before it, for ``expect``."""
        mark = len(self.text)
        os.write(self.fd, line.encode() + b"\r")
        return mark

    def wait(self, timeout: float = 120) -> int:
        """Read to the end and return the exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._read(0.2):
                break
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.1):
                    pass
                return os.waitstatus_to_exitcode(status)
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def screen(text: str, cols: int = COLS) -> list[str]:
    """The lines left on screen (scrollback included) after replaying ``text``'s cursor moves
    and erases: what a person would read, with colours dropped."""
    lines: list[list[str]] = [[]]
    row = col = 0
    for piece in CONTROL.split(text):
        if not piece:
            continue
        if piece == "\n":
            row += 1
            col = 0  # the terminal's onlcr turns \n into \r\n
        elif piece == "\r":
            col = 0
        elif piece.startswith("\x1b["):
            command, arg = piece[-1], piece[2:-1]
            n = int(arg) if arg.isdigit() else 1
            if command == "A":
                row = max(0, row - n)
            elif command == "B":
                row += n
            elif command == "G":
                col = n - 1
            elif command == "K":
                while len(lines) <= row:
                    lines.append([])
                lines[row] = [] if arg == "2" else lines[row][:col]
            elif command == "J" and arg in ("", "0"):
                del lines[row + 1 :]
                lines[row] = lines[row][:col]
            continue  # colours, cursor show/hide: nothing on screen changes
        elif piece.startswith("\x1b]"):
            continue
        else:
            for ch in piece:
                if col >= cols:
                    row, col = row + 1, 0
                while len(lines) <= row:
                    lines.append([])
                line = lines[row]
                line.extend(" " * (col - len(line)))
                if col < len(line):
                    line[col] = ch
                else:
                    line.append(ch)
                col += 1
        while len(lines) <= row:
            lines.append([])
    return ["".join(line).rstrip() for line in lines]
