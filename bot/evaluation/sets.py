"""Question files in, told apart by content: JSON Lines over the configured corpus, or a SQuAD
file that brings its own corpus (``bot.evaluation.squad``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.evaluation.questions import EvalQuestion, load_questions
from bot.evaluation.squad import SquadSet, looks_like_squad, parse_squad


class QuestionFileError(ValueError):
    """A question file that cannot be used at all; the message is one line for a person."""


@dataclass
class QuestionSet:
    path: Path
    questions: list[EvalQuestion]
    problems: list[str] = field(default_factory=list)
    squad: SquadSet | None = None  # None: the questions are about the configured corpus

    @property
    def format(self) -> str:
        return "squad" if self.squad else "jsonl"


def _whole_json(raw: bytes) -> object | None:
    """The file as one JSON document, or None (JSON Lines, or not JSON at all)."""
    if not raw.lstrip().startswith(b"{"):
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def load_question_set(path: Path) -> QuestionSet:
    """Raises ``QuestionFileError`` for a file that is missing, unreadable or not a question set."""
    if not path.exists():
        raise QuestionFileError(f"question file not found: {path}")
    if not path.is_file():
        raise QuestionFileError(f"not a file: {path} (give a .jsonl question set or a SQuAD file)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise QuestionFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    data = _whole_json(raw)
    if looks_like_squad(data):
        squad = parse_squad(data, path, raw)
        questions, problems = unique(squad.questions, path)
        return QuestionSet(path, questions, problems, squad)
    questions, problems = load_questions(path)
    return QuestionSet(path, questions, problems)


def unique(questions: list[EvalQuestion], path: Path) -> tuple[list[EvalQuestion], list[str]]:
    """The first question of each id; a later one is reported and skipped."""
    kept: dict[str, EvalQuestion] = {}
    problems = []
    for q in questions:
        if q.id in kept:
            problems.append(f"{path}: skipped, duplicate id {q.id!r}")
        else:
            kept[q.id] = q
    return list(kept.values()), problems


def qualify_repeated(
    questions: list[EvalQuestion], path: Path, seen: set[str]
) -> tuple[list[EvalQuestion], list[tuple[str, str]]]:
    """Questions whose id an earlier file already used, renamed ``<file stem>:<id>`` so that both
    are scored (sets written apart reuse short ids); with the (old, new) pairs to report."""
    taken = seen | {q.id for q in questions}
    kept, renamed = [], []
    for q in questions:
        if q.id in seen:
            new = f"{path.stem}:{q.id}"
            n = 2
            while new in taken:  # e.g. two files of one name in different folders
                new, n = f"{path.stem}:{q.id}:{n}", n + 1
            taken.add(new)
            renamed.append((q.id, new))
            q = replace(q, id=new)
        kept.append(q)
    return kept, renamed
