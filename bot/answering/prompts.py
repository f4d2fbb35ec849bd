"""Prompt templates, kept as files in ``prompts/`` and loaded into LangChain templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from langchain_core.prompts import ChatPromptTemplate


@dataclass(frozen=True)
class Prompts:
    answer: ChatPromptTemplate
    rewrite: ChatPromptTemplate


def _read(folder: Path, name: str) -> str:
    path = Path(folder) / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileNotFoundError(f"prompt file missing: {path}") from exc


def load_prompts(folder: Path) -> Prompts:
    system = _read(folder, "system.md")
    return Prompts(
        answer=ChatPromptTemplate.from_messages(
            [("system", system), ("human", _read(folder, "answer.md"))]
        ),
        rewrite=ChatPromptTemplate.from_messages([("human", _read(folder, "rewrite.md"))]),
    )
