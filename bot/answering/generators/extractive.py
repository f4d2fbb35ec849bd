"""The default generator: picks the retrieved sentences that answer the question, quotes them.

No network, no key, deterministic. Sentence vectors were computed at ingest, so scoring a
question costs one query embedding (already done for search) and a few dot products.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

import numpy as np

from bot.answering.answer import Draft, Source
from bot.answering.answerability import FEATURES, AnswerabilityModel
from bot.answering.facts import (
    COUNTRIES,
    DEMONYMS,
    MONTHS,
    NOT_NAMES,
    NUMBER_WORD,
    PRONOUNS,
    QUESTION_WORDS,
    TITLES,
    WEEKDAYS,
    YEAR,
    a_people,
    countries_named,
    dated_otherwise,
    lemmas,
    month_days,
    names,
    names_day,
    normalize,
    noun_lemma,
    people,
    periods,
    same_party,
    settled,
    surname,
    tokens,
    tokens_with_gaps,
    vessels,
    word_forms,
    words,
)
from bot.answering.generators.base import GenerationRequest, TokenSink
from bot.answering.offices import (
    Office,
    asks_a_name_of_anyone,
    holder_as_written,
    holds,
    office,
    office_otherwise,
    title_otherwise,
)
from bot.answering.question import (
    DESCRIBING,
    PLACE_LEAD,
    PLACE_NOUNS,
    Question,
    analyze,
    head_kind,
    named_otherwise,
    unmentioned,
    wh_phrase,
)
from bot.answering.reader import Reader, passage
from bot.answering.roles import (
    ARTICLES,
    AUXILIARIES,
    DETERMINERS,
    PREPOSITIONS,
    REPORTING,
    anchored_otherwise,
    asked_clause,
    asks_what_happened,
    by_another_kind,
    caused_by_another,
    compass_otherwise,
    deed_unsaid,
    denied,
    denies,
    doer_left_out,
    done_by_another,
    in_another_country,
    in_another_language,
    kin_reversed,
    kin_unnamed,
    kin_unsaid,
    known_names,
    lone_names,
    modified_the_opposite,
    moved_the_other_way,
    named_deed_of_another,
    named_doer_heads,
    named_only_not_taken,
    near_another_place,
    noun_lemmas,
    of_another_nation,
    of_another_party,
    of_another_people,
    only_intended,
    only_planned,
    order_reversed,
    outside_the_region,
    partnered_otherwise,
    peoples_adjective,
    route_reversed,
    says_the_opposite,
    sent_elsewhere,
    swapped,
    verb_lemmas,
)
from bot.answering.short_answer import (
    UNITS,
    answer_span,
    said_to_be_someone,
    short_answer,
    typed_span,
)
from retrieval.cleaning import OPENING_DATELINE
from retrieval.dates import MONTHS as MONTH_NUMBERS
from retrieval.dates import nearest_day
from retrieval.keyword import tokenize
from retrieval.records import ArticleRecord, Excerpt, Sentence, sentence_id
from retrieval.stores import Store

RELATIVE_DAY = re.compile(r"\b(today|yesterday)\b")
# What a story tells relative to its own day, in the month it is dated: "met *today*", "talks
# *this week*", "proposals provided *earlier this month*".
STORY_TIME = re.compile(rf"{RELATIVE_DAY.pattern}|\b(?:tonight|this\s+(?:week|month))\b")
# A name after what leads into a place's name ("in Helsinki", "the exclave of Kaliningrad").
PLACE_CUE = re.compile(rf"{PLACE_LEAD}([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")
# A nationality or country owning a place, and the place's name beside it: "the *Finnish
# capital, Helsinki,*" tells where, not whose.
OWNED_PLACE = re.compile(
    rf"\b([A-Z][\w-]*)(?:['’]s)?\s+(?:{'|'.join(sorted(PLACE_NOUNS))})\b"
    r"(?:,\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*),?)?"
)
# "... and ...": a question that joins two things may need two articles to answer.
JOINED = re.compile(r"\b(?:and|both)\b", re.IGNORECASE)
# "both ... and", or "and" before another part of what is asked ("and about the talks", "and
# warned"), not between two names ("Gates and Serdyukov").
JOINED_PARTS = re.compile(r"\bboth\b|\band\s+(?!the\b|a\b|an\b|his\b|her\b|its\b)[a-z]")
# A sentence that goes on from the one before it: a pronoun or connective opens it, or a
# "however" sits in its first clause.
GOES_ON = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|This|These|That|But|Yet|Still|However|Instead)\b"
    r"|^[^.;]{0,60},\s*however,"
)
# What gives a cause or a purpose: "because of", "due to", "over Russia's annexation", "amid
# tensions", "after the attack", "in order to", "to discuss..." (a verb after "to").
GIVES_REASON = re.compile(
    r"\b(?:because|since|due to|owing to|as a result|in response|in retaliation|so that|"
    r"in order|so as|for fear|over|amid|after|reasons?|caus\w*|aim\w*|purpose|"
    # a state of mind given as the cause: "sided with the Normans, *dissatisfied by* the taxes"
    r"(?:dis)?satisfied|angered|frustrated|worried|alarmed|motivated|prompted|driven|fearing|"
    r"in protest|thanks to|given that|in light of|on account of|"
    r"to (?!(?:the|a|an|his|her|their|its|this|that|these|those|be)\b)(?-i:[a-z]+))\b",
    re.IGNORECASE,
)
REPORTS_DESCRIPTION = re.compile(rf"\b{DESCRIBING}\b", re.IGNORECASE)
# A few words quoted, as what someone called a thing is often given: "was a “tragic mistake”".
QUOTED_WORDS = re.compile(r"[“\"](?:\S+\s+){0,5}\S+[”\"]")
LEADING_DATELINE = re.compile(r"^[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(?:--|—|–)\s*")


def has_answer_type(sentence: str, question: Question) -> bool:
    """Whether ``sentence`` holds something of the kind the question asks for, beyond what the
    question itself says (a person it does not name, a number it does not give...)."""
    kind, known = question.kind, question.words
    if kind is None:
        return False
    if kind in ("count", "number", "date"):
        # The span a short answer would show: a count of what is asked, a number in the unit
        # a measure asks for, a date (a year, a day, a century).
        found = answer_span(question, sentence) is not None
        return found or (kind == "date" and bool(RELATIVE_DAY.search(sentence.lower())))
    if kind == "person":
        return names_someone(sentence, known)
    if kind == "place":  # "in Helsinki", or whose a place is: "the *Serbian* province"
        settlement = question.asks_a_settlement  # "which city": no sea, no country
        named = (
            [m.group(1) for m in PLACE_CUE.finditer(sentence) if _placed(sentence, m.start())]
            + [
                # the place's own name where one stands beside it: "the Finnish capital, Helsinki";
                # without it, an adjective owner tells a country ("European nations"), never a
                # city; a possessive one may be the city ("Kharkiv's city centre")
                m.group(2) or m.group(1)
                for m in OWNED_PLACE.finditer(sentence)
                if normalize(m.group(1)) not in NOT_NAMES  # "The city was quiet"
                and (
                    m.group(2)
                    or not settlement
                    or m.group(0)[len(m.group(1)) :].startswith(("'", "’"))
                )
            ]
        )
        # "from the Russians" names a people; "at the G8 summit" an event, as names with
        # digits do (a warplane's "F-16"), not a place
        named = [m for m in named if not a_people(m) and not any(c.isdigit() for c in m)]
        if settlement:
            named = [m for m in named if settled(m)]
        return any(normalize(m.split()[0]) not in known for m in named)
    if kind == "description":  # "described the meeting as cordial", "called it a mistake"
        return bool(REPORTS_DESCRIPTION.search(sentence) or QUOTED_WORDS.search(sentence))
    if kind == "vessel":  # a ship by its name, which the question does not give
        return any(words(v) - known for v in vessels(sentence))
    if kind == "name":  # an organisation, an event: something with a proper name
        # a nationality or a people ("American", "Afghans") names no group nor event
        return any(n not in DEMONYMS and not a_people(n) for n in set(names(sentence[1:])) - known)
    return False


def _placed(sentence: str, start: int) -> bool:
    """Whether the place cue at ``start`` puts a place: "to" does after a verb ("sent to
    Syria"), not after a noun ("a threat to the United States")."""
    lead = sentence[start:].split(maxsplit=1)[0].lower()
    before = sentence[:start].split()
    if lead != "to" or not before:
        return True
    word = normalize(before[-1])
    return not word.isalpha() or "VERB" in word_forms(word) or "NOUN" not in word_forms(word)


# A people's name in the plural: "Normans", "Anglo-Saxons" (not "NATO", not "U.S."); its
# singular must read as a people's ("Norman", "Anglo-Saxon"), never a country or a title
# ("the Philippines", "the Times").
PEOPLE_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*s")


def _a_peoples_name(word: str) -> bool:
    if not PEOPLE_NAME.fullmatch(word) or normalize(word) in COUNTRIES:
        return False
    singular = word[:-1]
    return "-" in singular or peoples_adjective(singular)


def names_someone(sentence: str, known: frozenset[str]) -> bool:
    """Whether ``sentence`` names a person ``known`` does not hold: by a name that reads as a
    person's, by surname ("Jake Sullivan" answers "Who is the adviser Jake..."); one name after
    a noun for a person ("his half-brother Harthacnut") or said to be one ("the general was
    Hervé"); or people named by what they are
    ("utilised by the dukes")."""
    if any(surname(p) not in known for p in people(sentence)):
        return True
    lone = set(lone_names(sentence)) - known
    apart = tokens_with_gaps(sentence)
    for i, (word, _) in enumerate(apart[:-2] if lone else ()):
        # "by Odo, the Bishop of Bayeux": a name, a comma, and what the person is
        follows = [normalize(w) for w, _ in apart[i + 1 : i + 3]]
        if normalize(word) in lone and apart[i + 1][1] == "," and follows[0] in ARTICLES:
            if head_kind(follows[1]) == "person":
                return True
    written = [w for w, _ in apart]
    for i, (before, word) in enumerate(zip(written, written[1:]), start=1):
        if normalize(word) in lone and said_to_be_someone(written[:i]):
            return True  # "the first ... general was Hervé"
        if not before.islower():
            continue
        if normalize(word) in lone and head_kind(before.split("-")[-1]) == "person":
            return True
        group = word.islower() and word.endswith("s") and word not in known
        if group and before in DETERMINERS and head_kind(word) == "person":
            return True
        # a people by its name: "replaced *the Anglo-Saxons*", "sided with the Byzantines"
        if before == "the" and _a_peoples_name(word) and normalize(word) not in known:
            return True
    return False


# "What did Gerasimov tell reporters?", "How did Gates describe it?": what someone said,
# which only a sentence reporting speech answers (a verb of saying or describing, a
# quotation, "according to"). The verbs of saying news reports with, beyond those that date
# a report (``REPORTING``).
SPEECH = REPORTING | frozenset(
    """insist stress urge accuse argue deny dismiss vow explain suggest propose promise
    threaten ask demand reply respond acknowledge admit concede predict pledge assert
    declare emphasize emphasise reiterate caution charge complain express praise criticize
    criticise condemn welcome call describe characterize characterise""".split()
)
ASKS_STATEMENT = re.compile(r"^\s*(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\b", re.I)
REPORTS_SPEECH = re.compile(r"[\"“”]|\baccording to\b", re.IGNORECASE)


def reports_nothing(question: Question, said: list[str]) -> bool:
    """Whether the question asks what someone said and no sentence reports speech."""
    if not ASKS_STATEMENT.match(question.text):
        return False
    if not question.asks_of(REPORTING) and question.kind != "description":
        return False
    return not any(
        REPORTS_SPEECH.search(s)
        or REPORTS_DESCRIPTION.search(s)
        or any(w[:1].islower() and verb_lemmas(w) & SPEECH for w in tokens(s))
        for s in said
    )


def said_by_another(question: Question, said: list[str]) -> bool:
    """Whether the question asks what a named party said ("What did *Shoigu* tell Carter?")
    and every verb of saying in the sentences has another named speaker: a name just before
    it ("*The Pentagon* said the phone call between Carter and Shoigu included...", the party
    counting anywhere before it in its sentence), or a run of names just after it ("..., said
    *Defense Minister Sergei Shoigu*"). A speaker told by a pronoun or a description ("he
    said", "the foreign minister said") may be the party, and so may a source ("according to
    Shoigu"); a party named by what it is ("the NATO chief") is left alone."""
    roles = question.roles
    if roles is None or not roles.subject or not roles.verbs & SPEECH:
        return False
    if not ASKS_STATEMENT.match(question.text) and question.kind != "description":
        return False
    if not all(w[:1].isupper() for w in roles.anchor):
        return False
    asked = {normalize(w) for w in roles.anchor}
    known = known_names(said)
    speakers = 0
    for sentence in said:
        written = tokens(sentence)
        low = [normalize(w) for w in written]
        if "according" in low and asked & set(low):
            return False
        for i, word in enumerate(written):
            if not (word[:1].islower() and verb_lemmas(word) & SPEECH):
                continue
            before = written[i - 1] if i else ""
            if i and low[i - 1] in PRONOUNS:
                return False  # "he said": it may be the party
            if "NOUN" in word_forms(word) and before[:1].islower():
                continue  # "the phone *call*", "a *report*": a noun
            after = list(takewhile(lambda w: w[:1].isupper(), written[i + 1 :]))
            # a name before it; a first word only where it is one ("Gates said", not
            # "Officials said")
            named = before[:1].isupper() and (i > 1 or low[0] in known or not word_forms(before))
            if named or low[i - 1] in ("and", "but"):
                speaker = written[:i]  # "Gates described it ... but *expressed* surprise"
            elif after:
                speaker = after  # "..., said Sergei Shoigu"; after a name, the one told
            else:
                return False  # "the minister said": it may be the party
            if asked & {normalize(w) for w in speaker}:
                return False
            speakers += 1
    return speakers > 0


# What tells of a time still to come, or of a plan for it: "will be held", "agreed to hold",
# "is to lead", "the next round". A sentence's phrases, read case-blind; ``roles.FUTURE`` holds
# a question's words, whose "may" would here match the month.
TOLD_AS_TO_COME = re.compile(
    r"\b(?:will|would|shall|'ll|expect(?:s|ed)?|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|"
    r"schedul(?:e|es|ed|ing)|due|likely|next|upcoming|later|future|slated|set to|agreed to|"
    r"going to|preparing to|to be|(?:is|are) to|aims? to|tomorrow)\b",
    re.IGNORECASE,
)
# What asks of an event still to come, after another: "their *next* meeting", "the
# *follow-up* talks".
ANOTHER_TO_COME = frozenset({"next", "upcoming", "follow-up", "further", "again", "future"})


def future_untold(question: Question, said: list[str]) -> bool:
    """Whether the question asks what will happen at an event still to come after another
    ("Where *will* Milley and Gerasimov hold their *next* meeting?") and no sentence tells of
    anything to come: the meeting that was held answers no question about the next one."""
    written = tokens(question.text)
    if "will" not in written or not ANOTHER_TO_COME & {w.lower() for w in written}:
        return False
    return not any(TOLD_AS_TO_COME.search(s) for s in said)


# An event asked by where it stands among others of its kind, before another: "the NATO-Russia
# Council's *last* meeting before the talks", "their *previous* meeting". Not "first": "When did
# the canal first open?" asks of the one opening a story tells ("opened in 1895").
SEQUENCE_ASKED = frozenset({"last", "previous"})
# Words that place an event among others: "for the *first* time in a year" and "had not met
# *since* June" answer when they last talked.
SEQUENCE_TOLD = frozenset(
    """first last latest previous previously earlier recent recently initially final finally
    again since""".split()
)
# "last Tuesday", "last spring", "last night": a time, not a place among events (as are the
# units of a duration: "the last two *weeks*")
TIMES = frozenset(
    [*MONTHS, *WEEKDAYS, *"spring summer autumn fall winter night nights weekend weekends".split()]
)


def sequence_untold(question: Question, said: list[str]) -> bool:
    """Whether the question asks for an event by its place among others ("When did the
    council *last* meet?", "their *previous* meeting") and no sentence (of those holding an
    answer of the kind asked) places any event so: the sentence telling of the next one does
    not answer. The word must come before a deed, a verb or its noun ("last *meet*", "previous
    *meeting*"), not a time ("last *Tuesday*"), a number ("the last *two* weeks") or a thing
    ("the previous *administration*"); "How long did the call *last*?" asks no place."""
    low = [normalize(w) for w in tokens(asked_clause(question.text))]
    if not any(w in SEQUENCE_ASKED and _a_deed(after) for w, after in zip(low, [*low[1:], ""])):
        return False
    return not any(SEQUENCE_TOLD & {normalize(w) for w in tokens(s)} for s in said)


def _a_deed(word: str) -> bool:
    """Whether ``word`` can be a verb or a verb's noun ("meet", "meeting", "call"), and no
    time or number."""
    return (
        bool(word)
        and word not in TIMES
        and not UNITS["duration"].fullmatch(word)
        and not word[0].isdigit()
        and not re.fullmatch(NUMBER_WORD, word)
        and "VERB" in word_forms(word)
    )


def about_other_people(question: Question, said: str, sayers: bool = True) -> bool:
    """Whether ``said`` leaves out a person the question names and speaks of other people: the
    same story told of someone else ("How long did Kerry's call with Lavrov last?" against "the
    50-minute phone call between Carter and Shoigu"), SQuAD 2.0's swapped entity. Their article
    mentioning the person is not enough: what the sentences say, they say of the others. Without
    ``sayers``, one who only reports it is none of them ("the call lasted 40 minutes, spokesman
    John Kirby said"). Not for "who" questions, whose answer is another person ("Who took the
    photo of Milley?")."""
    if question.kind == "person":
        return False
    asked = [surname(p) for p in people(question.text)] + lone_names(question.text)
    if not asked or not unmentioned(asked, said):
        return False
    ships = {normalize(v) for v in vessels(said)}  # "USS Harry S. Truman" is no person
    named = [p for p in people(said) if p not in ships and surname(p) not in question.words]
    return any(sayers or not _says_it(p, said) for p in named)


def _as_written(person: str) -> str:
    """A pattern for a person's name as ``facts.people`` gives it ("george w bush") written in
    a sentence ("George W. Bush")."""
    return r"\W+".join(map(re.escape, person.split()))


def _says_it(person: str, text: str) -> bool:
    """Whether ``person`` is named in ``text`` as the one who says it: "John Kirby said",
    "according to Kirby"."""
    name = _as_written(person)
    after = re.search(rf"{name}\W+(\w+)", text, re.IGNORECASE)
    return bool(
        (after and verb_lemmas(after.group(1).lower()) & REPORTING)
        or re.search(rf"according\s+to\s+(?:\w+\s+){{0,3}}{name}", text, re.IGNORECASE)
    )


def nationality_unstated(question: Question, said: list[str], bodies: list[str]) -> bool:
    """Whether a question gives the place or thing it asks for a nationality that ``said``
    does not state, or a "who" question gives the person asked for a nationality ("Which *Chinese*
    military chief...", "the *Ukrainian* delegation") that neither ``said`` nor any sentence of
    the cited articles (``bodies``) naming the people ``said`` names states in any form: the
    person there is someone else's ("US Joint Chiefs of Staff Chairman Martin Dempsey"). A
    nationality left out on second reference ("Ryabkov said") is stated where the story
    introduced him ("Russian Deputy Foreign Minister Sergei Ryabkov"); where ``said`` names no
    one ("The foreign minister visited"), anywhere in the cited articles."""
    if question.kind in ("place", "vessel", "name"):
        # "Which *Tajik* air base...?" against "the transit center in Manas, Kyrgyzstan": a
        # place or thing is given its country where it is named, or not at all.
        asked = question.nationalities_asked or ()
        return bool(asked) and bool(unmentioned(asked, " ".join(said), asked))
    # "Which US commander ... killed *Afghan* children?": the person's nationality is the one
    # the question gives the person, where it says which.
    asked = question.nationalities_asked
    if asked is None:
        asked = _whose_nationality(question)
    if question.kind != "person" or not asked:
        return False
    text = " ".join(said)
    # Everyone new the sentences name has another country in the title before the name:
    # "Which *Russian* official did Kerry meet?" against "U.S. President Barack Obama", however
    # the sentence mentions Russia ("conversations with Moscow").
    others = [p for p in people(text) if surname(p) not in question.words]
    countries = countries_named(" ".join(asked))
    titles = [_titled_of(p, text) for p in others]
    if titles and all(t and not t & countries for t in titles):
        return True
    if not unmentioned(asked, _unplaced(text), asked):
        return False
    surnames = {surname(p) for p in others}
    if not surnames:  # "The foreign minister visited Moscow": the story says whose he is
        introducing = list(bodies)
    else:
        introducing = []
        for body in bodies:
            spans = _body_sentences(body)
            for k, span in enumerate(spans):
                if surnames & words(span):
                    introducing.append(span)
                    # "*They* will be chaired by Sherman and Ryabkov" goes on from the sentence
                    # before it: "The *US*-Russian talks will be held in Geneva."
                    if k and opens_by_referring_back(tokens(span)):
                        introducing.append(spans[k - 1])
    return not any(not unmentioned(asked, _unplaced(s), asked) for s in introducing)


def opens_by_referring_back(written: list[str]) -> bool:
    """Whether a sentence's words open with a pronoun for what the sentence before it tells."""
    return bool(written) and normalize(written[0]) in REFERS_BACK


# What names again a thing told of before: "*the* meeting", "*this* base", "*its* talks".
DEFINITE = (DETERMINERS - set(ARTICLES)) | {"the"}


def names_again(question: Question, written: list[str], before: str) -> bool:
    """Whether a sentence's words name again, by "the" (or "this", "its") and a noun of the
    question, a thing the sentence before it brings in ("leased Karshi-Khanabad ... as *a
    base* in Uzbekistan. Uzbekistan ordered *the base* closed"): that thing, not another of its
    kind. Not where the sentence before names it again itself ("details of *the closed-door*
    meeting"): what both refer to is told further back."""
    earlier = tokens(before)
    brought_in = {
        normalize(noun)
        for k, noun in enumerate(earlier)
        if normalize(noun) in question.words and not _named_again(earlier, k)
    }
    return any(
        normalize(det) in DEFINITE
        and noun.islower()
        and normalize(noun) in question.words
        and normalize(noun) in brought_in
        and "NOUN" in word_forms(noun)
        for det, noun in zip(written, written[1:])
    )


def _named_again(written: list[str], k: int) -> bool:
    """Whether the noun at ``k`` has a definite determiner, past its modifiers ("*the*
    US-run base", "*the* old Soviet base")."""
    j = k - 1
    while (
        j >= 0
        and normalize(written[j]) not in DETERMINERS | PREPOSITIONS
        and ("-" in written[j] or written[j][0].isupper() or "ADJ" in word_forms(written[j]))
    ):
        j -= 1
    return j >= 0 and normalize(written[j]) in DEFINITE


# What ends a title read backwards from a name: a preposition ("In Paris, Foreign Minister
# Sergei Lavrov"), never the "of" inside one ("Secretary of State John Kerry").
TITLE_ENDS = PREPOSITIONS - {"of"}


def _titled_of(person: str, text: str) -> set[str]:
    """The countries the capitalised title right before ``person``'s name gives: "U.S.
    President Barack Obama" gives america; the title ends at a comma or a preposition ("In
    Paris, Foreign Minister Sergei Lavrov" gives none)."""
    found = re.search(_as_written(person), text, re.IGNORECASE)
    if found is None:
        return set()
    title = takewhile(
        lambda w: (
            (w[:1].isupper() or w == "of")
            and not w.endswith(",")
            and normalize(w) not in TITLE_ENDS
        ),
        reversed(text[: found.start()].split()),
    )
    return countries_named(" ".join(reversed(list(title))))


def _whose_nationality(question: Question) -> tuple[str, ...]:
    """The nationalities a question without a which-phrase gives the person it asks for:
    "Who was *the Russian defense minister* who met Gates?" gives Russian, in the phrase
    after "was" up to its noun; "Who is the spokesman for Milley ... his Russian
    counterpart?" and "Who put out a statement on the talks with the Russian general?" give
    none, their nationalities being other people's."""
    written = tokens(question.text)
    low = [normalize(w) for w in written]
    if len(low) < 2 or low[0] != "who":
        return question.nationalities
    if low[1] not in AUXILIARIES:
        return ()
    if len(low) < 3 or low[2] not in ARTICLES:
        return question.nationalities  # "Who is expected to lead the Ukrainian delegation?"
    # the phrase after "was", up to a preposition or a clause of its own: "the top Russian
    # general", "the Russian defense minister (who met Gates)", "the spokesman (for Milley)"
    phrase = []
    for w in low[2:]:
        if w in PREPOSITIONS or w in ("who", "that", "which", "whose"):
            break
        phrase.append(w)
    return tuple(n for n in question.nationalities if n in phrase)


def _unplaced(text: str) -> str:
    """``text`` without the places it names: "in Helsinki", "the Finnish capital"."""
    return PLACE_CUE.sub(" ", OWNED_PLACE.sub(" ", text))


def _a_month(written: list[str], i: int) -> bool:
    """Whether word ``i`` names a month: capitalised and written out ("April", not "Mar"),
    "May" not beside a name ("Theresa May"), and no other month between a title or name and a
    name ("Gen. August Schmidt"; not "In April Gates met")."""
    word = written[i]
    if not word[0].isupper() or len(word) < 3:
        return False
    before = i > 0 and written[i - 1][0].isupper()
    after = i + 1 < len(written) and written[i + 1][0].isupper()
    if word == "May":
        return not before and not after
    # the first word is capitalised anyway: only a title there ("Gen. August Schmidt")
    titled = before and (i > 1 or normalize(written[0]) in TITLES)
    return len(word) > 3 and not (titled and after)


def months_named(text: str, skip_first: bool = False) -> set[int]:
    """The months ``text`` names, as numbers; ``skip_first``: not its first word, which a
    question capitalises anyway."""
    written = tokens(text)
    return {
        MONTH_NUMBERS[normalize(w)]
        for i, w in enumerate(written)
        if (i or not skip_first) and normalize(w) in MONTH_NUMBERS and _a_month(written, i)
    }


def _promote(
    eligible: list[_Candidate], ratio: float, fits: Callable[[_Candidate], bool]
) -> list[_Candidate]:
    """``eligible`` with the best-ranked sentence of the shape the question asks for (``fits``)
    put first, where it scores at least ``ratio`` of the best; as it was when the best fits
    already or none near it does."""
    if fits(eligible[0]):
        return eligible
    floor = ratio * eligible[0].score
    found = next((c for c in eligible if c.score >= floor and fits(c)), None)
    return eligible if found is None else [found, *(c for c in eligible if c is not found)]


def _category(question: Question) -> str | None:
    """The noun a "which/what NOUN" question asks the name of ("Which news *agency*...")."""
    if question.kind != "name":
        return None
    phrase = wh_phrase(question.text)
    nouns = [w for w in phrase if w.isalpha() and "NOUN" in word_forms(w)]
    return nouns[-1] if nouns else None


def names_by_category(noun: str, sentence: str, known: frozenset[str]) -> bool:
    """Whether ``sentence`` names something new by the category noun asked: "the *Interfax*
    news agency", "the *Lisbon* summit", "the agency *Interfax*"."""
    name = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
    noun = rf"{re.escape(noun)}s?\b"
    for m in re.finditer(
        rf"\b({name})\s+(?:[a-z][a-z-]*\s+)?{noun}|\b{noun}\s+(?:of\s+)?({name})", sentence
    ):
        found = {normalize(w) for w in (m.group(1) or m.group(2)).split()}
        if found - known - NOT_NAMES:
            return True
    return False


# A question asking which one thing of a kind, by its name: "Which *model of* anti-missile
# system" ("Which specific demands" may be answered by what they were, named or not).
MODEL_ASKED = re.compile(
    r"\b(?:which|what)\s+(?:model|make|brand|version)\s+of\s+"
    r"(?:the\s+|an?\s+)?((?:[\w-]+\s+){0,2}?)([a-z][\w-]*)(?=\s+(?:did|does|do|was|were|is|are|has|have|had)\b)",
    re.IGNORECASE,
)


def model_unnamed(question: Question, said: list[str]) -> bool:
    """Whether the question asks which model of a thing by name ("Which model of anti-missile
    system did Ukraine request?") and no sentence names one ("requested high-tech anti-missile
    systems"): the detail was never given."""
    m = MODEL_ASKED.search(question.text)
    if not m:
        return False
    noun = noun_lemma(m.group(2))
    return not any(names_by_category(noun, s, question.words) for s in said)


# Nouns for a business, and the words that mark a name as one's: "which *company* makes ...",
# "Lockheed Martin *Corp.*". Other categories ("which organisation", "which group") are often
# answered by a bare name ("the OSCE", "the Anglo-Saxons"); a maker rarely is.
COMPANY_NOUNS = frozenset({"company", "firm", "manufacturer", "maker", "contractor", "corporation"})
CORPORATE_SUFFIX = re.compile(r"\b[A-Z][\w&'’-]*\s+(?:Corp|Inc|Ltd|Co|LLC|PLC|AG|GmbH)\b")


def company_unnamed(question: Question, said: list[str]) -> bool:
    """Whether the question asks which company ("Which company manufactures the E-8?") and no
    sentence names one: by its category ("the defence firm Raytheon"), or by a corporate
    suffix ("CNA Corp.")."""
    if question.kind != "name" or not any(
        noun_lemma(w) in COMPANY_NOUNS for w in wh_phrase(question.text)
    ):
        return False
    return not any(
        CORPORATE_SUFFIX.search(s)
        or any(names_by_category(noun, s, question.words) for noun in COMPANY_NOUNS)
        for s in said
    )


# What a question counts or measures per unit of: "in *each group*", "a *single* group",
# "*per* battalion"; the noun's head is the last word before the phrase ends.
DISTRIBUTIVE = re.compile(
    r"\b(?:each|every|per|a\s+single|an\s+individual|one\s+single)\s+((?:[\w'’-]+\s+){0,4}?)"
    r"([a-z][\w-]*)(?=\s+(?:of|in|on|at|near|to|from|is|are|was|were|has|have|had|did|do|does)\b|\s*[?,.]|$)"
)


def distributed(question: str) -> str | None:
    """The noun a question counts or measures per unit of ("a single battalion tactical
    *group*", "each of the *groups*": group), or None."""
    m = DISTRIBUTIVE.search(question)
    return noun_lemma(m.group(2)) if m else None


def distributes(noun: str, sentence: str) -> bool:
    """Whether ``sentence`` says something per unit of ``noun`` (a lemma): "Each *group*
    consists of", "each of the *companies*"."""
    written = tokens(sentence)
    low = [normalize(w) for w in written]
    for i, w in enumerate(low):
        single = w == "a" and low[i + 1 : i + 2] == ["single"]
        if w in ("each", "every", "per") or single:
            after = written[i + 1 + single : i + 2 + single + UNIT_REACH]
            if any(noun_lemma(a) == noun for a in after):
                return True
    return False


# How many words after "each" may lead to the unit: "each *battalion tactical* group".
UNIT_REACH = 3


# How many words after "The" may name someone by what they are: "The senior American
# official met ...".
TITLE_REACH = 4
# Words that open a sentence going on about someone named before it: "He said...".
REFERS_BACK = {"he", "she", "they", "it", "his", "her", "their", "its"}


def _of_someone_else(question: Question, chosen: list[_Candidate]) -> bool:
    """Whether a "when" or "where" question asks what someone it names did ("When did
    *Dempsey* arrive in Moscow?", "In which city did *Lavrov* propose talks?"), and no sentence
    holding a date or place names them or refers back to them: the dates and places given are
    of other people's deeds ("Russia is planning a conference in Moscow in May", "In London,
    Kerry said ...")."""
    roles = question.roles
    if question.kind not in ("date", "place") or roles is None:
        return False
    if sum(normalize(w) in QUESTION_WORDS for w in tokens(question.text)) > 1:
        return False  # "Where did Milley meet Gerasimov, and where did Gates ...?": two deeds
    # one party, by name: "When did Carter and Shoigu speak?" may be answered of "the
    # defense chiefs of Russia and the United States"
    heads = named_doer_heads(roles)
    if not heads:
        return False
    for c in chosen:
        if not c.typed:
            continue
        written = tokens(c.sentence.text)
        if opens_by_referring_back(written):
            return False
        if (
            written
            and normalize(written[0]) == "the"
            and any(
                head_kind(normalize(w)) in ("person", "name") for w in written[1 : TITLE_REACH + 1]
            )
        ):
            return False  # "The president visited", "The alliance agreed": named by what they are
        if _names_a_party(written, heads):
            return False
    return any(c.typed for c in chosen)


def _names_a_party(written: list[str], heads: list[str]) -> bool:
    """Whether the words name one of the parties ``heads`` names, in any of its names."""
    named = {normalize(w) for w in written if w[:1].isupper()}
    if any(same_party(h, w) for h in heads for w in named):
        return True
    # a country by another of its names: "America" and "the United States" (capitalised
    # words only: the pronoun "us" names no country)
    capitalised = " ".join(w for w in written if w[:1].isupper())
    return bool(countries_named(" ".join(heads)) & countries_named(capitalised))


# Where a sentence goes on to another clause with a subject of its own: "Uzbekistan ordered the
# base closed in 2005*, and* the Defense Ministry reaffirmed in May ...".
COORDINATED_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+(?=(?:the|a|an)\b|[A-Z])|;")


def _dates_another_deed(question: Question, chosen: list[_Candidate]) -> bool:
    """Whether a "when" question asks what someone it names did ("In which month of 2005 did
    *Uzbekistan order* the base closed?") and every date that would answer it stands in a
    clause naming neither the doer nor the deed ("..., and the Defense Ministry reaffirmed *in
    May* that ..."): the date is another deed's."""
    roles = question.roles
    if question.kind != "date" or roles is None:
        return False
    # "When did Carter and Shoigu meet?": either of the people it names
    heads = named_doer_heads(roles) or [surname(p) for p in people(question.text)]
    if not heads:
        return False
    deeds = roles.verbs
    checked = False
    for c in chosen:
        if not c.typed:
            continue
        span = answer_span(question, c.sentence.text)
        if span is None:
            return False  # dated by "today": the story's own day, whoever it is of
        clause = next(
            (part for part in COORDINATED_CLAUSE.split(c.sentence.text) if span in part), ""
        )
        written = tokens(clause)
        if not written or opens_by_referring_back(written):
            return False
        if _names_a_party(written, heads):
            return False
        if any(verb_lemmas(w) & deeds for w in written if w[:1].islower()):
            return False
        checked = True
    return checked


def _event_nouns(text: str) -> set[str]:
    """The common nouns of ``text``, as lemmas: what it tells of ("talks", "meeting")."""
    return set().union(*(noun_lemmas(w) for w in tokens(text)))


def _same_event_dated(question: Question, sentence: str, body: str) -> bool:
    """Whether a sentence of ``body`` names every day the question names and shares with
    both the question and ``sentence`` a noun of what they tell of: the story dates the event
    ``sentence`` tells of by the question's day."""
    days = month_days(question.text)
    shared = _event_nouns(question.text) & _event_nouns(sentence)
    if not shared or not body or month_days(sentence):
        return False  # a sentence dating its event by another day tells of another one
    return any(
        all(names_day(m, d, span) for m, d in days) and shared & _event_nouns(span)
        for span in _body_sentences(body)
        if month_days(span)
    )


@lru_cache(maxsize=32)
def _body_sentences(body: str) -> tuple[str, ...]:
    """An article's sentences, split once per article: pysbd takes ~14 ms on a seed story.
    The index's splitter, imported here: pysbd costs a cold `newsbot ask` its start-up time,
    and only the rarer looks of ``nationality_unstated`` and ``_same_event_dated`` need it."""
    from retrieval.sentences import split_sentences

    return tuple(span.text for span in split_sentences(body))


def _part_naming(question: str, numbers: set[str]) -> str:
    """The part of a question joining two ("hosted the 2007 conference *and* was to host the
    talks in January 2022") that names one of ``numbers``; the whole question otherwise."""
    if not JOINED_PARTS.search(question):
        return question
    parts = re.split(r"\band\b", question)
    return next((p for p in parts if numbers & set(words(p))), question)


def display_text(sentence: str, dated: bool = False) -> str:
    """The sentence as the answer shows it: the dateline that opens a story trimmed off, unless
    ``dated`` (a question asking when, which the dateline answers for a "today")."""
    trimmed = sentence if dated else LEADING_DATELINE.sub("", sentence, count=1)
    trimmed = OPENING_DATELINE.sub("", trimmed, count=1)
    return trimmed[0].upper() + trimmed[1:] if trimmed else sentence


@dataclass
class _Candidate:
    sentence: Sentence
    excerpt: Excerpt
    rank: int
    terms: frozenset[str] = frozenset()
    typed: bool = False
    dense: float = 0.0
    lexical: float = 0.0
    score: float = 0.0

    def follows(self, other: _Candidate) -> bool:
        return (
            self.sentence.article_id == other.sentence.article_id
            and self.sentence.index == other.sentence.index + 1
        )


@dataclass(frozen=True)
class ExtractiveThresholds:
    """Calibrated on eval/questions/seeds.jsonl, checked on eval/questions/heldout.jsonl (see
    the README's quality figures). Moving any one value by 0.05 moves seed accuracy by 0.05 at
    most."""

    # The best sentence's score below which the bot abstains when no fitted answerability
    # model is there (see ``bot.answering.answerability``).
    min_score: float = 0.35
    # Support for the best sentence, as a share of its score: the sentence after it, a sentence
    # of the same article holding the kind of answer it lacks, a sentence of another article.
    next_sentence_ratio: float = 0.6
    # ... and when it holds the kind of answer the best one lacks: lower, as it shares fewer of
    # the question's words ("The USS Harry S. Truman will remain..." scores 0.46 of the
    # sentence naming the order it answers; on the calibration parts no answer changes
    # between 0.2 and 0.45).
    typed_next_sentence_ratio: float = 0.4
    # A sentence of the same article, not next to the best one, holding the kind of answer it
    # lacks: an unrelated date or name of the story ("sent helicopters ... since September 4"
    # for "When did Russia begin sending T-90 tanks?") scores below this. Swept on the
    # calibration parts at stop 24: 0.6 / 0.7 / 0.75 / 0.85 gave, against 0.6, +0 / +2 / +7 /
    # +6 questions (0.75: ten more unanswerable questions declined, three answers lost).
    typed_sentence_ratio: float = 0.75
    # A sentence that denies something, for a question that does ("Who did not attend?"), as a
    # share of the best sentence's score: on the calibration parts 0.5 to 0.7 answer alike.
    denying_sentence_ratio: float = 0.6
    # A sentence of the shape the question asks for, as a share of the best sentence's score,
    # as for a denying one: one counting per unit ("Each group consists of...") for "a single
    # group", one naming a thing by the noun asked ("the Interfax news agency") for "which news
    # agency". Such sentences share few of the question's words; on the calibration parts
    # every value from 0.4 to 0.8 answers alike.
    shaped_sentence_ratio: float = 0.6
    second_source_ratio: float = 0.85
    max_sentences: int = 3


# Kinds of answer that take part in a deed. A plan names them truly ("The USS Harry S. Truman
# will remain in the Ionian Sea" answers which carrier was kept there), so ``only_planned`` is
# left to the deed's time, count, amount and outcome; on the own calibration files its first
# version declined 20 right answers of these kinds and no near miss.
PARTICIPANTS = frozenset({"person", "place", "vessel", "name"})
# Kinds of answer that are amounts, which sentences compare across times ("up from 60,000 in
# November").
AMOUNTS = frozenset({"count", "number"})
# Rules of the question's text against the chosen sentences, each ruling an answer out where
# it holds: the sentences give the thing to another party or people, deny it, say its
# opposite, or tell of another place, language, kinship, order or kind of deed.
SENTENCE_RULES: tuple[Callable[[str, list[str]], bool], ...] = (
    of_another_party,  # "Which Russian defense minister...?" against "U.S. defense officials"
    of_another_people,  # "a Norman general" against "to serve as a Byzantine general"
    denied,  # what the question asks, the sentences deny
    named_only_not_taken,  # "through the Suez Canal" against "instead of crossing the Suez Canal"
    says_the_opposite,  # "reopen" against "closed"
    modified_the_opposite,  # "the younger brother" against "his elder brother"
    compass_otherwise,  # "in the northwest of Ireland" against "in the southeast of Ireland"
    partnered_otherwise,  # "sided with the Byzantines" against "sided with the Normans"
    moved_the_other_way,  # "fled from Italy" against "fled to Italy"
    route_reversed,  # "from the Mediterranean into the Black Sea" against "from the Black Sea to"
    in_another_country,  # "a base in Tajikistan" against "leased ... a base in Uzbekistan"
    outside_the_region,  # "Which Central European countries" against "in Azerbaijan"
    in_another_language,  # "transcribed in Greek" against "transcribed ... in Latin"
    sent_elsewhere,  # "moving toward the border" against "would return to their bases"
    kin_unsaid,  # "Who was Ethelred's brother?" against his marriage to Richard's sister
    kin_reversed,  # "Bohemond's son" against "Bohemond, Robert's son"
    kin_unnamed,  # "the name of Richard's sister" against "his sister and his fiancée Berengaria"
    order_reversed,  # "What came after Early Gothic?" against "precedes the Early Gothic"
    anchored_otherwise,  # "after the Afghan withdrawal" against "after the start of the war"
    deed_unsaid,  # "How many jets did Russia pull out?" against "has moved four jets to"
    only_intended,  # "When did the fleet reach Acre?" against "left in order to reach Acre"
)


@dataclass
class Assessment:
    """What the generator found for a question: the sentences it would answer with, the
    features the answerability model reads, and why it must decline whatever they say."""

    question: Question
    chosen: list[_Candidate]
    features: dict[str, float]
    decline: str | None = None  # a reason no score can outweigh, shown after ABSTAIN_TEXT
    # Whom the best sentence names as holding the office asked for, as it writes the name
    # ("Who is the spokesman for Milley?" against "Dave Butler, spokesman for Milley"): an
    # answer whatever its score, which reads words of the question the office does not need.
    holder: str | None = None


class ExtractiveGenerator:
    name = "extractive"
    streams = False

    def __init__(
        self,
        store: Store,
        thresholds: ExtractiveThresholds | None = None,
        model: AnswerabilityModel | None = None,
        records: Mapping[str, ArticleRecord] | None = None,
        reader: Reader | None = None,
    ) -> None:
        """``records``: the committed articles when the caller has read them (an ``Index``
        has), so the newest date is not read from the store again for every question.
        ``reader``: reads whether the chosen sentences answer the question, after the rules and
        the model have let an answer through; None answers without it."""
        self.store = store
        self.thresholds = thresholds or ExtractiveThresholds()
        # None: no model fitted for this embedder; the score floor decides.
        self.model = model
        self._records = records
        self.reader = reader

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        draft = self._generate(request)
        if on_token:
            on_token(draft.text)
        return draft

    def _generate(self, request: GenerationRequest) -> Draft:
        found = self.assess(request)
        if found is None:  # no excerpt at all: a year after the corpus is still worth saying
            return Draft.abstain(self._after_the_corpus(analyze(request.question)) or "")
        if found.decline is not None:
            return Draft.abstain(found.decline)
        if not self.answers(found):
            return Draft.abstain()
        draft = _draft(found.chosen, dated=found.question.kind == "date")
        draft.short_answer = found.holder or short_answer(
            found.question, [c.sentence.text for c in found.chosen]
        )
        return draft

    def answers(self, found: Assessment) -> bool:
        if found.holder:
            return True
        if self.model is None:
            scored = found.features["score"] >= self.thresholds.min_score
        else:
            scored = self.model.answers(found.features)
        if not scored or self.reader is None:
            return scored
        said = passage(found.chosen[0].excerpt.title, [c.sentence.text for c in found.chosen])
        return self.reader.probability(found.question.text, said) >= self.reader.threshold

    def assess(self, request: GenerationRequest) -> Assessment | None:
        """The best answer the excerpts hold and what speaks for and against it; None when
        there is nothing to choose from."""
        excerpts = list(request.excerpts)
        if not excerpts or request.query_vector is None:
            return None
        question = analyze(request.question)
        query_vector = np.asarray(request.query_vector, np.float32)
        ranked = self.rank(question, excerpts, query_vector)
        if not ranked:
            return None
        # An answer whose articles do not mention the question's names and numbers (in any
        # form of the word) answers another question: "a 2019 result is no answer about 2021".
        articles = {e.article_id: f"{e.title} {e.date or ''}" for e in excerpts}
        missing = {
            aid: set(
                question.unmentioned(question.constraints, f"{head} {request.bodies.get(aid, '')}")
            )
            for aid, head in articles.items()
        }
        eligible = [c for c in ranked if not missing[c.sentence.article_id]]
        companion = None
        if not eligible and JOINED.search(question.text):
            # A question joining two stories ("Where did Milley meet Gerasimov, and where did
            # Gates meet Serdyukov?"): the best-ranked two articles that between them mention
            # everything it names, each with its best sentence, cited together.
            pair = _covering_pair(ranked, missing)
            if pair is not None:
                companion = pair[1]
                both = {c.sentence.article_id for c in pair}
                eligible = [c for c in ranked if c.sentence.article_id in both]
        eligible = eligible or ranked
        asked = office(question.text)
        holding: list[_Candidate] = []
        if asked is not None:
            # "Who is the spokesman for Milley?": the sentence naming his spokesman answers it,
            # however well others that name Milley score.
            holding = [c for c in eligible if holds(asked, c.sentence, question.words, articles)]
            holding = holding or self._holders_elsewhere(
                asked, question, eligible, articles, query_vector
            )
            if holding:  # the best-ranked holder first, the rest in their order
                eligible = [holding[0], *(c for c in eligible if c is not holding[0])]
        t = self.thresholds
        if question.negated:
            # "Which topic was never raised?": a sentence that denies something answers it.
            eligible = _promote(
                eligible, t.denying_sentence_ratio, lambda c: denies(c.sentence.text, True)
            )
        if head := _category(question):
            # "Which news agency did Ryabkov speak to?": the sentence that names one by that
            # noun ("told the Interfax news agency").
            eligible = _promote(
                eligible,
                t.shaped_sentence_ratio,
                lambda c: names_by_category(head, c.sentence.text, question.words),
            )
        if each := distributed(question.text):
            # "How many troops make up a single battalion tactical group?": the sentence that
            # counts per group ("Each group consists of around 800 soldiers"), not one counting
            # all the troops, where it holds the kind of answer asked for.
            eligible = _promote(
                eligible,
                t.shaped_sentence_ratio,
                lambda c: c.typed and distributes(each, c.sentence.text),
            )
        if about_other_people(question, eligible[0].sentence.text):
            # "Where did Milley hold talks with Gerasimov?": the caption of Milley with Austin
            # is about others, and would be declined; a sentence about those asked answers.
            eligible = _promote(
                eligible,
                t.typed_sentence_ratio,
                lambda c: c.typed and not about_other_people(question, c.sentence.text),
            )
        best = eligible[0]
        chosen = [best, *self._support(best, eligible, question)]
        if companion is not None and companion not in chosen:
            chosen = [*chosen[: self.thresholds.max_sentences - 1], companion]
        features = self._features(question, best, chosen, eligible, excerpts)
        unheld = asked is not None and not holding
        decline = self._decline(question, unheld, chosen, missing, request.bodies)
        named = None
        if asked is not None and not asked.qualified and holding and best is holding[0]:
            named = holder_as_written(asked, best.sentence.text, question.words)
        return Assessment(question, chosen, features, decline, named)

    def _decline(
        self,
        question: Question,
        unheld: bool,
        chosen: list[_Candidate],
        missing: dict[str, set[str]],
        bodies: Mapping[str, str],
    ) -> str | None:
        """Why no sentence can answer, whatever it scores: "" to decline plainly, a sentence
        saying what the articles cover, or None when nothing rules an answer out. ``unheld``:
        the question asks who holds an office, and no sentence of the eligible articles names
        the holder."""
        after = self._after_the_corpus(question, chosen[0].sentence.article_id, bodies)
        if after is not None:
            return after
        cited = [missing[a] for a in {c.sentence.article_id for c in chosen}]
        if set.intersection(*cited):
            return ""  # a name or number that no cited article mentions
        said = [c.sentence.text for c in chosen]
        text = " ".join(said)
        typed = [c.sentence.text for c in chosen if c.typed]
        holding = typed or said
        if about_other_people(question, text) or (
            typed and about_other_people(question, " ".join(typed), sayers=False)
        ):
            return ""  # "How long did Kerry's call last?" against "Lavrov suggested to Kerry
            # ... The 50-minute phone call between Carter and Shoigu"
        roles = question.roles
        if roles is not None and (
            swapped(roles, said)
            or done_by_another(roles, said)
            or named_deed_of_another(roles, said)
            or doer_left_out(roles, said)
            or of_another_nation(roles, said)
            or by_another_kind(roles, said)
        ):
            return ""  # the sentences say it the other way round, or of someone else
        if any(rule(question.text, said) for rule in SENTENCE_RULES):
            return ""
        if question.kind not in PARTICIPANTS and only_planned(question.text, said):
            return ""  # "When did the agency approve it?" against "said it would seek approval"
        if question.kind != "place" and near_another_place(question.text, said):
            return ""  # "massed near Georgia" against "massed troops near Ukraine"
        if named_otherwise(question.text, text):
            return ""  # the "Southern Military District" is no answer about the "Western" one
        if office_otherwise(question.text, text):
            return ""  # a "Deputy Foreign Minister" is no answer about a "defense minister"
        if title_otherwise(question.text, text):
            return ""  # "the Norman abbot Robert" is no answer about an "Italian abbot"
        cited_bodies = [bodies.get(a, "") for a in {c.sentence.article_id for c in chosen}]
        if caused_by_another(question.text, holding, cited_bodies, roles):
            return ""  # "killed in the suicide bombing" against "the drone strike killed"
        if nationality_unstated(question, said, cited_bodies):
            return ""  # "Which *Chinese* military chief...?" against "US ... Martin Dempsey"
        if question.negated and not any(denies(s, anywhere=True) for s in said):
            return ""  # "Who did not attend?" against sentences that deny nothing
        if dated_otherwise(periods(question.text), said[0]):
            return ""  # the sentence that answers tells of another year or century
        if self._of_another_month(question, chosen):
            return ""  # "the April meeting" against "met today" in a story of June 15
        if _dates_another_deed(question, chosen):
            return ""  # "the month Uzbekistan ordered it closed" against "and the ministry
            # reaffirmed in May"
        if _of_someone_else(question, chosen):
            return ""  # "When did Dempsey arrive?" against "a conference in Moscow in May"
        if self._of_another_day(question, chosen, bodies):
            return ""  # "chair the talks on January 12" against "They [the Geneva talks] will
            # likely be chaired by ...", the 12th told of in the next sentence
        if self._refers_to_another(question, chosen):
            return ""  # "chair the talks in Brussels" against "They [the Geneva talks] will be
            # chaired by ..."
        if unheld:
            return ""  # "Who is the spokesman for X?" where no sentence names X's spokesman
        if model_unnamed(question, said):
            return ""  # "Which model of system?" against "requested high-tech systems"
        if company_unnamed(question, said):
            return ""  # "Which company makes the E-8?" against "the E-8 uses radar"
        if asks_a_name_of_anyone(question.text) and not chosen[0].typed:
            return ""  # "the name of the man the strike killed": the best sentence names no one
        if reports_nothing(question, said):
            return ""  # "What did Gerasimov tell reporters?" against "The meeting ... comes"
        if said_by_another(question, said):
            return ""  # "What did Shoigu tell Carter?" against "The Pentagon said ..."
        if future_untold(question, said):
            return ""  # "Where will they meet next?" against "The meeting in Helsinki ..."
        if sequence_untold(question, holding):
            return ""  # "When did the council *last* meet?" against "will meet on January 12"
        if question.asks_reason and not any(GIVES_REASON.search(s) for s in said):
            return ""  # a "why" that no sentence gives a cause or a purpose for
        if question.kind is not None and not any(c.typed for c in chosen):
            # An answer of the kind asked for that no chosen sentence holds: "How many people
            # died?" answered by sentences that count no one, "When did he arrive?" by ones
            # that date only when someone spoke of it, "Which Finnish leader...?" by ones that
            # name no one new.
            return ""
        return None

    def _of_another_month(self, question: Question, chosen: list[_Candidate]) -> bool:
        """Whether the question dates its event by a month ("the *April* meeting", "in *April*
        2007") and the sentence holding the answer is dated in another: by a month it names
        ("a conference in Moscow *in May*"; for a question of an amount, only by its dateline,
        "June 15, 2007 -- Gates held..."), or by its story's own day ("held a meeting
        *today*"). The month analogue of a 2019 result given for 2021."""
        asked = months_named(question.text, skip_first=True)
        if not asked or JOINED_PARTS.search(question.text):
            return False  # "...on US troops and on the January talks": one part is dated
        # the sentences holding an answer of the kind asked date it: a caption's "a meeting in
        # April" beside "met today in Brussels" says nothing of where the April one was
        holding = [c for c in chosen if c.typed] or chosen
        if any(asked & months_named(c.sentence.text) for c in holding):
            return False
        text = holding[0].sentence.text
        if question.kind not in AMOUNTS and months_named(text):
            # "a conference in Moscow in May" for one "in September"; not for an amount, which
            # a sentence compares with another month's ("up from 60,000 in November")
            return True
        dateline = LEADING_DATELINE.match(text)
        if dateline:
            return not asked & months_named(dateline.group())
        if not STORY_TIME.search(text.lower()):
            return False
        records = self._records if self._records is not None else self.store.articles()
        record = records.get(holding[0].sentence.article_id)
        if record is None or not record.date:
            return False
        years = {int(n) for n in question.numbers if YEAR.fullmatch(n)}
        year, month = int(record.date[:4]), int(record.date[5:7])
        return month not in asked or bool(years and year not in years)

    def _of_another_day(
        self, question: Question, chosen: list[_Candidate], bodies: Mapping[str, str]
    ) -> bool:
        """Whether the question dates what it asks about by a day ("the January 12 talks")
        and no sentence holding an answer of the kind asked names that day, nor the sentence
        before it (what "They will be chaired by..." refers back to), nor is of a story told
        on that day, nor tells of the event that another sentence of its story dates by that
        day ("agreed to hold security *talks on January 10*" and "The US-Russian *talks* will
        be held in Geneva"): the day is then another sentence's, of another event."""
        days = month_days(question.text)
        if not days or question.kind is None:
            return False
        holding = [c for c in chosen if c.typed]
        if not holding:
            return False
        records = self._records if self._records is not None else self.store.articles()
        context = self._before(holding)
        for c in holding:
            text = f"{context.get(c.sentence.id, '')} {c.sentence.text}"
            if all(names_day(m, d, text) for m, d in days):
                return False
            record = records.get(c.sentence.article_id)
            if (
                record is not None
                and record.date
                and all(
                    nearest_day(MONTH_NUMBERS[m], int(d), record.date) == record.date
                    for m, d in days
                )
            ):
                return False
            if _same_event_dated(question, c.sentence.text, bodies.get(c.sentence.article_id, "")):
                return False
        return True

    def _before(self, holding: list[_Candidate]) -> dict[str, str]:
        """The sentence before each of ``holding`` (what "They will be chaired by..." refers
        back to), by the candidate's sentence id, read in one look at the store."""
        before = {
            c.sentence.id: sentence_id(
                c.sentence.article_id, c.sentence.content_hash, c.sentence.index - 1
            )
            for c in holding
            if c.sentence.index
        }
        texts = {s.id: s.text for s in self.store.sentences(list(before.values()))[0]}
        return {sid: texts[prev] for sid, prev in before.items() if prev in texts}

    def _refers_to_another(self, question: Question, chosen: list[_Candidate]) -> bool:
        """Whether every sentence holding an answer of the kind asked opens by referring back
        ("*They* will likely be chaired by Sherman and Ryabkov"), or names again what the
        sentence before it tells ("Uzbekistan ordered *the base* closed"), and leaves out a
        name the question gives ("the NATO-Russia Council meeting in *Brussels*", "the *Manas*
        base") that the sentence before it, what "they" are, does not give either: the answer
        is another event's (the Geneva talks), or another thing's (the K2 base)."""
        holding = [c for c in chosen if c.typed]
        if not holding or not question.constraints or JOINED_PARTS.search(question.text):
            return False  # a question of two parts names what each part's sentence tells
        named = people(question.text)
        context = self._before(holding)
        for c in holding:
            lacking = question.unmentioned(question.constraints, c.sentence.text)
            if not lacking or c.sentence.id not in context:
                return False
            written = tokens(c.sentence.text)
            if not (
                opens_by_referring_back(written)
                or names_again(question, written, context[c.sentence.id])
            ):
                return False
            still = question.unmentioned(lacking, context[c.sentence.id])
            # a person is there by any word of the name, in the sentence ("Mr. Ryabkov" for
            # Sergei Ryabkov) or before it ("Edward" for Edward the Confessor)
            for person in named:
                parts = person.split()
                if any(w in question.constraints and w not in still for w in parts):
                    still = [w for w in still if w not in parts]
            if not still:
                return False
        return True

    def _after_the_corpus(
        self, question: Question, cited: str | None = None, bodies: Mapping[str, str] | None = None
    ) -> str | None:
        """A reason to decline a question about a year after the newest article, or one asking
        what happened on a day (no year given) that comes after it: "What was decided on
        January 12?" against a story of December 29 announcing that meeting. The day is read as
        the story that would be cited reads it. A question about what was planned for a later
        year ("was due to host the talks in January 2022") is left to the articles that speak
        of that year; what happened in it, no article can tell."""
        years = [int(n) for n in question.numbers if YEAR.fullmatch(n)]
        days = month_days(question.text) if not years else []
        if not years and not days:
            return None
        records = self._records if self._records is not None else self.store.articles()
        newest = max((r.date for r in records.values() if r.date), default=None)
        if not newest:
            return None
        later = {str(y) for y in years if y > int(newest[:4])}
        if later and (
            asks_what_happened(_part_naming(question.text, later))
            or not all(any(y in words(body) for body in (bodies or {}).values()) for y in later)
        ):
            return f"The articles I have end on {newest}."
        if years:
            return None
        dated = records[cited].date if cited in records else None
        if dated and days and asks_what_happened(question.text):
            named = [nearest_day(MONTH_NUMBERS[m], int(d), dated) for m, d in days]
            if max(filter(None, named), default="") > newest:
                return f"The articles I have end on {newest}."
        return None

    def _features(
        self,
        question: Question,
        best: _Candidate,
        chosen: list[_Candidate],
        ranked: list[_Candidate],
        excerpts: list[Excerpt],
    ) -> dict[str, float]:
        nxt = next((c.score for c in ranked[1:]), 0.0)
        said = lemmas(" ".join(c.sentence.text for c in chosen))
        retrieved = lemmas(" ".join(f"{e.title} {e.text}" for e in excerpts))
        asked = question.predicate

        def share(have: set[str]) -> float:
            return len(asked & have) / len(asked) if asked else 1.0

        constraints = question.constraints
        stated = len(constraints) - len(question.unmentioned(constraints, best.sentence.text))
        named = question.names
        best_text = best.sentence.text
        own = lemmas(best_text)
        content = question.predicate | lemmas(" ".join(named))
        held = set().union(*(c.terms for c in chosen))
        values = {
            "dense": best.dense,
            "lexical": best.lexical,
            "score": best.score,
            "margin": best.score - nxt,
            "typed": float(any(c.typed for c in chosen)),
            "typed_best": float(question.kind is None or bool(typed_span(question, [best_text]))),
            "untyped": float(question.kind is None),
            "constraints_sentence": stated / len(constraints) if constraints else 1.0,
            "names_best": 1.0 - len(question.unmentioned(named, best.sentence.text)) / len(named)
            if named
            else 1.0,
            "predicate_best": share(own),
            "content_best": len(content & own) / len(content) if content else 1.0,
            "terms_missing": float(len(set(question.terms) - held)),
            "predicate_sentence": share(said),
            "predicate_excerpts": share(retrieved),
            "predicate_unmentioned": float(bool(asked) and not asked & retrieved),
            "excerpt_rank": 1.0 / (1 + best.rank),
        }
        return {f: values[f] for f in FEATURES}

    def _holders_elsewhere(
        self,
        asked: Office,
        question: Question,
        eligible: list[_Candidate],
        titles: Mapping[str, str],
        query_vector: np.ndarray,
    ) -> list[_Candidate]:
        """The sentences the excerpts left out of the eligible articles that name the office's
        holder: a story names its "alliance Secretary-General" once, in a passage the
        question's other words ("at the 2007 Brussels meeting") did not retrieve."""
        records = self._records if self._records is not None else self.store.articles()
        first: dict[str, _Candidate] = {}
        for c in eligible:
            first.setdefault(c.sentence.article_id, c)
        seen = {c.sentence.id for c in eligible}
        wanted = [
            sid
            for aid in first
            if aid in records
            for i in range(records[aid].n_sentences)
            if (sid := sentence_id(aid, records[aid].content_hash, i)) not in seen
        ]
        sentences, vectors = self.store.sentences(wanted)
        kept = [i for i, s in enumerate(sentences) if holds(asked, s, question.words, titles)]
        found = [
            _Candidate(s, first[s.article_id].excerpt, first[s.article_id].rank)
            for s in (sentences[i] for i in kept)
        ]
        if found:  # scored as the retrieved ones are, for the features and the support chosen
            _score(question, found, vectors[kept], query_vector)
        return sorted(found, key=lambda c: -c.score)

    def rank(
        self, question: Question, excerpts: list[Excerpt], query_vector: np.ndarray
    ) -> list[_Candidate]:
        """The excerpts' sentences, best answer first: meaning, shared rare terms, answer kind."""
        candidates, vectors = self._candidates(excerpts)
        if not candidates:
            return []
        _score(question, candidates, vectors, query_vector)
        return sorted(candidates, key=lambda c: (-c.score, c.rank, c.sentence.index))

    def _candidates(self, excerpts: list[Excerpt]) -> tuple[list[_Candidate], np.ndarray]:
        wanted: dict[str, tuple[Excerpt, int]] = {}
        for rank, e in enumerate(excerpts):
            for i in range(e.first_sentence, e.last_sentence + 1):
                wanted.setdefault(sentence_id(e.article_id, e.content_hash, i), (e, rank))
        sentences, vectors = self.store.sentences(list(wanted))
        return [_Candidate(s, *wanted[s.id]) for s in sentences], vectors

    def _support(
        self, best: _Candidate, ranked: list[_Candidate], question: Question
    ) -> list[_Candidate]:
        """The sentences shown beside the best one, most useful first."""
        t = self.thresholds
        support: list[_Candidate] = []
        same = [c for c in ranked[1:] if c.sentence.article_id == best.sentence.article_id]
        # The sentence naming the question's terms is often followed by the one holding the
        # answer ("...ordered a carrier strike group to stay. The USS Harry S. Truman will...").
        following = next((c for c in same if c.follows(best)), None)
        # The article's best sentence holding the kind of answer asked for, where it scores
        # near the best: "The defense chiefs ... spoke on September 18" over the next
        # sentence's "talks were severed in 2014" for "When did Carter and Shoigu speak?".
        typed = next((c for c in same if c.typed), None)
        typed = typed if typed and typed.score >= t.typed_sentence_ratio * best.score else None
        if following and (
            following.score >= t.next_sentence_ratio * best.score
            # The next sentence holds the kind of answer the best one lacks, however it refers
            # back: "He said...", "The USS Harry S. Truman will...".
            or (
                following.typed
                and not best.typed
                and following.score >= t.typed_next_sentence_ratio * best.score
                and (typed is None or typed is following)
            )
        ):
            support.append(following)
        # "..., however, Kyrgyzstan insisted that the United States leave the base": a best
        # match that goes on from the sentence before it may leave the answer there.
        preceding = next((c for c in same if best.follows(c)), None)
        if preceding and preceding.typed and GOES_ON.search(best.sentence.text):
            support.append(preceding)
        # The best match may restate the question ("Gates met Serdyukov...") while the person,
        # date or number asked for sits a few sentences on.
        if question.kind and not best.typed and not any(c.typed for c in support) and typed:
            support.append(typed)
        # The facts of some questions sit in two articles.
        articles = {best.sentence.article_id}
        for c in ranked[1:]:
            if c.score < t.second_source_ratio * best.score:
                break
            if c.sentence.article_id not in articles:
                articles.add(c.sentence.article_id)
                support.append(c)
        return support[: t.max_sentences - 1]


def _score(
    question: Question,
    candidates: list[_Candidate],
    vectors: np.ndarray,
    query_vector: np.ndarray,
) -> None:
    """Scores ``candidates`` (their ``vectors`` in order) for the question: meaning, the rare
    terms they share with it (rare among them), and whether they hold the kind of answer."""
    dense = vectors @ query_vector
    for c, terms in zip(candidates, tokenize([c.sentence.text for c in candidates])):
        c.terms = frozenset(terms)
        c.typed = has_answer_type(c.sentence.text, question)
    wanted = set(question.terms)
    df = {t: sum(t in c.terms for c in candidates) for t in wanted}
    weights = {t: math.log(1 + len(candidates) / (1 + df[t])) for t in wanted}
    total = sum(weights.values()) or 1.0
    for c, sim in zip(candidates, dense):
        c.dense = float(sim)
        c.lexical = sum(w for t, w in weights.items() if t in c.terms) / total
        c.score = 0.55 * c.dense + 0.30 * c.lexical + 0.10 * c.typed + 0.05 / (1 + c.rank)


def _covering_pair(
    ranked: list[_Candidate], missing: Mapping[str, set[str]]
) -> tuple[_Candidate, _Candidate] | None:
    """The best-ranked sentence whose article, with another article, mentions every name and
    number of the question, and the best sentence of that other article; None if no two
    articles do."""
    for first in ranked:
        lacking = missing[first.sentence.article_id]
        other = next((c for c in ranked if not lacking & missing[c.sentence.article_id]), None)
        if other is not None:
            return first, other
    return None


def _draft(chosen: list[_Candidate], dated: bool = False) -> Draft:
    best = chosen[0]
    # Read in story order within the best article, other articles after it.
    ordered = sorted(
        chosen,
        key=lambda c: (c.sentence.article_id != best.sentence.article_id, c.sentence.index),
    )
    sources: dict[int, Source] = {}
    parts = []
    for n, c in enumerate(ordered, start=1):
        sources[n] = Source(n=n, excerpt=c.excerpt, quote=c.sentence.text)
        parts.append(f"{display_text(c.sentence.text, dated)} [{n}]")
    return Draft(text=" ".join(parts), sources=sources)
