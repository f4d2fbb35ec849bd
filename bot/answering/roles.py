"""Who did it and to whom: a question's subject must be the doer in the sentence that answers it,
its object the one done to.

SQuAD 2.0's swapped roles: "Who did King Charles swear fealty to?" against "Rollo agreed to swear
fealty to King Charles": every word is there, the roles are reversed, and the sentence answers
nothing. Word order is enough to tell the roles in both: English puts the doer before an active
verb and after a passive one ("was conquered by William"). The verb is found by its word forms
(lemminflect's dictionary, which knows that "culture" can be a noun and "swear" only a verb), so
no parser runs on the query path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.answering.facts import QUESTION_WORDS, normalize, tokens

DO = {"did", "does", "do"}
HAVE = {"has", "have", "had"}
BE = {"is", "are", "was", "were", "be", "been", "being"}
SUBORDINATORS = {"since", "when", "while", "because", "that", "if", "until", "after", "before"}
MODALS = {"will", "would", "can", "could", "should", "may", "might", "must"}
AUXILIARIES = DO | HAVE | BE | MODALS
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those"}
PREPOSITIONS = set(
    "to of in on at by for from with against into after before during as about over under".split()
)
# The auxiliary of an inverted question sits among its first words: "In which year did ...".
AUXILIARY_WITHIN = 5
# Anchor words this short ("II", "of") say nothing about who is who.
MIN_ANCHOR = 3


@dataclass(frozen=True)
class Roles:
    """What a question says about who did what: the verb's lemmas, the words that name the
    known party, and whether that party is the doer (``subject``) or the one done to."""

    verbs: frozenset[str]
    anchor: tuple[str, ...]
    subject: bool
    either_side: bool = False  # the question's verb has no object: any order answers it


@lru_cache(maxsize=16384)
def _forms(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def verb_lemmas(word: str) -> frozenset[str]:
    """The verbs ``word`` can be a form of ("fled": flee); empty for a word no verb takes."""
    forms = _forms(normalize(word))
    return frozenset(forms.get("VERB", ()) + forms.get("AUX", ()))


def _nounish(word: str) -> bool:
    """Whether ``word`` can end a noun phrase (a name, a number, a noun, a pronoun)."""
    return (
        word[0].isupper()
        or word[0].isdigit()
        or bool({"NOUN", "PROPN", "PRON"} & _forms(normalize(word)).keys())
    )


def question_roles(text: str) -> Roles | None:
    """The roles a question states, or None where its shape names no party with a role."""
    written = tokens(text)
    if len(written) > 1 and normalize(written[0]) in PREPOSITIONS:
        written = written[1:]  # "In which exclave has NATO threatened ...?"
    low = [normalize(t) for t in written]
    if not written or low[0] not in QUESTION_WORDS:
        return None
    inverted = next((i for i, w in enumerate(low[:AUXILIARY_WITHIN]) if w in DO | HAVE | BE), None)
    if inverted is not None:
        if low[inverted] in BE:
            return _passive(written, low, inverted)
        return _inverted(written, low, inverted)
    return _asks_the_doer(written, low)


def _inverted(written: list[str], low: list[str], aux: int) -> Roles | None:
    """ "When did King Harold conquer England?": the words between the auxiliary and the verb
    name the doer."""
    candidates = [
        i
        for i in range(aux + 2, len(written))
        # "did the Irish have an effect": "have" and "do" can be the verb itself
        if low[i] not in PREPOSITIONS | BE | MODALS
        and low[i - 1] not in PREPOSITIONS
        and _nounish(written[i - 1])
        # after "did", the verb's plain form; after "has", its participle
        and (low[i] in verb_lemmas(written[i]) if low[aux] in DO else verb_lemmas(written[i]))
    ]
    # A noun that could be a verb ("the Irish culture have an effect"): the verb comes next.
    candidates = [i for i in candidates if i + 1 not in candidates]
    if not candidates:
        return None
    verb = candidates[0]
    between = low[aux + 1 : verb]
    if set(between) & (PREPOSITIONS | AUXILIARIES | SUBORDINATORS):
        return None  # "How long has it been since the council met?": not one simple clause
    doer = tuple(written[i] for i in range(aux + 1, verb) if low[i] not in DETERMINERS)
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
    return Roles(verb_lemmas(written[verb]), doer, subject=True, either_side=not transitive)


def _passive(written: list[str], low: list[str], aux: int) -> Roles | None:
    """ "What castles were built by the Irish?": the words after "by" name the doer."""
    if "by" not in low[aux + 2 :]:
        return None
    by = low.index("by", aux + 2)
    doer = tuple(written[i] for i in range(by + 1, len(written)) if low[i] not in DETERMINERS)
    verb = next((written[i] for i in range(by - 1, aux, -1) if verb_lemmas(written[i])), None)
    if not doer or verb is None:
        return None
    return Roles(verb_lemmas(verb), doer, subject=True)


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
    for i in range(verb + 1, len(written)):
        if low[i] in PREPOSITIONS:
            break
        if low[i] not in DETERMINERS:
            done_to.append(written[i])
    lemmas = verb_lemmas(written[verb])
    return Roles(lemmas, tuple(done_to), subject=False) if lemmas and done_to else None


def _inflected_verb(written: list[str], i: int) -> bool:
    """Whether word ``i`` is a verb's participle or past form: "had" before it is a helper."""
    if i >= len(written):
        return False
    word = normalize(written[i])
    lemmas = verb_lemmas(word)
    return bool(lemmas) and word not in lemmas


def swapped(roles: Roles, sentences: Sequence[str]) -> bool:
    """Whether the sentences use the question's verb with its party only in the other role: no
    sentence has the party where the question puts it, and at least one has both."""
    if roles.either_side:
        return False
    # The party is named by its head, the last word of its phrase ("the Irish culture": a
    # culture; "American commanders" are not every American).
    heads = [normalize(w) for w in roles.anchor if len(normalize(w)) >= MIN_ANCHOR]
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
        uses = [
            i
            for i, w in enumerate(written)
            if verb_lemmas(w) & roles.verbs
            and not (low[i] in AUXILIARIES and _inflected_verb(written, i + 1))
            # "the meeting", "a Conquest": the verb's word used as a noun or a name
            and not (i and (low[i - 1] in DETERMINERS or w[0].isupper()))
            # "the first meeting of", "encouraging reform": an -ing word is a verb with a
            # doer only after a form of "be"
            and (not low[i].endswith("ing") or (i and low[i - 1] in BE))
        ]
        if not at or not uses:
            continue
        found = True
        for verb in uses:
            # "was conquered by": a participle after a form of "be" ("is meeting" is active)
            passive = (
                any(w in BE for w in low[max(0, verb - 2) : verb])
                and low[verb] not in roles.verbs
                and not low[verb].endswith("ing")
            )
            doer_first = roles.subject != passive
            if any((i < verb) == doer_first for i in at):
                return False
    return found
