"""The default generator: picks the retrieved sentences that answer the question, quotes them.

No network, no key, deterministic. Sentence vectors were computed at ingest, so scoring a
question costs one query embedding (already done for search) and a few dot products.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from bot.answering.answer import Draft, Source
from bot.answering.facts import dates, normalize, numbers, people
from bot.answering.generators.base import GenerationRequest, TokenSink
from bot.answering.question import Question, analyze, asks_unmentioned, unmentioned
from retrieval.cleaning import OPENING_DATELINE
from retrieval.keyword import tokenize
from retrieval.records import Excerpt, Sentence, sentence_id
from retrieval.stores import Store

NUMBER_WORDS = set(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds "
    "thousand thousands million half".split()
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
RELATIVE_DAY = re.compile(r"\b(today|yesterday)\b")
PLACE_CUE = re.compile(
    r"\b(?:in|at|to|near|from|into)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)"
)
LEADING_DATELINE = re.compile(r"^[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(?:--|—|–)\s*")


def has_answer_type(sentence: str, question: Question) -> bool:
    """Whether ``sentence`` holds something of the kind the question asks for, beyond what the
    question itself says (a person it does not name, a number it does not give...)."""
    kind, known = question.kind, question.words
    if kind is None:
        return False
    if kind in ("count", "number"):
        # A year dates something; it does not count or measure it.
        counts = {n for n in numbers(sentence) if not YEAR.fullmatch(n)}
        words = {normalize(w) for w in sentence.split()}
        return bool(counts - known or (words & NUMBER_WORDS))
    if kind == "date":
        low = sentence.lower()
        return bool(YEAR.search(sentence) or dates(sentence) or RELATIVE_DAY.search(low))
    if kind == "person":  # by surname: "Jake Sullivan" answers "Who is the adviser Jake..."
        return any(p.split()[-1] not in known for p in people(sentence))
    if kind == "place":
        return any(normalize(m.split()[0]) not in known for m in PLACE_CUE.findall(sentence))
    return False


def display_text(sentence: str) -> str:
    """The sentence as the answer shows it: the dateline that opens a story trimmed off."""
    trimmed = LEADING_DATELINE.sub("", sentence, count=1)
    trimmed = OPENING_DATELINE.sub("", trimmed, count=1)
    return trimmed[0].upper() + trimmed[1:] if trimmed else sentence


@dataclass
class _Candidate:
    sentence: Sentence
    excerpt: Excerpt
    rank: int
    terms: frozenset[str] = frozenset()
    typed: bool = False
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

    # The best sentence's score below which the bot abstains, and the stricter one when the
    # question looks unanswerable (see ``ExtractiveGenerator._floor``).
    min_score: float = 0.35
    min_score_doubtful: float = 0.7
    # Support for the best sentence, as a share of its score: the sentence after it, a sentence
    # of the same article holding the kind of answer it lacks, a sentence of another article.
    next_sentence_ratio: float = 0.6
    typed_sentence_ratio: float = 0.6
    second_source_ratio: float = 0.85
    max_sentences: int = 3


class ExtractiveGenerator:
    name = "extractive"
    streams = False

    def __init__(self, store: Store, thresholds: ExtractiveThresholds | None = None) -> None:
        self.store = store
        self.thresholds = thresholds or ExtractiveThresholds()

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        draft = self._generate(request)
        if on_token:
            on_token(draft.text)
        return draft

    def _generate(self, request: GenerationRequest) -> Draft:
        excerpts = list(request.excerpts)
        if not excerpts or request.query_vector is None:
            return Draft.abstain()
        question = analyze(request.question)
        ranked = self.rank(question, excerpts, np.asarray(request.query_vector, np.float32))
        if not ranked:
            return Draft.abstain()
        best = ranked[0]
        chosen = [best, *self._support(best, ranked, question)]
        if best.score < self._floor(question, chosen, excerpts, request.bodies):
            return Draft.abstain()
        return _draft(chosen)

    def _floor(
        self,
        question: Question,
        chosen: list[_Candidate],
        excerpts: list[Excerpt],
        bodies: Mapping[str, str],
    ) -> float:
        """The score the best sentence needs, higher when the question looks unanswerable.

        It does when a name or number of the question is missing from every article the answer
        would cite ("What did Earnest say about North Korea?"), when no excerpt mentions what
        it asks about its names ("When did Milley retire?"), or when "how many" finds nothing
        counted. Paraphrases rename things too ("Nordic capital"), so a strong match still wins.
        """
        t = self.thresholds
        cited = " ".join(bodies.get(a, "") for a in {c.sentence.article_id for c in chosen})
        excerpt_text = " ".join(f"{e.title} {e.date or ''} {e.text}" for e in excerpts)
        doubtful = (
            bool(unmentioned(question.names + question.numbers, cited))
            or asks_unmentioned(question, excerpt_text)
            or (question.kind == "count" and not any(c.typed for c in chosen))
        )
        return t.min_score_doubtful if doubtful else t.min_score

    def rank(
        self, question: Question, excerpts: list[Excerpt], query_vector: np.ndarray
    ) -> list[_Candidate]:
        """The excerpts' sentences, best answer first: meaning, shared rare terms, answer kind."""
        candidates, vectors = self._candidates(excerpts)
        if not candidates:
            return []
        dense = vectors @ query_vector
        for c, terms in zip(candidates, tokenize([c.sentence.text for c in candidates])):
            c.terms = frozenset(terms)
            c.typed = has_answer_type(c.sentence.text, question)
        wanted = set(question.terms)
        df = {t: sum(t in c.terms for c in candidates) for t in wanted}
        weights = {t: math.log(1 + len(candidates) / (1 + df[t])) for t in wanted}
        total = sum(weights.values()) or 1.0
        for c, sim in zip(candidates, dense):
            lexical = sum(w for t, w in weights.items() if t in c.terms) / total
            c.score = 0.55 * float(sim) + 0.30 * lexical + 0.10 * c.typed + 0.05 / (1 + c.rank)
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
        if following and following.score >= t.next_sentence_ratio * best.score:
            support.append(following)
        # The best match may restate the question ("Gates met Serdyukov...") while the person,
        # date or number asked for sits a few sentences on.
        if question.kind and not best.typed and not any(c.typed for c in support):
            typed = next((c for c in same if c.typed), None)
            if typed and typed.score >= t.typed_sentence_ratio * best.score:
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


def _draft(chosen: list[_Candidate]) -> Draft:
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
        parts.append(f"{display_text(c.sentence.text)} [{n}]")
    return Draft(text=" ".join(parts), sources=sources)
