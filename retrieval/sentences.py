"""Sentence boundaries of a cleaned body, as offsets into it."""

from __future__ import annotations

from functools import lru_cache

import pysbd

from retrieval.records import Span


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(body: str) -> list[Span]:
    """Sentences of ``body`` in order, each with ``body[start:end] == text``.

    Paragraphs are segmented one at a time so no sentence spans a paragraph break. Offsets are
    found by searching forward from the previous sentence rather than trusting pysbd's own spans,
    which drift on repeated text.
    """
    spans: list[Span] = []
    cursor = 0
    for paragraph in body.split("\n\n"):
        para_start = body.find(paragraph, cursor)
        pos = para_start
        for piece in _segmenter().segment(paragraph):
            text = piece.strip()
            if not text:
                continue
            start = body.find(text, pos)
            if start < 0:  # pysbd altered the text; fall back to the rest of the paragraph
                start, text = pos, body[pos : para_start + len(paragraph)].strip()
            end = start + len(text)
            if spans and spans[-1].end > para_start and _is_fragment(text):
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
