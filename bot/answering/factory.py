"""Assembles the pipeline from ``Settings``: the one place that knows every concrete backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering.answerability import model_for
from bot.answering.generators.base import Generator
from bot.answering.generators.extractive import ExtractiveGenerator
from bot.answering.pipeline import AnswerPipeline
from bot.answering.reader import Reader, shared_reader
from bot.answering.rewrite import Rewriter, RuleRewriter
from bot.config import Settings
from retrieval.index import Index, open_index

if TYPE_CHECKING:
    from retrieval.ingest import IngestReport, Progress


def make_generator(
    settings: Settings, index: Index, extractive: ExtractiveGenerator
) -> tuple[Generator, Rewriter]:
    if settings.generator == "extractive":
        return extractive, RuleRewriter()
    # Imported here so the default path never pays for LangChain's import.
    from bot.answering.generators.llm import LLMGenerator, LLMRewriter, make_chat_model
    from bot.answering.prompts import load_prompts

    model = make_chat_model(settings)
    prompts = load_prompts(settings.prompts_dir)
    return LLMGenerator(model, prompts, settings.generator), LLMRewriter(model, prompts)


def make_reader(settings: Settings, embedder: str) -> Reader | None:
    """The answer reader, where it is switched on and the index uses the embedder whose
    pipeline chose the answers it was fitted on (the hashing double's choices are others)."""
    if not settings.reader or embedder != "minilm":
        return None
    return shared_reader(settings.reader_dir)


def build_pipeline(
    settings: Settings,
    progress: Progress | None = None,
    on_build: Callable[[IngestReport], None] | None = None,
    index: Index | None = None,
) -> AnswerPipeline:
    index = index or open_index(settings.retrieval, progress=progress, on_build=on_build)
    extractive = ExtractiveGenerator(
        index.store,
        model=model_for(index.settings.embedder),
        records=index.records,
        reader=make_reader(settings, index.settings.embedder),
    )
    generator, rewriter = make_generator(settings, index, extractive)
    return AnswerPipeline(
        index.searcher(),
        index.store,
        generator,
        fallback=extractive,
        rewriter=rewriter,
        max_question_chars=settings.max_question_chars,
        index_notice=index.notice,
    )
