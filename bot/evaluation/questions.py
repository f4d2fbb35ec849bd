"""Question sets: JSON Lines of ``{"id", "question", "answers", "sources", "type", "split"}``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# The fixed parts of every question set (eval/README.md): tuned on, or only ever measured.
SPLITS = ("calibration", "heldout")


@dataclass(frozen=True)
class EvalQuestion:
    """One question of a question set with what counts as its right answer; what the generator
    reads out of a question's text is ``bot.answering.question.Question``."""

    id: str
    question: str
    answers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    type: str = "untyped"
    split: str | None = None

    @property
    def answerable(self) -> bool:
        """Both lists empty means the corpus cannot answer it and the bot must abstain."""
        return bool(self.answers or self.sources)


def _strings(value: object, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f'"{key}" must be a list of strings')
    return value


def parse_question(line: str) -> EvalQuestion:
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("id", "question"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f'"{key}" must be a non-empty string')
    split = data.get("split")
    if split is not None and split not in SPLITS:
        raise ValueError(f'"split" must be one of {", ".join(SPLITS)} (or absent)')
    return EvalQuestion(
        id=data["id"],
        question=data["question"],
        answers=_strings(data.get("answers"), "answers"),
        sources=_strings(data.get("sources"), "sources"),
        type=str(data.get("type") or "untyped"),
        split=split,
    )


def load_questions(path: Path) -> tuple[list[EvalQuestion], list[str]]:
    """The questions of ``path`` and one message per malformed line (the rest still load).

    Lines are decoded one by one so that a stray non-UTF-8 byte costs its line, not the run.
    """
    questions: list[EvalQuestion] = []
    problems: list[str] = []
    seen: set[str] = set()
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    f"{path}:{number}: skipped, not UTF-8 text (bad byte at column {exc.start + 1})"
                )
                continue
            if not line.strip():
                continue
            try:
                q = parse_question(line)
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                problems.append(f"{path}:{number}: skipped, {exc}")
                continue
            if q.id in seen:
                problems.append(f"{path}:{number}: skipped, duplicate id {q.id!r}")
                continue
            seen.add(q.id)
            questions.append(q)
    return questions, problems
