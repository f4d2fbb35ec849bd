"""The span of a cited sentence that answers a who/where/when/how-many question, verbatim: the
name, place, date or number shown first, in bold, before the sentence it comes from."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answering.facts import MONTHS, NOT_NAMES, PARTICLES, TITLES, WEEKDAYS, normalize, people
from bot.answering.question import Question

_MONTH = (
    "|".join(m.capitalize() for m in MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
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
# A run of capitalised words, with the small words names carry inside ("Jaap de Hoop Scheffer").
_PARTICLE = "|".join(sorted(PARTICLES))
_CAPITAL = r"[A-Z](?:[\w'’.-]*\w|\.)?"
CAPITALISED_RUN = re.compile(rf"{_CAPITAL}(?:\s+(?:(?:{_PARTICLE}|of)\s+)?{_CAPITAL})*")
PLACE_CUE = re.compile(r"\b(?:in|at|to|near|from|into|across|outside|inside)\s+(?:the\s+)?$")

KINDS = ("person", "place", "date", "count", "number", "name")


def short_answer(question: Question, sentences: Iterable[str]) -> str | None:
    """The first span of the kind asked for that the question does not already give, from
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
        for m in NUMBER_SPAN.finditer(sentence):
            text = m.group().strip()
            if kind == "count" and YEAR.fullmatch(text):
                continue  # a year dates something; it counts nothing
            if text and _new(text, question):
                return text
        return None
    for m in CAPITALISED_RUN.finditer(sentence):
        text = _trim_titles(m.group())
        if not text or not _new(text, question):
            continue
        if m.start() == 0 and " " not in text and normalize(text) in NOT_NAMES:
            continue
        after_cue = bool(PLACE_CUE.search(sentence[: m.start()]))
        # A person: a run people() accepts ("Mr. Ryabkov", "Wendy Sherman"), or one name that
        # is not where something happens ("Rollo").
        if kind == "person" and not (people(m.group()) or (" " not in text and not after_cue)):
            continue
        if kind == "place" and not after_cue:
            continue
        return text
    return None


def _trim_titles(run: str) -> str:
    """The run without the titles that open it: "Gen. Mark Milley" -> "Mark Milley"."""
    words = run.split()
    while words and (normalize(words[0]) in TITLES or normalize(words[0]) in NOT_NAMES):
        words.pop(0)
    return " ".join(words)
