"""A question typed casually, read as written out: "where'd" as "where did", and capitals given
back to a question typed all in lower case ("how many jets did russia move to latakia?"), as the
articles that may answer it write its words.

The answer engine reads a question's names from their capitals: they are what an answer's
sentence or article must mention, and what tells one party, place or office from another.
People in chat often type without capitals, and such a question would name nothing. Each word
takes the capital the retrieved articles give it in most of their uses where no sentence begins:
"russia" becomes "Russia", "nato" "NATO", "us" "US"; "base" and "troops" stay as typed, and so
does "health", capitalised only inside longer names ("the World Health Organization"). A word
the articles never use is left as typed: a word no article uses cannot be told from a typo.
A question with a cased word past its first ("Latakia"; not "US", nor a first word a phone
capitalised) was cased by the person, and is left alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from bot.answering.facts import TITLES, WORD, split_possessive, word_forms

# What may stand between a word and the one before it where a sentence, a heading or a
# quotation begins, whose first word is capitalised whatever it is.
OPENINGS = set('.!?:"“”')
# A capital before a small letter: a name the person cased ("Latakia"), not an abbreviation
# typed in capitals from habit ("US", "K2"), which says nothing of the other words.
CASED = re.compile(r"[A-Z][a-z]")
# A dictionary word is a name where the articles capitalise it more than once, and more than
# twice as often as not.
MIN_CAPITALISED = 1
CAPITALISED_RATIO = 2
# A line of at least this many words, more than this share of them capitalised, is a headline.
HEADLINE_WORDS = 3
HEADLINE_SHARE = 0.6
# A capitalised word this short before a full stop is an abbreviation ("St.", "Mr.", "U.K.").
ABBREVIATION = 3
# The most words of a name read as one ("the Joint Chiefs of Staff" is four capitalised words
# and a small one, read as its parts).
MAX_NAME = 4


# A question word and "did" run together in chat ("where'd they meet?", "how'd he describe
# it?"); not "who'd" or "what'd", as often "would", nor any in a question of a condition ("how'd
# Russia respond if NATO expanded?").
CONTRACTED_DID = re.compile(r"\b(where|how|when|why)['’ʼ]d\b", re.IGNORECASE)
CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)


def read_casually(question: str, texts: Iterable[str]) -> str:
    """``question`` as the engine reads it: its contractions of "did" written out, and its
    capitals restored from ``texts`` (``restore_capitals``)."""
    if not CONDITION.search(question):
        question = CONTRACTED_DID.sub(r"\1 did", question)
    return restore_capitals(question, texts)


class Uses(NamedTuple):
    """How the retrieved articles write words, read once for a question typed in lower case."""

    spellings: dict[str, Counter[str]]  # each word's spellings, by its lower case
    alone: Counter[str]  # capitalised uses outside a run of capitalised words, by lower case
    # runs of capitalised words and their parts ("Port Selva"), how often each is written so,
    # by its lower case
    names: dict[tuple[str, ...], Counter[tuple[str, ...]]]


def _uses(texts: Iterable[str]) -> Uses:
    """How often each word is written each way, leaving out the first word of a sentence, a
    heading or a quotation, and lines written in title case ("Russia Sends More Troops");
    how often it is capitalised on its own, not as a word of a longer name ("Health" in "the
    World Health Organization"); and those longer names."""
    found = Uses(defaultdict(Counter), Counter(), defaultdict(Counter))
    for text in texts:
        for line in text.splitlines():
            spans = [(m.group(), m.start(), m.end()) for m in WORD.finditer(line)]
            if _title_case([w for w, _, _ in spans]):
                continue
            run: list[str] = []
            for k, (word, start, _) in enumerate([*spans, ("", len(line), len(line))]):
                opening = not k or _opens(line[spans[k - 1][2] : start], spans[k - 1][0])
                if not word[:1].isupper() or opening:
                    _add_name(found.names, run)
                    run = []
                if not word or opening:
                    continue
                found.spellings[word.lower()][word] += 1
                if word[:1].isupper():
                    name, owner = split_possessive(word)
                    run.append(name)
                    if owner:  # a possessive ends a name: "NATO's chief"
                        _add_name(found.names, run)
                        run = []
                    neighbours = [spans[j][0] for j in (k - 1, k + 1) if 0 <= j < len(spans)]
                    if not any(n[:1].isupper() for n in neighbours):
                        found.alone[word.lower()] += 1
    return found


def _title_case(words: list[str]) -> bool:
    """Whether a line is a headline, most of its words capitalised."""
    capitalised = sum(w[:1].isupper() for w in words)
    return len(words) >= HEADLINE_WORDS and capitalised > HEADLINE_SHARE * len(words)


def _opens(gap: str, before: str) -> bool:
    """Whether the word after ``gap`` begins a sentence, a heading or a quotation: not after
    the full stop of an abbreviation ("St. Petersburg", "Gen. Milley", "U.S. officials")."""
    if not OPENINGS & set(gap):
        return False
    abbreviated = gap.lstrip().startswith(".") and (
        before.lower() in TITLES or len(before) <= ABBREVIATION or "." in before
    )
    return not abbreviated or bool(OPENINGS - {"."} & set(gap))


def _add_name(names: dict[tuple[str, ...], Counter[tuple[str, ...]]], run: list[str]) -> None:
    """Each part of two words or more of a run of capitalised words, by its lower case."""
    for i in range(len(run)):
        for j in range(i + 2, min(len(run), i + MAX_NAME) + 1):
            names[tuple(w.lower() for w in run[i:j])][tuple(run[i:j])] += 1


def _name(words: list[str], uses: Uses) -> tuple[str, ...] | None:
    """The name ``words`` are, as the articles write it; a name of dictionary words only
    ("Military District") where they write it so more than once."""
    spellings = uses.names.get(tuple(w.lower() for w in words))
    if not spellings:
        return None
    written, times = spellings.most_common(1)[0]
    known = all(word_forms(w.lower()) for w in words)
    return written if times > (MIN_CAPITALISED if known else 0) else None


def restore_capitals(question: str, texts: Iterable[str]) -> str:
    """``question`` with each word written as ``texts`` write it most often, where that is
    with a capital, and each run of words as a name they give ("port selva": "Port Selva");
    unchanged unless typed in lower case past its first word (an abbreviation aside: "US")."""
    words = list(WORD.finditer(question))
    # the first word aside: a phone's keyboard capitalises it for the person
    if any(CASED.search(m.group()) for m in words[1:]):
        return question
    uses = _uses(texts)
    written = [m.group() for m in words]
    k = 1  # the first word is capitalised anyway, or was typed small on purpose
    while k < len(written):
        span, name = next(
            (
                (n, name)
                for n in range(min(MAX_NAME, len(written) - k), 1, -1)
                if (name := _name(written[k : k + n], uses))
            ),
            (0, None),
        )
        if name:
            written[k : k + span] = name
            k += span
            continue
        word, owner = split_possessive(written[k])  # "karvia's" as "Karvia" is written
        written[k] = _written(word, uses) + owner
        k += 1
    cased, last = [], 0
    for m, word in zip(words, written):
        cased += [question[last : m.start()], word]
        last = m.end()
    return "".join(cased) + question[last:]


def _written(word: str, uses: Uses) -> str:
    """``word`` as the articles write it most often, where that is with a capital; a word the
    dictionary knows ("meet", "health") only where they write it so on its own again and
    again: a headline's capitals, or a longer name's, are not its."""
    spellings = uses.spellings.get(word.lower())
    if not spellings:
        return word
    written, times = spellings.most_common(1)[0]
    lower = spellings.get(word.lower(), 0)
    if word_forms(word.lower()):
        times = uses.alone[word.lower()]
        needed = max(MIN_CAPITALISED, CAPITALISED_RATIO * lower)
    else:
        needed = lower
    return written if written[:1].isupper() and times > needed else word
