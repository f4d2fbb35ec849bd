"""The span of a cited sentence that answers a who/where/when/how-many question, verbatim: the
name, place, date or number shown first, in bold, before the sentence it comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answering.facts import (
    DEMONYMS,
    MONTHS,
    NOT_NAMES,
    PARTICLES,
    TITLES,
    WEEKDAYS,
    normalize,
    people,
    stems,
)
from bot.answering.question import Question

_ABBREVIATED = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH = "|".join(m.capitalize() for m in MONTHS) + "|" + _ABBREVIATED
_DAY = "|".join(d.capitalize() for d in WEEKDAYS)
# Most specific first: "Wednesday, September 22, 2021" before "September 22" before "2021".
DATE_SPANS = (
    re.compile(rf"\b(?:(?:{_DAY}),?\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"),
    re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+\d{{4}}\b"),
    re.compile(rf"\b(?:(?:{_DAY}),?\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"),
    re.compile(rf"\b(?:{_MONTH})\s+(?:of\s+)?\d{{4}}\b"),
    re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:th|st|nd|rd))[ -]century\b"),
    re.compile(r"\b(?:1[0-9]|20)\d\d(?:s\b)?|\b\d{3}s?\b(?= (?:AD|BC)\b)"),
    re.compile(rf"\b(?:{_DAY})\b"),
)
NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|dozen|dozens|million|half"
)
NUMBER_SPAN = re.compile(
    rf"\b(?:(?:about|around|some|nearly|almost|more than|over|up to|at least)\s+)?"
    rf"(?:\d(?:[\d,.]*\d)?|(?:{NUMBER_WORD})(?:[ -](?:{NUMBER_WORD}))*)"
    r"(?:\s*(?:%|percent|per cent|million|billion|thousand|km|miles|kilometers|kilometres))?",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
# What "how many" counts: "How many fighter jets has Russia moved" -> fighter jets.
COUNTED = re.compile(
    r"\bhow many\s+(.+?)"
    r"(?:\s+(?:were|are|was|is|did|do|does|has|have|had|will|would|can|could)\b|\?|$)",
    re.IGNORECASE,
)
DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set(_ABBREVIATED.lower().split("|"))
# A run of capitalised words, with the small words names carry inside ("Jaap de Hoop Scheffer").
_PARTICLE = "|".join(sorted(PARTICLES))
_CAPITAL = r"[A-Z](?:[\w'’.-]*\w|\.)?"
CAPITALISED_RUN = re.compile(rf"{_CAPITAL}(?:\s+(?:(?:{_PARTICLE}|of)\s+)?{_CAPITAL})*")
PLACE_CUE = re.compile(r"\b(?:in|at|to|near|from|into|across|outside|inside)\s+(?:the\s+)?$")

KINDS = ("person", "place", "date", "count", "number", "name")


def short_answer(question: Question, sentences: Iterable[str]) -> str | None:
    """The best span of the kind asked for that the question does not already give, from
    ``sentences`` in the order given (the best sentence first), or None."""
    if question.kind not in KINDS:
        return None
    for sentence in sentences:
        span = _span(question, sentence)
        if span:
            return span
    return None


def _new(span: str, question: Question) -> bool:
    found = {normalize(w) for w in span.split()}
    return bool(found - question.words - {normalize(t) for t in TITLES} - NOT_NAMES)


def _span(question: Question, sentence: str) -> str | None:
    kind = question.kind
    if kind == "date":
        for pattern in DATE_SPANS:
            for m in pattern.finditer(sentence):
                if _new(m.group(), question):
                    return m.group()
        return None
    if kind in ("count", "number"):
        return _number(question, sentence)
    return _named(question, sentence)


def _number(question: Question, sentence: str) -> str | None:
    """The number that counts what "how many X" asks about ("seven children"), else the first
    number the question does not give."""
    counted = COUNTED.search(question.text)
    found = []
    for m in NUMBER_SPAN.finditer(sentence):
        text = m.group().strip()
        if not text or not _new(text, question):
            continue
        if question.kind == "count" and YEAR.fullmatch(text):
            continue  # a year dates something; it counts nothing
        found.append((text, sentence[m.end() :]))
    if counted:
        nouns = stems(counted.group(1))
        for text, after in found:
            if nouns & stems(" ".join(after.split()[:3])):
                return text
    return found[0][0] if found else None


def _named(question: Question, sentence: str) -> str | None:
    """A person, place or named thing: runs of capitalised words the question does not
    name, that are not dates or nationality adjectives. A person is first sought among the
    runs that read as a person's name ("Wendy Sherman", "Mr. Ryabkov"), a place after a
    preposition of place ("in Helsinki")."""
    kind = question.kind
    candidates = []
    for m in CAPITALISED_RUN.finditer(sentence):
        text = _trim_titles(m.group())
        words = [normalize(w) for w in text.split()]
        if not text or not _new(text, question) or set(words) & question.words:
            continue
        if all(w in DATE_WORDS or w in DEMONYMS or w in NOT_NAMES for w in words):
            continue
        person = bool(people(m.group()))
        if m.start() == 0 and len(words) == 1 and not person:
            continue  # capitalised because it opens the sentence ("Meanwhile")
        after_cue = bool(PLACE_CUE.search(sentence[: m.start()]))
        candidates.append((text, person, after_cue))
    if kind == "person":
        ordered = [c for c in candidates if c[1]] + [c for c in candidates if not c[1] and not c[2]]
    elif kind == "place":
        ordered = [c for c in candidates if c[2]] + [c for c in candidates if not c[1]]
    else:
        ordered = candidates
    return ordered[0][0] if ordered else None


def _trim_titles(run: str) -> str:
    """The run without the titles that open it: "Gen. Mark Milley" -> "Mark Milley"."""
    words = run.split()
    while words and (normalize(words[0]) in TITLES or normalize(words[0]) in NOT_NAMES):
        words.pop(0)
    return " ".join(words)
