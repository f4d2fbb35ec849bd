"""The one interface every generator implements."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from bot.answering.answer import Draft, Turn
from retrieval.records import Excerpt

TokenSink = Callable[[str], None]


@dataclass(frozen=True)
class GenerationRequest:
    question: str  # standalone: follow-ups already rewritten
    excerpts: Sequence[Excerpt]
    query_vector: np.ndarray | None = None
    history: Sequence[Turn] = field(default_factory=tuple)
    # Cleaned bodies of the excerpts' articles, fetched once for the generator and the
    # citation check alike.
    bodies: Mapping[str, str] = field(default_factory=dict)


class Generator(Protocol):
    name: str
    # Whether ``generate`` sends the draft to ``on_token`` as it is written.
    streams: bool

    def generate(self, request: GenerationRequest, on_token: TokenSink | None = None) -> Draft:
        """A draft answer citing ``request.excerpts`` by number; may raise on backend failure."""
        ...
