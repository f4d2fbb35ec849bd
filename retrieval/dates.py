"""Publication dates as the news sites print them, normalised to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

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


def nearest_day(month: int, day: int, around: str) -> str | None:
    """The date of that month and day nearest to ``around`` (an ISO date): a news story that
    writes "on January 12" means the one within half a year of its publication."""
    year = int(around[:4])
    found = [d for y in (year - 1, year, year + 1) if (d := _iso(y, month, day))]
    if not found:
        return None
    pivot = date.fromisoformat(around)
    return min(found, key=lambda d: abs((date.fromisoformat(d) - pivot).days))


# -- dates given as data (JSON fields, HTML metadata) and dates named by a person -------------

ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
MONTH_DAY_YEAR = re.compile(
    r"^\s*(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\s*$"
)
DAY_MONTH_YEAR = re.compile(
    r"^\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})\s*$"
)


def parse_date(text: str) -> str | None:
    """An ISO ``YYYY-MM-DD`` (or ISO date-time, taken as its date), ``June 15, 2007`` or
    ``15 June 2007``, as ISO; None for anything else."""
    if m := ISO_DATE.match(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    for pattern in (MONTH_DAY_YEAR, DAY_MONTH_YEAR):
        if (m := pattern.match(text)) and (month := MONTHS.get(m["month"].lower())):
            return _iso(int(m["year"]), month, int(m["day"]))
    return None


@dataclass(frozen=True)
class DateWindow:
    """Publication dates a search is restricted to (ISO, inclusive), and whether the newest
    articles are wanted first."""

    since: str | None = None
    until: str | None = None
    latest: bool = False

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def contains(self, day: str | None) -> bool:
        """Undated articles fall outside any bounded window: nothing says they belong."""
        if not self.bounded:
            return True
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def within(self, other: DateWindow) -> DateWindow:
        """This window narrowed by ``other``'s bounds."""
        since = max(filter(None, (self.since, other.since)), default=None)
        until = min(filter(None, (self.until, other.until)), default=None)
        return DateWindow(since, until, self.latest or other.latest)


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# "in June 2007", "from 2021", "since March 2013", "before 2010": a year, with an optional month.
NAMED_PERIOD = re.compile(
    rf"\b(?P<word>in|from|during|since|after|before|until|till)\s+"
    rf"(?:(?P<month>{_MONTH_NAMES})\.?\s+)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
LATEST = re.compile(r"\b(latest|most recent|newest)\b", re.IGNORECASE)


def _period(year: int, month: int | None) -> tuple[str, str]:
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def question_window(question: str) -> DateWindow:
    """The publication dates a question names: "news from 2021", "in June 2007", "since 2013",
    "the latest on missile defense"."""
    since = until = None
    periods = []  # "in 2013 ... in 2021": articles of those years and the years between
    starts = []  # "from 2013"
    for m in NAMED_PERIOD.finditer(question):
        month = MONTHS.get(m["month"].lower()) if m["month"] else None
        first, last = _period(int(m["year"]), month)
        word = m["word"].lower()
        if word in ("since", "after"):
            since = (
                first
                if word == "since"
                else (date.fromisoformat(last) + timedelta(days=1)).isoformat()
            )
        elif word in ("before", "until", "till"):
            until = (
                last
                if word != "before"
                else (date.fromisoformat(first) - timedelta(days=1)).isoformat()
            )
        elif word == "from":
            starts.append((first, last))
        else:
            periods.append((first, last))
    if until is not None and starts:  # "from 2013 until 2021": where a range starts
        since = max(since or "", min(first for first, _ in starts))
    else:  # "news from 2021": that year
        periods += starts
    if periods:  # from the first period named to the last, within any since/until
        first, last = min(p[0] for p in periods), max(p[1] for p in periods)
        since, until = max(since or first, first), min(until or last, last)
    return DateWindow(since, until, latest=bool(LATEST.search(question)))


YEAR_OR_MONTH = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?\s*$")


def parse_bound(text: str, end: bool = False) -> str | None:
    """A ``--since``/``--until`` value as an ISO day: a full date, or a year (``2021``) or month
    (``2021-06``) standing for its first day, or its last when ``end``."""
    if m := YEAR_OR_MONTH.match(text):
        month = int(m[2]) if m[2] else None
        if month is not None and not 1 <= month <= 12:
            return None
        first, last = _period(int(m[1]), month)
        return last if end else first
    return parse_date(text)
