"""Groups sentences into overlapping passages that never cut a sentence.

LangChain's splitters re-join their pieces with a separator, so a chunk's text is no longer a slice
of the body; passages here stay exact slices, which is what lets every excerpt be shown and
re-checked verbatim by its offsets.
"""

from __future__ import annotations

from retrieval.records import Article, Passage, Span, passage_id


def chunk_article(
    article: Article,
    sentences: list[Span],
    *,
    max_chars: int = 500,
    overlap_sentences: int = 1,
) -> list[Passage]:
    """Passages of consecutive whole sentences of up to ``max_chars`` (a single longer sentence
    makes a passage on its own), each sharing ``overlap_sentences`` with the one before."""
    passages: list[Passage] = []
    first = 0
    while first < len(sentences):
        last = first
        while (
            last + 1 < len(sentences)
            and sentences[last + 1].end - sentences[first].start <= max_chars
        ):
            last += 1
        start, end = sentences[first].start, sentences[last].end
        passages.append(
            Passage(
                id=passage_id(article.id, article.content_hash, len(passages)),
                article_id=article.id,
                title=article.title,
                date=article.date,
                text=article.body[start:end],
                start=start,
                end=end,
                content_hash=article.content_hash,
                first_sentence=first,
                last_sentence=last,
                url=article.url,
                title_derived=article.title_derived,
            )
        )
        if last + 1 >= len(sentences):
            break
        first = max(last + 1 - overlap_sentences, first + 1)
    return passages
