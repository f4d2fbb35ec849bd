"""Who did it and to whom: a question's subject must be the doer in the sentence that answers it,
its object the one done to.

SQuAD 2.0's swapped roles: "Who did King Charles swear fealty to?" against "Rollo agreed to swear
fealty to King Charles": every word is there, the roles are reversed, and the sentence answers
nothing. Word order is enough to tell the roles in both: English puts the doer before an active
verb and after a passive one ("was conquered by William"). The verb is found by its word forms
(lemminflect's dictionary, which knows that "culture" can be a noun and "swear" only a verb), so
no parser runs on the query path.

The same reading tells two near cousins: a deed the sentence gives by name to someone else
(``done_by_another``), a thing it gives to another named party (``of_another_party``); and
whether a question asks what happened or what was planned (``asks_what_happened``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, takewhile

from bot.answering.facts import (
    CAPITALS,
    COUNTRIES,
    DEMONYMS,
    MONTHS,
    NOT_NAMES,
    NUMBER_WORD,
    PARTICLES,
    PLACE_WORDS,
    POSSESSIVE,
    QUESTION_WORDS,
    REGION_MEMBERS,
    REGION_NAMES,
    REGNAL,
    SEATS,
    TITLES,
    WEEKDAYS,
    countries_named,
    country_forms,
    is_name,
    month_days,
    names,
    normalize,
    noun_lemma,
    plural,
    regional,
    same_party,
    same_things,
    stems,
    tokens,
    tokens_with_gaps,
    word_forms,
)
from bot.answering.nouns import deeds

DO = {"did", "does", "do"}
HAVE = {"has", "have", "had"}
BE = {"is", "are", "was", "were", "be", "been", "being"}
SUBORDINATORS = {"since", "when", "while", "because", "that", "if", "until", "after", "before"}
MODALS = {"will", "would", "can", "could", "should", "may", "might", "must"}
AUXILIARIES = DO | HAVE | BE | MODALS
ARTICLES = ("the", "a", "an")
DETERMINERS = set(ARTICLES) | set("his her their its our this that these those".split())
PREPOSITIONS = set(
    "to of in on at by for from with against into after before during as about over under".split()
)
# The auxiliary of an inverted question sits among its first words: "In which year did ...".
AUXILIARY_WITHIN = 5
# Anchor words this short ("II", "of") say nothing about who is who.
MIN_ANCHOR = 3
# Where a clause ends: a name after it ("Because of this, Ethelred fled") is no object of the
# preposition before it.
CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-+\s")
# Words that deny the verb after them: "did not say", "instead of crossing", "refused to attend".
NEGATORS = {
    "not", "never", "no", "nor", "neither", "none", "nobody", "nothing", "without", "cannot",
}  # fmt: skip
# Verbs that deny the verb after them: "refused to attend", "failed to reach", "refrained from
# sending".
NEGATING_VERBS = {"refuse", "decline", "fail", "refrain"}
# Negators that deny only as part of a phrase: "instead of crossing", "rather than stay".
NEGATING_BEFORE = {"instead": "of", "rather": "than"}
# Nouns of those verbs, which deny before "to": "NATO's *refusal to* grant Russia guarantees".
NEGATING_NOUNS = {"refusal", "failure"}
# "not only ... but also", "not long after", "No. 2": words after which a negator denies
# nothing.
NOT_DENYING = {"only", "just", "merely", "long", "least", "far"}
# How far before its verb a negator may stand in the same clause: "did not immediately say",
# "instead of crossing", "no U.S. troops were sent" (four words at most). A subordinate clause
# or another verb between them ends its reach: "did not confirm that Milley crossed".
NEGATION_REACH = 4
REACH_ENDS = SUBORDINATORS | {"whether", "but", "and", "or"}
# Words that open a relative or subordinate clause after a noun phrase.
CLAUSE_OPENERS = {"that", "which", "who", "whom", "whose", "where", "when", "while", "after"}
# Words after which a word is a noun, not a verb or adjective: "the talks", "which talks".
BEFORE_A_NOUN = DETERMINERS | {"which", "what", "whose"}
# Words that may stand between a doer and its verb: "Ethelred then fled", "Russia has threatened".
BETWEEN_DOER_AND_VERB = {"also", "then", "later", "thereafter", "initially", "first", "eventually"}


@dataclass(frozen=True)
class Roles:
    """What a question says about who did what: the verb's lemmas, the words that name the
    known party, and whether that party is the doer (``subject``) or the one done to."""

    verbs: frozenset[str]
    anchor: tuple[str, ...]
    subject: bool
    either_side: bool = False  # the question's verb has no object: any order answers it
    by: bool = False  # the doer named after "by" ("What castles were built by the Irish?")


def verb_lemmas(word: str) -> frozenset[str]:
    """The verbs ``word`` can be a form of ("fled": flee); empty for a word no verb takes."""
    forms = word_forms(word)
    return frozenset(forms.get("VERB", ()) + forms.get("AUX", ()))


# Verbs that tell one deed: "How did Serdyukov *characterize* the talks?" is answered, or
# given to someone else, by who "*described*" them.
# ("call" is left out: a phone call is no description.)
SAME_DEEDS = ("describe characterize characterise portray term dub",)
SAME_DEED = {verb: frozenset(group.split()) for group in SAME_DEEDS for verb in group.split()}


def _deed(word: str) -> frozenset[str]:
    """The verbs ``word`` can be a form of, with those that tell the same deed."""
    lemmas = verb_lemmas(word)
    return lemmas.union(*(SAME_DEED.get(v, ()) for v in lemmas))


def nounish(word: str) -> bool:
    """Whether ``word`` can end a noun phrase (a name, a number, a noun, a pronoun)."""
    return (
        word[0].isupper()
        or word[0].isdigit()
        or bool({"NOUN", "PROPN", "PRON"} & word_forms(word).keys())
    )


def _proper(written: list[str], i: int, known: frozenset[str] = frozenset()) -> bool:
    """Whether word ``i`` is a name: capitalised, no month or weekday, and where it opens the
    text (every first word is capitalised) an abbreviation, no word of the dictionary, or a
    word ``known`` as a name from where it is capitalised inside a text ("Residents fled",
    "Senior officials said" name no one; "Gates said" does where "Robert Gates" is known)."""
    word = written[i]
    if i and word.isupper() and REGNAL.fullmatch(word.lower()) and is_name(written[i - 1]):
        return True  # "Alexander I": a ruler's number goes with the name, "I" is no pronoun
    if not is_name(word) or normalize(word) in MONTHS or normalize(word) in WEEKDAYS:
        return False
    if i > 0 or sum(c.isupper() for c in word) > 1 or normalize(word) in known:
        return True
    return not word_forms(word)


# Small words inside a longer name: "Chief of Staff", "Cooperation in Europe", "Saint-Evroul".
NAME_JOINS = {"of", "for", "and", "in", "de", "the"}


def lone_names(text: str) -> list[str]:
    """Names of one word standing alone, as people are named once introduced or where they
    bear one name ("When did Herve serve?"), lower case: not a name's word
    ("Chief of Staff"), an abbreviation ("NATO"), a title, a country, its adjective or its
    capital, a capitalised adjective ("Western", "European") or a name before a noun
    ("Byzantine family"), a word ending in -s (a people:
    "Normans", "Turks"; "Gates" is lost with them), a place ("to Antioch"), nor a word opening
    the text."""
    apart = tokens_with_gaps(text)
    written = [token for token, _ in apart]
    found = []
    for i, (word, gap) in enumerate(apart):
        if not i or not _proper(written, i) or "-" in word or word.isupper():
            continue
        if (not gap and is_name(written[i - 1])) or (
            i + 1 < len(apart) and not apart[i + 1][1] and is_name(written[i + 1])
        ):
            continue  # one word of a longer name
        if i > 1 and not gap and written[i - 1] in NAME_JOINS and is_name(written[i - 2]):
            continue
        if written[i - 1].lower() in PLACE_WORDS:
            continue  # "to Antioch": a place
        low = normalize(word)
        if (
            low in TITLES
            or low in CAPITALS
            or low in SEATS
            or low in DEMONYMS
            or low in DEMONYMS.values()
        ):
            continue
        if "ADJ" in word_forms(low) or low.endswith(("ean", "s")):
            continue
        following = written[i + 1] if i + 1 < len(written) else ""
        forms = set(word_forms(following)) if following[:1].islower() else set()
        # "the Byzantine family", "the Suez route": a modifier of a noun, no one's name (a
        # person is never "the" Gates)
        if forms == {"NOUN"} or ("NOUN" in forms and normalize(written[i - 1]) in DETERMINERS):
            continue
        found.append(low)
    return found


def known_names(texts: Sequence[str]) -> frozenset[str]:
    """The words the texts capitalise where no sentence opens: names, whatever the dictionary
    says ("Gates" in "met Robert Gates")."""
    return frozenset(normalize(w) for text in texts for w in tokens(text)[1:] if is_name(w))


# Words that may open a question before its question word: "*Roughly* how many troops...?"
# ("about" and "around" are prepositions, read as those).
APPROXIMATELY = {"roughly", "approximately", "nearly", "almost", "exactly"}


# What joins a second question to the first: "Who met him, *and* where?"
JOINING = {"and", "or", "but"}


def asked_clause(text: str) -> str:
    """The clause a question asks in, past a phrase or clause of context set before it: "By
    1066, *for how long had England been exporting ...?*", "Having severed them over Crimea,
    *in what year did the Pentagon restore the talks?*", "When the chief phoned about Syria,
    *how long did the call last?*", "After the summit, which was held in Geneva, *what did
    Biden say?*"; the whole question where none is set before it."""
    parts = text.split(",")
    first = [normalize(w) for w in tokens(parts[0])]
    # "When the chief phoned, ...": "when" opens a clause of context, not the question ("When
    # did they meet, ...", "When exactly did they meet, ...")
    subordinate = (
        len(first) > 1 and first[0] == "when" and not set(first[1:AUXILIARY_WITHIN]) & AUXILIARIES
    )
    if len(parts) < 2 or not first or set(first) & QUESTION_WORDS and not subordinate:
        return text  # "Where did Milley meet Gerasimov, who leads the staff?"
    for k in range(len(parts) - 1, 0, -1):
        opening = [normalize(w) for w in tokens(parts[k])[:2]]
        if set(opening) & QUESTION_WORDS and opening[0] not in JOINING:
            return ",".join(parts[k:])
    return text


def question_roles(text: str) -> Roles | None:
    """The roles a question states, or None where its shape names no party with a role."""
    text = asked_clause(text)
    written = tokens(text)
    if len(written) > 1 and normalize(written[0]) in PREPOSITIONS | APPROXIMATELY:
        written = written[1:]  # "In which exclave has NATO threatened ...?", "Roughly how many"
    low = [normalize(t) for t in written]
    if not written or low[0] not in QUESTION_WORDS:
        return None
    inverted = next((i for i, w in enumerate(low[:AUXILIARY_WITHIN]) if w in DO | HAVE | BE), None)
    if inverted is not None:
        if low[inverted] in BE:
            return _passive(written, low, inverted) or _which_was_done(written, low, inverted)
        return _inverted(written, low, inverted)
    return _asks_the_doer(written, low)


# Words that put a question in the future or among plans: "Who will chair...", "would host".
FUTURE = MODALS | {"shall", "expected", "planned", "scheduled", "due", "likely"}
# Words of a plan made before the time it names, asking what was decided then: nouns ("had
# a *timetable* for action in early 2022") and verbs after "be" ("the city *was chosen* as the
# venue for the talks in January 2022"); "What did Russia *propose* in 2022?" asks what
# happened.
PLANNED_NOUNS = frozenset({"plan", "schedule", "timetable", "timeline"})
PLANNED_VERBS = frozenset({"choose", "select", "pick", "slate", "schedule", "plan"})


def asks_what_happened(text: str) -> bool:
    """Whether the question asks in the past tense about what happened ("What was decided...",
    "What came out of..."), not about plans ("Who will chair...", "would host")."""
    written = tokens(text)
    low = [normalize(t) for t in written]
    if FUTURE & (set(low) - {month for month, _ in month_days(text)}):  # "on May 12"
        return False
    if any(PLANNED_NOUNS & noun_lemmas(w) for w in low) or any(
        PLANNED_VERBS & verb_lemmas(w) and _after_be(low, i) for i, w in enumerate(low)
    ):
        return False
    for i, (w, lw) in enumerate(zip(written, low)):
        if lw in {"did", "was", "were", "had"}:
            # "was the meeting to be held", "was to host": the future as it was planned then
            rest = low[i + 1 :]
            planned = rest[:1] == ["to"] or any(
                a == "to" and b == "be" for a, b in zip(rest, rest[1:])
            )
            return not planned
        if lw in AUXILIARIES:
            return False  # "is", "does", "has": the present
        if not w[0].isupper() and _past_form(lw):
            return True
    return False


def _after_be(low: list[str], i: int) -> bool:
    """Whether the word at ``i`` follows a form of "be", past any adverbs ("was *also*
    slated")."""
    j = _past_adverbs(low, i)
    return j >= 0 and low[j] in BE


def _past_adverbs(low: list[str], i: int) -> int:
    """Where the word before ``i`` stands, past any adverbs: "was *also* slated", "came
    *immediately* before"."""
    j = i - 1
    while j > 0 and "ADV" in word_forms(low[j]) and low[j] not in BE:
        j -= 1
    return j


def _past_form(word: str, tag: str = "VBD") -> bool:
    """Whether ``word`` is a verb's past tense (``tag`` "VBN": its past participle)."""
    from bot.answering.lemma_cache import inflection

    return any(word in inflection(lemma, tag) for lemma in verb_lemmas(word))


def _inverted(written: list[str], low: list[str], aux: int) -> Roles | None:
    """ "When did King Harold conquer England?": the words between the auxiliary and the verb
    name the doer."""
    candidates = [
        i
        for i in range(aux + 2, len(written))
        # "did the Irish have an effect": "have" and "do" can be the verb itself
        if low[i] not in PREPOSITIONS | BE | MODALS
        # "did Gen. *Mark* Milley sit down": a capitalised word is part of a name, unless the
        # question capitalises its words anyway ("When Did Russia Invade Ukraine?")
        and (written[i][:1].islower() or _capitalised_throughout(written))
        # the word before the verb, past "been" ("had England *been* exporting")
        and low[(k := i - 1 - _progressive(low, i))] not in PREPOSITIONS
        and nounish(written[k])
        # "did Ash Carter's phone conversation last": what follows a possessive is the thing
        # owned, a noun
        and not written[i - 1].endswith(POSSESSIVE)
        # after "did", the verb's plain form; after "has", its participle
        and (low[i] in verb_lemmas(written[i]) if low[aux] in DO else verb_lemmas(written[i]))
    ]
    # "been building *up* its forces": the verb's particle, no verb of its own
    candidates = [i for i in candidates if not (low[i] in PARTICLE_WORDS and i - 1 in candidates)]
    # A noun that could be a verb ("the Irish culture have an effect"): the verb comes next.
    candidates = [i for i in candidates if i + 1 not in candidates]
    if not candidates:
        return None
    verb = candidates[0]
    end = verb - _progressive(low, verb)  # "had England *been* exporting"
    # "King David I *of* Scotland": an "of" between two names is part of one name
    between = [
        i
        for i in range(aux + 1, end)
        if not (low[i] == "of" and written[i - 1][0].isupper() and written[i + 1][0].isupper())
    ]
    cut = _attached_at(written, low, between, end)
    if {low[i] for i in between if i < cut} & (PREPOSITIONS | AUXILIARIES | SUBORDINATORS):
        return None  # "How long has it been since the council met?": not one simple clause
    doer = tuple(written[i] for i in range(aux + 1, cut) if low[i] not in DETERMINERS)
    if not doer:
        return None
    # "When did the reform begin?" has no object: "the dukes began the reform" answers it
    # (verbs like begin, open, end take the thing begun as subject or object).
    after = low[verb + 1 : verb + 3]
    transitive = bool(after) and (
        after[0] not in PREPOSITIONS
        # "has NATO threatened to deploy missiles": an infinitive is the verb's object too
        or (after[0] == "to" and len(after) > 1 and after[1] in verb_lemmas(after[1]))
    )
    return Roles(_deed(written[verb]), doer, subject=True, either_side=not transitive)


# The adverbs that make a verb of particle, which the dictionary also knows as verbs ("to up
# the ante"): "building *up*", "scaled *back*".
PARTICLE_WORDS = frozenset({"up", "down", "out", "off", "back", "away"})
# Prepositions that attach a place to the noun before them: "the suicide bomber *at* the Kabul
# airport", "the carrier *in* the Mediterranean"; not "of", whose noun names whose it is ("the
# head *of* NATO").
ATTACHING = {"at", "in", "from", "on"}


def _attached_at(written: list[str], low: list[str], between: list[int], end: int) -> int:
    """Where the doer's own words end, before a place attached to its noun ("did the suicide
    bomber *at the Kabul airport* kill"): the first preposition among ``between``, where it
    follows a noun and no other preposition, auxiliary or subordinator comes after it; else
    ``end``."""
    first = next((i for i in between if low[i] in PREPOSITIONS), None)
    if (
        first is None
        or low[first] not in ATTACHING
        or not nounish(written[first - 1])
        or low[first - 1] in DETERMINERS
        or {low[i] for i in between if i > first} & (PREPOSITIONS | AUXILIARIES | SUBORDINATORS)
    ):
        return end
    return first


def _capitalised_throughout(written: list[str]) -> bool:
    """Whether most words are capitalised: a question in title case or in capitals."""
    return sum(w[:1].isupper() for w in written) * 2 > len(written)


def _progressive(low: list[str], verb: int) -> int:
    """1 where a form of "be" stands before an -ing verb ("had been exporting"), else 0."""
    return int(verb > 0 and low[verb].endswith("ing") and low[verb - 1] in BE)


def _passive(written: list[str], low: list[str], aux: int) -> Roles | None:
    """ "What castles were built by the Irish?": the words after "by" name the doer."""
    if "by" not in low[aux + 2 :]:
        return None
    by = low.index("by", aux + 2)
    # up to a clause of its own: "by the drone strike *that the US says was a mistake*"
    # ... and up to a place or time after it: "by the suicide bomber *at* the Kabul airport"
    # ("of" joins a name: "by the Duke of Normandy")
    end = next(
        (
            i
            for i in range(by + 1, len(low))
            if low[i] in CLAUSE_OPENERS or (low[i] in PREPOSITIONS and low[i] != "of")
        ),
        len(low),
    )
    doer = tuple(written[i] for i in range(by + 1, end) if low[i] not in DETERMINERS)
    verb = next((written[i] for i in range(by - 1, aux, -1) if verb_lemmas(written[i])), None)
    if not doer or verb is None:
        return None
    return Roles(_deed(verb), doer, subject=True, by=True)


def _which_was_done(written: list[str], low: list[str], aux: int) -> Roles | None:
    """ "Which Duke of Normandy was killed at Hastings?": the which-phrase names the one done
    to, where a participle follows "was" and no "by" names the doer."""
    if low[0] not in ("which", "what") or aux < 2 or aux + 1 >= len(written):
        return None
    if not _past_form(written[aux + 1], tag="VBN"):
        return None
    done_to = tuple(written[i] for i in range(1, aux) if low[i] not in DETERMINERS)
    return Roles(_deed(written[aux + 1]), done_to, subject=False)


def _asks_the_doer(written: list[str], low: list[str]) -> Roles | None:
    """ "Who replaced the Normans?": the words after the verb, up to a preposition, name the one
    done to."""
    verb = 1
    if low[0] in ("what", "which"):  # "What architecture type came after ...": skip the noun
        while (
            verb < len(written)
            and not verb_lemmas(written[verb])
            and not written[verb][0].isupper()
        ):
            verb += 1
    if verb >= len(written) - 1 or low[verb] in AUXILIARIES:
        return None
    done_to = []
    i = verb + 1
    while i < len(written) and low[i] not in PREPOSITIONS:
        if low[i] not in DETERMINERS:
            done_to.append(written[i])
        i += 1
    # "Who swore fealty *to Rollo*?": a thing done to a named party, who is the one done to
    # ("Who fled to Normandy?" does nothing to Normandy: a thing done must come first.)
    receiving = i + 1 < len(written) and low[i] in RECEIVING
    if receiving and done_to and not any(w[0].isupper() for w in done_to):
        named = _phrase_after(written, low, i + 1)
        if named and named[0][0].isupper():
            done_to = named
    lemmas = _deed(written[verb])
    return Roles(lemmas, tuple(done_to), subject=False) if lemmas and done_to else None


# Prepositions naming who receives a deed: "swore fealty *to* Rollo", "owed homage *to*".
RECEIVING = {"to"}


def _phrase_after(written: list[str], low: list[str], start: int) -> list[str]:
    """The words from ``start`` up to the next preposition (an "of" between names kept: "the
    Dukes of Normandy"), determiners left out."""
    found = []
    for i in range(start, len(written)):
        joins = low[i] == "of" and found and i + 1 < len(written) and written[i + 1][0].isupper()
        if low[i] in PREPOSITIONS and not joins:
            break
        if low[i] not in DETERMINERS:
            found.append(written[i])
    return found


def _inflected_verb(written: list[str], i: int) -> bool:
    """Whether word ``i`` is a verb's participle or past form: "had" before it is a helper."""
    if i >= len(written):
        return False
    word = normalize(written[i])
    lemmas = verb_lemmas(word)
    return bool(lemmas) and word not in lemmas


def _uses(roles: Roles, written: list[str], low: list[str]) -> list[int]:
    """Where the sentence uses the question's verb as a verb."""
    return [
        i
        for i, w in enumerate(written)
        if verb_lemmas(w) & roles.verbs
        and not (low[i] in AUXILIARIES and _inflected_verb(written, i + 1))
        # "the meeting", "a Conquest": the verb's word used as a noun or a name
        and not (i and (low[i - 1] in DETERMINERS or w[0].isupper()))
        # "the first meeting of", "encouraging reform": an -ing word is a verb with a
        # doer only after a form of "be", or where it opens a clause after a name, its doer
        # the sentence's ("William conquered England killing King Harold")
        and (not low[i].endswith("ing") or (i and low[i - 1] in BE) or _participle(written, i))
    ]


def _participle(written: list[str], i: int) -> bool:
    """Whether the -ing word ``i`` follows a name (not the sentence's first word) and comes
    before what it is done to: a name, a number or a determiner."""
    if i < 2 or i + 1 >= len(written) or not written[i - 1][0].isupper():
        return False
    after = written[i + 1]
    return after[0].isupper() or after[0].isdigit() or after.lower() in DETERMINERS


def _heads(roles: Roles) -> list[str]:
    return [normalize(w) for w in roles.anchor if len(normalize(w)) >= MIN_ANCHOR]


def swapped(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the sentences use the question's verb with its party only in the other role: no
    sentence has the party where the question puts it, and at least one has both. Not for a
    verb of order: "A precedes B" says "B succeeds A" (``order_reversed`` reads those)."""
    if roles.either_side or roles.verbs & ORDER_VERBS.keys():
        return False
    # The party is named by its head, the last word of its phrase ("the Irish culture": a
    # culture; "American commanders" are not every American).
    heads = _heads(roles)
    if not heads or {"and", "or", "with"} & set(heads):
        # "Where did the Normans and Byzantines sign the treaty?": parties acting together,
        # which a sentence may give as "Bohemond signed a treaty with the Byzantines"
        return False
    anchor = {heads[-1]}
    found = False
    for sentence in sentences:
        written = tokens(sentence)
        low = [normalize(t) for t in written]
        at = [i for i, w in enumerate(low) if w in anchor]
        uses = _uses(roles, written, low)
        if not at or not uses:
            continue
        found = True
        for verb in uses:
            # "was conquered by": a participle after a form of "be" ("is meeting" is active)
            passive = (
                _used_passively(written, low, verb)
                and low[verb] not in roles.verbs
                and not low[verb].endswith("ing")
            )
            doer_first = roles.subject != passive
            if any((i < verb) == doer_first for i in at):
                return False
    return found


def _used_passively(written: list[str], low: list[str], verb: int) -> bool:
    """Whether the verb at ``verb`` is used as a passive: after a form of "be" ("was conquered
    by"), or as a past participle in a reduced clause, after a common noun and before "by" and
    its doer ("a vaccine *developed by* Halmstrand", "trains *built by* the Swiss firm"); not
    "Labour *won by* a landslide" (a name before it) nor "invaded *by sea*", "rose *by 5*"."""
    if any(w in BE for w in low[max(0, verb - 2) : verb]):
        return True
    if verb < 1 or low[verb + 1 : verb + 2] != ["by"] or not _past_form(low[verb], "VBN"):
        return False
    doer = written[verb + 2 : verb + 3]
    return (
        written[verb - 1][:1].islower()
        and bool(doer)
        and (doer[0][:1].isupper() or doer[0].lower() in ARTICLES)
    )


def _named_doer(
    written: list[str], low: list[str], verb: int, known: frozenset[str] = frozenset()
) -> list[str] | None:
    """The name right before an active verb, its doer ("Ethelred fled"), or None where the
    doer is no name, is one of several, or the name sits in a phrase of its own ("the monks of
    Saint-Evroul fled", "Austin on Tuesday ordered")."""
    i = verb - 1 - _progressive(low, verb)  # "Normandy had *been* exporting"
    while i >= 0 and (low[i] in BETWEEN_DOER_AND_VERB or low[i] in AUXILIARIES - BE):
        i -= 1
    if i < 0 or not _proper(written, i, known):
        return None
    start = i
    while start > 0 and _proper(written, start - 1, known):
        start -= 1
    before = next((w for w in reversed(low[:start]) if w not in DETERMINERS), None)
    if before in PREPOSITIONS or before in ("and", "or"):
        return None
    return low[start : i + 1]


def named_doer_heads(roles: Roles) -> list[str]:
    """The words naming the question's doer, where it names one party by name as the doer;
    empty otherwise: parties acting together ("the Normans and Byzantines"), or a doer named
    by a common noun ("When did the president sign it?": "Biden signed it" may answer)."""
    heads = _heads(roles)
    if not roles.subject or not heads or {"and", "or", "with"} & set(heads):
        return []
    return heads if roles.anchor[-1][:1].isupper() else []


def _clauses(sentences: Sequence[str]) -> Iterator[tuple[list[str], list[str]]]:
    """The sentences clause by clause, each as its words written and normalised, so that
    "Because of this, Ethelred fled" puts no "of" before him."""
    for sentence in sentences:
        for clause in CLAUSE_BREAK.split(sentence):
            written = tokens(clause)
            yield written, [normalize(t) for t in written]


def _opening_name(written: list[str], known: frozenset[str]) -> list[str] | None:
    """The name a sentence opens with, as its subject ("*The Normans* settled"), where a verb
    follows it; None otherwise."""
    i = 1 if written and written[0].lower() in DETERMINERS else 0
    start = i
    while i < len(written) and _proper(written, i, known):
        i += 1
    if i == start or i >= len(written) or not verb_lemmas(written[i]):
        return None
    return [normalize(w) for w in written[start:i]]


def _coordinated(low: list[str], verb: int) -> bool:
    """Whether the verb opens its clause after "and" (adverbs between): "and also built", its
    subject the sentence's."""
    before = [w for w in low[:verb] if w not in BETWEEN_DOER_AND_VERB]
    return before == ["and"]


def done_by_another(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the sentences give the question's deed to someone else by name and never name
    the question's doer with it: "When did Richard II flee to Normandy?" against "Ethelred fled
    to Normandy in 1013" (SQuAD 2.0's swapped entity, in the doer's place). The doer named
    in another clause is not with it: "Who did King David marry?" against "King David, whose
    elder brother Alexander I had married Sybilla, ..."."""
    heads = named_doer_heads(roles)
    if not heads:
        return False

    def names_the_doer(written: list[str], placed: bool = True) -> bool:
        """``placed``: counting a name after a preposition ("in the east *of Ireland*")."""
        named = [
            normalize(w)
            for i, w in enumerate(written)
            if w[0].isupper()  # "us" is no country
            and (placed or not (i and written[i - 1].lower() in PREPOSITIONS))
        ]
        return any(same_party(head, w) for head in heads for w in named)

    another = False
    known = known_names(sentences)
    for sentence in sentences:
        written = tokens(sentence)
        if not _uses(roles, written, [normalize(t) for t in written]):
            continue
        # the doer named outside the verb's clause, where a doer can stand: "The Normans
        # settled in the east of Ireland, and built castles" names no Irish builder
        elsewhere = names_the_doer(written, placed=False)
        opening = _opening_name(written, known)
        for written, low in _clauses([sentence]):
            for verb in _uses(roles, written, low):
                passive = _used_passively(written, low, verb) and not _progressive(low, verb)
                doer = None if passive else _named_doer(written, low, verb, known)
                # the doer is there (``swapped`` tells its role), unless another is named
                # right before the active verb and the question's only after it ("The United
                # States has flown planes ... to monitor *Russian* deployments")
                if names_the_doer(written[:verb] if doer else written):
                    return False
                if doer is None and not passive and opening and _coordinated(low, verb):
                    # "The Normans settled ..., and also built castles"
                    if any(same_party(head, w) for head in heads for w in opening):
                        return False
                    doer = opening
                if doer is None and elsewhere:
                    return False  # the verb's doer may be the one named outside its clause
                another = another or doer is not None
    return another


# How many words a noun phrase after a preposition may run to its noun: "by *the two senior*
# judges", "to *their own training* bases".
PHRASE_REACH = 4
# How many words after a passive verb its "by" may come: "transcribed in two customaries in
# Latin by two judges".
AGENT_REACH = 8


def _agent_head(written: list[str], by: int) -> str | None:
    """The noun heading the phrase after "by" at ``by``, as its lemma, where it is a common
    noun ("by two *judges*"); None for a name or no noun."""
    head = None
    for word in written[by + 1 : by + PHRASE_REACH + 1]:
        if not word[0].islower():
            return None  # a name: ``done_by_another`` reads those
        low = normalize(word)
        if low in DETERMINERS or low.isdigit() or re.fullmatch(NUMBER_WORD, low):
            continue
        nouns = noun_lemmas(word)
        if not nouns:
            break
        head = min(nouns)
    return head


def by_another_kind(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether a passive question names its doer by a common noun ("transcribed by two
    *bishops*") and the sentences give the deed, passive too, only to doers of another kind
    ("transcribed ... by two *judges*"): SQuAD 2.0's swapped entity, unnamed."""
    if not roles.by or not roles.anchor[-1][0].islower():
        return False
    asked = noun_lemmas(roles.anchor[-1])
    if not asked:
        return False
    other = False
    for written, low in _clauses(sentences):
        for verb in _uses(roles, written, low):
            for by in range(verb + 1, min(len(low), verb + AGENT_REACH + 1)):
                if low[by] != "by":
                    continue
                head = _agent_head(written, by)
                if head in asked or (head and any(same_things(head, a) for a in asked)):
                    return False  # "by two judges"; "by soldiers" for "by the troops"
                other = other or head is not None
                break
    return other


def of_another_nation(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the question's doer is people of a nation ("do *Ukrainian officials*
    estimate") and the sentences give its verb only to the same people of another ("that *US
    officials* estimate"): SQuAD 2.0's swapped entity, for a nationality."""
    if not roles.subject or len(roles.anchor) < 2 or not roles.anchor[-1][:1].islower():
        return False
    head = normalize(roles.anchor[-1])
    nations = [normalize(w) for w in roles.anchor[:-1] if _a_nation(normalize(w))]
    if not nations:
        return False
    other = False
    for written, low in _clauses(sentences):
        for verb in _uses(roles, written, low):
            if verb < 2 or low[verb - 1] != head or not _a_nation(low[verb - 2]):
                continue
            if any(same_party(n, low[verb - 2]) for n in nations):
                return False
            other = True
    return other


def _a_nation(word: str) -> bool:
    """Whether ``word`` names a country or its people: "Ukrainian", "US", "Russia"."""
    return word in DEMONYMS or word in DEMONYMS.values() or len(country_forms(word)[1]) > 0


def doer_left_out(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the sentences never name the question's doer, in any form, and tell of deeds
    of other named parties: "In what year did *Kyrgyzstan* insist...?" against "*Uzbekistan*
    ordered the base closed in 2005" (SQuAD 2.0's swapped entity, with the verb changed too,
    which ``done_by_another`` needs kept). The party analogue of a story told of other
    people."""
    heads = named_doer_heads(roles)
    if not heads:
        return False
    named = [n for s in sentences for n in names(s)]
    named += [f"{a} {b}" for a, b in zip(named, named[1:])]  # "United States"
    if any(same_party(head, w) for head in heads for w in named):
        return False
    known = known_names(sentences)
    for written, low in _clauses(sentences):
        for i, w in enumerate(written):
            if not w[0].islower() or low[i] in AUXILIARIES or not verb_lemmas(w):
                continue
            if i and low[i - 1] in DETERMINERS:
                continue
            if _named_doer(written, low, i, known) is not None:
                return True
    return False


def _owned(text: str, first: int = 0) -> list[tuple[str, frozenset[str]]]:
    """The things ``text`` gives a named owner or kind, as (name, the noun's lemmas): "Russian
    defense minister" gives ("russian", {"defense"}), "the identity of the Normans" gives
    ("normans", {"identity"}); words from ``first`` on. Clause by clause: "McKenzie, head of
    the command" gives McKenzie no head."""
    found = []
    for n, clause in enumerate(CLAUSE_BREAK.split(text)):
        written = tokens(clause)
        for i in range(first if n == 0 else 0, len(written)):
            if not _proper(written, i):
                continue
            after = written[i + 1] if i + 1 < len(written) else ""
            if noun := noun_lemmas(after):
                found.append((normalize(written[i]), noun))
            # "NOUN of (the) NAME", the name one word ("the head of the US Central Command"
            # is the command's, not the country's) and no possessive ("the leader of
            # Russia's team"); not after an action ("the invasion of Ukraine" is done to it)
            if after[:1].isupper() or written[i].endswith(POSSESSIVE):
                continue
            for gap in (["of"], ["of", "the"]):
                j = i - len(gap) - 1
                if j >= 0 and [w.lower() for w in written[j + 1 : i]] == gap:
                    if not _action(written[j]) and (noun := noun_lemmas(written[j])):
                        found.append((normalize(written[i]), noun))
    return found


# Endings of nouns that name an action (invasion, deployment, withdrawal, seizure): "of"
# after them names what is acted on, not who acts.
ACTION_ENDINGS = ("ion", "ions", "ment", "ments", "al", "als", "ure", "ures", "ance", "ence")


def _action(noun: str) -> bool:
    return noun.lower().endswith(ACTION_ENDINGS)


def noun_lemmas(word: str) -> frozenset[str]:
    """The nouns a lower-case ``word`` can be a form of; empty for any other word."""
    if not word[:1].islower() or word in NOT_NAMES:
        return frozenset()
    return frozenset(word_forms(word).get("NOUN", ()))


def of_another_party(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences give the question's thing to another named party and never name
    the question's: "Which Russian defense minister did Austin speak with?" against "U.S.
    defense officials said" (SQuAD 2.0's swapped entity, as a modifier). A country's adjective
    and capital name the country ("Moscow", "Russian")."""
    named = [normalize(w) for s in sentences for w in tokens(s) if w[0].isupper()]
    asked = _owned(question, first=1)  # the first word is capitalised anyway
    given = [owned for s in sentences for owned in _owned(s)]
    for name, nouns in asked:
        if regional(name) or any(same_party(name, w) for w in named):
            continue  # "Which Nordic capital?" against "the Finnish capital"
        # Another party: not one the question also gives the thing to
        others = [o for o, theirs in given if nouns & theirs and not same_party(name, o)]
        if any(not any(same_party(o, a) for a, _ in asked) for o in others):
            return True
    return False


def _possessive(owner: str, sentence: str) -> bool:
    """Whether ``sentence`` writes the (normalised) ``owner`` as a possessive: "Russia's"."""
    return re.search(rf"\b{re.escape(owner)}['’]s\b", sentence, re.IGNORECASE) is not None


def named_deed_of_another(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the sentences give the question's deed, by its noun, only to another named
    party: "In which country did the United States propose a radar station?" against
    "Russia's proposal to use a joint radar station in Azerbaijan" (the deed's noun shares
    the verb's stem: proposal, invitation, request). A sentence using the verb itself is
    left to ``swapped`` and ``done_by_another``."""
    heads = named_doer_heads(roles)
    if not heads:
        return False
    verb_stems = set().union(*(stems(v) for v in roles.verbs))
    another = False
    for sentence in sentences:
        written = tokens(sentence)
        if _uses(roles, written, [normalize(t) for t in written]):
            return False
        for owner, nouns in _owned(sentence):
            if not any(stems(n) & verb_stems for n in nouns):
                continue
            if any(n.endswith("ing") for n in nouns) and not _possessive(owner, sentence):
                continue  # "conquered England killing King Harold": a verb, not England's
            if any(same_party(owner, head) for head in heads):
                return False  # the question's party's own proposal
            another = True
    return another


# Verbs of opposite meaning, a general table of news verbs (each pair both ways): a sentence
# that says the opposite of the question's verb, and never the verb, answers another question
# ("In what year did Uzbekistan *reopen* the base?" against "ordered the base *closed* in
# 2005").
# Converses, one deed told from its two sides, are left out ("sold the rights to Enrique"
# answers "Who bought the rights?"): buy and sell, lend and borrow, win and lose. Killing and
# wounding are counted apart in every casualty report: a count of the killed is none of the
# wounded.
OPPOSITES = """open:close reopen:close restore:sever resume:suspend resume:halt widen:narrow
    start:stop start:end begin:end begin:stop withdraw:deploy withdraw:send deploy:remove
    arrive:leave arrive:depart enter:leave enter:exit join:leave accept:reject
    accept:refuse approve:reject allow:ban allow:forbid allow:prohibit permit:ban lift:impose
    increase:decrease increase:reduce raise:lower rise:fall rise:drop
    build:destroy build:demolish create:abolish appoint:dismiss appoint:fire
    hire:fire hire:dismiss advance:retreat expand:shrink expand:reduce
    strengthen:weaken welcome:oppose welcome:reject support:oppose agree:disagree agree:refuse
    confirm:deny admit:deny succeed:fail include:exclude send:recall release:arrest
    release:detain free:capture acquit:convict unite:divide ease:tighten
    abandon:keep abandon:pursue remember:forget sign:reject lease:vacate kill:wound
    kill:injure"""
# Changes of extent, and of an amount, up and down: every verb of one class says the opposite
# of every verb of the other, within reach of a word of the question (``AMOUNT_REACH``), with
# the verbs of particle that tell one ("stepped up", "cut back"): "agreed to *scale back* its
# mission" against "to *widen* its training mission"; for a question that asks an amount
# (``AMOUNT_ASKED``), the verbs of amount too ("By how much did the dollar *rise*?" against "the
# dollar *slipped* 0.4 per cent"). Only there: "gain control" or "raise the alarm" change no
# amount. "cut" is among them, though its past is spelt as its present: a sentence tells it
# after "had" or a modal ("had cut its budget"). "decline" is not: "declined to comment".
MORE_EXTENT = frozenset("expand widen extend broaden scale_up step_up ramp_up build_up".split())
LESS_EXTENT = frozenset(
    """narrow shrink reduce curtail scale_back scale_down cut_back cut_down wind_down roll_back
    draw_down pare_back ramp_down""".split()
)
MORE = MORE_EXTENT | frozenset(
    """increase raise rise grow boost strengthen double triple gain climb jump soar surge
    drive_up push_up""".split()
)
LESS = LESS_EXTENT | frozenset(
    """decrease lower fall drop cut slash weaken halve dip slip sink slump tumble plunge
    drive_down""".split()
)
AMOUNT_ASKED = re.compile(
    r"\b(?:how\s+(?:much|many|far|high|low|large|big|long)|by\s+how|to\s+what|"
    r"what\s+(?:percentage|share|rate|level|proportion|amount|figure))\b",
    re.IGNORECASE,
)


def _both_ways(pairs: str) -> dict[str, set[str]]:
    """A table of "one:other" pairs, read both ways."""
    table: dict[str, set[str]] = {}
    for pair in pairs.split():
        one, other = pair.split(":")
        table.setdefault(one, set()).add(other)
        table.setdefault(other, set()).add(one)
    return table


def _across(up: frozenset[str], down: frozenset[str]) -> dict[str, set[str]]:
    """Every verb of each class against every verb of the other."""
    return {verb: set(down) for verb in up} | {verb: set(up) for verb in down}


OPPOSITE = _both_ways(OPPOSITES)
OPPOSITE_EXTENT = _across(MORE_EXTENT, LESS_EXTENT)
OPPOSITE_AMOUNT = _across(MORE, LESS)
# How many words from a verb of the classes a noun of the question must stand for the change
# to be of the question's amount: "the New Zealand *dollar slipped*", "had *cut* its bridge
# maintenance *budget*".
AMOUNT_REACH = 4


# Adjectives that state a verb's deed: "the *successful* siege" says the siege succeeded,
# "was *unacceptable*" that it was rejected.
VERB_OF_ADJECTIVE = {
    "successful": frozenset({"succeed"}),
    "unsuccessful": frozenset({"fail"}),
    "unacceptable": frozenset({"reject"}),
    "acceptable": frozenset({"accept"}),
}


def _with_particles(low: list[str], i: int, lemmas: frozenset[str]) -> frozenset[str]:
    """``lemmas`` and the verbs of particle they make with the next word ("scaled back":
    scale_back)."""
    after = low[i + 1] if i + 1 < len(low) else ""
    return lemmas | frozenset(f"{verb}_{after}" for verb in lemmas) & OPPOSITE_AMOUNT.keys()


def _deeds_told(text: str) -> tuple[set[str], set[str]]:
    """The deeds a question tells by its verbs (with their particles: scale_back) and by nouns
    of deeds ("the *withdrawal*")."""
    written = tokens(text)
    low = [normalize(t) for t in written]
    verbs = set().union(
        *(_with_particles(low, i, v) for i, v in _predicates_used(written, 1).items())
    )
    return verbs, set().union(*(deeds(w) for w in low[1:] if w[:1].islower())) - verbs


def says_the_opposite(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences use, for a verb of the question, only a verb of opposite meaning
    (``OPPOSITES``, ``MORE_EXTENT`` and ``LESS_EXTENT``; for an amount, ``MORE`` and ``LESS``),
    written as a verb ("closed", "severed", "could suspend", "had cut"), and never the verb
    itself, nor one that says the same ("fell" for "drop"). A question asking by a noun of a
    deed ("call for the *withdrawal*") is answered otherwise by a noun of the opposite one
    ("envisions the *deployment*"); a verb against a noun may tell of two deeds ("resumed
    operations three months after its *closure*")."""
    amount = AMOUNT_ASKED.search(question) is not None
    classes = OPPOSITE_AMOUNT if amount else OPPOSITE_EXTENT
    opposite = {**OPPOSITE, **classes}
    # "Having severed them, when did the Pentagon restore them?" asks of the restoring: the
    # severing is what the question takes as told, and a sentence telling only it does not
    # answer
    verbs, nouns = _deeds_told(asked_clause(question))
    # a deed whose opposite the asked clause tells too is not asked against it: "the
    # destruction of many buildings"
    mine = verbs | nouns
    written = tokens(question)
    low = [normalize(t) for t in written]
    asked = {
        (v, by_noun)
        for by_noun, found in ((False, verbs), (True, nouns))
        for v in found & opposite.keys()
        if not opposite[v] & mine
    }
    if not asked:
        return False
    used: set[str] = set()
    inflected: set[str] = set()
    named: set[str] = set()
    # what the question's amount is of: its words but the small ones and the verbs of change
    small = AUXILIARIES | PREPOSITIONS | DETERMINERS | QUESTION_WORDS | QUANTIFIERS | {"much"}
    things = set(low[1:]) - small - MORE - LESS
    for sentence in sentences:
        said = tokens(_roads(sentence)[0])  # "rather than burns or *injuries*" tells none
        said_low = [normalize(t) for t in said]
        for i, word in enumerate(said):
            if not word[0].islower():
                continue
            lemmas = _with_particles(
                said_low, i, verb_lemmas(word) | VERB_OF_ADJECTIVE.get(said_low[i], frozenset())
            )
            used |= lemmas  # "which started in 2003" uses "start"
            if not things & set(said_low[max(i - AMOUNT_REACH, 0) : i + AMOUNT_REACH + 1]):
                # a change of another amount: "cut 3,000 jobs even as its *profits climbed*"
                lemmas -= classes.keys() - OPPOSITE.keys()
            # "closed", "agreed *to widen*", "could *suspend*", "had *cut*", not "close to the
            # border"
            if said_low[i] not in lemmas or (i and said_low[i - 1] in MODALS | HAVE | {"to"}):
                inflected |= lemmas
            else:  # "fell" is the past of "fall" too, not only the plain form of "to fell"
                inflected |= lemmas - {said_low[i]}
            told = deeds(said_low[i]) - lemmas  # "envisions the *deployment*"
            used |= told
            named |= told
    kinds = (MORE, LESS) if amount else (MORE_EXTENT, LESS_EXTENT)
    return any(
        # the verbs that say what the question's says: its class ("fell" says "drop")
        not (next((k for k in kinds if verb in k), {verb}) & used)
        and opposite[verb] & (named if by_noun else inflected)
        for verb, by_noun in asked
    )


# Deeds of a kind that only a word of their kind tells. Undoing (giving up, taking away or
# ending what was there): a question that asks of one ("How many jets did Russia *pull
# out*?") is answered only by a sentence that tells of an undoing; one that tells only of the
# thing being there ("Russia *has moved* four jets to the airfield") answers another question.
# Travel verbs ("leave for Paris") are left out of the asked verbs, their answers being
# written as any journey; a sentence's own leaving counts. Succession: "Who *replaced*
# McKenzie?" is answered by a successor, an appointment or someone who became something.
@dataclass(frozen=True)
class DeedKind:
    asked: frozenset[str]  # the verbs a question asks the kind with
    told: frozenset[str]  # the words (verbs, nouns) a sentence tells it with
    particles: dict[str, set[str]]  # verbs of the kind with a particle: "pull back"
    # nouns the question must name for the kind to apply (none: any question with its verbs)
    about: frozenset[str] = frozenset()


UNDOING = frozenset(
    """withdraw abandon cancel scrap retire resign quit evacuate vacate remove expel oust
    dismiss close shut suspend halt terminate revoke rescind dismantle disband relinquish
    surrender capitulate""".split()
)
DEED_KINDS = (
    DeedKind(
        UNDOING,
        UNDOING
        | frozenset(
            """leave depart exit return recall end stop drop lose sever conclude finish cede
            withdrawal removal cancellation retirement resignation departure evacuation
            retreat expulsion closure shutdown suspension termination exit successor""".split()
        ),
        {
            "pull": {"back", "out", "away", "off"},
            "give": {"up"},
            "step": {"down", "aside"},
            "back": {"out", "down", "away"},
            "move": {"out"},
            "cut": {"off"},
            "break": {"off"},
            "turn": {"back"},
            "call": {"off"},
        },
    ),
    DeedKind(
        frozenset({"replace", "succeed"}),
        frozenset(
            """replace replacement succeed successor succession predecessor appoint
            appointment nominate nomination name become new seize capture conquer
            control""".split()  # "took over" a country: seized it
        ),
        {"take": {"over"}},
    ),
    # a translation is told as one: writing or transcribing a text in a language is none
    DeedKind(frozenset({"translate"}), frozenset({"translate", "translation", "translator"}), {}),
    # an answer to an invitation or an offer is told as one: being invited answers nothing
    # ("Why did prices decline?" or "Who rejected the plan?" ask no such answer)
    DeedKind(
        frozenset({"accept", "decline", "reject", "refuse"}),
        frozenset(
            """accept acceptance decline reject rejection refuse refusal agree boycott snub
            attend""".split()
        ),
        {"turn": {"down"}},
        frozenset({"invitation", "offer", "proposal", "request"}),
    ),
)


# Words from a verb to its particle: "pulled *four jets* out".
PARTICLE_REACH = 3


def _of_kind(low: list[str], i: int, words: frozenset[str], kind: DeedKind) -> bool:
    lemmas = verb_lemmas(low[i]) | noun_lemmas(low[i]) | {low[i]}
    if lemmas & words:
        # "succeeded in taking Bari", "did the siege succeed?" are managing to, no succession
        return not ("succeed" in lemmas & words and low[i + 1 : i + 2] in (["in"], []))
    particles = set().union(*(kind.particles.get(v, set()) for v in lemmas))
    for word in low[i + 1 : i + PARTICLE_REACH + 2]:  # "pulled back", "pulled four jets out"
        if word in particles:
            return True
        if word in PREPOSITIONS or word in ("and", "or"):
            return False  # "move troops in and out": the particle of another phrase
    return False


def deed_unsaid(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question's verb is of a kind of ``DEED_KINDS`` (an undoing: "withdrawn",
    "abandon", "pulled back"; a succession: "replaced") and no sentence tells of a deed of
    that kind."""
    written = tokens(question)
    low = [normalize(t) for t in written]
    asked = [
        i
        for i in _predicates_used(written, first=1)
        # "massed close to Ukraine": an adjective before "to" undoes nothing
        if not (low[i + 1 : i + 2] == ["to"] and word_forms(low[i]).get("ADJ"))
    ]
    said = [[normalize(t) for t in tokens(sentence)] for sentence in sentences]
    named = set().union(*(noun_lemmas(w) for w in low))
    return any(
        (not kind.about or kind.about & named)
        and any(_of_kind(low, i, kind.asked, kind) for i in asked)
        and not any(_of_kind(w, i, kind.told, kind) for w in said for i in range(len(w)))
        for kind in DEED_KINDS
    )


# Modifiers of opposite meaning: "the *first* Norman general" is not "the *last* one", what
# happened "*after* Rollo's arrival" not what did "*before* Rollo's arrival".
MODIFIER_OPPOSITES = """before:after first:last northern:southern eastern:western
    north:south east:west upper:lower largest:smallest biggest:smallest highest:lowest
    earliest:latest
    oldest:youngest eldest:youngest elder:younger older:younger early:late major:minor
    maximum:minimum longest:shortest inner:outer"""
MODIFIER_OPPOSITE = _both_ways(MODIFIER_OPPOSITES)


# Modifiers written in two words, as their one-word kin: "*subsequent to* the Conquest".
MODIFIER_PHRASES = {("subsequent", "to"): "after", ("prior", "to"): "before"}


# How many words the phrase a modifier modifies may run to its head: "the *Norman Conquest*".
MODIFIED_REACH = 3


def _modified(text: str) -> set[tuple[str, str]]:
    """Each (modifier of ``MODIFIER_OPPOSITES``, the head of the phrase it modifies) the text
    gives, past a determiner, within its clause: "before the Norman Conquest" and "after the
    conquest of England" give (before, conquest) and (after, conquest)."""
    found = set()
    for clause in CLAUSE_BREAK.split(text):
        written = tokens(clause)
        low = [normalize(t) for t in written]
        for i, w in enumerate(low):
            if (w, low[i + 1] if i + 1 < len(low) else "") in MODIFIER_PHRASES:
                w, i = MODIFIER_PHRASES[(w, low[i + 1])], i + 1
            if w in MODIFIER_OPPOSITE and (head := _phrase_head(written, low, i + 1)):
                found.add((w, head))
    return found


def _phrase_head(written: list[str], low: list[str], start: int) -> str | None:
    """The head of the noun phrase from ``start``: its last name or noun, past determiners,
    before a preposition, a verb or a name after a noun ("his elder brother Alexander")."""
    phrase = [k for k in range(start, len(low)) if low[k] not in DETERMINERS]
    head = None
    for k in phrase[:MODIFIED_REACH]:
        if low[k] in PREPOSITIONS or low[k] in AUXILIARIES or low[k] in QUESTION_WORDS:
            break
        if not written[k][0].isupper() and "NOUN" not in word_forms(low[k]):
            break
        if head is not None and written[k][0].isupper() and not written[k - 1][0].isupper():
            break
        head = low[k]
    if head is None and phrase:
        return low[phrase[0]]  # "the first to arrive": whatever comes next
    return head


def modified_the_opposite(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences give what the question modifies ("the *younger* brother") only
    with the opposite modifier ("his *elder* brother"), and never as asked."""
    asked = _modified(question)
    if not asked:
        return False
    pairs = {pair for s in sentences for pair in _modified(s)}
    return any(
        (w, noun) not in pairs and any((o, noun) in pairs for o in MODIFIER_OPPOSITE[w])
        for w, noun in asked
    )


# The parts of a place by the compass, as written ("the north-east", "northeastern").
COMPASS = re.compile(
    r"\b(north|south)?-?(east|west)?(?:ern)?\b(?:\s+(?:part|region|coast))?"
    r"(?:\s+of(?:\s+the)?)?(?=\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)


def _compass_parts(text: str) -> set[tuple[str, str]]:
    """Each (compass direction, the place it divides) the text gives: "the northwest of
    Ireland", "northwestern Ireland" and "north-west Ireland" give (northwest, ireland)."""
    found = set()
    for m in COMPASS.finditer(text):
        # written in lower case: "South Korea", "the North Atlantic" are names of their own
        if not (m.group(1) or m.group(2)) or not m.group(0)[:1].islower():
            continue
        place = tokens(text[m.end() :])[:1]
        if place and is_name(place[0]):
            found.add(
                ((m.group(1) or "").lower() + (m.group(2) or "").lower(), normalize(place[0]))
            )
    return found


def compass_otherwise(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question places what it asks in one part of a place ("common in the
    *northwest* of Ireland") and the sentences name that place's parts only by other
    directions ("the *southeast* of Ireland"): SQuAD 2.0's changed place."""
    asked = _compass_parts(question)
    if not asked:
        return False
    said = {pair for s in sentences for pair in _compass_parts(s)}
    return any((d, place) not in said and any(p == place for _, p in said) for d, place in asked)


# Endings of a people's or a language's adjective not in ``DEMONYMS``: Norman, Byzantine,
# Anglo-Saxon's Saxon, Frankish, Lombard's neighbours Maltese and Slavic.
PEOPLE_ENDINGS = ("an", "ian", "ish", "ese", "ine", "ic")


def peoples_adjective(word: str) -> bool:
    """Whether a written word is a people's adjective: "French", "Byzantine", "Anglo-Norman"."""
    low = normalize(word)
    # a country before a noun is its people's too: "the Afghanistan military"
    return word[:1].isupper() and (low in DEMONYMS or low.endswith(PEOPLE_ENDINGS))


def _peoples_things(written: list[str], owners: bool = False) -> list[tuple[str, str]]:
    """Each (people's adjective, the noun it modifies) the words give, the noun as the last of
    the lower-case nouns that follow, as its lemma ("Syrian air bases" gives base), passing
    words that are adjectives too ("Russian military buildup" gives buildup); a possessive
    name's too with ``owners``, past the names after it ("Syria's Mediterranean port" gives
    (syria, port))."""
    found = []
    for i in range(len(written) - 1):
        possessive = written[i].endswith(POSSESSIVE)
        if possessive and not (owners and written[i][0].isupper()):
            continue
        if not possessive and not peoples_adjective(written[i]):
            continue
        after = written[i + 1 :]
        if possessive:  # "Syria's Mediterranean port" is Syria's port
            after = after[next((k for k, w in enumerate(after) if w[0].islower()), len(after)) :]
        head, modifier = None, False
        for word in after:
            forms = word_forms(normalize(word)) if word[0].islower() else {}
            if "NOUN" not in forms:
                break
            # "Russian military buildup": a word that is an adjective too is the head only
            # where the nouns end ("a Byzantine general was"), or after another such word
            # ("the Russian military chief"); an adverb never ("word first")
            if "ADV" in forms or ("ADJ" in forms and head is not None and not modifier):
                continue
            head, modifier = min(forms["NOUN"]), "ADJ" in forms
        if head is not None:
            found.append((normalize(written[i]), head))
    return found


def of_another_people(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences give the thing the question names with a people's adjective
    ("a *Norman* general", "the *English* words") only with another people's ("to serve as a
    *Byzantine* general", "comes from the *French* words"): SQuAD 2.0's swapped entity, as a
    modifier. A people the question gives the same thing to is no other people."""
    written = tokens(question)
    asked = _peoples_things(written[1:])
    if not asked:
        return False
    said = [
        pair
        for s in sentences
        for clause in CLAUSE_BREAK.split(s)  # "Norman words, such as baron"
        for pair in _peoples_things(tokens(clause), owners=True)
    ]
    for people, noun in asked:
        given = [p for p, n in said if n == noun]
        if regional(people) or any(same_party(people, p) for p in given):
            continue
        also_asked = [q for q, n in asked if n == noun]  # "the Russian and the US generals"
        if any(not any(same_party(p, q) for q in also_asked) for p in given):
            return True
    return False


# A deed suffered in or by an event the question names: "were killed *in the suicide bombing*".
SUFFERED_IN = re.compile(
    r"\b(?:(?:was|were|been|being)\s+([a-z]+)|(died|perished))\s+(?:in|by|during)\s+"
    r"(?:the|a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?([a-z]+)(?=\s+(?:at|in|on|near|of|outside|that|which)\b|\s*\?|$)"
)
# To die in an event is to be killed by it: "How many *died* in the bombing?" against "the
# strike *killed* seven".
DEATHS = {"died": "killed", "perished": "killed"}


def caused_by_another(
    question: str, sentences: Sequence[str], bodies: Sequence[str], roles: Roles | None = None
) -> bool:
    """Whether the sentences (those that hold the answer) give the deed the question puts in
    an event ("How many children were killed *in the suicide bombing*?"), or gives to the one
    who does such deeds ("How many children did *the suicide bomber* kill?", its ``roles``), to
    another event as its doer ("*the drone strike* killed 10 civilians, including seven
    children"), never naming the question's event or doer, which their article tells of
    elsewhere ("a suicide *bomber* had killed 13 soldiers"): SQuAD 2.0's swapped entity, for
    events. An article that never names the event may call it by another word, and is left
    alone."""
    m = SUFFERED_IN.search(question)
    if m:
        verbs, event = verb_lemmas(m.group(1) or DEATHS[m.group(2)]), m.group(3)
    elif roles is not None and roles.subject and _an_agent(roles.anchor[-1:]):
        verbs, event = roles.verbs, normalize(roles.anchor[-1])
    else:
        return False
    if not verbs or "NOUN" not in word_forms(event):
        return False
    # the event's word and its doer's: a "bombing", a "bomber"
    named = stems(event).union(*(stems(v + "er") for v in verb_lemmas(event)))
    if any(named & stems(s) for s in sentences) or not _event_did(verbs, sentences):
        return False
    return any(named & stems(b) for b in bodies)


# The endings of a noun for the one who does a deed: a "bomber" bombs, an "attacker" attacks.
AGENT_ENDINGS = ("er", "or")


def _an_agent(words: Sequence[str]) -> bool:
    """Whether the (last) word is a noun, in lower case, for the one who does a verb's deed
    ("bomber", "attacker", "hijacker"); not people named by what they are ("rebels",
    "gunman"), an organisation ("company") or an event ("earthquake")."""
    if not words or not words[-1].islower() or "NOUN" not in word_forms(words[-1]):
        return False
    noun = normalize(words[-1])
    return any(
        noun.endswith(end) and verb_lemmas(noun[: -len(end)]) | verb_lemmas(noun[: -len(end) + 1])
        for end in AGENT_ENDINGS
    )


def _event_did(verbs: frozenset[str], sentences: Sequence[str]) -> bool:
    """Whether the sentences give one of ``verbs`` an event as its doer: "the drone *strike*
    killed", "the *explosion* destroyed"; not "the gunmen killed" (people, no event)."""
    for written, low in _clauses(sentences):
        for i, word in enumerate(written):
            if i < 2 or not (word.islower() and verb_lemmas(word) & verbs):
                continue
            doer, before = low[i - 1], low[max(0, i - 4) : i - 1]
            if set(before) & DETERMINERS and _an_event(doer):
                return True
    return False


def _an_event(noun: str) -> bool:
    """Whether ``noun`` names something that happens: a verb's noun ("strike", "attack",
    "bombing") or an action's ending ("explosion"), in the singular; not people ("gunmen",
    "troops")."""
    forms = word_forms(noun)
    if "NOUN" not in forms or noun.endswith(("man", "men", "s")):  # "gunmen", "troops"
        return False
    return "VERB" in forms or noun.endswith(("ion", "ing"))


# People by what they are to others, written either way round: "Edgar's sister Margaret" says
# who Margaret's brother is.
KIN = frozenset(
    """father mother son daughter brother sister wife husband heir child children parent
    uncle aunt nephew niece cousin grandson granddaughter grandfather grandmother fiancee
    fiance widow""".split()
)
# "Who was *Bohemond's son*?": whose kin the question asks for, and which kin.
KIN_ASKED = re.compile(
    rf"\b([A-Z][\w-]*)['’]s\s+(?:[\w-]+\s+)?((?:half-|step-)?(?:{'|'.join(sorted(KIN))}))\b"
)


def _kin_asked(
    question: str, patterns: Sequence[re.Pattern[str]]
) -> tuple[re.Match[str], str, str] | None:
    """The first of ``patterns`` the question matches, with the person whose kin it asks
    about and the kin noun as written: "Bohemond's *son*", "the *son* of Bohemond"."""
    for pattern in patterns:
        if found := pattern.search(question):
            person, kin = found.groups() if pattern is KIN_ASKED else found.groups()[::-1]
            return found, person, kin
    return None


def _kin_noun(kin: str) -> str:
    """The kin noun without its step- or half- ("half-brother" is a brother)."""
    return kin.lower().removeprefix("half-").removeprefix("step-")


def kin_reversed(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences give the kinship the question asks of someone only the other way
    round: "Who was Bohemond's son?" against "Bohemond, Robert's son" (he *is* the son), "Who
    was Tancred's nephew?" against "Bohemond and his nephew Tancred" (SQuAD 2.0's reversed
    relation). A sentence naming the kin of that person ("Robert's son", "Bohemond ... and his
    nephew") answers it."""
    if (asked := _kin_asked(question, (KIN_ASKED, KIN_OF_ASKED))) is None:
        return False
    person, kin = re.escape(asked[1]), re.escape(asked[2])
    text = " ".join(sentences)
    kin_of = rf"(?:[\w-]+\s+)?{kin}s?\b"
    given = (
        rf"\b{person}['’]s\s+{kin_of}",  # "Robert's son"
        rf"\b{person}\b[^.;]*?\b(?:his|her|whose)\s+{kin_of}",  # "Bohemond and his nephew"
        rf"\b{kin}s?\s+of\s+{person}\b",  # "the son of Robert"
    )
    if any(re.search(p, text) for p in given):
        return False
    owner = r"(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s"
    # the person's name and what it goes on with: "Bohemond of Taranto, ..."
    named = rf"\b{person}(?:\s+(?:of|the)\s+[A-Z][\w-]*)?\s*,\s+(?:the\s+)?"
    the_other_way = (
        rf"{named}{owner}\s+{kin_of}",  # "Bohemond, Robert's son"
        rf"(?:['’]s|\bhis|\bher|\bwhose)\s+{kin_of}\s+{person}\b",  # "his nephew Tancred"
        rf"{named}{kin}\s+of\b",  # "Bohemond, the son of Robert"
    )
    return any(re.search(p, text) for p in the_other_way)


# "the *brother of* King Ethelred": kin asked of someone written after the kin.
KIN_OF_ASKED = re.compile(
    rf"\b((?:half-|step-)?(?:{'|'.join(sorted(KIN))}))\s+of\s+(?:the\s+)?"
    r"((?:King\s+|Queen\s+)?[A-Z][\w-]*)"
)
# "Whose daughter was Emma?": Emma is the daughter asked about.
KIN_WHOSE = re.compile(
    rf"\b[Ww]hose\s+((?:half-|step-)?(?:{'|'.join(sorted(KIN))}))\s+(?:was|is|were|are)\s+"
    r"((?:King\s+|Queen\s+)?[A-Z][\w-]*)"
)
# How a sentence may tell a kinship without its noun: a wife by a marriage.
MARRIED = "married marriage wed wedded"
KIN_TOLD = {
    "wife": MARRIED,
    "husband": MARRIED,
    "widow": MARRIED,
    "fiancee": "betrothed engaged fiancée",
    "fiance": "betrothed engaged fiancé",
}
# Kin told from the other side: "Emma, *sister* of Duke Richard" says who Emma's brother is.
KIN_CONVERSES = (
    "brother sister sibling",
    "son daughter child children heir father mother parent",
    "nephew niece uncle aunt",
    "grandson granddaughter grandfather grandmother",
    "wife husband widow",
)
# How near the person's name the other side's noun stands: "Emma, sister of".
KIN_REACH = 2


def kin_unsaid(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question asks for someone's kin ("Who was *the brother of* King Ethelred?",
    "Emma's *brother*") and no sentence tells that kinship: not by its noun, nor from the
    other side beside the person's name ("Emma, *sister* of Duke Richard"). A sister of
    someone else, or a marriage, is no answer about a brother."""
    if (asked := _kin_asked(question, (KIN_ASKED, KIN_WHOSE, KIN_OF_ASKED))) is None:
        return False
    _, person, kin = asked
    kin = _kin_noun(kin)
    told = {kin, *KIN_TOLD.get(kin, "").split()}
    other_side = {w for group in KIN_CONVERSES if kin in group.split() for w in group.split()}
    person = normalize(person.split()[-1])
    for sentence in sentences:
        written = tokens(sentence)
        said = [normalize(w).split("-")[-1] for w in written]
        # the kin noun of someone else ("sister *of Duke Richard*") tells nothing of the person
        # asked; a marriage "of Emma ... and King Ethelred" tells of both
        if any(
            (w in told or w.rstrip("s") in told)
            and (kin not in (w, w.rstrip("s")) or person in _kin_owner(written, i, person))
            for i, w in enumerate(said)
        ):
            return False
        said = [w for w in said if w not in BE and w not in DETERMINERS]  # "Emma was the sister"
        for i, w in enumerate(said):
            near = said[max(0, i - KIN_REACH) : i + KIN_REACH + 1]
            if (w in other_side or w.rstrip("s") in other_side) and person in near:
                return False
    return True


def _kin_owner(written: list[str], i: int, person: str) -> set[str]:
    """Whose kin the kin noun at ``i`` is, as name words: "sister *of Duke Richard II*",
    "*Richard's* sister"; ``person`` where the sentence does not say ("his sister")."""
    if i + 2 < len(written) and written[i + 1].lower() == "of" and written[i + 2][:1].isupper():
        run = takewhile(lambda w: w[:1].isupper(), written[i + 2 :])
        return {normalize(w) for w in run}
    if i and written[i - 1].endswith(POSSESSIVE) and written[i - 1][:1].isupper():
        return {normalize(written[i - 1])}
    return {person}


# What may stand between a kin noun and the name of the kin before it: "Emma, the sister of",
# "Joan was his sister" (an owner's name, "Robert's son", is passed over too).
KIN_NAMING_GAP = DETERMINERS | BE


def kin_unnamed(question: str, sentences: Sequence[str]) -> bool:
    """Whether a question asks who someone's kin is ("Who was *Richard's sister*?", "What was
    the name of *Richard's sister*?") and the sentences tell of that kin only without a name:
    "the boat carrying his sister and his fiancée Berengaria" names the fiancée, not the
    sister. A name stands right after the kin ("his sister Joan"), in an apposition ("his
    sister, the widowed Queen Joan,", "the sister of Duke Richard, Emma,"), after "named", or
    before it ("Emma, sister of", "Joan was his sister")."""
    asked = _kin_asked(question, (KIN_ASKED, KIN_OF_ASKED))
    if asked is None or not KIN_IS_ASKED.search(question[: asked[0].start()]):
        return False  # "Who killed Harold's brother?" asks for someone else
    _, person, kin = asked
    kin = _kin_noun(kin)
    owner = normalize(person.split()[-1])
    told = False
    for sentence in sentences:
        apart = tokens_with_gaps(sentence)
        written = [w for w, _ in apart]
        low = [normalize(w) for w in written]
        for i, w in enumerate(low):
            if w.split("-")[-1] not in (kin, f"{kin}s"):  # "his half-brother Harthacnut"
                continue
            told = True
            named = _kin_name_after(apart, low, i) + _kin_name_before(written, low, i)
            if any(_proper(written, k) and low[k] != owner for k in named):
                return False
    return told


# What asks who the kin is: "Who was ...", "What was the name of ...".
# The owner's name may begin before the match: "the name of *Edward the* Confessor's father".
KIN_IS_ASKED = re.compile(
    r"(?:^\s*(?i:who|whom)\s+(?i:is|was|were|are)|\b(?i:name)\s+of)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+(?:(?:the|of)\s+)?)*$"
)
# Words that say the name comes next: "a widow *named* Joan".
NAMING = {"named", "called"}


def _kin_name_after(apart: list[tuple[str, str]], low: list[str], i: int) -> list[int]:
    """Where a name of the kin at ``i`` may stand after it: the next word, past an owner
    ("the sister of Duke Richard, Emma"); every word of an apposition set off by a comma; the
    word after "named"."""
    j = i + 1
    if j < len(low) and low[j] == "of":  # past the owner: "of (the) Duke Richard II"
        j += 1
        while j < len(low) and (low[j] in DETERMINERS or apart[j][0][:1].isupper()):
            j += 1
    if j >= len(low):
        return []
    if "," in apart[j][1]:  # an apposition, up to the next punctuation
        end = next((k for k in range(j + 1, len(low)) if apart[k][1]), len(low))
        return list(range(j, end))
    if low[j] in NAMING:
        return [j + 1] if j + 1 < len(low) else []
    return [j] if j == i + 1 else []


def _kin_name_before(written: list[str], low: list[str], i: int) -> list[int]:
    """Where a name of the kin at ``i`` may stand before it, past determiners, forms of "be"
    and an owner's possessive: "Emma, sister of", "Joan was his sister", "Bohemond, Robert's
    son"."""
    k = i - 1
    while k >= 0 and (low[k] in KIN_NAMING_GAP or written[k].endswith(POSSESSIVE)):
        k -= 1
    return [k] if k >= 0 else []


# What makes the verb after "to" a deed meant, not done: "left Messina *in order to* reach
# Acre", "*tried to* carve out a state".
INTENDING = frozenset({"try", "attempt", "seek", "hope", "aim", "plan", "intend", "want", "strive"})
INTENDING_PHRASES = {("in", "order"), ("so", "as")}


def _intended(low: list[str], i: int) -> bool:
    """Whether the verb at ``i`` stands after "to" as what someone meant to do."""
    if i < 2 or low[i - 1] != "to":
        return False
    meant = i >= 3 and (low[i - 3], low[i - 2]) in INTENDING_PHRASES
    return meant or bool(verb_lemmas(low[i - 2]) & INTENDING)


def only_intended(question: str, sentences: Sequence[str]) -> bool:
    """Whether a question asks about something that happened (``asks_what_happened``: "On
    what date did the fleet *reach* Acre?") and the sentences use its verb only for what was
    meant ("left Messina in order to reach Acre"): the deed is never told as done. A question
    about the intent itself ("What did Richard try to reach?") is left alone."""
    written = tokens(question)
    low = [normalize(t) for t in written]
    if not asks_what_happened(question) or any(_intended(low, i) for i in range(len(low))):
        return False
    roles = question_roles(question)  # its verb, not a noun of its ("the drone attack")
    if roles is None:
        return False
    uses = []
    for sentence in sentences:
        said = [normalize(t) for t in tokens(sentence)]
        uses += [_intended(said, i) for i, w in enumerate(said) if verb_lemmas(w) & roles.verbs]
    return bool(uses) and all(uses)


# Verbs of saying: they tell that something was said, not that it was done.
REPORTING = frozenset(
    "say tell announce report add write state note speak comment claim warn confirm".split()
)
# Verbs of a deed still to come, told before it: "*planned* to seek approval", "*promised* to
# present", "*called* for charges", "*asked* the Secretary-General to send".
# Not "agree": "Leaders agreed to cut emissions" is what a summit decided.
PLANNING = frozenset(
    """plan schedule expect promise intend pledge vow aim hope seek propose prepare threaten
    ask urge call want""".split()
)
# Words of how many, before a noun: "both sides", "several plans".
QUANTIFIERS = frozenset("both all many several some few each every no".split())
# Nouns of what came of something: "What was the *outcome* of the talks?" asks what happened.
OUTCOMES = frozenset({"outcome", "result", "verdict", "decision", "conclusion", "findings"})


def _tells_a_thing(low: list[str], i: int) -> bool:
    """Whether the verb of saying at ``i`` tells of a thing, not of what someone said: "it
    *reported* a net loss", "*announced* 85 new stores"; not "said it would"."""
    nxt = low[i + 1 : i + 2]
    return bool(nxt) and (nxt[0] in ARTICLES or nxt[0][:1].isdigit())


def _main_verb(written: list[str], low: list[str], i: int) -> bool:
    """Whether the form of "be" or "have" at ``i`` is the clause's own verb, not an auxiliary:
    a determiner, a number or a name follows ("was an agreement", "has 100,000 troops")."""
    nxt = written[i + 1 : i + 2]
    return bool(nxt) and (low[i + 1] in DETERMINERS or nxt[0][:1].isdigit() or nxt[0][:1].isupper())


def _after_a_subject(written: list[str], low: list[str], i: int) -> bool:
    """Whether the plain verb form at ``i`` is a present tense after its subject, a pronoun or
    a plural noun: "The allies *keep* 4,000 troops", "they *hold* 40 seats"."""
    if not i or low[i] not in verb_lemmas(low[i]):
        return False
    before = low[i - 1]
    return before in {"they", "we", "i", "you"} or (
        written[i - 1][:1].islower() and _plural_noun(before)
    )


def _plural_noun(word: str) -> bool:
    return plural(word) and "NOUN" in word_forms(word)


def only_planned(question: str, sentences: Sequence[str]) -> bool:
    """Whether a question asks what happened (``asks_what_happened``: "When did the agency
    *approve* it?", "What was the outcome of the talks?") and every sentence tells only of
    plans and sayings: a modal or a verb of planning, and no other verb in a finite form ("said
    it *would* submit an application and *planned* to seek approval"). What is planned is not
    told as done, so no such sentence answers. The question's own verb, told in the past, is
    the deed done ("When did the ministers *agree* to meet?" against "agreed to meet")."""
    if not sentences or not asks_what_happened(question):
        return False
    asked_words = [normalize(w) for w in tokens(question)[1:] if w[:1].islower()]
    asked = frozenset().union(
        *(
            verb_lemmas(w)
            for w in asked_words
            # "How *long* had he been leader?": an adjective's word is no deed asked about
            if w not in AUXILIARIES and not {"ADJ", "ADV"} & word_forms(w).keys()
        )
    )
    if not asked and not OUTCOMES & set(asked_words):
        return False  # "Who was NATO's Secretary-General?" asks of no deed
    if asked & PLANNING:
        return False  # "What did the ministers *want* ISAF to avoid?" asks of the plan
    for sentence in sentences:
        written = tokens(sentence)
        low = [normalize(t) for t in written]
        planned = False
        for i, (w, lw) in enumerate(zip(written, low)):
            if lw in MODALS:
                planned = True
                continue
            if lw in (BE | HAVE) - {"be", "been", "being", "have"}:
                if _main_verb(written, low, i):
                    return False  # "The outcome was an agreement", "Russia has 100,000 troops"
                continue
            found = verb_lemmas(lw)
            # the first word only in a past form ("Opened in 1998, ..."), not "Talks at ..."
            if not w[:1].islower() and (i or not _past_form(lw)):
                continue
            if not found or lw in AUXILIARIES or (i and low[i - 1] in MODALS | {"to"}):
                continue  # not a verb, or the planned deed itself: "would submit", "to seek"
            if i and (low[i - 1] in DETERMINERS | QUANTIFIERS or low[i - 1][:1].isdigit()):
                continue  # a noun: "both *sides*", "the *plans*", "31 *votes*"
            finite = _past_form(lw) or _past_form(lw, "VBZ") or _after_a_subject(written, low, i)
            if found & asked and finite:
                return False  # the deed asked about, told as done
            if found & PLANNING:
                planned = True
            elif finite and (not found & REPORTING or _tells_a_thing(low, i)):
                return False  # another deed told as done ("ended", "signed") or as it is
        if not planned:
            return False
    return True


# Verbs of order in time, by where their subject stands: "A succeeds B" puts A after B.
ORDER_VERBS = {"succeed": "after", "follow": "after", "precede": "before", "predate": "before"}
ORDER_WORDS = {"after", "before"}
# How many words after an order verb its object's name may end: "precedes the Early Gothic".
ORDER_REACH = 5


def _orders(written: list[str], low: list[str]) -> Iterator[tuple[str, int]]:
    """Each order the words state, as the side their subject stands on ("after", "before")
    and where its object begins: "succeeds that of", "came after", "was followed by"."""
    for i, w in enumerate(low):
        side = next((ORDER_VERBS[v] for v in verb_lemmas(w) if v in ORDER_VERBS), None)
        if side is None and w in ORDER_WORDS and i:
            if verb_lemmas(low[_past_adverbs(low, i)]) & {"come"}:
                side = w  # "came after", "came immediately before"
        if side is None:
            continue
        if i + 1 < len(low) and low[i + 1] == "by" and i and low[i - 1] in BE:
            yield ("before" if side == "after" else "after"), i + 2  # "was followed by"
        else:
            yield side, i + 1


def order_reversed(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question asks what came after (or before) something the sentences put only
    on the other side: "What came after Early Gothic?" against "Norman architecture
    immediately succeeds that of the Anglo-Saxon and precedes the Early Gothic" (SQuAD 2.0's
    reversed relation)."""
    written = tokens(question)
    low = [normalize(w) for w in written]
    asked = next(iter(_orders(written, low)), None)
    if asked is None:
        return False
    side, start = asked
    # what it is after or before, up to a phrase of its own: "succeeded Rollo *as* duke"
    end = next(
        (i for i in range(start, len(low)) if low[i] in (PREPOSITIONS - {"of"}) | AUXILIARIES),
        len(low),
    )
    # named by its name where it has one ("the Anglo-Saxon style"), else by its head noun
    phrase = [i for i in range(start, end) if low[i] not in DETERMINERS]
    anchor = {low[i] for i in phrase if written[i][0].isupper() and len(low[i]) >= MIN_ANCHOR}
    anchor = anchor or {low[i] for i in phrase[-1:]}
    found = set()
    for written, low in _clauses(sentences):
        for said, at in _orders(written, low):
            if anchor & set(low[at : at + ORDER_REACH]):
                found.add(said)
    return bool(found) and side not in found


# Prepositions of opposite direction: "fled *from* southern Italy" against "fled *to* it".
DIRECTIONS = {"from": {"to", "into", "toward", "towards"}, "to": {"from"}, "into": {"from"}}


# How many words may stand between a verb and its "with": "met *privately* with", "concluded
# *a peace treaty* with" (never a preposition: "met on Wednesday with" is left alone).
WITH_REACH = 3


def _with_partners(text: str) -> list[tuple[frozenset[str], set[str]]]:
    """Each (lemmas of a verb, the names after its "with") the text gives: "sided with the
    Normans" gives ({side}, {normans}); "met with Gerasimov and Shoigu" both names."""
    written = tokens(text)
    low = [normalize(t) for t in written]
    found = []
    for i, word in enumerate(written):
        lemmas = verb_lemmas(low[i]) if word[:1].islower() else frozenset()
        if not lemmas or low[i] in AUXILIARIES or (i and low[i - 1] in DETERMINERS):
            continue  # "his meeting with", "a briefing with": a noun
        at = next((k for k in range(i + 1, i + WITH_REACH + 2) if low[k : k + 1] == ["with"]), None)
        if at is None or any(low[k] in PREPOSITIONS for k in range(i + 1, at)):
            continue
        partners, k = set(), at + 1
        while k < len(written):
            if low[k] in DETERMINERS or low[k] in ("and", "or") or written[k] in PARTICLES:
                k += 1
            elif written[k][0].isupper():
                partners.add(low[k])
                k += 1
            else:
                break
        # "with his Russian counterpart": a people or a title names no partner
        partners = {n for n in partners if n not in DEMONYMS and n not in TITLES}
        if partners:
            found.append((lemmas, partners))
    return found


def partnered_otherwise(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question gives its deed a partner ("side *with the Byzantines*", "met *with
    Shoigu*") and the sentences give the deed only other partners ("sided *with the
    Normans*"): SQuAD 2.0's swapped entity, in the partner's place."""
    asked = _with_partners(question)
    if not asked:
        return False
    said = [pair for s in sentences for pair in _with_partners(s)]
    for verbs, partners in asked:
        theirs = set().union(*(given for v, given in said if v & verbs))
        if not theirs:
            continue
        if not any(same_party(p, t) for p in partners for t in theirs):
            return True
    return False


# Verbs whose object is where a journey starts ("left Messina") or ends ("to reach Acre").
DEPARTURES = frozenset({"leave", "depart", "quit", "exit"})
ARRIVALS = frozenset({"reach", "arrive", "enter"})


def _journey_ends(text: str) -> set[tuple[str, str]]:
    """Each ("from" or "to", place) a verb of leaving or reaching gives its place: "left
    Messina ... to reach Acre" gives (from, messina) and (to, acre)."""
    written = tokens(text)
    found = set()
    for i, word in enumerate(written):
        if i and not word[0].islower():  # the first word is capitalised anyway
            continue
        lemmas = verb_lemmas(word.lower())
        after = written[i + 1 :]
        if after[:1] and normalize(after[0]) in ("at", "in", "on"):
            after = after[1:]  # "arrived in Limassol"
        way = "from" if lemmas & DEPARTURES else "to" if lemmas & ARRIVALS else ""
        place = _place_word(after[:2]) if way else ""
        if place:
            found.add((way, place))
    return found


def _names_after(written: list[str], start: int) -> list[str]:
    """The names a phrase from ``start`` gives, through its adjectives and "and": "to
    *Poland* and *Kyiv*", "to southern *Italy*", "to *Eastern Ukraine*"."""
    found = []
    for word in written[start : start + PHRASE_REACH]:
        if word[:1].isupper():
            found.append(normalize(word))
        elif word.lower() not in ("and", "or", "the") and set(word_forms(word)) != {"ADJ"}:
            break
    return found


def _same_head(one: list[str], other: list[str]) -> bool:
    """Whether two phrases end in the same common noun, named otherwise: "the Anglo-Norman
    language" and "the Anglo-Saxon language"."""

    def head(words: list[str]) -> str:
        nouns = [w for w in words if w[:1].islower() and "NOUN" in word_forms(normalize(w))]
        return noun_lemma(nouns[0]) if nouns else ""

    return bool(head(one)) and head(one) == head(other)


def _a_verb_at(low: list[str], i: int) -> bool:
    """Whether word ``i`` is used as a verb: not after a determiner or a preposition ("his
    trip", "under pressure")."""
    return i > 0 and low[i - 1] not in DETERMINERS | PREPOSITIONS


def moved_the_other_way(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences use the question's verb with its place only in the opposite
    direction: "Who fled *from* southern Italy?" against "monks of Saint-Evroul fled *to*
    southern Italy" (SQuAD 2.0's swapped preposition); or a verb of motion only the same way
    to another place, the question's place named nowhere in the sentence: "Who fled *to
    Normandy*?" against "fled *to southern Italy*" (SQuAD 2.0's swapped entity)."""
    written = tokens(question)
    low = [normalize(t) for t in written]
    asked = [
        (verb_lemmas(written[i]), low[i + 1], _place_word(written[i + 2 :]), i)
        for i in range(1, len(written) - 2)
        if low[i + 1] in DIRECTIONS and written[i][0].islower() and verb_lemmas(written[i])
    ]
    asked = [(verbs, way, place, i) for verbs, way, place, i in asked if place]
    # "Leaving Acre, which port did the fleet try to reach?" against "left Messina ... to
    # reach Acre": the place is where the journey ended, not where it began
    ends = _journey_ends(question)
    if ends:
        said = set().union(*(_journey_ends(s) for s in sentences))
        opposite = {"from": "to", "to": "from"}
        if any((way, p) not in said and (opposite[way], p) in said for way, p in ends):
            return True
    if not asked:
        return False
    for verbs, way, place, at in asked:
        verb = _a_verb_at(low, at)
        question_phrase = written[at + 2 : at + 2 + PHRASE_REACH]
        other = False
        for sentence in sentences:
            said = tokens(sentence)
            said_low = [normalize(t) for t in said]
            for i in range(len(said) - 1):
                if not verb_lemmas(said[i]) & verbs or said[i][0].isupper():
                    continue
                if _place_word(said[i + 2 :]) != place:
                    # the same way to another place or party, by a verb ("his trip to
                    # Finland" is none) of going, right before a name, or before the same
                    # noun named otherwise ("absorbed into the Anglo-*Saxon* language";
                    # "spoke to the Kremlin leader" is none of these), the question's one
                    # not among those the phrase names ("to Poland and Kyiv")
                    named = _names_after(said, i + 2)
                    other = other or (
                        verb
                        and _a_verb_at(said_low, i)
                        and said_low[i + 1] == way
                        and bool(named)
                        and (
                            bool(verbs & GOING)
                            or said[i + 2][:1].isupper()
                            or _same_head(question_phrase, said[i + 2 : i + 2 + PHRASE_REACH])
                        )
                        and not any(same_party(place, w) for w in named)
                    )
                    continue
                if said_low[i + 1] == way:
                    return False
                other = other or said_low[i + 1] in DIRECTIONS[way]
        if other:
            return True
    return False


# How many words a route's "to" may come after its "from": "from the Black Sea *to* the
# Mediterranean", "from Kabul on Monday *to* Doha".
ROUTE_REACH = 6


def _routes(text: str) -> set[tuple[str, str]]:
    """Each (where from, where to) the text gives a movement: "from the Black Sea to the
    Mediterranean Sea" gives (black, mediterranean)."""
    found = set()
    for written, low in _clauses([text]):  # "from Odesa, according to Ukraine" is no route
        for i, word in enumerate(low):
            start = _place_word(written[i + 1 :]) if word == "from" else ""
            if not start or start in MONTHS or start in WEEKDAYS:
                continue  # "from March to May" is a time
            for j in range(i + 2, min(i + ROUTE_REACH + 2, len(low))):
                if low[j] == "from":
                    break
                if low[j] in DIRECTIONS["from"] and (end := _place_word(written[j + 1 :])):
                    found.add((start, end))
                    break
    return found


def route_reversed(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question gives a route ("from the Mediterranean *into* the Black Sea") that
    the sentences give only the other way round ("from the Black Sea to the Mediterranean"),
    whatever verb moves along it: both ends swapped tell another movement."""
    asked = _routes(question)
    if not asked:
        return False
    said = set().union(*(_routes(s) for s in sentences))
    return any((a, b) not in said and (b, a) in said for a, b in asked)


# Words that time a deed by another event: "after the withdrawal", "before the summit".
EVENT_ANCHORS = frozenset({"after", "before", "since", "until"})
# What opens the event's noun phrase; a demonstrative stands for a deed told before ("after
# that, Russia moved troops").
ANCHOR_OPENERS = DETERMINERS - {"this", "that", "these", "those"}
# How many words after its determiner the event's noun phrase may run: a news phrase's
# adjectives and noun modifiers before its noun ("after the *Afghan troop withdrawal*"), up to
# a preposition or a comma ("after the *start* of the war").
ANCHOR_REACH = 4
# What ends the event's noun phrase before its reach: "after the start *of* the war".
ANCHOR_ENDS = PREPOSITIONS | CLAUSE_OPENERS | AUXILIARIES


def _event_anchors(text: str) -> list[tuple[str, set[str]]]:
    """Each (preposition, the nouns of its event) ``text`` times a deed by: "after the start
    of the war" gives (after, {start})."""
    apart = tokens_with_gaps(text)
    low = [normalize(w) for w, _ in apart]
    found = []
    for i in range(len(low) - 2):
        if low[i] not in EVENT_ANCHORS or low[i + 1] not in ANCHOR_OPENERS:
            continue
        nouns = set()
        for k in range(i + 2, min(len(low), i + 2 + ANCHOR_REACH)):
            if apart[k][1] or low[k] in ANCHOR_ENDS:
                break
            if apart[k][0][:1].islower() and "NOUN" in word_forms(low[k]):
                nouns.add(noun_lemma(low[k]))
        if nouns:
            found.append((low[i], nouns))
    return found


def anchored_otherwise(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences time the deed by another event than the question does and never
    name the question's: "Which country agreed to host bases *after the Afghan withdrawal*?"
    against "leased K2 as a base *after the start* of the war" (SQuAD 2.0's changed modifier,
    for a time). An event named alike ("the meeting", "the talks") is the same."""
    said_nouns = {noun_lemma(w) for s in sentences for w in tokens(s)}
    told = [anchor for s in sentences for anchor in _event_anchors(s)]
    for way, nouns in _event_anchors(question):
        if nouns & said_nouns or any(same_things(n, m) for n in nouns for m in said_nouns):
            continue  # the question's event is named somewhere
        if any(w == way for w, _ in told):
            return True
    return False


# Words between a verb and the "near" that places what it did: "massed *troops* near", "has
# *53 battalion tactical groups* near" (3 at stop 23; 5 at stop 24 gained one calibration
# question and lost none).
NEAR_REACH = 5
# "near" and the place's name, a few words on within one phrase: "near *the border with*
# Georgia", never past a comma ("near the border, in Crimea").
NEAR_PLACE = re.compile(r"\bnear\s+(?:[a-z]+\s+){0,3}?([A-Z][\w'’-]+)")


def _placed_near(text: str) -> list[tuple[frozenset[str], str]]:
    """Each (lemmas of the verbs just before "near", the place's name) the text gives."""
    return _placed(text, NEAR_PLACE, NEAR_REACH + 1, normalize)


def _placed(
    text: str, cue: re.Pattern[str], reach: int, place_of: Callable[[str], str | None]
) -> list[tuple[frozenset[str], str]]:
    """Each (lemmas of the verbs among the ``reach`` words before a ``cue`` match, the place
    ``place_of`` reads in its first group) the text gives; no place, or no verb, no pair."""
    found = []
    for m in cue.finditer(text):
        place = place_of(m.group(1))
        before = [w for w in tokens(text[: m.start()])[-reach:] if w[0].islower()]
        verbs = frozenset().union(*(verb_lemmas(w) for w in before))
        if place and verbs:
            found.append((verbs, place))
    return found


def near_another_place(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question places its deed near somewhere ("massed *near Georgia*") and the
    sentences tell the deed only near another place ("massed troops *near Ukraine*"), never
    naming the question's: SQuAD 2.0's swapped entity, as a place. Only "near": "in" and "to"
    name places within places ("sent to Syria", "to the airfield near Latakia"). Not for a
    question asking where, whose answer is another place."""
    return _placed_elsewhere(question, sentences, _placed_near)


def _placed_elsewhere(
    question: str,
    sentences: Sequence[str],
    placed: Callable[[str], list[tuple[frozenset[str], str]]],
) -> bool:
    """Whether a place ``placed`` reads in the question (with the verbs placed there) is
    never named in the sentences, which place one of those verbs somewhere else."""
    asked = placed(question)
    if not asked:
        return False
    named = {normalize(w) for s in sentences for w in tokens(s) if w[0].isupper()}
    said = [pair for s in sentences for pair in placed(s)]
    return any(
        not any(same_party(place, n) for n in named)
        and any(verbs & theirs and other != place for theirs, other in said)
        for verbs, place in asked
    )


# "in" (or "over", "into", "across") and a country's name ("leased a base *in Uzbekistan*",
# "flown planes *over Ukraine*"), or a town's and its country's ("the transit center *in
# Manas, Kyrgyzstan*"), and how many words before it the verb placed there may stand.
PLACE_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
IN_COUNTRY = re.compile(
    rf"\b(?:in|over|into|across|inside)\s+(?:the\s+)?"
    # the country after a town's comma ends its phrase: not "in Rzeszow, Germany said"
    rf"({PLACE_NAME}(?:,\s+{PLACE_NAME}(?=\s*(?:[,.;:)]|$)))?)"
)
IN_COUNTRY_REACH = 6
# The countries of ``DEMONYMS`` that lie in no other: not the nations of Britain, nor regions.
SOVEREIGN = COUNTRIES - {"england", "scotland", "wales", "scandinavia", "arabia"}


def _placed_in_countries(text: str) -> list[tuple[frozenset[str], str]]:
    """Each (lemmas of the verbs shortly before "in", the country) the text gives: a country
    by its name, as ``DEMONYMS`` knows countries ("in Tajikistan", "in the United States")."""
    return _placed(text, IN_COUNTRY, IN_COUNTRY_REACH, _sovereign_country)


def _sovereign_country(name: str) -> str | None:
    """The sovereign country ``name`` names: its two words ("the United States"), else its
    first ("in Ukraine President Zelensky"); past a town, the country after its comma ("Manas,
    Kyrgyzstan"), but a country before a comma is the place ("in Ukraine, Russia said")."""
    place, _, country = name.partition(",")
    if country and not _sovereign_country(place):
        return _sovereign_country(country.strip())
    for words in (place, place.split()[0]):
        if country := country_forms(normalize(words))[0] & SOVEREIGN:
            return min(country)
    return None


def in_another_country(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question places its deed in a country ("lease a base *in Tajikistan*") and
    the sentences tell that deed only in another ("leased K2 as a base *in Uzbekistan*"),
    never naming the question's. Unlike places near others, no sovereign country lies in
    another (``SOVEREIGN``), so this holds for "where" questions too."""
    return _placed_elsewhere(question, sentences, _placed_in_countries)


# "Which (...) countries", "what nation", with the words that place it: "which Central Asian
# country", "which country in Central Asia"; not "What did the Baltic states ask for?".
ASKS_A_COUNTRY = re.compile(
    r"\b(?i:which|what)\s+((?:(?!(?i:did|does|do|is|are|was|were|has|have|had|the|a|an)\b)"
    r"[\w-]+\s+){0,3}?)(?:countr(?:y|ies)|nations?|states?)\b"
    r"((?:\s+(?:in|of)(?:\s+the)?(?:\s+[A-Z][\w-]*){1,2})?)"
)


def outside_the_region(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question asks for a country of a region ("Which *Central European*
    countries were to host the system?") and the sentences name only countries outside it ("a
    joint radar station in Azerbaijan"), or no country but the region itself ("a system in
    Central Europe"). A region that places something else ("instead of the US plan *in Central
    Europe*") asks for no country of it; a country the tables do not know may be the answer."""
    asked = ASKS_A_COUNTRY.search(question)
    if not asked:
        return False
    placing = " ".join(normalize(w) for w in tokens(asked.group(1) + " " + asked.group(2)))
    region = next((r for r in REGION_MEMBERS if re.search(rf"\b{r}\b", placing)), None)
    if region is None:
        return False
    text = " ".join(sentences)
    named = countries_named(text) - countries_named(question)
    if named:
        return not named & REGION_MEMBERS[region]
    said = " ".join(normalize(w) for w in tokens(text))
    return any(re.search(rf"\b{name}\b", said) for name in REGION_NAMES[region])


# Words from a verb to the "in" that names the language it was done in: "transcribed Norman
# customary law *in* Greek", "transcribed in two customaries *in* Latin".
LANGUAGE_REACH = 6
# Languages no country's adjective names, and the periods a language is told by.
LANGUAGES = frozenset({"latin", "arabic", "hebrew", "norse", "persian", "sanskrit"})
LANGUAGE_PERIODS = frozenset({"old", "middle", "medieval", "classical", "modern", "late", "low"})


def _languages(written: list[str], verbs: frozenset[str]) -> set[str]:
    """The languages the words say a deed of ``verbs`` was done in: "recorded in Medieval
    *Latin*"; a language before a noun is a people's adjective ("in French words")."""
    low = [normalize(t) for t in written]
    found = set()
    for i, word in enumerate(written):
        if not word[0].islower() or not verb_lemmas(word) & verbs:
            continue
        for j in range(i + 1, min(len(low) - 1, i + LANGUAGE_REACH + 1)):
            if low[j] not in ("in", "into"):  # "transcribed *into* French"
                continue
            k = j + 1
            while k < len(low) - 1 and low[k] in LANGUAGE_PERIODS and written[k][0].isupper():
                k += 1
            # "in Latin and English": each language of a list
            while k < len(low) and _a_language(written[k]):
                following = written[k + 1] if k + 1 < len(written) else ""
                if following[:1].islower() and "NOUN" in word_forms(following):
                    break  # "in French words": a people's adjective
                found.add(low[k])
                if low[k + 1 : k + 2] not in (["and"], ["or"]):
                    break
                k += 2
    return found


def _a_language(word: str) -> bool:
    return word[0].isupper() and (normalize(word) in LANGUAGES or normalize(word) in DEMONYMS)


def in_another_language(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question says what language its deed was done in ("transcribed ... *in
    Greek*", "first recorded *in Old French*") and the sentences tell the deed only in
    another ("transcribed ... *in Latin*"): SQuAD 2.0's swapped entity, as a language."""
    written = tokens(question)
    verbs = frozenset().union(*_predicates_used(written, first=1).values())
    asked = _languages(written, verbs)
    if not asked:
        return False
    said = set().union(*(_languages(tokens(s), verbs) for s in sentences))
    return bool(said) and not said & asked


# Verbs that move someone or something somewhere, and the words that lead to where.
MOTION = frozenset(
    """move send deploy dispatch head go return travel sail fly march transfer redeploy
    shift withdraw pull bring""".split()
)
# Verbs of going somewhere oneself, whose place after "to" is where the goer went.
GOING = MOTION | {"flee", "come", "migrate", "retreat", "escape", "relocate", "emigrate"}
TOWARD = frozenset({"to", "toward", "towards", "into"})
# Words from a verb of motion to where it leads: "sent *more troops* to".
MOTION_REACH = 3


def _destinations(written: list[str]) -> set[str]:
    """The common nouns the words send something to, as lemmas: "would return to *their
    bases*" gives base; a name ("to Syria") gives nothing, places holding places as they do."""
    low = [normalize(t) for t in written]
    found = set()
    for i, word in enumerate(written):
        if not word[0].islower() or not verb_lemmas(word) & MOTION:
            continue
        for j in range(i + 1, min(len(low), i + MOTION_REACH + 2)):
            if low[j] not in TOWARD:
                continue
            head = None
            for k in range(j + 1, min(len(low), j + PHRASE_REACH + 1)):
                if low[k] in DETERMINERS or _a_nation(low[k]):
                    continue  # "the Ukrainian border"
                if not written[k][0].islower() or not noun_lemmas(written[k]):
                    break
                head = min(noun_lemmas(written[k]))
            if head:
                found.add(head)
            break
    return found


def sent_elsewhere(question: str, sentences: Sequence[str]) -> bool:
    """Whether the question moves something to a place it names by a common noun ("soldiers
    moving *toward the Ukrainian border*") and the sentences move it only to another ("would
    return *to their bases*"), never naming the question's."""
    asked = _destinations(tokens(question))
    if not asked:
        return False
    said: set[str] = set()
    named: set[str] = set()
    for sentence in sentences:
        words = tokens(sentence)
        said |= _destinations(words)
        named |= {n for w in words if w[0].islower() for n in noun_lemmas(w)}
    return bool(said) and not (asked & named)


def _place_word(after: Sequence[str]) -> str:
    """The first name among the few words after a preposition ("southern Italy": italy)."""
    for word in after[:3]:
        if word[0].isupper():
            return normalize(word)
    return ""


# Verbs whose denial denies the question's verb too: what is handed over is "sent",
# "delivered" or "supplied" alike ("refrained from sending such systems" denies delivering
# them). Only for denial: troops or letters are "sent", never "supplied".
SENDING = frozenset({"send", "deliver", "supply"})
DENIED_ALIKE = {verb: SENDING for verb in SENDING}


def denied(question: str, sentences: Sequence[str]) -> bool:
    """Whether the sentences use a verb or an adjective of the question only where they deny
    it (SQuAD 2.0's negation): "Which carrier did Austin order to cross the Suez Canal?"
    against "ordered a carrier strike group to stay in the Mediterranean Sea instead of
    crossing the Suez Canal"; "was possible" against "is not possible". A question that denies
    something itself ("Who did not attend?", "Why did Russia refuse to attend?") is left
    alone."""
    written = tokens(question)
    asked = _predicates_used(written, first=1)
    # a clause the question denies itself it does not ask of: "When did NATO grant guarantees
    # *that the shield would not target Russia*?" asks of the granting only
    clause_of = list(accumulate(w.lower() in SUBORDINATORS for w in written))
    denying = {clause_of[k] for k in range(len(written)) if _negates(written, k)}
    wanted = set().union(*(v for i, v in asked.items() if clause_of[i] not in denying))
    if not wanted:
        return False
    wanted |= set().union(*(DENIED_ALIKE.get(lemma, ()) for lemma in wanted))
    said: dict[str, list[bool]] = {}
    for written, _ in _clauses(sentences):
        used = _predicates_used(written)
        for i, lemmas in used.items():
            for lemma in lemmas & wanted:
                said.setdefault(lemma, []).append(_denied_at(written, i, used))
    return any(all(negated) for negated in said.values())


# What tells the road not taken, to the end of its clause: "stay in the Mediterranean Sea
# *instead of crossing the Suez Canal*".
NOT_TAKEN = re.compile(
    "|".join(rf"\b{a}\s+{b}\b" for a, b in NEGATING_BEFORE.items()), re.IGNORECASE
)


def _roads(text: str) -> tuple[str, str]:
    """``text`` split into what its clauses tell as done and their roads not taken: "ordered
    to stay in the Mediterranean Sea instead of crossing the Suez Canal" gives "ordered to
    stay in the Mediterranean Sea" and "crossing the Suez Canal"."""
    taken: list[str] = []
    not_taken: list[str] = []
    for clause in CLAUSE_BREAK.split(text):
        cut = NOT_TAKEN.search(clause)
        # a road not taken opening its clause is set against the next: "Rather than criticise
        # NATO, Macron said the alliance must adapt" still speaks of NATO
        if cut is not None and not clause[: cut.start()].strip():
            cut = None
        taken.append(clause[: cut.start()] if cut else clause)
        not_taken.append(clause[cut.end() :] if cut else "")
    return " ".join(taken), " ".join(not_taken)


def _capitalised(text: str) -> set[str]:
    return {normalize(w) for w in tokens(text) if w[:1].isupper()}


def named_only_not_taken(question: str, sentences: Sequence[str]) -> bool:
    """Whether a name of the question is one the sentences give only on a road not taken:
    "Which carrier strike group did Austin order through the Suez Canal?" against "ordered
    a carrier strike group to stay in the Mediterranean Sea instead of crossing the Suez
    Canal"."""
    asked = _capitalised(_roads(" ".join(tokens(question)[1:]))[0])  # its first word is a capital
    taken: set[str] = set()
    not_taken: set[str] = set()
    for sentence in sentences:
        yes, no = _roads(sentence)
        taken |= _capitalised(yes)
        not_taken |= _capitalised(no)
    return bool(asked & not_taken - taken)


def denies(text: str, anywhere: bool = False) -> bool:
    """Whether ``text`` denies what it says in its main clause: "did not attend", "never
    raised", "refused to go"; not "Why did prices decline?" (no "to" after the verb), nor "How
    many died when no warning was given?" (the denial sits in a clause after a subordinator),
    nor "Where will it remain instead of heading on?". With ``anywhere``, as a sentence that
    answers such a question may deny: in any clause, and "but failed" too."""
    written = tokens(text)
    for k, word in enumerate(written):
        low = word.lower()
        # "said that it would not": what was said counts as the main clause's
        # (a subordinator that opens the question asks with it: "When did he not attend?")
        if k and not anywhere and low in SUBORDINATORS - {"that"}:
            return False
        after = written[k + 1].lower() if k + 1 < len(written) else ""
        if not anywhere and verb_lemmas(low) & NEGATING_VERBS and after != "to":
            continue  # "Why did prices decline?" asks of a fall, not of a refusal
        if not anywhere and low in NEGATING_BEFORE:
            continue  # "remain instead of heading on": the main clause says what was done
        if _negates(written, k):
            return True
    return False


def _denied_at(written: list[str], i: int, used: dict[int, frozenset[str]]) -> bool:
    """Whether a negator within reach before word ``i`` denies it: none past a subordinator,
    a coordinator or another verb."""
    for k in range(i - 1, max(-1, i - NEGATION_REACH - 1), -1):
        if _negates(written, k):
            return True
        if written[k].lower() in REACH_ENDS or k in used:
            return False
    return False


def _negates(written: list[str], k: int) -> bool:
    """Whether word ``k`` denies what follows it: "not", "never", "didn't", "refused to",
    "instead of"; not "not only", "No. 2"."""
    low = written[k].lower()
    after = written[k + 1].lower() if k + 1 < len(written) else ""
    if low in NEGATING_BEFORE:
        return after == NEGATING_BEFORE[low]
    if low in NEGATING_NOUNS:
        return after == "to"
    if verb_lemmas(low) & NEGATING_VERBS:
        return True
    if low in NEGATORS or low.endswith(("n't", "n’t")):
        return after not in NOT_DENYING and not after[:1].isdigit()
    return False


def _predicates_used(written: list[str], first: int = 0) -> dict[int, frozenset[str]]:
    """The words of ``written`` (from ``first`` on) that can say something of a thing, a verb
    or an adjective ("crossed", "possible"), as their lemmas by position: in lower case, not
    an auxiliary, and not after a determiner ("which talks", "the talks" are nouns)."""
    found = {}
    for i in range(first, len(written)):
        low = normalize(written[i])
        if not written[i][0].islower() or low in AUXILIARIES:
            continue
        if i and written[i - 1].lower() in BEFORE_A_NOUN:
            continue
        if lemmas := verb_lemmas(low) | frozenset(word_forms(low).get("ADJ", ())):
            found[i] = lemmas
    return found
