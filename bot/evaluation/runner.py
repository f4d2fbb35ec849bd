"""Runs a question set through the answer pipeline, one independent question at a time."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bot.answering.citations import quote_in_body
from bot.answering.pipeline import AnswerPipeline
from bot.evaluation.questions import EvalQuestion
from bot.evaluation.scoring import is_correct


def first_occurrences(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def run_questions(
    pipeline: AnswerPipeline,
    questions: Sequence[EvalQuestion],
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[dict], list[dict]]:
    """``results.jsonl`` records and, per citation, whether its quote is verbatim in its article.

    A question that crashes the pipeline is recorded with its error and counted wrong.
    """
    results: list[dict] = []
    citations: list[dict] = []
    for done, q in enumerate(questions, start=1):
        started = time.perf_counter()
        answer_text, abstained, cited, retrieved, error = "", False, [], [], None
        short_answer, generator = None, None
        try:
            answer = pipeline.answer(q.question)
            answer_text, abstained = answer.text, answer.abstained
            short_answer, generator = answer.short_answer, answer.generator
            cited = [c.article_id for c in answer.citations]
            retrieved = first_occurrences([e.article_id for e in answer.excerpts])
            bodies = pipeline.store.bodies(sorted(set(cited)))
            citations += [
                {
                    "id": q.id,
                    "n": c.n,
                    "article_id": c.article_id,
                    "quote": c.quote,
                    "valid": quote_in_body(c.quote, bodies.get(c.article_id, "")),
                }
                for c in answer.citations
            ]
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
        latency = (time.perf_counter() - started) * 1000
        results.append(
            {
                "id": q.id,
                "question": q.question,
                "answer": answer_text,
                "abstained": abstained,
                "cited": cited,
                "retrieved": retrieved,
                "latency_ms": round(latency, 2),
                "correct": is_correct(q, answer_text, abstained, error),
                "error": error,
                # Keys added later go after the original ones: results.jsonl is a contract.
                "short_answer": short_answer,
                "split": q.split,
                "generator": generator,
            }
        )
        if progress:
            progress(done, len(questions))
    return results, citations
