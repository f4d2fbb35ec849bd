"""Question sets: JSON Lines of ``{"id", "question", "answers", "sources", "type"}``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    type: str = "untyped"

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


def parse_question(line: str) -> Question:
    data = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("id", "question"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f'"{key}" must be a non-empty string')
    return Question(
        id=data["id"],
        question=data["question"],
        answers=_strings(data.get("answers"), "answers"),
        sources=_strings(data.get("sources"), "sources"),
        type=str(data.get("type") or "untyped"),
    )


def load_questions(path: Path) -> tuple[list[Question], list[str]]:
    """The questions of ``path`` and one message per malformed line (the rest still load)."""
    questions: list[Question] = []
    problems: list[str] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                q = parse_question(line)
            except (ValueError, json.JSONDecodeError) as exc:
                problems.append(f"{path}:{number}: skipped, {exc}")
                continue
            if q.id in seen:
                problems.append(f"{path}:{number}: skipped, duplicate id {q.id!r}")
                continue
            seen.add(q.id)
            questions.append(q)
    return questions, problems
