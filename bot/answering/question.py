"""What a question asks: the kind of answer it wants, the names it is about, and the rest.

"When did Milley retire from the army?" is about Milley (a name) and asks about retiring from
the army (its predicate) for a date (its kind). Excerpts that share the names but none of the
predicate are about the right person and say something else, which is how a corpus that cannot
answer a question usually looks from the inside.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answering.facts import (
    TITLES,
    is_name,
    lemmas,
    names,
    normalize,
    numbers,
    stems,
    tokens,
    words,
)
from retrieval.keyword import STOPWORDS, tokenize

# A derived form adds at most MAX_SUFFIX letters to a stem of at least MIN_STEM ("asia-n").
MAX_SUFFIX = 3
MIN_STEM = 4

# Words a question needs to ask its kind of question; they say nothing of its topic.
FILLER = lemmas(
    "many much long far big large number percentage say tell have be can could will would "
    "should up out over do date day year month kind sort type happen else there his her their "
    "its it each every all any other some"
) | lemmas(" ".join(STOPWORDS))


def answer_type(question: str) -> str | None:
    """What kind of answer the question wants: count, number, date, person, place, or None."""
    q = question.lower()
    if re.search(r"\bhow many\b", q):
        return "count"
    if re.search(r"\bhow (much|long|far|big|large)\b|\bwhat (number|percentage)\b", q):
        return "number"
    if re.search(r"^\s*when\b|\bwhat (date|day|year|month)\b|\bwhich (date|day|year|month)\b", q):
        return "date"
    if re.search(r"^\s*(who|whom)\b|\bwho\b|\bwhich (official|person|general|minister)\b", q):
        return "person"
    if re.search(r"^\s*where\b|\bwhich (city|country|capital|port|sea|base|town)\b", q):
        return "place"
    return None


@dataclass(frozen=True)
class Question:
    text: str
    kind: str | None
    words: frozenset[str]  # every word, normalised: what an answer must add to
    terms: tuple[str, ...]  # as keyword search tokenises it
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    # What it asks about its names: the other words, as ``facts.lemmas`` gives them.
    predicate: frozenset[str]


def analyze(text: str) -> Question:
    written = tokens(text)
    named = [t for t in written if is_name(t) or (t[0].isupper() and normalize(t) in TITLES)]
    rest = [t for t in written if t not in named]
    return Question(
        text=text,
        kind=answer_type(text),
        words=frozenset(words(text)),
        terms=tuple(tokenize([text])[0]),
        names=tuple(names(text)),
        numbers=tuple(numbers(text)),
        predicate=frozenset(lemmas(" ".join(rest)) - FILLER - lemmas(" ".join(named))),
    )


def unmentioned(facts: Sequence[str], text: str) -> list[str]:
    """The ``facts`` (names, numbers) that ``text`` never mentions, in any derived form.

    Derived forms count because questions name a place by its adjective as often as by its
    name: "Asian" for Asia, "American" for America.
    """
    have = stems(text)
    ordered = sorted(have)
    return [f for f in facts if not all(_mentioned(w, have, ordered) for w in stems(f))]


def _mentioned(word: str, have: set[str], ordered: list[str]) -> bool:
    if word in have:
        return True
    if not word.isalpha() or len(word) < MIN_STEM:
        return False
    shorter = (word[:-k] for k in range(1, MAX_SUFFIX + 1))
    if any(len(w) >= MIN_STEM and w in have for w in shorter):
        return True
    i = bisect_left(ordered, word)
    longer = ordered[i : i + 50]  # a bounded look at the words starting with it
    return any(w.startswith(word) and len(w) - len(word) <= MAX_SUFFIX for w in longer)


def asks_unmentioned(question: Question, excerpts: str) -> bool:
    """Whether the question asks about something (its predicate) that ``excerpts`` never
    mention: they know its names, not what is asked about them."""
    return bool(question.predicate) and not question.predicate & lemmas(excerpts)
