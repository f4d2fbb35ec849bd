"""News pages (``.html``, ``.htm``) to headline, publication date, url and story text.

trafilatura finds the story among navigation, scripts, bylines, share buttons and related links,
and reads the page metadata (``og:title``, ``article:published_time``, JSON-LD, the canonical
link); its text is plain, so no markup or script reaches a body or title.
"""

from __future__ import annotations

from retrieval.cleaning import SENTENCE_END, CleanArticle, line_paragraphs, structured_article


class NoStory(ValueError):
    """The page holds no story text."""


def read_html(html: str) -> CleanArticle:
    """The article of one news page; raises ``NoStory`` when the page has no story text."""
    # Imported here: trafilatura takes ~0.15 s to import, and only an ingest of HTML needs it
    # (every `newsbot ask` imports this module through the loader).
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # The publication date, from the page's metadata only: a date guessed from the story
        # text would date the article by whatever event it mentions.
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = (doc.text if doc is not None else "") or ""
    # trafilatura puts one paragraph per line; bodies keep a blank line between paragraphs.
    paragraphs = line_paragraphs(text)
    # What trafilatura keeps of a page with no story is its menu ("Home"): no sentence in it.
    if not any(SENTENCE_END.search(p) for p in paragraphs):
        raise NoStory("has no story text once the page's navigation and markup are removed")
    return structured_article(paragraphs, doc.title, doc.date or None, doc.url)
