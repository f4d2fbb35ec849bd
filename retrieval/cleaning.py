"""Turns a raw article file into title, date and story body, with the site boilerplate removed.

The corpus mixes several site formats. Rather than one parser per site, the cleaner works on
paragraph blocks and removes what no story sentence ever looks like: navigation lines, bylines and
metadata fields, size pickers, the second copy of a caption printed twice, link lists, related
headlines and the RFE/RL footer. What states a fact stays: a photo caption says who is pictured
where ("Russian President Vladimir Putin (left) and Defense Minister Sergei Shoigu"), and the
teaser of a related story boxed after this one says what was said when; readers ask about both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.dates import dateline_date, header_date, parse_date, published_date

NAVIGATION_LINES = {
    "accessibility links",
    "breaking news",
    "updated",
    "xs",
    "sm",
    "md",
    "lg",
    "to find out more, click here.",
}
METADATA_LINE = re.compile(r"^(Author|Comments|Category|Tags|Source)\s*:", re.IGNORECASE)
FOOTER_START = re.compile(r"^(•\s*)?\d+x\d+ Image$|^RFE/RL$")
FOOTER_LINES = (
    re.compile(r"^RFE/RL journalists report the news"),
    re.compile(r'^RFE/RL has been declared an "undesirable organization"'),
    re.compile(r"^If you are in Russia or the Russia-controlled parts of Ukraine"),
)
# Link lists that follow the story.
RELATED_MARKERS = (re.compile(r"^MORE:"),)
# What closes a related story's teaser: "... have been "derailed"....(more)".
TEASER_END = re.compile(r"\.*\s*\(more\)\s*$")
STORY_END = re.compile(r"^\(compiled from agency reports\)$", re.IGNORECASE)
# A caption glued to the dateline: "... at a meeting in April (ITAR-TASS) June 15, 2007 -- ..."
CAPTION_BEFORE_DATELINE = re.compile(
    r"^(.{10,200}?\([A-Z][A-Za-z\-/ ]{1,30}\))\s+(?=[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*(?:--|—|–))"
)
# Photo credits end captions: "... in Helsinki, Finland. Susan Walsh / AP ."
PHOTO_CREDIT = re.compile(
    r"(?<=[.!?] )[A-Z][\w'-]+(?: [A-Z][\w'-]+)* / (?:AP|AFP|Reuters|Getty Images)\s*\.?$"
)
# Datelines that open a story: "HELSINKI, Finland The top ...", "WASHINGTON: The United ...".
OPENING_DATELINE = re.compile(
    r"^[A-Z]{3,}(?:[ .][A-Z]{2,})*(?:,\s+[A-Z][a-z]+)?\s*(?::|--|—)?\s+(?=[A-Z])"
)
SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")
TITLE_MAX = 90
# Bump when cleaning changes what a body holds or what an article record keeps: every article is
# then re-ingested. 2: records keep the url, source file and whether the title was derived.
# 3: captions and related-story teasers are kept. 4: a caption printed twice before the
# headline or the lead is set apart too.
CLEANER_VERSION = 4


@dataclass(frozen=True)
class CleanArticle:
    title: str
    date: str | None
    body: str
    # The file gave no headline: ``title`` is cut from the opening sentence.
    title_derived: bool = False
    url: str | None = None
    # A date the source gave but the loader could not read (the article is then undated).
    unread_date: str | None = None


def paragraphs_of(text: str) -> list[str]:
    """Paragraph texts of plain story text: blank-line blocks, each line's spaces squashed."""
    return [" ".join(" ".join(lines).split()) for lines in _blocks(text)]


def _blocks(text: str) -> list[list[str]]:
    """Paragraph blocks, each a list of stripped non-empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_headline(lines: list[str]) -> bool:
    return len(lines) == 1 and len(lines[0]) <= 150 and not SENTENCE_END.search(lines[0])


def _is_boilerplate(line: str) -> bool:
    return (
        line.lower() in NAVIGATION_LINES
        or bool(METADATA_LINE.match(line))
        or any(p.match(line) for p in FOOTER_LINES)
        or any(p.search(line) for p in RELATED_MARKERS)
    )


def _doubled_lines(lines: list[str]) -> list[str]:
    """Image captions appear twice in a row on some sites: the lines so printed, once each."""
    return list(dict.fromkeys(line for i, line in enumerate(lines) if i and line == lines[i - 1]))


def line_paragraphs(text: str) -> list[str]:
    """Paragraphs of text that puts one paragraph per line (trafilatura's output, JSON dumps)."""
    return [p for p in paragraphs_of(text.replace("\n", "\n\n")) if p]


def structured_article(
    paragraphs: list[str], title: str | None, raw_date: str | None, url: str | None
) -> CleanArticle:
    """The article of a source that states its title, date and url (page metadata, a JSON
    record): a missing title is derived from the text; a date that cannot be read leaves the
    article undated and is kept for the ingest report."""
    title = " ".join((title or "").split())
    day = parse_date(raw_date) if raw_date else None
    return CleanArticle(
        title=title or derive_title(paragraphs),
        date=day,
        body="\n\n".join(paragraphs),
        title_derived=not title,
        url=url.strip() if url and url.strip() else None,
        unread_date=raw_date if raw_date and day is None else None,
    )


def derive_title(paragraphs: list[str], captions: set[int] | frozenset[int] = frozenset()) -> str:
    """A readable title from the opening story sentence, for articles that carry no headline:
    the main clause, cut at a word boundary (never inside a word) and marked "…" when cut."""
    if not paragraphs:
        return ""
    opening = next((p for i, p in enumerate(paragraphs) if i not in captions), paragraphs[0])
    text = OPENING_DATELINE.sub("", opening, count=1)
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    # Keep the main clause: cut at the first comma past a readable length.
    comma = sentence.find(", ", 40)
    if 0 < comma <= TITLE_MAX:
        sentence = sentence[:comma]
    if len(sentence) > TITLE_MAX:
        space = sentence.rfind(" ", 0, TITLE_MAX)
        # One word longer than a title: cut it rather than show the whole paragraph.
        sentence = sentence[: space if space > 0 else TITLE_MAX].rstrip(" .,;:") + "…"
    return sentence.rstrip(" .,;:")


def clean_article(text: str) -> CleanArticle:
    """Split a raw article into headline, ISO date (or None) and the cleaned story body."""
    title: str | None = None
    found_date: str | None = None
    paragraphs: list[str] = []
    doubled_titles: set[str] = set()
    captions: set[int] = set()
    in_footer = False
    # After the agency credit comes a box of related stories: its headlines and link lists are
    # not this story, its captions and teasers still state facts.
    in_related = False
    # Captions the page prints apart from the story (twice over, or glued to the dateline): kept
    # once, after the story, so that the story's lead still opens the body and its first
    # passage.
    set_apart: list[str] = []

    for lines in _blocks(text):
        kept: list[str] = []
        for line in lines:
            if (d := header_date(line) or published_date(line)) is not None:
                found_date = found_date or d
                continue
            if FOOTER_START.match(line):
                # The site footer closes the page: nothing after it belongs to the story.
                in_footer = True
                break
            if not _is_boilerplate(line):
                kept.append(TEASER_END.sub(".", line))
        # A line printed twice in a row is a caption, whether alone in its block or before
        # the headline or the lead: set apart, never the title nor part of the lead.
        doubled = _doubled_lines(kept)
        set_apart += [line for line in doubled if line not in set_apart]
        kept = [line for line in kept if line not in doubled and line not in doubled_titles]
        if not kept:
            if in_footer:
                break
            continue
        if title is None and not paragraphs and _is_headline(kept):
            title = kept[0]
            doubled_titles.add(title)
            continue
        paragraph = " ".join(kept)
        if STORY_END.match(paragraph):
            in_related = True
            continue
        if in_related and not SENTENCE_END.search(paragraph):
            continue  # a related story's headline
        if not paragraphs and (glued := CAPTION_BEFORE_DATELINE.match(paragraph)):
            set_apart.append(glued.group(1))
            paragraph = paragraph[glued.end() :]
        if PHOTO_CREDIT.search(paragraph):
            captions.add(len(paragraphs))
            paragraph = PHOTO_CREDIT.sub("", paragraph).rstrip()
        paragraphs.append(paragraph)
        if in_footer:
            break

    if found_date is None and paragraphs:
        found_date = dateline_date(" ".join(paragraphs[:2]))
    body = "\n\n".join(paragraphs + set_apart)
    if title is None:
        return CleanArticle(derive_title(paragraphs, captions), found_date, body, True)
    return CleanArticle(title=title, date=found_date, body=body)
