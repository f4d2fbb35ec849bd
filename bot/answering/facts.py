"""The checkable facts of a sentence (names, numbers, dates) and matching them against text."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.dates import MONTHS as MONTH_NUMBERS
from retrieval.text import fold_accents

# Month names in calendar order, from the project's one month table (names and abbreviations).
MONTHS = [max((n for n, k in MONTH_NUMBERS.items() if k == m), key=len) for m in range(1, 13)]
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
QUESTION_WORDS = {"who", "what", "when", "where", "why", "how", "which", "whom", "whose"}
# Capitalised words that are not names; they open sentences or questions.
NOT_NAMES = set(
    """a an and are as at be but by can could did do does during for from had has have he her his
    how i if in is it its may might more most mr mrs ms no not of on or our she so than that the
    their them then there these they this those to under was we were what when where which while
    who whom whose why will with would yes you your also after although before both each even
    however many much other some such today yesterday tomorrow according gen general col""".split()
)
# A day of a month as questions write it ("January 14", "14 January"), a fact of its own: the
# 14 of "June 14" is no support for a question about January 14.
MONTH_ABBREVIATIONS = [name for name in MONTH_NUMBERS if name not in MONTHS]
_ANY_MONTH = "|".join(MONTHS + MONTH_ABBREVIATIONS)
MONTH_DAY = re.compile(
    rf"\b({_ANY_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_ANY_MONTH})\b",
    re.IGNORECASE,
)
# Letters of any alphabet ("Hervé", "Fécamp"): ``[^\W\d_]`` is a word character that is no
# digit and no underscore.
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*[^\W\d_]|[^\W\d_]|\d[\d,.]*\d|\d")
MARKER = re.compile(r"\[\d+\]")
# "U.S", "U.K" as ``WORD`` reads "U.S.": single capitals joined by full stops.
DOTTED_ACRONYM = re.compile(r"[A-Z](?:\.[A-Z])+")


# Numbers written as words, as a regular expression's alternatives.
NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|hundreds|thousand|thousands|dozen|dozens|million|half"
)


# Words for the same things, each standing for the others (as nouns, singular): "how many
# troops" is answered by "800 soldiers", "signed by the two presidents" by "the two leaders".
SAME_THINGS = (
    frozenset({"troop", "soldier", "serviceman", "personnel"}),
    frozenset({"kid", "child", "minor", "youngster"}),
    frozenset({"vessel", "ship", "warship", "boat"}),
    frozenset({"plane", "aircraft", "airplane", "jet"}),
    frozenset({"militant", "gunman", "insurgent"}),
    frozenset({"civilian", "noncombatant", "non-combatant"}),
    frozenset({"leader", "president"}),
    # events by their usual names: "after the talks" is after the meeting
    frozenset({"meeting", "talk", "session"}),
    frozenset({"start", "beginning", "outset", "onset"}),
)


# Every rule folds the same few hundred words of a question and its sentences again and
# again (nearly 2,000 calls an answer): kept once each.
@lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """Case, possessives, acronym dots and accents folded: ``U.S.`` and ``US``, ``Russia's``
    and ``Russia``, "fiancée" and "fiancee" compare equal."""
    word = fold_accents(word.lower().replace("’", "'"))
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace(".", "").replace(",", "").strip("'-")


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    from retrieval.keyword import _stemmer

    return _stemmer().stemWord(word)


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text`` as written, citation markers left out."""
    return WORD.findall(MARKER.sub(" ", text))


def with_parts(word: str) -> list[str]:
    """A normalised word and, when hyphenated, its parts: "us-russian", "us", "russian"."""
    return [word, *(p for p in word.split("-") if p)] if "-" in word else [word]


def words(text: str) -> set[str]:
    """Normalised words of ``text`` with the parts of hyphenated ones."""
    return {w for t in tokens(text) for w in with_parts(normalize(t)) if w}


def stems(text: str) -> set[str]:
    """Normalised, stemmed words of ``text``, for fact matching; a hyphenated word also gives
    its parts ("US-Russian" gives US and Russian)."""
    return {_stem(w) for w in words(text)}


@lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    from bot.answering.lemma_cache import lemmatizer

    return lemmatizer().lemmatize(word, lang="en")


def lemmas(text: str) -> set[str]:
    """Stems of the words' dictionary forms, so inflections meet: "met", "meeting" and "meets"
    all give "meet", "died" and "dies" give "die"."""
    found = (normalize(t) for t in tokens(text))
    return {_stem(_lemma(w)) for w in found if w}


def numbers(text: str) -> list[str]:
    return [normalize(t) for t in tokens(text) if t[0].isdigit()]


def dates(text: str) -> list[str]:
    found = [normalize(t) for t in tokens(text)]
    return [w for w in found if w in MONTHS or w in WEEKDAYS]


def is_name(token: str) -> bool:
    return token[0].isupper() and token.lower().strip(".") not in NOT_NAMES


def names(text: str) -> list[str]:
    """Capitalised words that are not common words: people, places, organisations.

    Hyphenated names count part by part, capitalised parts only: "Gates-Serdyukov" names Gates
    and Serdyukov, "Russian-led" names Russian.
    """
    found = []
    for token in tokens(text):
        if is_name(token):
            parts = [normalize(part) for part in token.split("-") if part[:1].isupper()]
            found += [p for p in parts if p and p not in MONTHS and p not in WEEKDAYS]
    return found


# Words that open or close a run of capitalised words that names a title, a place or an
# organisation rather than a person ("Defense Secretary", "Suez Canal", "NATO-Russia Council").
TITLES = set(
    """mr mrs ms dr gen general adm admiral col lt president secretary minister chairman chief
    deputy spokesman spokeswoman ambassador senator governor prime defense foreign state
    secretary-general""".split()
)
NOT_PERSON_ENDINGS = set(
    """council command canal sea ocean gulf strait east west north south asia europe union
    nations states kingdom republic ministry department office agency staff forces force army
    navy center centre base airport summit conference alliance organization organisation
    committee house pentagon times journal post news press chiefs district region province
    county fleet corps""".split()
)
PARTICLES = {"de", "van", "von", "der", "al", "bin", "da", "la", "le", "du"}
# Pronouns and determiners, which lemminflect's dictionary lists as nouns: "the Russian force
# *that* US officials believe" has no noun "that"; they stay pronouns ("When did *he* arrive?").
PRONOUNS = frozenset(
    """that this these those which who whom whose what whatever it its itself they them he him
    she her we you me""".split()
)


@lru_cache(maxsize=16384)
def _forms(word: str) -> dict[str, tuple[str, ...]]:
    # lemminflect's dictionary, read when first needed: it knows that "culture" can be a noun
    # and "swear" only a verb, and that "William" is no word of English.
    from bot.answering.lemma_cache import all_lemmas

    forms = all_lemmas(word)
    if word in PRONOUNS:
        return {("PRON" if pos == "NOUN" else pos): lemmas for pos, lemmas in forms.items()}
    return forms


def word_forms(word: str) -> dict[str, tuple[str, ...]]:
    """The parts of speech ``word`` can be, each with its lemmas: {"NOUN": ("talk",), ...}."""
    return _forms(normalize(word))


# A ruler's number after the name ("Harold II", "Louis XVIII"), which tells rulers of one
# name apart; not "Xi", more often a surname in the news than Louis the Eleventh.
REGNAL = re.compile(r"(?!xi$)x{0,3}(?:ix|iv|v?i{0,3})")


def surname(person: str) -> str:
    """The word a person is named by on second reference: "sherman" for "wendy sherman",
    "harold" for "king harold ii", "william" for "william of volpiano"."""
    named = person.split()
    if not named:
        return ""
    for i, word in enumerate(named[1:], 1):
        if word in NAMED_FROM:  # "william of volpiano", "richard the lion-hearted"
            named = named[:i]
            break
    while len(named) > 1 and named[-1] and REGNAL.fullmatch(named[-1]):
        named.pop()
    return named[-1]


def people(text: str) -> list[str]:
    """Runs of capitalised words that look like a person's name, as lower-case strings.

    No named-entity model ships offline, so this is a rule: two or more name words in a row
    ("Wendy Sherman", "Jaap de Hoop Scheffer"), or one after a title ("Mr. Ryabkov"), and the
    run not ending like a place or an organisation ("Suez Canal", "NATO-Russia Council").
    """
    found: list[str] = []
    run: list[str] = []
    titled = False

    def close() -> None:
        nonlocal titled
        words = [normalize(t) for t in run]
        while words and words[-1] in PARTICLES:
            words.pop()
        # A nationality, a region's adjective or a country's possessive is no word of a
        # person's name, before it ("Syrian Mediterranean", "Syria's Mediterranian port",
        # "Russian President Vladimir Putin") nor ending it ("Central Asian"); a country's or a
        # capital's name may be one ("Israel Katz", "George Washington").
        lead = 0
        while lead < len(words) and (
            _a_nationality(words[lead]) or (_possessive(run[lead]) and _a_country(words[lead]))
        ):
            lead += 1
        words = words[lead:]
        while words and _a_nationality(words[-1]):
            words.pop()
        personal = [w for w in words if w not in TITLES]
        last = words[-1].split("-")[-1] if words else ""
        if personal and last not in NOT_PERSON_ENDINGS and (len(personal) >= 2 or titled):
            found.append(" ".join(personal))
        run.clear()
        titled = False

    apart_tokens = _tokens_apart(text)
    for i, (token, apart) in enumerate(apart_tokens):
        if apart and run:
            close()  # "in Helsinki, Finland": a comma ends a name
        word = normalize(token)
        if word in TITLES and token[0].isupper():
            if run and any(normalize(t) not in TITLES for t in run):
                close()
            titled = True
            run.append(token)
        elif is_name(token) and word not in MONTHS and word not in WEEKDAYS:
            run.append(token)
        elif run and word in PARTICLES:
            run.append(token)
        elif (
            token in NAMED_FROM
            and len(run) == 1
            and _given_name(run[0])
            and _epithet(apart_tokens[i + 1 : i + 3])
        ):
            # "Richard the Lion-hearted", "William of Volpiano": a given name, no word of the
            # dictionary ("the Bank of England", "the Siege of Antioch" are none)
            run.append(token)
        elif run:
            close()
    if run:
        close()
    return found


def _a_nationality(word: str) -> bool:
    """A country's adjective ("Syrian") or a region's ("Asian")."""
    return word in DEMONYMS or regional(word)


def _a_country(word: str) -> bool:
    """A country by its name or its capital (normalised)."""
    return word in CAPITALS or word in COUNTRIES


# The endings of a possessive, with either apostrophe: "NATO's", "Russia’s".
POSSESSIVE = ("'s", "’s")


def _possessive(token: str) -> bool:
    return token.endswith(POSSESSIVE)


def split_possessive(token: str) -> tuple[str, str]:
    """A word and its possessive ending, if it has one: "Karvia's" gives ("Karvia", "'s")."""
    return (token[:-2], token[-2:]) if token.endswith(POSSESSIVE) else (token, "")


# Endings a continent's name takes as an adjective: "Asian", "European", "African".
CONTINENT_ENDINGS = ("n", "an", "ean", "ian")


@lru_cache(maxsize=4096)
def regional(word: str) -> bool:
    """Whether the normalised ``word`` is the adjective of a region above countries ("Nordic",
    "Asian", "European"), which holds many peoples: no party of its own."""
    if word in REGIONAL or word in REGION_MEMBERS:
        return True
    # "American" is a country's adjective first ("DEMONYMS"), a continent's only after it
    if word in DEMONYMS or word in CONTINENTS:
        return False
    return any(
        derived(stem, word) and word[len(stem) :].endswith(CONTINENT_ENDINGS)
        for stem in _continent_stems()
    )


@lru_cache(maxsize=1)
def _continent_stems() -> tuple[str, ...]:
    return tuple(_stem(c) for c in CONTINENTS)


# What joins a given name to an epithet or a place of origin: "Richard the Lion-hearted",
# "William of Volpiano".
NAMED_FROM = {"the", "of"}


def _given_name(word: str) -> bool:
    low = normalize(word)
    return low not in CAPITALS and low not in TITLES and not word.isupper() and not _forms(low)


def _epithet(following: list[tuple[str, bool]]) -> bool:
    """Whether the words after "the" or "of" are an epithet or a place: one capitalised word,
    with no name after it ("the Conqueror", "of Ravenna"; not "Moscow the Kremlin said" nor
    "the White House")."""
    if not following or following[0][1] or not is_name(following[0][0]):
        return False
    return len(following) < 2 or following[1][1] or not is_name(following[1][0])


def _tokens_apart(text: str) -> list[tuple[str, bool]]:
    """``tokens(text)``, each with whether punctuation parts it from the one before."""
    return [(token, bool(gap)) for token, gap in tokens_with_gaps(text)]


def tokens_with_gaps(text: str) -> list[tuple[str, str]]:
    """``tokens(text)``, each with the punctuation between it and the one before ("," in
    "Butler, spokesman"); the full stop of an abbreviated title, an initial or an acronym
    ("Mr. Ryabkov", "George W. Bush", "U.S. European Command") parts nothing and is left
    out."""
    text = MARKER.sub(" ", text)
    found: list[tuple[str, str]] = []
    end = 0
    for m in WORD.finditer(text):
        gap = text[end : m.start()].strip()
        previous = found[-1][0] if found else ""
        # "U.S. European Command": the last full stop of a dotted acronym parts nothing either
        dotted = bool(DOTTED_ACRONYM.fullmatch(previous))
        abbreviated = gap == "." and (normalize(previous) in TITLES or len(previous) == 1 or dotted)
        found.append((m.group(), "" if abbreviated else gap))
        end = m.end()
    return found


# How news names a ship: after a prefix ("USS Harry S. Truman", "HMS Defender") or after the
# noun for its kind ("the aircraft carrier Admiral Kuznetsov", "the cruiser Moskva").
_SHIP_PREFIX = r"(?:USS|USNS|HMS|HMAS|HMCS|HMNZS|RFS|INS|FS|ROKS|JS|TCG|PNS|KRI)"
# The nouns for ships, which ``question`` also reads as asking for one ("Which carrier...?").
VESSEL_NOUNS = """ship vessel carrier warship destroyer submarine frigate cruiser corvette boat
    flagship tanker icebreaker"""
_SHIP_NOUN = f"(?:{'|'.join(VESSEL_NOUNS.split())})"
# Capitalised words, a full stop only after an initial ("Harry S. Truman"), never across the
# end of a sentence ("the USS Cole. The Navy said").
_SHIP_WORD = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"
_SHIP_NAME = rf"{_SHIP_WORD}(?:\s+{_SHIP_WORD})*"
VESSEL = re.compile(rf"\b(?:{_SHIP_PREFIX}\s+{_SHIP_NAME}|{_SHIP_NOUN}\s+(?P<named>{_SHIP_NAME}))")


def vessels(text: str) -> list[str]:
    """The names of ships ``text`` gives, as written ("USS Harry S. Truman")."""
    found = []
    for m in VESSEL.finditer(text):
        named = m.group("named")
        # "the ship Monday", "the warship Russia sent": after a ship noun, a lone day or country
        # names no ship ("USS George Washington", "USS America" do)
        if named and " " not in named and normalize(named) in _NOT_SHIPS:
            continue
        found.append(named or m.group())
    return found


def name_runs(text: str, skip_first: bool = False) -> list[list[str]]:
    """Runs of capitalised words that no punctuation parts, each a name as written ("Western
    Military District"); a possessive ends its run ("Russia's"). ``skip_first``: the text's
    first word is capitalised because it opens a question or a sentence."""
    runs: list[list[str]] = []
    run: list[str] = []
    for i, (token, gap) in enumerate(tokens_with_gaps(text)):
        capital = is_name(token) and not (skip_first and i == 0)  # not "The", "In"
        if run and (gap or not capital):
            runs.append(run)
            run = []
        if not capital:
            continue
        run.append(token)
        if token.endswith(POSSESSIVE):
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def month_days(text: str) -> list[tuple[str, str]]:
    """The days of months ``text`` names, as (month, day): [("january", "14")]."""
    found = []
    for m in MONTH_DAY.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        full = MONTHS[MONTH_NUMBERS[month.lower()] - 1]
        found.append((full, str(int(day))))
    return found


def names_day(month: str, day: str, text: str) -> bool:
    """Whether ``text`` names that day of that month, in words or as an ISO date."""
    if (month, day) in month_days(text):
        return True
    return f"-{MONTH_NUMBERS[month]:02d}-{int(day):02d}" in text


def facts(text: str) -> list[str]:
    """Names, numbers and dates ``text`` states, normalised, in order, without repeats."""
    return list(dict.fromkeys(names(text) + numbers(text) + dates(text)))


def missing_facts(claim: str, evidence: str) -> list[str]:
    """The facts of ``claim`` that ``evidence`` does not contain (after folding and stemming)."""
    have = stems(evidence)
    return [f for f in facts(claim) if _stem(f) not in have]


# Nationality adjectives and the country (or region) they name, for adjectives that are not
# their country plus a short ending ("Finnish"/Finland, "Dutch"/Netherlands); the regular ones
# ("Russian"/Russia) also meet by ``question``'s derived-form rule. A general table, not one
# grown from the question sets.
DEMONYMS = {
    "afghan": "afghanistan",
    "american": "america",
    "arab": "arabia",
    "british": "britain",
    "chinese": "china",
    "czech": "czechia",
    "danish": "denmark",
    "dutch": "netherlands",
    "english": "england",
    "finnish": "finland",
    "french": "france",
    "georgian": "georgia",
    "german": "germany",
    "greek": "greece",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "japanese": "japan",
    "korean": "korea",
    "kyrgyz": "kyrgyzstan",
    "nordic": "scandinavia",
    "norwegian": "norway",
    "pakistani": "pakistan",
    "polish": "poland",
    "portuguese": "portugal",
    "russian": "russia",
    "saudi": "arabia",
    "scottish": "scotland",
    "spanish": "spain",
    "swedish": "sweden",
    "swiss": "switzerland",
    "syrian": "syria",
    "tajik": "tajikistan",
    "turkish": "turkey",
    "ukrainian": "ukraine",
    "uzbek": "uzbekistan",
    "vietnamese": "vietnam",
    "welsh": "wales",
    # and the other countries' most common ones, not only those of the seed articles
    "albanian": "albania",
    "algerian": "algeria",
    "argentine": "argentina",
    "armenian": "armenia",
    "australian": "australia",
    "austrian": "austria",
    "azerbaijani": "azerbaijan",
    "belarusian": "belarus",
    "belgian": "belgium",
    "bosnian": "bosnia",
    "brazilian": "brazil",
    "bulgarian": "bulgaria",
    "canadian": "canada",
    "chilean": "chile",
    "colombian": "colombia",
    "croatian": "croatia",
    "cuban": "cuba",
    "cypriot": "cyprus",
    "egyptian": "egypt",
    "estonian": "estonia",
    "ethiopian": "ethiopia",
    "filipino": "philippines",
    "hungarian": "hungary",
    "icelandic": "iceland",
    "indian": "india",
    "indonesian": "indonesia",
    "iranian": "iran",
    "italian": "italy",
    "jordanian": "jordan",
    "kazakh": "kazakhstan",
    "kenyan": "kenya",
    "latvian": "latvia",
    "lebanese": "lebanon",
    "libyan": "libya",
    "lithuanian": "lithuania",
    "malaysian": "malaysia",
    "mexican": "mexico",
    "moldovan": "moldova",
    "mongolian": "mongolia",
    "moroccan": "morocco",
    "nigerian": "nigeria",
    "romanian": "romania",
    "serbian": "serbia",
    "slovak": "slovakia",
    "slovenian": "slovenia",
    "somali": "somalia",
    "sudanese": "sudan",
    "taiwanese": "taiwan",
    "thai": "thailand",
    "tunisian": "tunisia",
    "turkmen": "turkmenistan",
    "venezuelan": "venezuela",
    "yemeni": "yemen",
}
# Where no city stands: a continent, or a body of water, a region or a building by the last
# word of its name ("the Black Sea", "Asia Minor", "the White House"), for "which city / port /
# town".
CONTINENTS = {"europe", "asia", "africa", "america", "australia", "antarctica", "eurasia"}
NOT_SETTLED = set(
    """sea ocean strait gulf bay river canal lake minor house building palace hall hotel
    airport base center centre embassy headquarters castle cathedral church abbey""".split()
)
SETTLEMENTS = {"city", "town", "village", "port", "capital", "cities", "towns", "ports"}


def a_people(name: str) -> bool:
    """Whether ``name`` names a people, not a place: "the Russians", "Americans"."""
    low = normalize(name)
    return low.endswith("s") and low[:-1] in DEMONYMS


def settled(place: str) -> bool:
    """Whether ``place`` (a name) may be a city: not a continent, a country (one this module
    knows) nor a sea; a capital is one."""
    low = [normalize(w) for w in place.split()]
    if not low:
        return False
    whole = " ".join(low)
    # a capital is a city; a country's other names are none
    country = whole not in CAPITALS and (_country(whole) != whole or whole in DEMONYMS.values())
    return not (country or whole in CONTINENTS or low[-1] in NOT_SETTLED)


# Adjectives above of a region, not of one country: "In which *Nordic* capital" is answered by
# "the Finnish capital".
REGIONAL = {"arab"}  # and the adjectives of ``REGIONS``
# The words that put a place after them ("in Moscow", "to the Pentagon").
PLACE_WORDS = ("in", "at", "to", "near", "from", "into", "across", "outside", "inside")
# News names a government by its capital ("Moscow has threatened", "Washington said"): each
# capital and the country it stands for, for the countries above. A general table, not one grown
# from the question sets.
CAPITALS = {
    "kabul": "afghanistan",
    "washington": "america",
    "london": "britain",
    "beijing": "china",
    "prague": "czechia",
    "copenhagen": "denmark",
    "amsterdam": "netherlands",
    "helsinki": "finland",
    "paris": "france",
    "tbilisi": "georgia",
    "berlin": "germany",
    "athens": "greece",
    "baghdad": "iraq",
    "dublin": "ireland",
    "jerusalem": "israel",
    "tokyo": "japan",
    "seoul": "korea",
    "bishkek": "kyrgyzstan",
    "oslo": "norway",
    "islamabad": "pakistan",
    "warsaw": "poland",
    "lisbon": "portugal",
    "moscow": "russia",
    "riyadh": "arabia",
    "madrid": "spain",
    "stockholm": "sweden",
    "bern": "switzerland",
    "damascus": "syria",
    "dushanbe": "tajikistan",
    "ankara": "turkey",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "tashkent": "uzbekistan",
    "hanoi": "vietnam",
}
# News names a government's department by its building ("the Pentagon said", "Pentagon chief")
# as it names a government by its capital: each building, and the words a story may use for
# what it stands for instead. A general table, as ``CAPITALS`` is.
SEATS = {
    "pentagon": ("defense department", "department of defense", "defense secretary"),
    "kremlin": ("russian government", "russian president"),
}
# The countries ``DEMONYMS`` names (as normalised words).
COUNTRIES = frozenset(DEMONYMS.values())
# Words that, alone after a ship noun, name no ship: days, months, countries and capitals
# ("the ship Monday left", "the warship Russia sent").
_NOT_SHIPS = set(MONTHS) | set(WEEKDAYS) | set(CAPITALS) | set(DEMONYMS) | set(DEMONYMS.values())
# "US", "USA" and "UK" stand for their countries as the countries' adjectives do.
_COUNTRY_ABBREVIATIONS = {
    "us": "america",
    "usa": "america",
    "uk": "britain",
    "united states": "america",
    "united kingdom": "britain",
}
# Regions of countries a question may ask within, by adjective or by name ("Which *Central
# European* countries", "a country *in Central Asia*"), with their members: the UN's geoscheme,
# and the news's usual "Central Europe", "Balkans" and "Caucasus". A general table, as
# ``CAPITALS`` is; a member left out here is not known to be in its region.
REGIONS = {
    ("central european", "central europe"): """austria czechia germany hungary poland slovakia
        slovenia switzerland""",
    ("eastern european", "eastern europe"): """belarus bulgaria czechia hungary moldova poland
        romania russia slovakia ukraine""",
    ("western european", "western europe"): """austria belgium france germany netherlands
        switzerland""",
    ("northern european", "northern europe"): """britain denmark estonia finland iceland ireland
        latvia lithuania norway sweden""",
    ("southern european", "southern europe"): """albania bosnia croatia greece italy portugal
        serbia slovenia spain""",
    ("central asian", "central asia"): "kazakhstan kyrgyzstan tajikistan turkmenistan uzbekistan",
    ("south asian", "south asia"): "afghanistan india iran pakistan",
    ("east asian", "east asia"): "china japan korea mongolia taiwan",
    ("southeast asian", "southeast asia"): """indonesia malaysia philippines thailand vietnam""",
    ("middle eastern", "middle east"): """arabia cyprus egypt iran iraq israel jordan lebanon
        syria turkey yemen""",
    ("north african", "north africa"): "algeria egypt libya morocco sudan tunisia",
    ("baltic", "baltics"): "estonia latvia lithuania",
    ("balkan", "balkans"): """albania bosnia bulgaria croatia greece romania serbia slovenia""",
    ("nordic",): "denmark finland iceland norway sweden",
    ("scandinavian", "scandinavia"): "denmark norway sweden",
    ("caucasus", "caucasian"): "armenia azerbaijan georgia",
}
REGION_MEMBERS = {
    name: frozenset(members.split()) for names, members in REGIONS.items() for name in names
}
# Each name of a region with all its names: "central european" with "central europe".
REGION_NAMES = {name: names for names in REGIONS for name in names}


def countries_named(text: str) -> set[str]:
    """The countries ``text`` names, by name, adjective or capital ("Polish" gives poland), or
    by a name of two words ("the United States")."""
    found = {c for w in words(text) if (c := _country(w)) in COUNTRIES}
    joined = f" {' '.join(normalize(w) for w in tokens(text))} "
    return found | {
        _COUNTRY_ABBREVIATIONS[name]
        for name in ABBREVIATED_TWO_WORD_COUNTRIES
        if f" {name} " in joined
    }


# Countries named in two words and abbreviated ("United States", "US"): one name, mentioned
# by its abbreviation, where a question names it.
ABBREVIATED_TWO_WORD_COUNTRIES = tuple(name for name in _COUNTRY_ABBREVIATIONS if " " in name)
# Names this long with two neighbouring letters swapped are one name misspelt ("Krygyzstan" in
# a source for Kyrgyzstan); shorter ones are different names.
MIN_MISSPELT = 6
# Names this long with one letter replaced are one name mistyped ("Mediterranian" in a source
# for Mediterranean); shorter ones a letter apart are different names (Clinton and Clifton,
# Christensen and Christenson).
MIN_MISTYPED = 12
# A derived form adds at most MAX_SUFFIX letters to a stem of at least MIN_STEM ("asia-n").
MAX_SUFFIX = 3
MIN_STEM = 4


def derived(stem: str, word: str) -> bool:
    """Whether ``word`` is ``stem`` with a short ending: "iran"/"iranian", "itali"/"italian"."""
    return len(stem) >= MIN_STEM and word.startswith(stem) and len(word) - len(stem) <= MAX_SUFFIX


def _country(word: str) -> str:
    # a people by its plural noun: "the Americans" are the United States
    people = DEMONYMS.get(word[:-1] if a_people(word) else word)
    return CAPITALS.get(word) or people or _COUNTRY_ABBREVIATIONS.get(word, word)


def _misspelt(one: str, other: str) -> bool:
    """Whether the two words differ only by two neighbouring letters swapped, or, both at
    least ``MIN_MISTYPED`` long, by one letter ("Mediterranian")."""
    if len(one) != len(other) or len(one) < MIN_MISSPELT:
        return False
    apart = [i for i, (a, b) in enumerate(zip(one, other)) if a != b]
    if len(apart) == 1:
        return len(one) >= MIN_MISTYPED
    return len(apart) == 2 and apart[1] == apart[0] + 1 and one[apart[0]] == other[apart[1]]


@lru_cache(maxsize=256)
def country_forms(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words that name the country ``word`` names or stands for: its names (the country,
    its adjectives, its capital: "moscow" gives moscow, russia, russian) and its abbreviations
    ("washington" gives us, usa), which count only written in capital letters."""
    country = _country(word)
    names = {word, country} | {
        w for table in (CAPITALS, DEMONYMS) for w, c in table.items() if c == country
    }
    short = {w for w, c in _COUNTRY_ABBREVIATIONS.items() if c == country}
    return frozenset(names), frozenset(short)


def same_party(one: str, other: str) -> bool:
    """Whether two normalised words name the same party: the same word, a country and its
    adjective or capital ("Moscow", "Russian", "Russia"; "Iranian", "Iran"), or one name
    misspelt."""
    if one == other or _country(one) == _country(other):
        return True
    a, b = _stem(one), _stem(other)
    return derived(a, b) or derived(b, a) or _misspelt(one, other)


# Small words a full name skips when it is abbreviated: North Atlantic Treaty Organization,
# Organization for Security and Co-operation in Europe.
ACRONYM_GAPS = {"of", "the", "and", "for", "in", "on", "de", "du", "la"}
# Longer runs of capitals are words written in capitals, not abbreviations.
MAX_ACRONYM = 8
SHORT_YEAR = re.compile(r"['’](\d\d)\b")


def abbreviated(abbreviation: str, text: str) -> bool:
    """Whether ``text`` writes ``abbreviation`` in capital letters, with or without dots ("US",
    "U.S.", "US-led"; not the pronoun "us", nor a part of "U.S.S.R." or "USA")."""
    dotted = r"\.?".join(re.escape(c) for c in abbreviation.upper())
    return re.search(rf"(?<![\w.]){dotted}\.?(?!\.?[A-Za-z])", text) is not None


# A word written in capitals, with or without dots: "NATO", "UN", "U.S.", "CENTCOM".
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}")


def expands(acronym: str, text: str) -> bool:
    """Whether ``text`` spells out ``acronym`` as a run of capitalised words, each giving its
    first letter or its first letters: "UN" and "United Nations", "CENTCOM" and "Central
    Command" (an abbreviation made of syllables)."""
    letters = acronym.replace(".", "").lower()
    if not 2 <= len(letters) <= MAX_ACRONYM or not letters.isalpha():
        return False
    run: list[str] = []
    for token in [*tokens(text), ""]:
        if token[:1].isupper():
            run.append(token.lower())
        elif token.lower() not in ACRONYM_GAPS:
            if any(_spells(letters, run[i:]) for i in range(len(run) - 1)):
                return True
            run.clear()
    return False


def _spells(letters: str, words: list[str], used: int = 0) -> bool:
    """Whether ``letters`` are the first letters of two or more of ``words`` in a row, from
    the first word on, each word giving one letter or more."""
    if not letters:
        return used >= 2
    if not words:
        return False
    word = words[0]
    return any(
        word[:k] == letters[:k] and _spells(letters[k:], words[1:], used + 1)
        for k in range(min(len(word), len(letters)), 0, -1)
    )


def short_years(text: str) -> list[str]:
    """Two-digit years written with an apostrophe ("'21"), as the digits."""
    return SHORT_YEAR.findall(text)


YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_CENTURY = rf"(?:(\d{{1,2}})(?:st|nd|rd|th)|({'|'.join(_ORDINALS)}))"
# "the 11th century", "the eleventh century", "the 10th and 11th centuries".
CENTURIES = re.compile(
    rf"\b{_CENTURY}(?:\s+and\s+(?:the\s+)?{_CENTURY})?[ -]centur(?:y|ies)\b", re.IGNORECASE
)
# A year, or a decade ("the 1060s"), not followed by a plural noun: "1500 soldiers" counts.
YEARS = re.compile(rf"\b({YEAR.pattern})(s)?\b(?!\s+[a-z]+s\b)")
# A year after these words is a point the sentence measures from, not when its story happens:
# "the largest build-up since 2014".
REFERENCE_POINT = re.compile(
    r"\b(?:since|before|after|until|till|than|prior to)\s+(?:the\s+)?(?:early\s+|late\s+)?$",
    re.IGNORECASE,
)


def periods(text: str) -> list[tuple[int, int]]:
    """The spans of years ``text`` places its story in, first and last year: a year, a decade,
    a century (years measured from, "since 2014", left out)."""
    found = []
    for m in CENTURIES.finditer(text):
        for number, word in ((m[1], m[2]), (m[3], m[4])):  # "the 10th and 11th centuries"
            if number or word:
                n = int(number) if number else _ORDINALS.index(word.lower()) + 1
                found.append(((n - 1) * 100, n * 100))
    rest = CENTURIES.sub(" ", text)
    for m in YEARS.finditer(rest):
        if not REFERENCE_POINT.search(rest[: m.start()]):
            year = int(m[1])
            found.append((year, year + 9 if m[2] else year))
    return found


def dated_otherwise(asked: list[tuple[int, int]], text: str) -> bool:
    """Whether ``text`` places its story in years, none of them among the ``asked`` ones:
    "In April 1191 Richard left Messina" is no answer to "Who left Messina in the 11th
    century?", as a 2019 result is none to a question about 2021."""
    said = periods(text)
    return bool(asked and said) and not any(
        first <= other_last and other_first <= last
        for first, last in asked
        for other_first, other_last in said
    )


# Plurals without an "-s": "people", "police", "aircraft".
IRREGULAR_PLURALS = frozenset(
    "people men women children police personnel aircraft staff feet".split()
)


def plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural: "troops", "people"; not "press"."""
    return word in IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss"))


def noun_lemma(word: str) -> str:
    """The noun a lower-case word is a form of ("children": child), or the word itself."""
    low = normalize(word)
    return next(iter(word_forms(low).get("NOUN", ())), low)


def same_things(one: str, other: str) -> bool:
    """Whether two different nouns stand for the same things (``SAME_THINGS``): "troops" and
    "soldiers", "kids" and "children"; the same noun is left to its caller."""
    a, b = noun_lemma(one), noun_lemma(other)
    return a != b and any(a in group and b in group for group in SAME_THINGS)
