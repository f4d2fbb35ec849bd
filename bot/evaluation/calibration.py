"""What the extractive generator finds for each CALIBRATION question of a question file: the
one source of training rows for the fitted parts of the generator (``scripts/fit_*.py``).
Held-out questions are never read."""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.answering.answerability import model_for
from bot.answering.casing import read_casually
from bot.answering.generators.base import GenerationRequest
from bot.answering.generators.extractive import Assessment, ExtractiveGenerator
from bot.evaluation.questions import EvalQuestion
from bot.evaluation.scoring import has_answer
from bot.evaluation.sets import load_question_set
from bot.evaluation.squad import squad_settings, write_corpus
from retrieval.index import build_index
from retrieval.settings import RetrievalSettings

NEWS_TEXT = "news corpus"


@dataclass(frozen=True)
class Found:
    question: EvalQuestion
    assessment: Assessment
    # The title of the best sentence's article: the reader reads it with the sentences.
    title: str
    # The generator as it answers, reader aside, would give an answer: no rule declines it and
    # the answerability model (or, without one, the score floor) lets it through.
    let_through: bool
    # The text the question was written about: a SQuAD question's article title, or NEWS_TEXT
    # for a question about the configured news corpus. A fit that must show how it does on text
    # it never saw keeps each text on one side of its folds.
    text: str

    @property
    def ruled(self) -> bool:
        """A rule decides this question, whatever a fitted model says."""
        return self.assessment.decline is not None or bool(self.assessment.holder)

    @property
    def right(self) -> bool:
        """Answerable, and a chosen sentence holds an accepted answer."""
        said = " ".join(c.sentence.text for c in self.assessment.chosen)
        return self.question.answerable and has_answer(said, self.question.answers)


def calibration_found(path: Path, base: RetrievalSettings) -> Iterator[Found]:
    """The generator's assessment of each calibration question of ``path`` that it has any
    sentence for; a SQuAD file is ingested into its own folder under ``base.index_dir``."""
    qset = load_question_set(path)
    settings = base
    if qset.squad is not None:
        settings = squad_settings(qset.squad, base)
        write_corpus(qset.squad, settings.corpus_dir)
    _, index = build_index(settings)
    searcher = index.searcher()
    generator = ExtractiveGenerator(index.store, model=model_for(settings.embedder))
    for q in qset.questions:
        if q.split != "calibration":
            continue
        vector = searcher.embed_query(q.question)
        excerpts = searcher.search(q.question, vector=vector)
        bodies = index.store.bodies(sorted({e.article_id for e in excerpts}))
        question = read_casually(q.question, bodies.values())
        found = generator.assess(GenerationRequest(question, excerpts, vector, (), bodies))
        if found is not None:
            text = qset.squad.title_of[q.id] if qset.squad is not None else NEWS_TEXT
            let_through = found.decline is None and generator.answers(found)
            yield Found(q, found, found.chosen[0].excerpt.title, let_through, text)


def text_folds(texts: list[str], folds: int) -> dict[str, int]:
    """Each text's fold, for cross-validation that never splits a text (``Found.text``, one
    entry per question): the largest text first, each into the fold with the fewest questions
    so far, ties by name, so a rerun gives the same folds."""
    sizes = Counter(texts)
    filled = [0] * folds
    fold_of = {}
    for text in sorted(sizes, key=lambda t: (-sizes[t], t)):
        k = filled.index(min(filled))
        fold_of[text] = k
        filled[k] += sizes[text]
    return fold_of


def fit_arguments(description: str) -> argparse.ArgumentParser:
    """The arguments every fit script takes: the question files, and where their throwaway
    indexes go (outside the repository: never committed)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("files", nargs="+", type=Path, help="question files (JSON Lines, SQuAD)")
    parser.add_argument(
        "--index-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsbot-fit"
    )
    return parser
