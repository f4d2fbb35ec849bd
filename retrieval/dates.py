"""Publication dates as the news sites print them, normalised to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

HEADER_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\s*$", re.IGNORECASE)
# Sites that print "Published 7-03-2013, 07:37" put the day first.
PUBLISHED_DATE = re.compile(r"^\s*Published\s+(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b", re.IGNORECASE)
# A dateline opens the story: "June 15, 2007 -- U.S. Defense Secretary ...".
DATELINE_DATE = re.compile(
    r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*(?:--|—|–)"
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def header_date(line: str) -> str | None:
    """The date of a `` date 2021-09-22 `` header line."""
    m = HEADER_DATE.match(line)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def published_date(line: str) -> str | None:
    """The date of a ``Published D-M-YYYY`` line."""
    m = PUBLISHED_DATE.match(line)
    return _iso(int(m[3]), int(m[2]), int(m[1])) if m else None


def dateline_date(text: str) -> str | None:
    """The date of a ``Month D, YYYY --`` dateline."""
    for m in DATELINE_DATE.finditer(text):
        month = MONTHS.get(m["month"].lower())
        if month:
            return _iso(int(m["year"]), month, int(m["day"]))
    return None
