"""The checkable facts of a sentence (names, numbers, dates) and matching them against text."""

from __future__ import annotations

import re
from functools import lru_cache

MONTHS = (
    "january february march april may june july august september october november december"
).split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Capitalised words that are not names; they open sentences or questions.
NOT_NAMES = set(
    """a an and are as at be but by can could did do does during for from had has have he her his
    how i if in is it its may might more most mr mrs ms no not of on or our she so than that the
    their them then there these they this those to under was we were what when where which while
    who whom whose why will with would yes you your also after although before both each even
    however many much other some such today yesterday tomorrow according gen general col""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
MARKER = re.compile(r"\[\d+\]")


def normalize(word: str) -> str:
    """Case, possessives and acronym dots folded: ``U.S.`` and ``US``, ``Russia's`` and
    ``Russia`` compare equal."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace(".", "").replace(",", "").strip("'-")


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    from retrieval.keyword import _stemmer

    return _stemmer().stemWord(word)


def stems(text: str) -> set[str]:
    """Normalised, stemmed words of ``text``, for fact matching."""
    return {_stem(w) for w in (normalize(t) for t in WORD.findall(MARKER.sub(" ", text))) if w}


def numbers(text: str) -> list[str]:
    return [normalize(t) for t in WORD.findall(MARKER.sub(" ", text)) if t[0].isdigit()]


def dates(text: str) -> list[str]:
    words = [normalize(t) for t in WORD.findall(text)]
    return [w for w in words if w in MONTHS or w in WEEKDAYS]


def names(text: str) -> list[str]:
    """Capitalised words that are not common words: people, places, organisations."""
    found = []
    for token in WORD.findall(MARKER.sub(" ", text)):
        if token[0].isupper() and token.lower().strip(".") not in NOT_NAMES:
            word = normalize(token)
            if word and word not in MONTHS and word not in WEEKDAYS:
                found.append(word)
    return found


def facts(text: str) -> list[str]:
    """Names, numbers and dates ``text`` states, normalised, in order, without repeats."""
    return list(dict.fromkeys(names(text) + numbers(text) + dates(text)))


def missing_facts(claim: str, evidence: str) -> list[str]:
    """The facts of ``claim`` that ``evidence`` does not contain (after folding and stemming)."""
    have = stems(evidence)
    return [f for f in facts(claim) if _stem(f) not in have]
