"""What a noun stands for, by the noun hierarchy of Princeton WordNet 3.1: whether "residents"
are people, whether "tankers" are vessels and "boxes" containers. A general lexicon, not a list
grown from the question sets.

``nouns.tsv.gz`` is built by ``scripts/build_nouns.py``; lines "#SYNSET<TAB>HYPERNYMS" give
each noun synset's hypernyms by WordNet offset, and "WORD<TAB>SYNSETS" every synset a one-word
noun can stand for, in any of its senses. ``deeds.tsv.gz``, from the same script, gives the
verbs a noun names the deed of ("withdrawal<TAB>withdraw"), a small file of its own, since
every question reads it. Each is loaded on first use, never at import.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from bot.answering.facts import word_forms

NOUNS_FILE = Path(__file__).with_name("nouns.tsv.gz")
DEEDS_FILE = Path(__file__).with_name("deeds.tsv.gz")

# WordNet 3.1 offsets of the synsets the engine asks about.
PERSON = 7846  # person.n.01, "a human being"
MONETARY_UNIT = 13625961  # monetary_unit.n.01: "florins", "kina", "pesos"
# A noun with a sense this near the root ("entity" is 0; "time", "unit", "group" and "state"
# have one at 2 or 3; "vessel", "container" and "job" have none above 5) is too general to
# count by kinds of it.
GENERAL_DEPTH = 3


def _read(path: Path) -> dict[str, str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return dict(line.split("\t", 1) for line in lines.read().splitlines())


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Every line by its key, the offsets left as text: parsed only for the few words an answer
    asks about, so loading adds about 0.1 s to a cold ``newsbot ask`` that needs it."""
    return _read(NOUNS_FILE)


@lru_cache(maxsize=1)
def _deeds() -> dict[str, str]:
    return _read(DEEDS_FILE)


def _ids(key: str) -> tuple[int, ...]:
    return tuple(map(int, _lexicon().get(key, "").split()))


@lru_cache(maxsize=16384)
def _above(synset: int) -> frozenset[int]:
    """The synset and every hypernym above it."""
    found = {synset}
    for parent in _ids(f"#{synset}"):
        found |= _above(parent)
    return frozenset(found)


@lru_cache(maxsize=16384)
def senses(noun: str) -> tuple[int, ...]:
    """The synsets ``noun`` can stand for, a plural by its singular ("tankers", "people")."""
    noun = noun.lower()
    found = _ids(noun) if not noun.startswith("#") else ()
    for lemma in word_forms(noun).get("NOUN", ()):
        found += tuple(s for s in _ids(lemma) if s not in found)
    return found


@lru_cache(maxsize=16384)
def _depth(synset: int) -> int:
    """Steps up to WordNet's root ("entity") by the shortest way."""
    parents = _ids(f"#{synset}")
    return 1 + min(map(_depth, parents)) if parents else 0


def mostly_kind_of(noun: str, synset: int) -> bool:
    """Whether more than half the senses of ``noun`` are ``synset`` or kinds of it: "residents"
    and "voters" are people, "pigs" and "guns" are not, though WordNet gives each a sense that
    is a person. WordNet's files carry no sense frequencies, so the count of senses stands in."""
    found = senses(noun)
    return sum(synset in _above(s) for s in found) * 2 > len(found)


def names_kind_of(narrow: str, broad: str) -> bool:
    """Whether some sense of ``narrow`` is some sense of ``broad`` or a kind of it: "tankers"
    of "vessels", "boxes" of "containers", "posts" of "jobs" (one synset). Not for a broad noun
    that can stand for something near the root ("times", "units", "groups", "states"): under
    it, nearly anything is a kind of it ("3 hours" would count times)."""
    above = set(senses(broad))
    if not above or min(map(_depth, above)) <= GENERAL_DEPTH:
        return False
    return any(above & _above(s) for s in senses(narrow))


@lru_cache(maxsize=16384)
def deeds(noun: str) -> frozenset[str]:
    """The verbs ``noun`` names the deed of, by WordNet's derivations: "withdrawal" withdraw,
    "deployments" deploy; none for a noun no verb is derived from ("troops")."""
    noun = noun.lower()
    found = set(_deeds().get(noun, "").split())
    for lemma in word_forms(noun).get("NOUN", ()):
        found.update(_deeds().get(lemma, "").split())
    return frozenset(found)
