"""The citation check every answer passes before it reaches a person.

A marker survives only if it points to a retrieved excerpt, its quote is found verbatim in the
cleaned article body, the claim it is attached to finds its names, numbers and dates in the
cited excerpts, the claim's other content words are found in the quote (``support``), and the
claim with its quote bears on the question (``relevance``). Names and numbers alone prove
nothing: "Milley and Gerasimov jointly ordered the drone strike that killed 10 civilians" finds
all of them in an excerpt that says no such thing, and an article that tells the model to reply
"PWNED [1]" supplies its own quote. Claims left without a valid marker are dropped; markers are
renumbered 1..n.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bot.answering.answer import Citation, Draft, Source
from bot.answering.facts import lemmas, missing_facts, names, numbers, stems
from retrieval.embedders import Embedder
from retrieval.records import Excerpt

# A claim is the text up to a run of markers: "Milley met Gerasimov in Helsinki. [1][2]"
MARKER_RUN = re.compile(r"((?:\s*\[\d+\])+)")
# Writers also put markers before the full stop: "... in Helsinki [1]."
MARKERS_BEFORE_STOP = re.compile(r"((?:\s*\[\d+\])+)\s*([.!?;])")
MARKER_NUMBER = re.compile(r"\[(\d+)\]")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SupportThresholds:
    """Measured by ``scripts/calibrate_citations.py`` on the calibration split (see the README):
    every claim of the extractive answers to ``eval/questions/seeds.jsonl`` passes, replies a
    misled model gives fail."""

    # A claim's content words (not names, numbers or stop words) must be found in its quotes:
    # at least this share of them, and all but ``max_unsupported``. Faithful paraphrases change
    # one word ("lasted 50 minutes" for "the 50-minute phone call"); invented claims add two or
    # more ("jointly ordered").
    support: float = 0.5
    max_unsupported: int = 1
    # Cosine similarity of a claim's embedding with the question's, by embedder: each embedder
    # has its own scale.
    relevance: Mapping[str, float] = field(
        default_factory=lambda: {"all-MiniLM-L6-v2": 0.15, "hashing": 0.05}
    )

    def relevance_for(self, embedder: str) -> float:
        """The floor for ``embedder``; one never measured gets the lowest (drops the least)."""
        return self.relevance.get(embedder, min(self.relevance.values()))


@dataclass
class CheckedAnswer:
    text: str
    citations: list[Citation]
    problems: list[str] = field(default_factory=list)


def _squash(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def quote_in_body(quote: str, body: str) -> bool:
    """Verbatim, up to runs of whitespace (a quote may span a paragraph break)."""
    return bool(quote.strip()) and _squash(quote) in _squash(body)


def _is_retrieved(excerpt: Excerpt, retrieved: Sequence[Excerpt]) -> bool:
    return any(
        e.article_id == excerpt.article_id and e.start <= excerpt.start and excerpt.end <= e.end
        for e in retrieved
    )


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from retrieval.keyword import STOPWORDS

    return frozenset(lemmas(" ".join(STOPWORDS)))


def content_words(text: str) -> set[str]:
    """Lemmatised words of ``text`` that carry its meaning: no stop words, names or numbers."""
    skip = _stopwords() | lemmas(" ".join(names(text) + numbers(text)))
    return {w for w in lemmas(text) if w not in skip and not w[:1].isdigit()}


def unsupported(claim: str, quote: str) -> set[str]:
    """The claim's content words that its quote does not contain."""
    return content_words(claim) - lemmas(quote)


def support(claim: str, quote: str) -> float:
    """Share of the claim's content words that its quote contains (1.0 when it has none: then
    its names and numbers, checked by ``missing_facts``, are all it says)."""
    return _support(content_words(claim), quote)[0]


def _support(words: set[str], quote: str) -> tuple[float, int]:
    """(share of ``words`` the quote holds, how many it lacks)."""
    missing = len(words - lemmas(quote))
    return (1.0 - missing / len(words) if words else 1.0), missing


def supported(claim: str, quote: str, t: SupportThresholds) -> bool:
    share, missing = _support(content_words(claim), quote)
    return share >= t.support and missing <= t.max_unsupported


@dataclass(frozen=True)
class Relevance:
    """Claims scored by the cosine of their embedding with the question's. Word overlap cannot
    judge this: extractive answers that plainly answer share no word with their question ("Which
    Central Asian airfield did America have to give up ...?" - "The United States used the
    transit center in Manas, Kyrgyzstan, ...")."""

    embedder: Embedder
    question_vector: np.ndarray

    def __call__(self, claims: Sequence[str]) -> list[float]:
        query = np.asarray(self.question_vector, dtype=np.float32)
        return [float(s) for s in self.embedder.embed(list(claims)) @ query]


def _source_problem(src: Source, retrieved: Sequence[Excerpt], bodies: Mapping[str, str]) -> str:
    if not _is_retrieved(src.excerpt, retrieved):
        return f"[{src.n}] does not point to a retrieved excerpt"
    body = bodies.get(src.excerpt.article_id)
    if body is None or not quote_in_body(src.quote, body):
        return f"[{src.n}] quotes text that is not in article {src.excerpt.article_id}"
    return ""


def check_citations(
    draft: Draft,
    retrieved: Sequence[Excerpt],
    bodies: Mapping[str, str],
    bears_on: Relevance | None = None,
    thresholds: SupportThresholds | None = None,
) -> CheckedAnswer:
    """Keep what the sources support; say what was removed and why. ``bears_on`` scores each
    claim against the question; without it claims are not checked for relevance."""
    t = thresholds or SupportThresholds()
    problems: list[str] = []
    valid: dict[int, Source] = {}
    for n, src in sorted(draft.sources.items()):
        problem = _source_problem(src, retrieved, bodies)
        if problem:
            problems.append(problem)
        else:
            valid[n] = src

    kept: list[tuple[str, list[int]]] = []
    pieces = MARKER_RUN.split(MARKERS_BEFORE_STOP.sub(r"\2\1", draft.text))
    for claim, markers in zip(pieces[0::2], pieces[1::2]):
        claim = claim.strip()
        numbers = list(dict.fromkeys(int(n) for n in MARKER_NUMBER.findall(markers)))
        for n in numbers:
            if n not in draft.sources:
                problems.append(f"[{n}] has no source")
        cited = [n for n in numbers if n in valid]
        evidence = {n: f"{valid[n].excerpt.text} {valid[n].quote}" for n in cited}
        if claim and cited:
            unsupported = missing_facts(claim, " ".join(evidence.values()))
            if unsupported:
                problems.append(
                    f"dropped a claim: {', '.join(unsupported)} not in its cited excerpts"
                )
                continue
            claim_stems = stems(claim)
            relevant = [n for n in cited if claim_stems & stems(evidence[n])]
            for n in set(cited) - set(relevant):
                problems.append(f"[{n}] removed: its excerpt shares nothing with the claim")
            cited = relevant
            quotes = " ".join(valid[n].quote for n in cited)
            if cited and not supported(claim, quotes, t):
                problems.append(f"dropped a claim its quote does not state: {claim[:60]!r}")
                continue
        if claim and cited:
            kept.append((claim, cited))
        elif claim:
            problems.append(f"dropped a claim with no valid citation: {claim[:60]!r}")
    if len(pieces) % 2 and pieces[-1].strip():
        problems.append(f"dropped text with no citation: {pieces[-1].strip()[:60]!r}")
    if bears_on is not None and kept:
        floor = t.relevance_for(bears_on.embedder.name)
        scores = bears_on([claim for claim, _ in kept])
        for (claim, _), score in zip(kept, scores):
            if score < floor:
                problems.append(
                    f"dropped a claim that does not bear on the question: {claim[:60]!r}"
                )
        kept = [item for item, score in zip(kept, scores) if score >= floor]

    renumber: dict[int, int] = {}
    for _, cited in kept:
        for n in cited:
            renumber.setdefault(n, len(renumber) + 1)
    text = " ".join(
        claim + " " + "".join(f"[{renumber[n]}]" for n in cited) for claim, cited in kept
    )
    citations = [
        Citation(
            n=new,
            article_id=valid[old].excerpt.article_id,
            title=valid[old].excerpt.title,
            date=valid[old].excerpt.date,
            quote=valid[old].quote,
            url=valid[old].excerpt.url,
            title_derived=valid[old].excerpt.title_derived,
        )
        for old, new in sorted(renumber.items(), key=lambda pair: pair[1])
    ]
    return CheckedAnswer(text=text, citations=citations, problems=problems)
