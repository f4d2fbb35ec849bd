"""Who holds an office: "Who is the spokesman for Milley?" asks for the person a sentence names
as that spokesman ("Col. Dave Butler, spokesman for Milley"). A sentence that names Milley and
other people in other offices does not answer it, however many of its words it shares.

News prose names an office next to its holder in a few fixed shapes, which word order tells
apart without a parser:

- the title before the name: "White House spokesman Josh Earnest", "Deputy Secretary of State
  Wendy Sherman";
- the appositive, either way round: "Dave Butler, spokesman for Milley", "the Russian Chief of
  Staff, General Valery Gerasimov";
- the copula: "Hervé was the first Norman general";
- for an agent noun, its verb: a "leader" is who "led" ("a Norman named Oursel led a force"),
  a "chairman" who chaired ("chaired by Deputy Secretary of State Wendy Sherman").

The same office is asked for by name ("What was the name of the man the strike killed?") and
by its verb ("Who heads US Central Command?"). Kinship is left out: it is written either way
round ("Edgar's sister Margaret" says who Margaret's brother is), so no shape of the sentence
rules an answer out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.answering.facts import (
    DEMONYMS,
    MIN_STEM,
    PARTICLES,
    TITLES,
    is_name,
    normalize,
    people,
    tokens_with_gaps,
)
from bot.answering.question import head_kind, unmentioned
from bot.answering.roles import (
    AUXILIARIES,
    BE,
    BETWEEN_DOER_AND_VERB,
    DETERMINERS,
    MODALS,
    PREPOSITIONS,
    nounish,
    verb_lemmas,
    word_forms,
)
from retrieval.records import Sentence

# "Who is the spokesman for Milley?", and the same asked for a name: "What was the name of the
# man the strike killed?".
OFFICE_QUESTION = re.compile(
    r"^\s*(?:who\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been)"
    r"|what\s+(?:is|was|are|were)\s+the\s+names?\s+of)\s+(.+)$",
    re.IGNORECASE,
)
KIN = set(
    """father mother son daughter brother sister wife husband heir child children parent
    uncle aunt nephew niece cousin grandson granddaughter grandfather grandmother fiancee
    fiance widow""".split()
)
# Verbs that ask for an office's holder ("Who heads...?") and the office each names; verbs
# that more often tell a deed than an office ("led an army", "ruled the island") are left out.
OFFICE_VERBS = {"head": "head", "command": "commander", "chair": "chair"}
# How far into a question its verb may stand after "which": "Which senior NATO general commands".
WH_REACH = 6
# Words that end the phrase naming the office, or that open a clause and so are no part of an
# appositive: "the spokesman for Milley who issued...", "Milley, who met the chief".
PHRASE_BREAKS = {"who", "whom", "whose", "that", "which", "when", "where", "while", "both"}
# Words that open a clause saying more of the holder: "the spokesman who issued a statement".
CLAUSES = {"who", "whom", "whose", "that", "which"}
# The owner of an office follows its head after these: "spokesman for Milley", "head of US
# Central Command", "ambassador to Russia".
OWNED_BY = {"of", "for", "to"}
# Lower-case words inside the name of an office's body: "Secretary of State", "Chairman of the
# Joint Chiefs of Staff".
LINKS = {"of", "the"}
# How many words may stand between an appositive's comma and its office: "Michael Kofman, an
# expert on...", "Dave Butler, the Pentagon's chief spokesman", up to a long descriptive
# phrase ("X, a Norman adventurer raised by his victories to the rank of count").
APPOSITIVE_REACH = 12
# Verbs that make the words after a comma a clause, not an appositive.
FINITE = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "said", "says"}
COPULAS = BE | {"become", "became", "becomes"}
# Gendered forms of one office: "spokesman", "spokeswoman", "spokesperson".
GENDERED = re.compile(r"(?:man|woman|men|women|person|people)$")


@dataclass(frozen=True)
class Office:
    """The office a "who is the ..." question asks the holder of: its head noun, and the names
    that say whose office it is ("for Milley", "NATO's"), people by surname."""

    head: str
    people: tuple[str, ...]
    bodies: tuple[str, ...]
    verbs: frozenset[str] = frozenset()  # held by doing these: "Oursel led" for a leader
    # The question says more of the holder than the office: "the Secretary of State who held
    # a call with Shoigu". Naming the holder then answers only part of it.
    qualified: bool = False


def _same_office(word: str, head: str) -> bool:
    """Whether ``word`` names the office ``head``: in another gender ("spokesperson",
    "spokesman") or another spelling of its agent ending ("adviser", "advisor"). Not in
    another number: the "Joint Chiefs of Staff" are a body, not its chief."""
    word = normalize(word)
    if word == head:
        return True
    stem = GENDERED.sub("", head)
    if len(stem) >= MIN_STEM and GENDERED.sub("", word) == stem:
        return True
    agent = word.endswith(("er", "or")) and head.endswith(("er", "or"))
    return agent and len(head) > MIN_STEM + 2 and word[:-2] == head[:-2]


def _person_noun(word: str) -> bool:
    low = normalize(word)
    return head_kind(low) == "person" or head_kind(low.split("-")[-1]) == "person"


def _in_noun_phrase(word: str) -> bool:
    """Whether ``word`` can stand in a noun phrase: a name, a determiner, a noun or an
    adjective, or a word the dictionary does not know ("secretary-general")."""
    if word[0].isupper() or normalize(word) in DETERMINERS:
        return True
    forms = word_forms(word)
    return not forms or bool({"NOUN", "PROPN", "ADJ", "NUM"} & forms.keys())


def _titles_a_name(written: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` is the title of the name after it: "General Gerasimov's"."""
    after = written[i + 1] if i + 1 < len(written) else ""
    return (
        written[i][0].isupper()
        and normalize(written[i]) in TITLES
        and bool(after)
        and is_name(after)
    )


def office(question: str) -> Office | None:
    """The office the question asks the holder of, or None where it asks no such thing."""
    return _named_office(question) or _office_by_verb(question)


def _named_office(question: str) -> Office | None:
    """ "Who is the spokesman for Milley?", "Who was NATO's Secretary-General?"."""
    match = OFFICE_QUESTION.match(question)
    if not match:
        return None
    spaced = tokens_with_gaps(match.group(1))
    written, gaps = [t for t, _ in spaced], [g for _, g in spaced]
    low = [normalize(t) for t in written]
    end = next((i for i, w in enumerate(low) if w in PREPOSITIONS or w in PHRASE_BREAKS), len(low))
    # The office is the head of the noun phrase: its last noun ("the Norman castle" asks for a
    # castle), before a verb or another phrase begins ("the man the strike killed"), a title
    # before a name aside ("General Gerasimov's spokesman").
    nouns: list[int] = []
    for i in range(end):
        if not _in_noun_phrase(written[i]) or (nouns and low[i] in DETERMINERS):
            break
        if not _titles_a_name(written, i) and low[i] not in DETERMINERS:
            nouns.append(i)
    if not nouns or not _person_noun(written[nouns[-1]]) or low[nouns[-1]] in KIN:
        return None
    at = nouns[-1]
    # Whose office: a possessive before it ("General Gerasimov's spokesman") or the name after
    # "for", "of", "to"; the other capitalised words before it name a body or are part of the
    # office's own title ("White House spokesman", "National Security Adviser").
    owners = _possessors(written, gaps, at)
    if end < len(low) and low[end] in OWNED_BY and end == at + 1:
        after = end + 1
        while after < len(low) and (written[after][0].isupper() or low[after] in DETERMINERS):
            after += 1
        owners += written[end + 1 : after]
    head = low[at]
    # An agent noun's office is also held by doing its verb: a "leader" is who "led".
    verbs = {head[:-2], head[:-1]} if head.endswith(("er", "or")) else set()
    if GENDERED.search(head) and len(GENDERED.sub("", head)) >= MIN_STEM:
        verbs.add(GENDERED.sub("", head))  # a "chairman" is who "chaired"
    qualified = any(w in CLAUSES for w in low[at + 1 :])
    return _office(head, frozenset(verbs), written[:at], owners, qualified)


def _office_by_verb(question: str) -> Office | None:
    """ "Who heads US Central Command?", "Which general commands Russia's Southern Military
    District?": the office its verb names, of whatever the verb's object names."""
    spaced = tokens_with_gaps(question)
    written, gaps = [t for t, _ in spaced], [g for _, g in spaced]
    low = [normalize(t) for t in written]
    if not low or low[0] not in ("who", "which", "what"):
        return None
    i = 1
    if low[0] != "who":  # "Which NATO general commands...": a person, then the verb
        i = next((k for k in range(2, WH_REACH) if k < len(low) and _office_verb(written[k])), 0)
        asker = i - 2 if i > 2 and low[i - 1] in MODALS else i - 1
        if not i or not _person_noun(written[asker]):
            return None
    elif len(low) > 2 and low[1] in MODALS:
        i = 2
    verbs = _office_verb(written[i]) if i < len(low) else set()
    if not verbs:
        return None
    end = i + 1
    while end < len(low) and not gaps[end] and low[end] not in PHRASE_BREAKS:
        if low[end] in PREPOSITIONS and low[end] not in OWNED_BY | {"in"}:
            break
        end += 1
    verb = next(iter(verbs))
    owners = written[i + 1 : end]
    qualified = any(w in CLAUSES for w in low[end:])
    return _office(OFFICE_VERBS[verb], frozenset(verbs), written[1:i], owners, qualified)


def _office_verb(word: str) -> set[str]:
    """The office verbs ``word`` is a form of: "heads" -> {"head"}."""
    return set(verb_lemmas(word) & OFFICE_VERBS.keys())


def _possessors(written: Sequence[str], gaps: Sequence[str], before: int) -> list[str]:
    """The names before ``before`` that own what follows them: "General Gerasimov's"."""
    owners: list[str] = []
    for k in range(before):
        if written[k].endswith(("'s", "’s")):
            owners += _run(written, gaps, k, -1)
    return owners


def _office(
    head: str, verbs: frozenset[str], title: list[str], owners: list[str], qualified: bool
) -> Office:
    """The office ``head`` with the people (by surname) and bodies that the words of its
    ``title`` and its ``owners`` name."""
    found = people(" ".join(owners))
    persons = [p.split()[-1] for p in found]
    in_persons = {w for p in found for w in p.split()}
    named = [normalize(w) for w in [*title, *owners] if is_name(w)]
    others = [w for w in dict.fromkeys(named) if w not in DEMONYMS and w not in in_persons]
    return Office(head, tuple(persons), tuple(others), verbs, qualified)


def holder(asked: Office, sentence: str, known: frozenset[str]) -> str | None:
    """The person ``sentence`` names as holding the office, lower-case; None where it names no
    one there (``known``: the question's own words, which answer nothing)."""
    spaced = tokens_with_gaps(sentence)
    written = [t for t, _ in spaced]
    gaps = [g for _, g in spaced]
    for i, word in enumerate(written):
        if _same_office(word, asked.head):
            shapes = (_titled, _appositive, _copula)
        elif verb_lemmas(word) & asked.verbs:
            shapes = (_by, _run_before)
        else:
            continue
        for shape in shapes:
            # "count of Apulia" is no holder of the count's office the question asks about
            found = shape(written, gaps, i)
            if found and found.split()[-1] not in known:
                return found
    return None


def holder_as_written(asked: Office, sentence: str, known: frozenset[str]) -> str | None:
    """The holder's name as ``sentence`` writes it ("Jaap de Hoop Scheffer"), for a short
    answer taken verbatim from the cited sentence."""
    found = holder(asked, sentence, known)
    if found is None:
        return None
    spelled = r"[\s.]+".join(re.escape(w) for w in found.split())
    match = re.search(rf"(?<!\w){spelled}(?!\w)", sentence, re.IGNORECASE)
    return match.group() if match else None


def _run(written: Sequence[str], gaps: Sequence[str], start: int, step: int) -> list[str]:
    """The run of capitalised words from ``start`` going ``step`` (1 or -1), no punctuation
    inside it: "Col. Dave Butler", "Jaap de Hoop Scheffer", and going forward "Joint Chiefs
    of Staff"."""
    run: list[str] = []
    i = start
    while 0 <= i < len(written):
        word = written[i]
        capital = word[0].isupper() and (is_name(word) or normalize(word) in TITLES)
        joins = step == 1 and run and word in LINKS and _capital_next(written, gaps, i)
        if not capital and not (run and word in PARTICLES) and not joins:
            break
        if run and gaps[i if step == 1 else i + 1]:
            break
        run.append(word)
        i += step
    return run if step == 1 else run[::-1]


def _capital_next(written: Sequence[str], gaps: Sequence[str], i: int) -> bool:
    k = i + 1
    while k < len(written) and not gaps[k] and written[k] in LINKS:
        k += 1
    return k < len(written) and not gaps[k] and written[k][0].isupper()


def _as_person(run: list[str]) -> str | None:
    """The holder a run of capitalised words names: its person, or a single name ("Rollo")."""
    found = people(" ".join(run))
    if found:
        return found[-1]
    named = [normalize(w) for w in run if normalize(w) not in TITLES and is_name(w)]
    return named[-1] if len(named) == 1 else None


def _titled(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """ "spokesman Josh Earnest", "Chairman of the Joint Chiefs of Staff Gen. Mark Milley",
    "the Russian Chief of Staff, General Valery Gerasimov": the office, the name of its body if
    any, then the holder."""
    j = i + 1
    while j < len(written) and not gaps[j] and normalize(written[j]) in LINKS:
        j += 1
    if j >= len(written) or gaps[j] not in ("", ","):
        return None
    run = _run(written, gaps, j, 1)
    if any(_person_noun(w) and is_name(w) and not w.endswith("s") for w in run):
        # "Joint Chiefs of Staff Chairman Martin Dempsey": he holds another office, which a
        # body's plural ("Chiefs") is not
        return None
    if gaps[j] == "" and j + len(run) < len(written) and gaps[j + len(run)] == ",":
        # "the Chief of Staff, General Valery Gerasimov": past the body, a comma, the holder
        after = _run(written, gaps, j + len(run), 1)
        return _as_person(after) or _as_person(run)
    return _as_person(run)


def _ends_phrase(written: Sequence[str], gaps: Sequence[str], i: int) -> bool:
    """Whether the office word at ``i`` ends its noun phrase ("a Byzantine general was", not
    "of Norman mercenary origin", where it only describes the noun after it)."""
    if i + 1 >= len(written) or gaps[i + 1]:
        return True
    after = written[i + 1]
    return normalize(after) in PREPOSITIONS | PHRASE_BREAKS | COPULAS or not nounish(after)


def _appositive(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """ "Dave Butler, spokesman for Milley", "Bohemond, Robert's son": a name, a comma, then the
    office within a few words."""
    if not _ends_phrase(written, gaps, i):
        return None
    for start in range(i, max(i - APPOSITIVE_REACH, 0) - 1, -1):
        if normalize(written[start]) in PHRASE_BREAKS | FINITE:
            return None  # "Milley, who met the Russian chief": a clause, not an appositive
        if gaps[start] == ",":
            return _as_person(_run(written, gaps, start - 1, -1)) if start else None
        if gaps[start]:
            return None
    return None


def _copula(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """ "the first Norman general was Hervé", "Hervé was the first Norman general"."""
    if i + 2 < len(written) and normalize(written[i + 1]) in COPULAS and not gaps[i + 1]:
        return _as_person(_run(written, gaps, i + 2, 1))
    if not _ends_phrase(written, gaps, i):
        return None
    for k in range(i - 1, max(i - APPOSITIVE_REACH, 0) - 1, -1):
        if gaps[k + 1] or normalize(written[k]) in PREPOSITIONS:
            return None
        if normalize(written[k]) in COPULAS:
            return _as_person(_run(written, gaps, k - 1, -1)) if k and not gaps[k] else None
    return None


def _by(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """The doer of a passive verb: "chaired by Deputy Secretary of State Wendy Sherman"."""
    if i + 2 < len(written) and normalize(written[i + 1]) == "by" and not gaps[i + 1]:
        return _as_person(_run(written, gaps, i + 2, 1))
    return None


def _run_before(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """The name right before a verb, or before its auxiliary: "Oursel led", "Rollo had led"."""
    k = i - 1
    if k > 0 and normalize(written[k]) in AUXILIARIES | BETWEEN_DOER_AND_VERB:
        k -= 1
    return _as_person(_run(written, gaps, k, -1)) if k >= 0 else None


def holds(
    asked: Office,
    sentence: Sentence,
    known: frozenset[str],
    titles: Mapping[str, str],
) -> bool:
    """Whether ``sentence`` names someone new as holding the office asked for, and it is the
    office of whom the question says: whoever it belongs to ("spokesman for Milley", "NATO's
    Secretary-General") is named in the same sentence, or, for an organisation or a country,
    in the article's title. An article that names its White House spokesman and mentions the
    National Security Council has not named the council's spokesperson. ``titles``: each
    article's title, by id."""
    text, aid = sentence.text, sentence.article_id
    if holder(asked, text, known) is None or unmentioned(asked.people, text):
        return False
    return not unmentioned(asked.bodies, f"{titles.get(aid, '')} {text}")
