"""The citation check every answer passes before it reaches a person.

A marker survives only if it points to a retrieved excerpt, its quote is found verbatim in the
cleaned article body, and the claim it is attached to finds its names, numbers and dates in the
cited excerpts. Claims left without a valid marker are dropped; markers are renumbered 1..n.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.answering.answer import Citation, Draft, Source
from bot.answering.facts import missing_facts, stems
from retrieval.records import Excerpt

# A claim is the text up to a run of markers: "Milley met Gerasimov in Helsinki. [1][2]"
MARKER_RUN = re.compile(r"((?:\s*\[\d+\])+)")
# Writers also put markers before the full stop: "... in Helsinki [1]."
MARKERS_BEFORE_STOP = re.compile(r"((?:\s*\[\d+\])+)\s*([.!?;])")
MARKER_NUMBER = re.compile(r"\[(\d+)\]")
SPACES = re.compile(r"\s+")


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


def _source_problem(src: Source, retrieved: Sequence[Excerpt], bodies: Mapping[str, str]) -> str:
    if not _is_retrieved(src.excerpt, retrieved):
        return f"[{src.n}] does not point to a retrieved excerpt"
    body = bodies.get(src.excerpt.article_id)
    if body is None or not quote_in_body(src.quote, body):
        return f"[{src.n}] quotes text that is not in article {src.excerpt.article_id}"
    return ""


def check_citations(
    draft: Draft, retrieved: Sequence[Excerpt], bodies: Mapping[str, str]
) -> CheckedAnswer:
    """Keep what the sources support; say what was removed and why."""
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
        if claim and cited:
            kept.append((claim, cited))
        elif claim:
            problems.append(f"dropped a claim with no valid citation: {claim[:60]!r}")
    if len(pieces) % 2 and pieces[-1].strip():
        problems.append(f"dropped text with no citation: {pieces[-1].strip()[:60]!r}")

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
