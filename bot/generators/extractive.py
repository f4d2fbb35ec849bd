"""The default generator: picks the retrieved sentences that answer the question, quotes them.

No network, no key, deterministic. Sentence vectors were computed at ingest, so scoring a
question costs one query embedding (already done for search) and a few dot products.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from bot.answer import Draft, Source
from bot.facts import MONTHS, WEEKDAYS, names, normalize, numbers, stems
from bot.generators.base import GenerationRequest, TokenSink
from retrieval.cleaning import OPENING_DATELINE
from retrieval.keyword import tokenize
from retrieval.records import Excerpt, Sentence, sentence_id
from retrieval.stores import Store

NUMBER_WORDS = set(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds "
    "thousand thousands million half".split()
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
PLACE_CUE = re.compile(
    r"\b(?:in|at|to|near|from|into)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)"
)
LEADING_DATELINE = re.compile(r"^[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(?:--|—|–)\s*")


def answer_type(question: str) -> str | None:
    """What kind of answer the question wants: person, date, number, place, or None."""
    q = question.lower()
    if re.search(r"\bhow (many|much|long|far|big|large)\b|\bwhat (number|percentage)\b", q):
        return "number"
    if re.search(r"^\s*when\b|\bwhat (date|day|year|month)\b|\bwhich (date|day|year|month)\b", q):
        return "date"
    if re.search(r"^\s*(who|whom)\b|\bwho\b|\bwhich (official|person|general|minister)\b", q):
        return "person"
    if re.search(r"^\s*where\b|\bwhich (city|country|capital|port|sea|base|town)\b", q):
        return "place"
    return None


def _has_type(sentence: str, kind: str | None, question_words: set[str]) -> bool:
    if kind is None:
        return False
    if kind == "number":
        words = {normalize(w) for w in sentence.split()}
        return bool(set(numbers(sentence)) - question_words or (words & NUMBER_WORDS))
    if kind == "date":
        low = sentence.lower()
        return bool(YEAR.search(sentence)) or any(
            re.search(rf"\b{w}\b", low) for w in MONTHS + WEEKDAYS + ["today", "yesterday"]
        )
    if kind == "person":
        return bool(set(names(sentence)) - question_words)
    if kind == "place":
        return any(
            normalize(m.split()[0]) not in question_words for m in PLACE_CUE.findall(sentence)
        )
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
    score: float = 0.0


@dataclass(frozen=True)
class ExtractiveThresholds:
    """Calibrated on eval/questions/seeds.jsonl (see the README's quality figures)."""

    min_score: float = 0.35
    min_score_unknown_name: float = 0.7
    second_source_ratio: float = 0.85
    next_sentence_ratio: float = 0.6
    max_sentences: int = 3


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, store: Store, thresholds: ExtractiveThresholds | None = None) -> None:
        self.store = store
        self.thresholds = thresholds or ExtractiveThresholds()

    def _candidates(self, excerpts: list[Excerpt]) -> tuple[list[_Candidate], np.ndarray]:
        wanted: dict[str, tuple[Excerpt, int]] = {}
        for rank, e in enumerate(excerpts):
            for i in range(e.first_sentence, e.last_sentence + 1):
                wanted.setdefault(sentence_id(e.article_id, e.content_hash, i), (e, rank))
        sentences, vectors = self.store.sentences(list(wanted))
        return [_Candidate(s, *wanted[s.id]) for s in sentences], vectors

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        draft = self._generate(request)
        if on_token:
            on_token(draft.text)
        return draft

    def _generate(self, request: GenerationRequest) -> Draft:
        excerpts = list(request.excerpts)
        if not excerpts or request.query_vector is None:
            return Draft.abstain()
        question = request.question
        question_words = {normalize(w) for w in re.findall(r"[\w'.-]+", question)}
        # A name or number the question hinges on that no excerpt mentions usually means the
        # corpus cannot answer it, however similar the rest sounds; paraphrases also rename
        # things ("Nordic capital"), so only a strong sentence match overrides it.
        retrieved = stems(" ".join(f"{e.title} {e.date or ''} {e.text}" for e in excerpts))
        unknown = [k for k in names(question) + numbers(question) if stems(k) - retrieved]

        candidates, vectors = self._candidates(excerpts)
        if not candidates:
            return Draft.abstain()
        dense = vectors @ np.asarray(request.query_vector, dtype=np.float32)
        terms = tokenize([question])[0]
        sentence_terms = [set(t) for t in tokenize([c.sentence.text for c in candidates])]
        df = {t: sum(t in st for st in sentence_terms) for t in set(terms)}
        weights = {t: math.log(1 + len(candidates) / (1 + df[t])) for t in set(terms)}
        total = sum(weights.values()) or 1.0
        kind = answer_type(question)
        for c, sim, st in zip(candidates, dense, sentence_terms):
            lexical = sum(w for t, w in weights.items() if t in st) / total
            typed = 1.0 if _has_type(c.sentence.text, kind, question_words) else 0.0
            c.score = 0.55 * float(sim) + 0.30 * lexical + 0.10 * typed + 0.05 / (1 + c.rank)
        ranked = sorted(candidates, key=lambda c: (-c.score, c.rank, c.sentence.index))
        best = ranked[0]
        floor = self.thresholds.min_score_unknown_name if unknown else self.thresholds.min_score
        if best.score < floor:
            return Draft.abstain()

        chosen = [best]
        # The sentence naming the question's terms is often followed by the one holding the
        # answer ("...ordered a carrier strike group to stay. The USS Harry S. Truman will...").
        following = next(
            (
                c
                for c in ranked
                if c.sentence.article_id == best.sentence.article_id
                and c.sentence.index == best.sentence.index + 1
            ),
            None,
        )
        if following and following.score >= self.thresholds.next_sentence_ratio * best.score:
            chosen.append(following)
        for c in ranked[1:]:
            if len(chosen) >= self.thresholds.max_sentences:
                break
            if c.score < self.thresholds.second_source_ratio * best.score:
                break
            if c.sentence.article_id not in {x.sentence.article_id for x in chosen}:
                chosen.append(c)  # the facts of some questions sit in two articles

        sources: dict[int, Source] = {}
        parts = []
        # Read in story order within the best article, other articles after it.
        chosen.sort(
            key=lambda c: (c.sentence.article_id != best.sentence.article_id, c.sentence.index)
        )
        for n, c in enumerate(chosen, start=1):
            sources[n] = Source(n=n, excerpt=c.excerpt, quote=c.sentence.text)
            parts.append(f"{display_text(c.sentence.text)} [{n}]")
        return Draft(text=" ".join(parts), sources=sources)
