"""A generator that returns what it is told: the test double for the pipeline and the checks."""

from __future__ import annotations

from collections.abc import Callable

from bot.answering.answer import Draft
from bot.answering.generators.base import GenerationRequest, TokenSink


class ScriptedGenerator:
    name = "scripted"
    streams = False

    def __init__(self, script: Callable[[GenerationRequest], Draft]) -> None:
        self.script = script
        self.requests: list[GenerationRequest] = []

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        self.requests.append(request)
        draft = self.script(request)
        if on_token:
            on_token(draft.text)
        return draft
