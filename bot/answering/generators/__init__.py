"""Answer generators: each turns a question and its retrieved excerpts into a cited ``Draft``."""

from bot.answering.generators.base import GenerationRequest, Generator, TokenSink

__all__ = ["GenerationRequest", "Generator", "TokenSink"]
