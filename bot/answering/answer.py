"""The structured answer every front end renders, and the draft a generator hands in."""

from __future__ import annotations

from dataclasses import dataclass, field

from retrieval.records import Excerpt

ABSTAIN_TEXT = "The articles I have do not answer that."


@dataclass(frozen=True)
class Turn:
    """One exchange of a conversation, as the rewriter needs it."""

    question: str
    standalone: str
    answer: str = ""


@dataclass(frozen=True)
class Source:
    """What a generator says marker ``[n]`` points to: a retrieved excerpt and the exact quote."""

    n: int
    excerpt: Excerpt
    quote: str


@dataclass
class Draft:
    """A generator's answer before the citation check: text with ``[n]`` markers and sources."""

    text: str
    sources: dict[int, Source] = field(default_factory=dict)
    abstained: bool = False
    # The name, place, date or number that answers, verbatim from a cited sentence.
    short_answer: str | None = None

    @classmethod
    def abstain(cls, reason: str = "") -> Draft:
        """``ABSTAIN_TEXT``, then what the articles do cover when that helps."""
        return cls(text=f"{ABSTAIN_TEXT} {reason}".strip(), abstained=True)


@dataclass(frozen=True)
class Citation:
    n: int
    article_id: str
    title: str
    date: str | None
    quote: str
    url: str | None = None
    title_derived: bool = False

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date,
            "quote": self.quote,
            "url": self.url,
            "title_derived": self.title_derived,
        }


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    standalone_question: str = ""
    excerpts: list[Excerpt] = field(default_factory=list)
    generator: str = "extractive"
    notice: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    short_answer: str | None = None

    def to_json(self) -> dict:
        """The ``newsbot ask --json`` contract: keys are added, never renamed or dropped."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "notice": self.notice,
            "generator": self.generator,
            "short_answer": self.short_answer,
        }
