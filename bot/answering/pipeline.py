"""The answer pipeline every front end and the evaluation run: question + history -> Answer."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import numpy as np

from bot.answering.answer import ABSTAIN_TEXT, Answer, Citation, Draft, Turn
from bot.answering.casing import read_casually
from bot.answering.citations import Relevance, check_citations
from bot.answering.facts import MONTHS, YEAR
from bot.answering.generators.base import GenerationRequest, Generator, TokenSink
from bot.answering.inputs import clean_input
from bot.answering.question import analyze
from bot.answering.rewrite import Rewriter, RuleRewriter, unclear_reference
from retrieval.dates import DateWindow, question_window
from retrieval.records import Excerpt
from retrieval.search import HybridSearcher
from retrieval.stores import Store

log = logging.getLogger(__name__)

EXAMPLE_QUESTION = "Where did Milley meet Gerasimov?"


def _leaves_out(question: str, excerpts: Sequence[Excerpt]) -> bool:
    """Whether no excerpt (title or text) mentions one of the question's names or numbers,
    its years and days aside: those chose the excerpts' dates, and a story rarely writes its
    own year."""
    asked = analyze(question)
    facts = [
        c
        for c in asked.constraints
        if not YEAR.fullmatch(c.lstrip("'")) and c.split()[0] not in MONTHS  # "january 14"
    ]
    said = " ".join(f"{e.title} {e.text}" for e in excerpts)
    return bool(asked.unmentioned(facts, said))


class QuestionError(ValueError):
    """A question the bot cannot take; the message is a reply to show the person."""


class AnswerPipeline:
    def __init__(
        self,
        searcher: HybridSearcher,
        store: Store,
        generator: Generator,
        fallback: Generator,
        rewriter: Rewriter | None = None,
        max_question_chars: int = 500,
        index_notice: str | None = None,
    ) -> None:
        """``index_notice`` is said with every answer (an index an ingest has not finished)."""
        self.searcher = searcher
        self.store = store
        self.generator = generator
        self.fallback = fallback
        self.rewriter = rewriter or RuleRewriter()
        self.max_question_chars = max_question_chars
        self.index_notice = index_notice

    def validate(self, question: str) -> str:
        """The question cleaned (``clean_input``), or ``QuestionError`` saying why not."""
        question = clean_input(question)
        if not question:
            raise QuestionError(
                f'Ask me something about the news articles, e.g. "{EXAMPLE_QUESTION}"'
            )
        if len(question) > self.max_question_chars:
            raise QuestionError(
                f"That question is {len(question)} characters long; please keep it under "
                f"{self.max_question_chars}, one question at a time."
            )
        return question

    def _search(
        self, question: str, vector: np.ndarray, window: DateWindow | None
    ) -> list[Excerpt]:
        """Excerpts dated in ``window`` (given by the person) and in the dates the question
        names; the question's dates only narrow the search when some article is dated in them
        ("What happened in 2014?" may be told by a 2021 article) and those articles' excerpts
        mention the question's other names and numbers; else the rest follow them."""
        window = window or DateWindow()
        named = question_window(question)
        narrowed: list[Excerpt] = []
        if named.bounded or named.latest:
            narrowed = self.searcher.search(question, vector=vector, window=window.within(named))
            if narrowed and not _leaves_out(question, narrowed):
                return narrowed
        # "Which general invited Dempsey in 2013 and met Milley in Helsinki?": the 2013 stories
        # first, then the rest, where they leave out a name or number the question gives.
        wide = self.searcher.search(question, vector=vector, window=window)
        kept = {(e.article_id, e.start) for e in narrowed}
        return narrowed + [e for e in wide if (e.article_id, e.start) not in kept]

    def answer(
        self,
        question: str,
        history: Sequence[Turn] = (),
        on_token: TokenSink | None = None,
        window: DateWindow | None = None,
    ) -> Answer:
        """Raises ``QuestionError`` for an empty or over-long question, or one that refers to
        a conversation there is none of. ``window`` restricts the excerpts' dates."""
        question = self.validate(question)
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = (now - clock) * 1000
            clock = now

        if (ask_back := unclear_reference(question, history)) is not None:
            raise QuestionError(ask_back)
        standalone = self.rewriter.rewrite(question, history)
        lap("rewrite")
        vector = self.searcher.embed_query(standalone)
        lap("embed")
        excerpts = self._search(standalone, vector, window)
        lap("search")
        bodies = self.store.bodies(sorted({e.article_id for e in excerpts}))
        # "when did milley meet gerasimov?": the names the engine reads from capitals, as the
        # articles found write them (their bodies: a headline capitalises every word)
        cased = read_casually(standalone, bodies.values())
        request = GenerationRequest(cased, excerpts, vector, tuple(history), bodies)
        # Model-written claims are embedded to judge whether they bear on the question. The
        # fallback's claims are article sentences it chose for their similarity to the question
        # (all pass: scripts/calibrate_citations.py), and embedding them again would double an
        # extractive answer's time.
        relevance = Relevance(self.searcher.embedder, vector)
        notice = None
        used = self.generator
        try:
            draft = self.generator.generate(request, on_token)
        except Exception as exc:
            notice = (
                f"{self.generator.name} failed ({_reason(exc)}); answered extractively instead."
            )
            log.warning("generator %s failed, falling back: %s", self.generator.name, exc)
            used, draft = self.fallback, self.fallback.generate(request)
        lap("generate")
        bears_on = None if used is self.fallback else relevance
        checked = check_citations(draft, excerpts, bodies, bears_on)
        if not draft.abstained:
            _log_problems(used.name, checked.problems)
        if not draft.abstained and not checked.citations and used is not self.fallback:
            log.warning("%s gave no valid citation; answered extractively", used.name)
            notice = (
                f"{used.name} gave no answer with a valid citation; answered extractively instead."
            )
            used, draft = self.fallback, self.fallback.generate(request)
            checked = check_citations(draft, excerpts, bodies)
            _log_problems(used.name, checked.problems)
        abstained = draft.abstained or not checked.citations
        lap("check")
        timings["total"] = sum(timings.values())
        if abstained:  # ABSTAIN_TEXT, with what the articles cover when the generator said so
            said = draft.abstained and draft.text.startswith(ABSTAIN_TEXT)
            text = draft.text if said else ABSTAIN_TEXT
        else:
            text = checked.text
        return Answer(
            question=question,
            text=text,
            citations=[] if abstained else checked.citations,
            abstained=abstained,
            standalone_question=standalone,
            excerpts=list(excerpts),
            generator=used.name,
            notice=" ".join(n for n in (self.index_notice, notice) if n) or None,
            timings_ms=timings,
            short_answer=None if abstained else _short_answer(draft, checked.citations),
        )


def _short_answer(draft: Draft, citations: list[Citation]) -> str | None:
    """The draft's short answer while a sentence it was taken from is still cited."""
    short = draft.short_answer
    return short if short and any(short in c.quote for c in citations) else None


def _log_problems(generator: str, problems: list[str]) -> None:
    for problem in problems:
        log.info("citation check (%s): %s", generator, problem)


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
