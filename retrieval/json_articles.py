"""News dumps (``.jsonl``, ``.json``): one article per JSON object.

Fields: ``text`` (or ``body``) is the story and is required; ``title``, ``date`` (ISO
``YYYY-MM-DD`` or an ISO date-time), ``id`` and ``url`` are optional. A ``.jsonl`` file holds one
object per line; a ``.json`` file holds a list of objects, an object whose ``articles`` is such a
list, or a single object.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from retrieval.cleaning import CleanArticle, line_paragraphs, structured_article

TEXT_FIELDS = ("text", "body")


@dataclass(frozen=True)
class JsonRecord:
    """One object of a dump; ``position`` is its line (``.jsonl``) or its 1-based record number
    (``.json``); ``error`` says why it is not an article object."""

    position: int
    fields: dict[str, Any]
    error: str = ""


class NotAnArticle(ValueError):
    """A record that cannot be an article; the message says why."""


def records(text: str, lines: bool) -> Iterator[JsonRecord]:
    """The records of a ``.jsonl`` (``lines``) or ``.json`` file's text."""
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield JsonRecord(number, {}, f"is not valid JSON ({exc.msg})")
                continue
            yield _record(number, value)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotAnArticle(f"is not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        yield _record(number, item)


def _record(position: int, value: object) -> JsonRecord:
    if not isinstance(value, dict):
        return JsonRecord(position, {}, "is not a JSON object")
    return JsonRecord(position, value)


def record_id(record: JsonRecord) -> str | None:
    """The record's own ``id``, when it gives one."""
    value = record.fields.get("id")
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def read_record(record: JsonRecord) -> CleanArticle:
    """The article of one record; raises ``NotAnArticle`` for a record with no story text."""
    if record.error:
        raise NotAnArticle(record.error)
    fields = record.fields
    text = next((fields[f] for f in TEXT_FIELDS if isinstance(fields.get(f), str)), "")
    paragraphs = line_paragraphs(text)
    if not paragraphs:
        raise NotAnArticle('has no text (give the story as "text" or "body")')
    title, raw_date, url = (fields.get(f) for f in ("title", "date", "url"))
    return structured_article(
        paragraphs,
        title if isinstance(title, str) else None,
        _date_text(raw_date),
        url if isinstance(url, str) else None,
    )


def _date_text(value: object) -> str | None:
    """A record's date as text to read; a non-text date (a number) is kept as text to report."""
    if value in (None, ""):
        return None
    return value if isinstance(value, str) else str(value)
