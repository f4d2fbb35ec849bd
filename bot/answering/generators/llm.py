"""Language-model generators through LangChain chat models: OpenAI-compatible, Anthropic, Ollama.

The model writes the answer with ``[n]`` markers pointing at the numbered excerpts; the quote for
each marker is then taken from the excerpt itself (the sentence closest to what the model said),
so quotes are always article text. The pipeline's citation check decides what survives.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from html import escape

from langchain_core.language_models.chat_models import BaseChatModel

from bot.answering.answer import ABSTAIN_TEXT, Draft, Source, Turn
from bot.answering.citations import MARKER_NUMBER, MARKER_RUN
from bot.answering.facts import stems
from bot.answering.generators.base import GenerationRequest, TokenSink
from bot.answering.inputs import strip_controls
from bot.answering.prompts import Prompts
from bot.answering.rewrite import RuleRewriter
from bot.config import Settings
from retrieval.records import Excerpt
from retrieval.sentences import split_sentences

log = logging.getLogger(__name__)


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model; never retries, so a dead backend falls back quickly."""
    timeout = settings.llm_timeout_s
    if settings.generator == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.llm_model or "gpt-4o-mini",
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key or "not-needed",
            timeout=timeout,
            max_retries=0,
            temperature=0,
        )
    if settings.generator == "anthropic":
        from langchain_anthropic import ChatAnthropic

        return ChatAnthropic(
            model=settings.llm_model or "claude-3-5-haiku-latest",
            base_url=settings.anthropic_base_url,
            api_key=settings.anthropic_api_key or "missing",
            timeout=timeout,
            max_retries=0,
            temperature=0,
        )
    if settings.generator == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model or "llama3.1",
            base_url=settings.ollama_base_url,
            temperature=0,
            client_kwargs={"timeout": timeout},
        )
    raise ValueError(f"no chat model for generator {settings.generator!r}")


def fence(excerpts: Sequence[Excerpt]) -> str:
    """Numbered excerpts inside tags; their text is escaped so it cannot close the fence."""
    return "\n\n".join(
        f'<excerpt n="{n}" title="{escape(e.title)}" date="{escape(e.date or "undated")}">\n'
        f"{escape(e.text, quote=False)}\n</excerpt>"
        for n, e in enumerate(excerpts, start=1)
    )


def fence_text(tag: str, text: str) -> str:
    """``text`` (a question, an earlier answer) inside ``<tag>``, escaped so it cannot close it."""
    return f"<{tag}>{escape(text, quote=False)}</{tag}>"


def fence_history(history: Sequence[Turn]) -> str:
    """Earlier turns, each question and answer fenced: an answer quotes article text and a
    question is a person's, so neither may act as an instruction."""
    return "\n".join(
        f"{fence_text('question', t.question)}\n{fence_text('answer', t.answer)}" for t in history
    )


def best_quote(claim: str, excerpt: Excerpt) -> str:
    """The excerpt sentence sharing most words with ``claim``: verbatim article text."""
    sentences = [s.text for s in split_sentences(excerpt.text)] or [excerpt.text]
    wanted = stems(claim)
    return max(sentences, key=lambda s: len(wanted & stems(s)))


class LLMGenerator:
    streams = True

    def __init__(self, model: BaseChatModel, prompts: Prompts, name: str) -> None:
        self.model = model
        self.prompts = prompts
        self.name = name

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        if not request.excerpts:
            return Draft.abstain()
        messages = self.prompts.answer.format_messages(
            excerpts=fence(request.excerpts), question=fence_text("question", request.question)
        )
        parts: list[str] = []
        for chunk in self.model.stream(messages):
            token = chunk.content if isinstance(chunk.content, str) else chunk.text
            if token:
                parts.append(token)
                if on_token:
                    # A sequence split across chunks loses its ESC here and is removed whole
                    # from the final text below; nothing that reaches a terminal can act on it.
                    on_token(strip_controls(token))
        text = strip_controls("".join(parts)).strip()
        if not MARKER_NUMBER.search(text) and ABSTAIN_TEXT.rstrip(".").lower() in text.lower():
            return Draft.abstain()
        return Draft(text=text, sources=self._sources(text, request.excerpts))

    def _sources(self, text: str, excerpts: Sequence[Excerpt]) -> dict[int, Source]:
        """One source per cited number that names a given excerpt; others stay unmapped and the
        citation check removes them."""
        claims: dict[int, list[str]] = {}
        pieces = MARKER_RUN.split(text)
        for claim, markers in zip(pieces[0::2], pieces[1::2]):
            for n in {int(x) for x in MARKER_NUMBER.findall(markers)}:
                claims.setdefault(n, []).append(claim)
        return {
            n: Source(n, excerpts[n - 1], best_quote(" ".join(said), excerpts[n - 1]))
            for n, said in claims.items()
            if 1 <= n <= len(excerpts)
        }


class LLMRewriter:
    """Follow-ups rewritten by the model; the deterministic rule when the model fails."""

    def __init__(self, model: BaseChatModel, prompts: Prompts) -> None:
        self.model = model
        self.prompts = prompts
        self.rule = RuleRewriter()

    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        if not history:
            return question
        try:
            reply = self.model.invoke(
                self.prompts.rewrite.format_messages(
                    history=fence_history(history[-3:]),
                    question=fence_text("question", question),
                )
            )
            content = strip_controls(str(reply.content or "")).strip()
            text = content.splitlines()[0].strip() if content else ""
        except Exception as exc:
            log.warning("follow-up rewrite by the model failed, using the rule: %s", exc)
            text = ""
        return text or self.rule.rewrite(question, history)
