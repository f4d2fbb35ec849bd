"""Sentence boundaries of a cleaned body, as offsets into it."""

from __future__ import annotations

from functools import lru_cache

import pysbd

from retrieval.records import Span
from retrieval.settings import RetrievalSettings


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _blocks(paragraph: str, limit: int) -> list[str]:
    """``paragraph`` in pieces of at most ``limit`` characters, each cut after the last sentence
    end in reach, else the last space (a long run without punctuation), else at ``limit``."""
    pieces: list[str] = []
    while len(paragraph) > limit:
        window = paragraph[:limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 1
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1 or limit
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:]
    return [*pieces, paragraph]


def split_sentences(body: str, max_chars: int = RetrievalSettings.max_sentence_chars) -> list[Span]:
    """Sentences of ``body`` in order, each with ``body[start:end] == text``, none longer than
    ``max_chars``.

    Paragraphs are segmented one at a time so no sentence spans a paragraph break, and a
    paragraph longer than ``max_chars`` is cut into blocks first: pysbd's time grows with the
    square of a run without punctuation. Offsets are found by searching forward from the previous
    sentence rather than trusting pysbd's own spans, which drift on repeated text.
    """
    spans: list[Span] = []
    cursor = 0
    for paragraph in body.split("\n\n"):
        para_start = body.find(paragraph, cursor)
        pos = para_start
        pieces = [s for block in _blocks(paragraph, max_chars) for s in _segmenter().segment(block)]
        for piece in pieces:
            text = piece.strip()
            if not text:
                continue
            start = body.find(text, pos)
            if start < 0:  # pysbd altered the text; fall back to the rest of the paragraph
                stop = min(para_start + len(paragraph), pos + max_chars)
                start, text = pos, body[pos:stop].strip()
            end = start + len(text)
            if (
                spans
                and spans[-1].end > para_start
                and _is_fragment(text)
                and end - spans[-1].start <= max_chars  # a cut long run stays cut
            ):
                # A stray full stop ("...a move Moscow agreed to. categorically opposed.") cut
                # the sentence; the piece belongs to the one before it.
                start = spans.pop().start
                text = body[start:end]
            spans.append(Span(start, end, text))
            pos = end
        cursor = para_start + len(paragraph)
    return spans


def _is_fragment(text: str) -> bool:
    """A piece that cannot open a sentence: it starts with a lower-case letter."""
    return text[0].islower()
