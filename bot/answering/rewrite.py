"""Follow-up questions made standalone from the conversation, before retrieval."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from bot.answering.answer import Turn
from bot.answering.facts import NOT_NAMES, QUESTION_WORDS

FOLLOW_UP_WORDS = set(
    "that it its he him his she her they them their there this those these else then".split()
)
FOLLOW_UP_OPENINGS = re.compile(r"^\s*(and|also|what about|how about|so)\b", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][\w'’.-]*[\w]|\d[\d,.]*")
MAX_CARRIED = 8


class Rewriter(Protocol):
    def rewrite(self, question: str, history: Sequence[Turn]) -> str: ...


def key_terms(text: str) -> list[str]:
    """Content words of a question, in order: what a follow-up is still about."""
    terms = []
    for word in WORD.findall(text):
        low = word.lower()
        if low in NOT_NAMES or low in QUESTION_WORDS or low in FOLLOW_UP_WORDS or len(low) < 3:
            continue
        terms.append(word)
    return list(dict.fromkeys(terms))


def is_follow_up(question: str) -> bool:
    words = {w.lower() for w in WORD.findall(question)}
    return bool(
        words & FOLLOW_UP_WORDS
        or FOLLOW_UP_OPENINGS.match(question)
        or len(key_terms(question)) < 2
    )


class RuleRewriter:
    """Deterministic: a follow-up carries the key terms of the previous standalone question."""

    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        if not history or not is_follow_up(question):
            return question
        present = {t.lower() for t in key_terms(question)}
        carried = [t for t in key_terms(history[-1].standalone) if t.lower() not in present]
        if not carried:
            return question
        return f"{question.rstrip()} ({' '.join(carried[:MAX_CARRIED])})"


# Words that point back into a conversation; "there" is left out, as in "Is there a treaty?".
REFERRING_WORDS = (
    "that",
    "it",
    "this",
    "those",
    "these",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "its",
)


def unclear_reference(question: str, history: Sequence[Turn]) -> str | None:
    """The question to ask back when a follow-up refers to something and there is no
    conversation to find it in ("When was that?" after /reset); None when the question is clear."""
    if history or len(key_terms(question)) >= 2:
        return None
    words = [w.lower() for w in WORD.findall(question)]
    word = next((w for w in words if w in REFERRING_WORDS), None)
    return f"What does '{word}' refer to?" if word else None
