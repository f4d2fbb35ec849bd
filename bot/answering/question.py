"""What a question asks: the kind of answer it wants, the names it is about, and the rest.

"When did Milley retire from the army?" is about Milley (a name) and asks about retiring from
the army (its predicate) for a date (its kind). Excerpts that share the names but none of the
predicate are about the right person and say something else, which is how a corpus that cannot
answer a question usually looks from the inside.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.answering.facts import (
    ABBREVIATED_TWO_WORD_COUNTRIES,
    ACRONYM,
    ACRONYM_GAPS,
    CAPITALS,
    DEMONYMS,
    MAX_SUFFIX,
    MIN_STEM,
    MONTHS,
    NOT_NAMES,
    PLACE_WORDS,
    POSSESSIVE,
    SEATS,
    SETTLEMENTS,
    TITLES,
    VESSEL_NOUNS,
    abbreviated,
    country_forms,
    derived,
    expands,
    is_name,
    lemmas,
    month_days,
    name_runs,
    names,
    names_day,
    normalize,
    numbers,
    people,
    regional,
    same_party,
    short_years,
    split_possessive,
    stems,
    tokens,
    with_parts,
    word_forms,
    words,
)
from bot.answering.roles import KIN, Roles, denies, question_roles, verb_lemmas
from retrieval.keyword import STOPWORDS, tokenize

# Words a question needs to ask its kind of question; they say nothing of its topic.
FILLER = lemmas(
    "many much long far big large number percentage say tell have be can could will would "
    "should up out over do date day year month kind sort type happen else there his her their "
    "its it each every all any other some"
) | lemmas(" ".join(STOPWORDS))


# People by no office at all, and by what they are to others (``roles.KIN``): kinds of person,
# but no office (``bot.answering.offices``).
ANYONE = frozenset("person people man woman men women individual figure".split())
# The head noun of "which/what (...) NOUN" says what kind of thing is asked for. A small general
# lexicon of category nouns (WordNet's top senses, cut down), plus endings that make a noun a
# person ("-ist", "-ian", "-man"); not a list of the nouns in the question sets.
HEAD_KINDS = {
    "person": " ".join(sorted(KIN | ANYONE))
    + """ official officer leader general minister
        secretary president chief head king queen prince princess duke duchess count emperor
        empress pope bishop archbishop abbot monk priest cleric ruler monarch lord knight
        commander admiral captain
        colonel lieutenant soldier diplomat envoy ambassador senator governor mayor adviser
        advisor spokesperson author writer founder member counterpart successor predecessor
        scholar scientist player coach director manager chancellor premier
        representative delegate negotiator mercenary mercenaries warrior reporter journalist
        correspondent photographer editor analyst expert""",
    "place": """place city country capital port sea ocean base town village region province
        state nation island river area location site installation airfield airport facility
        territory county continent coast land border kingdom empire duchy republic street
        building headquarters camp harbour harbor valley mountain lake peninsula exclave
        enclave""",
    # no "period": one is asked for by its name as often as by its dates ("the Anglo-Saxon")
    "date": "date day year month century decade era time season",
    # Ships carry names of their own, written after a prefix or the noun (``facts.vessels``).
    "vessel": VESSEL_NOUNS,
    "name": """fleet organization organisation group agency
        alliance company party body institution council committee treaty agreement accord
        meeting summit talks conference battle war event operation campaign program
        programme project exercise law act document language dynasty house tribe religion
        church order title""",
}
HEAD_OF_KIND = {word: kind for kind, nouns in HEAD_KINDS.items() for word in nouns.split()}
# What leads into a place's name: a preposition of place, in any case, and a determiner ("In
# London", "in its Baltic ..."), or a noun of a settled place and "of" ("the exclave of
# Kaliningrad"; not "the building of Nord Stream").
OF_PLACES = """city town village port capital region province island exclave enclave county coast
    kingdom duchy republic peninsula"""
# Titles held of a place: "earl of Hereford", "Duke of Normandy".
TITLED_OF = "king queen duke duchess earl count countess prince princess lord bishop archbishop"
# The nouns of a natural place, written in lower case before its name: "the river Deabolis".
NAMED_AFTER = "river lake island strait gulf bay valley"
PLACE_LEAD = (
    # "in Helsinki", "to its Baltic...", "to southern Italy"
    rf"\b(?:(?i:{'|'.join(PLACE_WORDS)})\s+(?:(?:the|its|their|his|her)\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?"
    rf"|(?:{'|'.join(OF_PLACES.split())}|(?i:{'|'.join(TITLED_OF.split())}))\s+of\s+(?:the\s+)?"
    rf"|(?:{'|'.join(NAMED_AFTER.split())})\s+)"
)
# Nouns of a place and a city's parts ("Moscow's suburbs"), singular and plural.
PLACE_NOUNS = frozenset(
    form
    for noun in (HEAD_KINDS["place"] + " outskirts suburb centre center street district").split()
    for form in (noun, noun + "s")
)
# The points of the compass, as nouns or adjectives: "Moscow's west", "Kyiv's northern suburbs".
COMPASS = re.compile(r"(?:north|south)?(?:east|west)(?:ern)?|(?:north|south)(?:ern)?")
PERSON_ENDINGS = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women")
# Words that end the noun phrase after "which"/"what": auxiliaries, prepositions, articles.
PHRASE_ENDS = set(
    """is are was were be been do does did has have had will would can could should may might
    of in on at to for from by with that who which the a an as""".split()
)
# "What kind of weapons": the noun after "of" is the head.
VAGUE_HEADS = {"kind", "kinds", "sort", "sorts", "type", "types", "form", "forms"}
ASKS_A_SORT = re.compile(rf"\b(?:which|what)\s+(?:{'|'.join(sorted(VAGUE_HEADS))})\s+of\b", re.I)
# A word may be an abbreviation with full stops: "Which U.S. deputy secretary".
WH_NOUN = re.compile(r"\b(?:which|what)\s+((?:(?:(?:\w\.)+|[\w'’-]+)\s*){1,5})", re.IGNORECASE)


def wh_phrase(question: str) -> list[str]:
    """The words after "which/what" up to an auxiliary or preposition, lower-cased:
    "Which aircraft carrier did..." -> [aircraft, carrier]; "what kind of X" skips to X."""
    match = WH_NOUN.search(question)
    if not match:
        return []
    run: list[str] = []
    for word in match.group(1).split():
        low = word.lower().strip("'’")
        if low in PHRASE_ENDS:
            if low == "of" and run and run[-1] in VAGUE_HEADS:
                run.clear()
                continue
            break
        run.append(low)
    return run


def _a_verb_only(word: str) -> bool:
    """Whether ``word`` can only be a verb's form here: "killed", "hosted"; not "base"."""
    forms = word_forms(word)
    return "VERB" in forms and not ({"NOUN", "ADJ"} & forms.keys() and word in verb_lemmas(word))


def _no_noun(word: str) -> bool:
    """Whether ``word`` is a verb's form and never a noun: "hosted", not "groups" or "lords"."""
    forms = word_forms(word)
    return "VERB" in forms and "NOUN" not in forms


def head_kind(noun: str) -> str | None:
    noun = normalize(noun)  # "fiancée" is a fiancee
    # the noun or, for a plural, its singular: "ships", "countries", "bases"
    forms = (noun, noun[:-1], *word_forms(noun).get("NOUN", ())) if noun.endswith("s") else (noun,)
    singular = next((n for n in forms if n in HEAD_OF_KIND), None)
    if singular is not None:
        return HEAD_OF_KIND[singular]
    if len(noun) > 5 and noun.endswith(PERSON_ENDINGS):
        return "person"
    return None


def phrase_kind(question: str) -> str | None:
    """The kind named by the rightmost category noun of the wh-phrase, which ends before its
    verb: "which Finnish city hosted NATO defense ministers" asks for a city, not ministers."""
    phrase = wh_phrase(question)
    # the verb comes after a category noun: "Which US *guided* missile destroyer crossed"
    # modifies with a participle before its noun
    nouns = [i for i, w in enumerate(phrase) if head_kind(w)]
    end = next(
        (i for i, w in enumerate(phrase) if nouns and i > nouns[0] and _no_noun(w)), len(phrase)
    )
    return next(filter(None, map(head_kind, reversed(phrase[:end]))), None)


# Numeric questions by what they measure, after Li and Roth's question classes (NUM:money,
# NUM:period, NUM:dist...): the units an answer's number may carry. "What is the NOUN of ..."
# asks for a number when NOUN is a measure; a measure with no units takes any number.
MEASURE_NOUNS = {
    ("money",): "cost price budget value worth salary fee fine spending funding revenue",
    ("distance",): "range distance length height depth width altitude",
    ("duration",): "duration",
    ("age",): "age",
    (): "population size number amount total percentage share rate strength",
}
MEASURE_OF = {
    noun: frozenset(units) for units, nouns in MEASURE_NOUNS.items() for noun in nouns.split()
}
WHAT_IS_THE = re.compile(
    r"\bwhat\s+(?:is|was|are|were|will be|would be)\s+(?:the\s+)?((?:[\w'’-]+\s+){0,3}?)"
    r"([\w-]+)\s+(?:of|for)\b",
    re.IGNORECASE,
)
# "the name of the NOUN": the noun says the kind of the name asked for; "the name*s* of the
# three ... ships that crossed": a longer phrase, to where a clause or the question ends.
NAME_OF = re.compile(
    r"\bname of (?:the |a |an |his |her |their )?((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.I
)
NAMES_OF = re.compile(
    r"\bnames of (?:the |a |an |his |her |their )?((?:[\w-]+\s+){0,6}?[\w-]+)"
    r"(?=\s+(?:that|who|which|did|were|was|is|are)\b|\?|$)",
    re.I,
)
HOW_MEASURED = {
    "long": ("duration", "distance"),
    "far": ("distance",),
    "old": ("age", "duration"),
}
# "Over what period...", "For what length of time...": how long, not when ("In what period"
# asks when).
ASKS_DURATION = re.compile(
    r"\b(?:over|for|within)\s+(?:what|which)\s+(?:period|span|length of time|time)\b", re.I
)
ASKS_A_YEAR = re.compile(r"\b(?:what|which)\s+(?:year|decade|century)\b", re.IGNORECASE)
MONEY_CUES = re.compile(
    r"\b(?:cost|pay|paid|spen[dt]|worth|price|budget|money|fund|aid|loan|debt|revenue|income)"
)


def measure_head(question: str) -> str | None:
    """The measure noun of "What is the NOUN of ...", or None."""
    match = WHAT_IS_THE.search(question)
    noun = match.group(2).lower() if match else None
    return noun if noun in MEASURE_OF else None


def measured_units(question: str) -> frozenset[str]:
    """The units a number answering ``question`` must carry (money, duration, distance, age);
    empty when any number answers it, or when it asks for no number."""
    q = question.lower()
    # "How large was the budget?" asks an amount of money as "how much" does
    how = re.search(r"\bhow (much|long|far|old|large|big|high|small)\b(\s+time\b)?", q)
    if (how and how.group(2)) or ASKS_DURATION.search(q):
        return frozenset({"duration"})
    if how and how.group(1) in HOW_MEASURED:
        return frozenset(HOW_MEASURED[how.group(1)])
    if how and MONEY_CUES.search(q):
        return frozenset({"money"})
    head = measure_head(question)
    return MEASURE_OF[head] if head else frozenset()


# A question asking for a cause or a purpose, which only a sentence giving one answers.
ASKS_REASON = re.compile(
    r"^\s*why\b|\bfor what reason\b|\bwhat (?:is|was|are|were) the reasons? (?:for|why|behind)\b",
    re.IGNORECASE,
)


# "How did Gates characterize the talk?", "What did McKenzie call the strike?": how someone
# described something, which a sentence reporting a description answers ("described it as
# cordial", "called it a tragic mistake").
# The verbs of describing, as verbs: "called it", not "called for" nor "a phone call".
_DESCRIBES = (
    r"(?:describ\w*|characteri[sz]\w*|portray\w*|depict\w*|label\w*|termed|dub(?:s|bed)?)\b"
)
DESCRIBING = rf"(?:{_DESCRIBES}|call(?:s|ed|ing)?\b(?!\s+(?:for|on|off|up|back)\b))"
ASKS_DESCRIPTION = re.compile(
    rf"^\s*how\s+(?:did|does|do|has|have|had|would|will)\b.*\b{_DESCRIBES}"
    # "What words did Gates use to characterize ...?"
    rf"|^\s*what\s+(?:words?|terms?|phrases?|adjectives?|language)\b.*\b{_DESCRIBES}"
    # "call" as the verb, not the noun: "What did McKenzie call it?", not "...his call"
    r"|^\s*what\s+(?:did|does|do|has|have|had)\s+(?:\S+\s+){1,7}?"
    r"(?<!\bthe )(?<!\ba )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bphone )(?<!'s )(?<!’s )"
    r"call\b(?!\s+(?:for|on|off|up|back)\b)"
)


def answer_type(question: str) -> str | None:
    """What kind of answer the question wants: count, number, date, description, person, place,
    vessel, name (another thing with a proper name: an organisation, an event), or None."""
    q = question.lower()
    if re.search(r"\bhow many\b", q):
        return "count"
    if re.search(r"\bhow (much|long|far|big|large|old)\b|\bwhat (number|percentage)\b", q):
        return "number"
    if measure_head(question) or ASKS_DURATION.search(q):
        return "number"
    if re.search(r"^\s*when\b|\bin what year\b", q):
        return "date"
    if ASKS_DESCRIPTION.search(q):
        return "description"
    if re.search(r"^\s*(who|whom)\b|\bwho\b", q):
        return "person"
    if re.search(r"^\s*where\b", q):
        return "place"
    named = NAME_OF.search(question) or NAMES_OF.search(question)
    if named:  # "What is the name of the ship that...": a ship, so a name
        return next(filter(None, map(head_kind, reversed(named.group(1).lower().split()))), "name")
    if ASKS_A_SORT.search(question):
        return None  # "What sort of vessels sailed?": a sort, which no one name answers
    return phrase_kind(question)


@dataclass(frozen=True)
class Question:
    text: str
    kind: str | None
    words: frozenset[str]  # every word, normalised: what an answer must add to
    terms: tuple[str, ...]  # as keyword search tokenises it
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    # What an answer's sentence or article must mention: the names (nationality adjectives
    # left out: "a Russian official" is not about Russia) and the numbers, years as written.
    constraints: tuple[str, ...]
    # What it asks about its names: the other words, as ``facts.lemmas`` gives them.
    predicate: frozenset[str]
    # For a number: the units it must carry ("How much did it cost?": money); empty for any.
    units: frozenset[str] = frozenset()
    # The capitals it names for their country's government, not as places: "Moscow" in
    # "Where had Moscow proposed...", not in "invited him to Moscow".
    governments: frozenset[str] = frozenset()
    # The names it writes in capitals ("NATO", "CENTCOM"): abbreviations, which a text may
    # spell out; "Geneva" is no "GENEral VAlery".
    acronyms: frozenset[str] = frozenset()

    @property
    def nationalities(self) -> tuple[str, ...]:
        """The nationality adjectives it names ("Which *Chinese* military chief..."), which
        ``constraints`` leave out."""
        return tuple(n for n in self.names if n in DEMONYMS)

    @cached_property
    def nationalities_asked(self) -> tuple[str, ...] | None:
        """The nationality adjectives of the thing asked for ("Which *Tajik* air base...",
        "What *Polish* site..."), not of another party ("Which general ... killed *Afghan*
        civilians?"), nor of a region ("Nordic"); None where no "which/what" phrase asks."""
        phrase = wh_phrase(self.text)
        if not phrase:
            return None
        # up to its verb: "Which general *killed* Afghan civilians?"
        verb = next((i for i, w in enumerate(phrase) if i and _a_verb_only(w)), len(phrase))
        return tuple(n for n in self.nationalities if n in phrase[:verb] and not regional(n))

    @cached_property
    def verbs(self) -> frozenset[str]:
        """The lemmas of every word in lower case a verb can take: "say" in "When did
        Gerasimov *say*...", not "state" for the "United *States*"."""
        return frozenset().union(*(verb_lemmas(w) for w in tokens(self.text) if w[:1].islower()))

    def asks_of(self, verbs: frozenset[str]) -> bool:
        """Whether a verb of the question is one of ``verbs`` (lemmas)."""
        return bool(self.verbs & verbs)

    @cached_property
    def asks_a_settlement(self) -> bool:
        """Whether it asks which city, town or port: no sea, country or continent is one."""
        return bool(SETTLEMENTS & set(wh_phrase(self.text)))

    @cached_property
    def asks_a_year(self) -> bool:
        """Whether it asks in what year (or century): a month or a weekday answers no such
        question."""
        return bool(ASKS_A_YEAR.search(self.text))

    @property
    def asks_reason(self) -> bool:
        return bool(ASKS_REASON.search(self.text))

    def unmentioned(self, facts: Sequence[str], text: str) -> list[str]:
        """The ``facts`` of this question (its constraints, its names) that ``text`` never
        mentions, a capital it names for its government mentioned by its country's names."""
        return unmentioned(facts, text, self.governments, self.acronyms)

    @cached_property
    def negated(self) -> bool:
        """Whether it asks about something that did not happen ("Who did not attend?")."""
        return denies(self.text)

    @cached_property
    def roles(self) -> Roles | None:
        """Who does what to whom in it (``bot.answering.roles``); read when first asked for."""
        return question_roles(self.text)


# Cached: the pipeline reads a dated question's names before the generator reads it whole.
@lru_cache(maxsize=256)
def analyze(text: str) -> Question:
    written = tokens(text)
    # The first word is capitalised because it opens the question ("Name the...").
    named = [
        t
        for i, t in enumerate(written)
        if i and (is_name(t) or (t[0].isupper() and normalize(t) in TITLES))
    ]
    rest = [t for t in written if t not in named]
    found = [n for n in names(text) if not written or n not in words(written[0])]
    shortened = {f"'{y}" for y in short_years(text)}
    days = month_days(text)
    return Question(
        text=text,
        kind=answer_type(text),
        words=frozenset(words(text)),
        terms=tuple(tokenize([text])[0]),
        names=tuple(found),
        numbers=tuple(numbers(text)),
        constraints=tuple(
            _countries_joined([n for n in found if n not in DEMONYMS], text)
            + [
                n if f"'{n}" not in shortened else f"'{n}"
                for n in numbers(text)
                if n not in {d for _, d in days}
            ]
            + [f"{month} {day}" for month, day in days]
        ),
        predicate=frozenset(lemmas(" ".join(rest)) - FILLER - lemmas(" ".join(named))),
        units=measured_units(text),
        governments=governing_capitals(written),
        # "NATO's", "NATO-Russia": each part as written
        acronyms=frozenset(
            normalize(part)
            for t in written
            for part in split_possessive(t)[0].split("-")
            if ACRONYM.fullmatch(part)
        ),
    )


def _countries_joined(found: list[str], text: str) -> list[str]:
    """``found`` (a question's names, word by word) with a country named in two capitalised
    words ("the United States") as one name, which "US-Russian" mentions as its abbreviation
    does; each of its words taken out once ("the United States and the United Nations" keeps
    "united" and "nations")."""
    for country in ABBREVIATED_TWO_WORD_COUNTRIES:
        written = r"\s+".join(part.capitalize() for part in country.split())
        for _ in re.finditer(rf"\b{written}\b", text):
            for part in country.split():
                if part in found:
                    found.remove(part)
            found = [*found, country]
    return found


# Words after which a capital is a place, up to PLACE_REACH words before it: "in central
# Moscow", "the mayor of Moscow".
PLACE_OF = frozenset(PLACE_WORDS) | {"of", "around"}
PLACE_REACH = 2
# How many words after a capital's possessive may name what it owns: an adjective and its noun
# ("Moscow's western outskirts", "Washington's planned shield").
OWNED_REACH = 2


def governing_capitals(written: Sequence[str]) -> frozenset[str]:
    """The capitals a question's words name for their country's government ("Where had Moscow
    proposed...", "a Moscow-backed group"), not as places ("in central Moscow", "the mayor of
    Moscow", "to Brussels and Moscow") nor inside a longer name ("the Washington Post", "George
    Washington"). A capital named both ways is a place."""
    acting: set[str] = set()
    placed: set[str] = set()
    places: set[int] = set()  # where a place is named
    for i, word in enumerate(written):
        before = [w.lower() for w in written[max(0, i - PLACE_REACH) : i]]
        # "to Brussels and Moscow": joined to a place
        if PLACE_OF & set(before) or (before[-1:] in (["and"], ["or"]) and i - 2 in places):
            places.add(i)
        capitals = [p for p in with_parts(normalize(word)) if p in CAPITALS]
        # A capital that owns something other than a place acts for its government wherever
        # it stands ("an alternative to Washington's planned shield"; not "to Moscow's west").
        owned = [normalize(w) for w in written[i + 1 : i + 1 + OWNED_REACH]]
        owns = word.endswith(POSSESSIVE) and not any(
            COMPASS.fullmatch(w) or w in PLACE_NOUNS for w in owned
        )
        if capitals and not _inside_a_name(written, i):
            (placed if i in places and not owns else acting).update(capitals)
    return frozenset(acting - placed)


def _inside_a_name(written: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` has a capitalised neighbour (the question's first word aside)
    or "state" after it: part of a person's, a paper's or a state's name."""
    after = written[i + 1] if i + 1 < len(written) else ""
    return (i > 1 and written[i - 1][0].isupper()) or after[:1].isupper() or after == "state"


def unmentioned(
    facts: Sequence[str],
    text: str,
    governments: Collection[str] = (),
    acronyms: Collection[str] | None = None,
) -> list[str]:
    """The ``facts`` (names, numbers) that ``text`` never mentions, in any form of the word.

    Forms count because questions name a place by its adjective as often as by its name
    ("Asian" for Asia, "Finnish" for Finland), abbreviate names ("UN"), and shorten years
    ("'21" for 2021). A capital among ``governments`` stands for its country, which any of its
    names mentions ("Moscow proposed" against "Russia's proposal"). Only ``acronyms`` (all
    facts where None) may be spelt out ("UN": "United Nations").
    """
    if not facts:
        return []
    have, ordered = _vocabulary(text)
    return [
        f
        for f in facts
        if not _fact_mentioned(
            f, text, have, ordered, f in governments, acronyms is None or f in acronyms
        )
    ]


@lru_cache(maxsize=64)
def _vocabulary(text: str) -> tuple[set[str], list[str]]:
    """The stems of ``text``, as a set and sorted; cached because the same article bodies are
    checked question after question."""
    have = stems(text)
    return have, sorted(have)


def _fact_mentioned(
    fact: str,
    text: str,
    have: set[str],
    ordered: list[str],
    as_country: bool = False,
    spelt_out: bool = True,
) -> bool:
    day = fact.split()
    if len(day) == 2 and day[0] in MONTHS:  # "january 14", from ``month_days``
        return names_day(day[0], day[1], text)
    if fact.startswith("'"):  # a short year: '21 is any year ending in 21
        return any(len(w) == 4 and w.endswith(fact[1:]) for w in have if w.isdigit())
    if all(_mentioned(w, have, ordered) for w in stems(fact)):
        return True
    if fact in DEMONYMS and _mentioned(next(iter(stems(DEMONYMS[fact]))), have, ordered):
        return True
    if any(c == fact and next(iter(stems(a))) in have for a, c in DEMONYMS.items()):
        return True
    if as_country and _country_mentioned(fact, text, have, ordered):
        return True
    if any(all(_mentioned(w, have, ordered) for w in stems(s)) for s in SEATS.get(fact, ())):
        return True  # "the Pentagon chief" in a story of "Defense Secretary Lloyd Austin"
    if _abbreviated_country(fact):  # "America" is mentioned by "US", "US" by "American"
        names, short = country_forms(fact)
        spelt = (names - CAPITALS.keys()) | {a for a in short if " " in a}
        if any(all(_mentioned(w, have, ordered) for w in stems(name)) for name in spelt):
            return True
        return any(abbreviated(a, text) for a in short if " " not in a)
    return spelt_out and fact.isalpha() and expands(fact, text)


def _abbreviated_country(word: str) -> bool:
    """Whether ``word`` names, not by its capital, a country often abbreviated ("US", "UK")."""
    return word not in CAPITALS and bool(country_forms(word)[1])


def _country_mentioned(capital: str, text: str, have: set[str], ordered: list[str]) -> bool:
    """Whether ``text`` names the country ``capital`` stands for: by a name in any form, or by
    an abbreviation ("U.S.", "United States"; not the pronoun "us")."""
    names, short = country_forms(capital)
    if any(all(_mentioned(w, have, ordered) for w in stems(name)) for name in names):
        return True
    return any(abbreviated(a, text) or expands(a, text) for a in short)


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
    return any(derived(word, w) for w in longer)


def named_otherwise(question: str, said: str) -> bool:
    """Whether ``said`` names, instead of a name the question gives, another of the same
    kind: the same head with another modifier ("Southern Military District" for the "Western
    Military District", "Mediterranean Sea" for the "Black Sea"), while it never writes the
    question's name. SQuAD 2.0's swapped entity. Titles ("Defense Secretary", "Secretary of
    Defense"), a country in another form ("American" and "United States"), and a modifier both
    names hold ("Southern District") change no name."""
    written = f" {' '.join(normalize(t) for t in tokens(said))} "
    theirs = [(run, [normalize(t) for t in run]) for run in name_runs(said)]
    for run in name_runs(question, skip_first=True):
        asked = [normalize(t) for t in run]
        if len(asked) < 2 or f" {' '.join(asked)} " in written or _written_short(run, said):
            continue
        if people(" ".join(run)) and normalize(run[0]) not in DEMONYMS:
            # a person's kin share a surname: "Joe Biden" and "Hunter Biden"; a people's name
            # opens no person's ("the *English* Revolution")
            continue
        for other, low in theirs:
            shared = 0
            while shared < min(len(asked), len(low)) and asked[-1 - shared] == low[-1 - shared]:
                shared += 1
            if not 0 < shared < min(len(asked), len(low)):
                continue
            mine, yours = asked[:-shared], low[:-shared]
            if {mine[-1], yours[-1]} & (TITLES | NOT_NAMES):
                continue
            # The modifier next to the head decides: "US *European* Command" is not the "US
            # *Central* Command", though both are the US's; the "Southern District" may be
            # the "Southern Military District".
            if mine[-1] in yours or yours[-1] in mine:
                continue
            if _same_modifier(run[:-shared], other[:-shared]):
                continue
            return True
    return False


def _written_short(run: Sequence[str], said: str) -> bool:
    """Whether ``said`` writes the name by its initials: "EU" for the "European Union"."""
    initials = "".join(t[0] for t in run if t.lower() not in ACRONYM_GAPS)
    return len(initials) > 1 and abbreviated(initials, said)


def _same_modifier(mine: Sequence[str], yours: Sequence[str]) -> bool:
    """Whether two runs of capitalised words name one party: one word in another form
    ("Russian", "Russia"), or a country by its name and its adjective ("United States",
    "American")."""
    if len(mine) == 1 and len(yours) == 1 and same_party(normalize(mine[0]), normalize(yours[0])):
        return True
    one, other = [normalize(t) for t in mine], [normalize(t) for t in yours]
    return not unmentioned(one, " ".join(yours), one) or not unmentioned(
        other, " ".join(mine), other
    )


def asks_unmentioned(question: Question, excerpts: str) -> bool:
    """Whether the question asks about something (its predicate) that ``excerpts`` never
    mention: they know its names, not what is asked about them."""
    return bool(question.predicate) and not question.predicate & lemmas(excerpts)
