"""Who holds an office: "Who is the spokesman for Milley?" asks for the person a sentence names
as that spokesman ("Col. Dave Butler, spokesman for Milley"). A sentence that names Milley and
other people in other offices does not answer it, however many of its words it shares.

News prose names an office next to its holder in a few fixed shapes, which word order tells
apart without a parser:

- the title before the name: "White House spokesman Josh Earnest", "Deputy Secretary of State
  Wendy Sherman", and set off by commas after it, "the Russian Chief of Staff, General Valery
  Gerasimov, ..." (``_titled``);
- the appositive after the name: "Dave Butler, spokesman for Milley" (``_appositive``);
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
    NOT_NAMES,
    NOT_PERSON_ENDINGS,
    PARTICLES,
    POSSESSIVE,
    TITLES,
    country_forms,
    is_name,
    normalize,
    people,
    same_party,
    tokens,
    tokens_with_gaps,
)
from bot.answering.question import ANYONE, KIN, head_kind, unmentioned, wh_phrase
from bot.answering.roles import (
    ARTICLES,
    AUXILIARIES,
    BE,
    BETWEEN_DOER_AND_VERB,
    DETERMINERS,
    HAVE,
    MODALS,
    PREPOSITIONS,
    REACH_ENDS,
    nounish,
    verb_lemmas,
    word_forms,
)
from retrieval.records import Sentence

# "Who is the spokesman for Milley?" (or who "served as" him), and the same asked for a name:
# "What was the name of the man the strike killed?".
OFFICE_QUESTION = re.compile(
    r"^\s*(?:who\s+(?:(?:(?:is|was|will\s+be|has\s+been|had\s+been)\s+)?(?:serving|acting)"
    r"|serves|served|will\s+serve|has\s+served|had\s+served|acts|acted)\s+as"
    r"|who(?:['’]s|\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been))"
    r"|what(?:['’]s|\s+(?:is|was|are|were))\s+the\s+names?\s+of)\s+(.+)$",
    re.IGNORECASE,
)
# Verbs that ask for an office's holder ("Who heads...?") and the office each names; verbs
# that more often tell a deed than an office ("led an army", "ruled the island") are left out.
OFFICE_VERBS = {"head": "head", "command": "commander", "chair": "chair"}
# Offices whose holder a sentence may name by the verb ("Oursel led a force", "chaired by Wendy
# Sherman"): each office's verb. Not every agent noun: "Reuters reported" names no reporter.
HELD_BY_DOING = {
    "leader": "lead",
    "commander": "command",
    "chair": "chair",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "head": "head",
}
# How far into a question its verb may stand after "which": "Which senior NATO general commands".
WH_REACH = 6
# Words that open a clause saying more of the holder: "the spokesman who issued a statement".
CLAUSES = {"who", "whom", "whose", "that", "which"}
# Words that end the phrase naming the office ("the spokesman for Milley who issued...",
# "Russia's president both when..."), or that open a clause or join another one and so are no
# part of an appositive ("Milley, who met the chief", "Milley thanked Austin, and his chief").
PHRASE_BREAKS = CLAUSES | REACH_ENDS | {"where", "both"}
# The owner of an office follows its head after these: "spokesman for Milley", "head of US
# Central Command", "ambassador to Russia"; an office asked for by its verb may be of a place
# ("commands the troops in Kosovo").
OWNED_BY = {"of", "for", "to"}
OWNED_BY_VERB = OWNED_BY | {"in"}
# Lower-case words inside the name of an office's body: "Secretary of State", "Chairman of the
# Joint Chiefs of Staff".
LINKS = {"of", "the"}
# How many words may stand between an appositive's comma and its office: "Michael Kofman, an
# expert on...", "Dave Butler, the Pentagon's chief spokesman", up to a long descriptive
# phrase ("X, a Norman adventurer raised by his victories to the rank of count").
APPOSITIVE_REACH = 12
# Words between "by the" and a name that describe the person: "the retired Kenyan general";
# a longer run is a phrase of its own, not a description of the name after it.
DESCRIBED_REACH = 4
# Words that end such a description: another phrase or clause begins ("the committee *of* the
# minister").
DESCRIPTION_ENDS = DETERMINERS | PREPOSITIONS | {"and", "or"}
# Verbs that make the words after a comma a clause, not an appositive.
FINITE = BE | HAVE | MODALS | {"said", "says"}
COPULAS = BE | {"become", "became", "becomes"}
# Gendered forms of one office: "spokesman", "spokeswoman", "spokesperson" (singular only:
# "committee chairmen" name no chairman).
GENDERED = re.compile(r"(?:man|woman|person)$")
# The shortest office whose agent ending ("adviser", "advisor") may be spelt either way: longer
# than the longest ending, so "actor" and "acter" stay apart.
AGENT_SPELLINGS_MIN = 6


@dataclass(frozen=True)
class Office:
    """The office a "who is the ..." question asks the holder of: its head noun and the names
    that say whose office it is, as ``facts.normalize`` writes them."""

    head: str
    # Whose office it is, named after "for", "of", "to" or with a possessive: "spokesman for
    # Milley", "NATO's", "of US Central Command". The sentence naming the holder names them.
    owners: tuple[str, ...]
    # Names in the office's own title ("White House spokesman", "National Security Adviser"):
    # the sentence or its article's title names them.
    titled: tuple[str, ...]
    verbs: frozenset[str]  # held by doing these: "Oursel led" for a leader
    # The question says more of the holder than the office: "the Secretary of State who held
    # a call with Shoigu". Naming the holder then answers only part of it.
    qualified: bool


# Words for the one who leads a body, each the others' synonym: the "head of US Central
# Command" is its commander, the "chief of the General Staff" its head, an alliance's
# "Secretary-General" its head.
LEADS_A_BODY = {"head", "chief", "leader", "commander", "director", "secretary-general"}


def _same_office(word: str, head: str) -> bool:
    """Whether ``word`` names the office ``head``: in another gender ("spokesperson",
    "spokesman"), another spelling of its agent ending ("adviser", "advisor"), or another word
    for who leads a body ("head", "commander"). Not in another number: the "Joint Chiefs of
    Staff" are a body, not its chief."""
    word = normalize(word)
    if word == head or {word, head} <= LEADS_A_BODY:
        return True
    stem = GENDERED.sub("", head)
    if len(stem) >= MIN_STEM and GENDERED.sub("", word) == stem:
        return True
    agent = word.endswith(("er", "or")) and head.endswith(("er", "or"))
    return agent and len(head) >= AGENT_SPELLINGS_MIN and word[:-2] == head[:-2]


# Who holds the same office on the other side of a meeting.
COUNTERPARTS = {"counterpart", "counterparts"}
# Offices one government names by one word and others by another: the United States' cabinet
# "secretaries" are other governments' "ministers".
EQUIVALENT_OFFICES = (frozenset({"secretary", "minister"}),)


def _equivalent_office(word: str, head: str) -> bool:
    pair = {normalize(word), head}
    return len(pair) == 2 and any(pair <= group for group in EQUIVALENT_OFFICES)


# The heads of offices a field tells apart ("defense minister", "foreign minister").
FIELDED_HEADS = ("minister", "secretary", "ambassador", "spokesman", "adviser")
# Words before an office's head that tell its rank, not its field: "Deputy Foreign Minister".
RANKS = {"deputy", "vice", "first", "senior", "assistant", "under", "acting", "former", "top"}
# One field, two spellings.
FIELD_SPELLINGS = {"defence": "defense"}


def office_otherwise(question: str, said: str) -> bool:
    """Whether the question's office ("Which Russian deputy *defense* minister...?") is one
    that ``said`` gives only with another field ("Russian Deputy *Foreign* Minister Sergei
    Ryabkov"), never as asked ("Defense Minister", "Minister of Defence"): the office
    analogue of a name given otherwise."""
    asked = [normalize(t) for t in tokens(question)]
    phrase = wh_phrase(question)
    at = next(
        (i for i, w in enumerate(phrase) if any(_same_office(w, h) for h in FIELDED_HEADS)), None
    )
    if at is None:
        return False
    head = phrase[at]
    # "Secretary *of Defense*" or "*defense* minister"
    after = asked.index(head) + 1 if head in asked else len(asked)
    field = asked[after + 1] if asked[after : after + 1] == ["of"] else (at and phrase[at - 1])
    if not field or not _a_field(field):
        return False
    field = _field(field)
    written = tokens(said)
    low = [normalize(t) for t in written]
    other = False
    for i, word in enumerate(low):
        if not _same_office(word, head):
            continue
        before = _field(low[i - 1]) if i else ""
        of_field = _field(low[i + 2]) if i + 2 < len(low) and low[i + 1] == "of" else ""
        if field in (before, of_field):
            return False
        # another capitalised field ("Deputy *Foreign* Minister"), not an owner's name ("White
        # House spokesman"), a rank, a determiner nor a country ("US Secretary")
        owner = i > 1 and written[i - 2][0].isupper() and _a_field(low[i - 2])
        if i and written[i - 1][0].isupper() and _a_field(before) and not owner:
            other = True
    return other


def title_otherwise(question: str, said: str) -> bool:
    """Whether the question asks for someone by a title with a people's or place's name before
    it ("Under which *Italian* abbot...", "which *Anglo-Norman* prince") and ``said`` gives
    each person it titles so with another name there ("the *Norman* abbot Robert de
    Grantmesnil", "the *Italo-Norman* prince Bohemund I"), never with the question's."""
    written = tokens(question)
    low = [normalize(t) for t in written]
    phrase = wh_phrase(question)
    if not phrase or "which" not in low and "what" not in low:
        return False
    start = next(i for i, w in enumerate(low) if w in ("which", "what")) + 1
    heads = [
        i
        for i in range(start + 1, min(start + len(phrase), len(written)))
        if low[i] == phrase[i - start] and _person_noun(written[i]) and written[i][0].islower()
    ]
    if not heads or not written[heads[-1] - 1][0].isupper():
        return False
    head, asked = low[heads[-1]], low[heads[-1] - 1]
    other = False
    said_words = tokens(said)
    said_low = [normalize(t) for t in said_words]
    for i in range(1, len(said_words) - 1):
        # the title in lower case, as a description ("the Norman abbot Robert"), not one
        # written into the name ("Joint Chiefs of Staff General Mark Milley")
        if said_words[i] not in (head, head + "s") or not said_words[i - 1][0].isupper():
            continue
        named = said_words[i + 1]
        if not named[0].isupper() or said_low[i + 1] in low:
            continue  # no one titled, or someone the question names already
        if same_party(said_low[i - 1], asked):
            return False
        other = True
    return other


def _a_field(word: str) -> bool:
    """Whether ``word`` can name an office's field: no rank, determiner, nationality or
    country ("US")."""
    return not (
        word in RANKS or word in NOT_NAMES or word in DEMONYMS or len(country_forms(word)[0]) > 1
    )


def _field(word: str) -> str:
    return FIELD_SPELLINGS.get(word, word)


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


def _person_asked(question: str) -> tuple[list[str], list[str], int, int] | None:
    """For "Who is the ...?" and "What was the name of the ...?": the phrase's words, their
    gaps, where its head noun stands and where the phrase ends; None unless the head names a
    person."""
    match = OFFICE_QUESTION.match(question)
    if not match:
        return None
    spaced = tokens_with_gaps(match.group(1))
    written, gaps = [t for t, _ in spaced], [g for _, g in spaced]
    low = [normalize(t) for t in written]
    end = next((i for i, w in enumerate(low) if w in PREPOSITIONS or w in PHRASE_BREAKS), len(low))
    # The head is the noun phrase's last noun ("the Norman castle" asks for a castle), before
    # a verb or another phrase begins ("the man the strike killed"), a title before a name
    # aside ("General Gerasimov's spokesman").
    nouns: list[int] = []
    for i in range(end):
        if not _in_noun_phrase(written[i]) or (nouns and low[i] in DETERMINERS):
            break
        if not _titles_a_name(written, i) and low[i] not in DETERMINERS:
            nouns.append(i)
    if not nouns or not _person_noun(written[nouns[-1]]):
        return None
    return written, gaps, nouns[-1], end


def asks_a_name_of_anyone(question: str) -> bool:
    """Whether the question asks who someone is that it describes by no office, only by what
    happened ("What was the name of the man the strike killed?"): the sentence that tells what
    happened must name him."""
    asked = _person_asked(question)
    return asked is not None and normalize(asked[0][asked[2]]) in ANYONE


def _named_office(question: str) -> Office | None:
    """ "Who is the spokesman for Milley?", "Who was NATO's Secretary-General?"."""
    asked = _person_asked(question)
    if asked is None:
        return None
    written, gaps, at, end = asked
    low = [normalize(t) for t in written]
    if low[at] in KIN | ANYONE:
        return None  # kinship is written either way round; "the man" holds no office
    # Whose office: a possessive before it ("General Gerasimov's spokesman") or the name after
    # "for", "of", "to"; the other capitalised words before it name a body or are part of the
    # office's own title ("White House spokesman", "National Security Adviser").
    owners = _possessors(written, gaps, at)
    if end < len(low) and low[end] in OWNED_BY and end == at + 1:
        after = end + 1
        while after < len(low) and (written[after][0].isupper() or low[after] in DETERMINERS):
            after += 1
        owners += written[end + 1 : after]
        # the holder of the owner's title, a run of its own (the comma parts the runs)
        if holder_named := _named_in_apposition(written, gaps, after):
            owners += [",", *holder_named]
    head = low[at]
    verbs = {HELD_BY_DOING[head]} if head in HELD_BY_DOING else set()
    qualified = _says_more(written, at + 1)
    return _office(head, frozenset(verbs), written[:at], owners, qualified)


# How many words an owner's title may run before the comma that names its holder: "for
# Russia's *chief of General Staff*, Valery Gerasimov".
APPOSITION_REACH = 5


def _named_in_apposition(written: Sequence[str], gaps: Sequence[str], start: int) -> list[str]:
    """The person named after a comma that ends a title from ``start`` ("chief of General
    Staff, *Valery Gerasimov*"): the one who holds the title, and so owns the office asked."""
    k = start
    while k < len(written) and not gaps[k] and k - start < APPOSITION_REACH:
        k += 1
    return _person_after_comma(written, gaps, k) if k > start else []


def _person_after_comma(written: Sequence[str], gaps: Sequence[str], k: int) -> list[str]:
    """The run of words from ``k``, where a comma stands before it and the run reads as a
    person's name; empty otherwise."""
    if k >= len(written) or gaps[k] != ",":
        return []
    run = _run(written, gaps, k, 1)
    return run if run and people(" ".join(run)) else []


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
        if low[end] in PREPOSITIONS and low[end] not in OWNED_BY_VERB:
            break
        end += 1
    head = OFFICE_VERBS[min(verbs)]
    qualified = _says_more(written, end)
    owners = written[i + 1 : end]
    return _office(head, frozenset({HELD_BY_DOING[head]}), written[1:i], owners, qualified)


def _says_more(written: Sequence[str], start: int) -> bool:
    """Whether a clause from ``start`` on says more of the holder: "who held a call", "that
    Milley met"; not a demonstrative ("at that meeting")."""
    for k in range(start, len(written)):
        if normalize(written[k]) not in CLAUSES:
            continue
        after = written[k + 1] if k + 1 < len(written) else ""
        demonstrative = normalize(written[k]) == "that" and after.islower() and nounish(after)
        if not demonstrative:
            return True
    return False


def _office_verb(word: str) -> set[str]:
    """The office verbs ``word`` is a form of: "heads" -> {"head"}."""
    return set(verb_lemmas(word) & OFFICE_VERBS.keys())


def _possessors(written: Sequence[str], gaps: Sequence[str], before: int) -> list[str]:
    """The names before ``before`` that own what follows them: "General Gerasimov's"."""
    owners: list[str] = []
    for k in range(before):
        if written[k].endswith(POSSESSIVE):
            owners += _run(written, gaps, k, -1)
    return owners


def _office(
    head: str, verbs: frozenset[str], title: list[str], owners: list[str], qualified: bool
) -> Office:
    """The office ``head`` with the names of its ``owners`` (a person's by surname: "Gen. Mark
    Milley" is Milley) and the other names of its ``title``; a nationality adjective says
    nothing of whose office it is ("the Russian chief of staff")."""
    owned: list[str] = []
    bodies: list[str] = []
    for run in _runs(owners):
        # An organisation or a country may be named by the article's title alone: a story
        # about NATO calls its Secretary-General "alliance Secretary-General". A person is
        # named with his spokesman (by surname: "Gen. Mark Milley" is Milley).
        person = people(" ".join(run))
        if any(_body(w) for w in run) or all(normalize(w) in TITLES for w in run):
            bodies += run  # "Secretary of State": part of the office's own title
        elif person:
            owned.append(person[-1].split()[-1])
        else:
            owned += _names(run)
    titled = [w for w in _names(title + bodies) if w not in owned]
    return Office(head, tuple(dict.fromkeys(owned)), tuple(titled), verbs, qualified)


def _runs(written: list[str]) -> list[list[str]]:
    """The runs of names in ``written``: "the US Central Command" gives [US, Central, Command]."""
    runs: list[list[str]] = [[]]
    for word in written:
        if is_name(word) or (runs[-1] and normalize(word) in TITLES):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _body(word: str) -> bool:
    """Whether a name is an organisation's or a country's ("NATO's", "Russia", "Command"); a
    surname alone ("Gerasimov's") is a person's."""
    low = normalize(word)
    written = word.replace("’", "'").removesuffix("'s")
    acronym = len(written) > 1 and written.replace(".", "").isupper()
    # a country the tables know has other names too (its adjective, its capital)
    return acronym or low in NOT_PERSON_ENDINGS or len(country_forms(low)[0]) > 1


def _names(written: list[str]) -> list[str]:
    named = (normalize(w) for w in written if is_name(w))
    return [w for w in dict.fromkeys(named) if w not in DEMONYMS]


def holder(asked: Office, sentence: str, known: frozenset[str]) -> str | None:
    """The person ``sentence`` names as holding the office, lower-case; None where it names no
    one there (``known``: the question's own words, which answer nothing)."""
    spaced = tokens_with_gaps(sentence)
    written = [t for t, _ in spaced]
    gaps = [g for _, g in spaced]
    # "Defense Secretary Robert Gates met his Russian counterpart, Anatoly Serdyukov": the
    # counterpart of an office holds it, or its equivalent, on the other side
    paired = any(
        _same_office(w, asked.head) or _equivalent_office(w, asked.head)
        for w in written
        if w[:1].isupper()
    )
    for i, word in enumerate(written):
        if _same_office(word, asked.head):
            shapes = (_titled, _appositive, _copula, _named_after)
        elif paired and normalize(word) in COUNTERPARTS:
            shapes = (_named_after, _appositive)
        elif word.islower() and verb_lemmas(word) & asked.verbs:  # "NATO Command" is a name
            shapes = (_by, _run_before)
        else:
            continue
        for shape in shapes:
            found = shape(written, gaps, i)
            # a name the question gives ("the count of Apulia") holds nothing it asks about
            if found and found.split()[-1] not in known:
                return found
    return None


def holder_as_written(asked: Office, sentence: str, known: frozenset[str]) -> str | None:
    """The holder's name as ``sentence`` writes it ("Jaap de Hoop Scheffer"), for a short
    answer taken verbatim from the cited sentence."""
    found = holder(asked, sentence, known)
    if found is None:
        return None
    # ``normalize`` wrote curly apostrophes straight: "O’Rourke" is "o'rourke"
    spelled = r"[\s.]+".join(re.escape(w).replace("'", "['’]") for w in found.split())
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
        return _set_off(written, gaps, j + len(run)) or _as_person(run)
    if gaps[j] == ",":
        return _set_off(written, gaps, j)
    return _as_person(run)


def _set_off(written: Sequence[str], gaps: Sequence[str], j: int) -> str | None:
    """The name from ``j`` when commas set it off, closing after it too ("the Chief of Staff,
    General Valery Gerasimov, comes"): an opening phrase ("Asked about Milley's spokesman,
    Austin said") is no appositive."""
    run = _run(written, gaps, j, 1)
    end = j + len(run)
    return _as_person(run) if run and (end == len(written) or gaps[end]) else None


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


def _named_after(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """ "under two Italian abbots, William of Volpiano and John of Ravenna": the office, a
    comma, then a run that reads as a person's name."""
    run = _person_after_comma(written, gaps, i + 1)
    return _as_person(run) if run else None


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
    """The doer of a passive verb: "chaired by Deputy Secretary of State Wendy Sherman", or
    one described before the name: "commanded by the general Bogu Qara", "led by the retired
    Kenyan general Joseph Mwangi"."""
    if i + 2 >= len(written) or normalize(written[i + 1]) != "by" or gaps[i + 1]:
        return None
    start = i + 2
    if not (written[start].islower() and written[start] in ARTICLES):
        return _as_person(_run(written, gaps, start, 1))
    # The description: adjectives and nouns (a nationality among them); its last word names a
    # person, and a person's name follows it ("the minister Tuesday" names no one).
    named = None
    for k in range(start + 1, min(start + 1 + DESCRIBED_REACH, len(written) - 1)):
        word = written[k]
        if gaps[k] or not (word.islower() or normalize(word) in DEMONYMS):
            break
        if normalize(word) in DESCRIPTION_ENDS:
            break
        if _person_noun(word) and not gaps[k + 1] and written[k + 1][:1].isupper():
            run = _run(written, gaps, k + 1, 1)
            named = people(" ".join(run))[-1:] or named
    return named[0] if named else None


def _run_before(written: Sequence[str], gaps: Sequence[str], i: int) -> str | None:
    """The name right before a verb, or before its auxiliary: "Oursel led", "Rollo had led";
    not before a verb of motion ("Austin headed to the Gulf")."""
    after = normalize(written[i + 1]) if i + 1 < len(written) else ""
    if after in PREPOSITIONS:
        return None
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
    Secretary-General") is named in the same sentence, the names of its title ("White House
    spokesman") there or in the article's title. An article that names its White House
    spokesman and mentions the National Security Council has not named the council's
    spokesperson. ``titles``: each article's title (and date), by id."""
    text, aid = sentence.text, sentence.article_id
    if holder(asked, text, known) is None or unmentioned(asked.owners, text):
        return False
    return not unmentioned(asked.titled, f"{titles.get(aid, '')} {text}")
