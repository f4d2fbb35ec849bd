"""Text from outside, made safe once at the edge: questions people type, and model output.

A question can arrive with bytes that are not UTF-8 (the command line hands them over as lone
surrogates, which crash every encoder downstream), with terminal escape sequences, or with other
control characters that change what is searched without being visible. Model output can carry
escape sequences that would recolour or rewrite the person's terminal.
"""

from __future__ import annotations

import re
import unicodedata

# ANSI/VT100 sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), and the
# two-character escapes. Removed whole, so no "[31m" is left behind.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
SURROGATES = re.compile(r"[\ud800-\udfff]")
SPACES = re.compile(r"\s+")


def _is_control(char: str) -> bool:
    # Cc: C0/C1 controls; Cf: invisible format characters (bidi overrides, zero-width ones)
    # that make a text display differently from what it says.
    return unicodedata.category(char) in ("Cc", "Cf")


def strip_controls(text: str, *, keep_newlines: bool = True, invalid: str = "\ufffd") -> str:
    """``text`` without escape sequences, control and invisible format characters; invalid
    code points (lone surrogates) become ``invalid``. Newlines and tabs stay when asked."""
    text = SURROGATES.sub(invalid, ANSI.sub("", text))
    kept = "\n\t" if keep_newlines else ""
    return "".join(c for c in text if c in kept or not _is_control(c))


def clean_input(text: str) -> str:
    """A question or query as every front end hands it on: valid Unicode (NFC), no control
    characters, whitespace runs made one space, trimmed. An invalid byte is dropped, so the
    answer is the one the question without it gets."""
    text = strip_controls(text, invalid="")
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
