from pathlib import Path

import pytest

from retrieval.cleaning import clean_article
from retrieval.loader import load_article, load_corpus
from tests.conftest import SEEDS, skip_reasons

EXPECTED = {
    "000_5302a115a2186422": (
        "The top US official met his Russian counterpart on Wednesday",
        "2021-09-22",
    ),
    "001_621e9de7b545f9e8": (
        "The United States and Russia have agreed to hold security talks on January 10",
        "2021-12-29",
    ),
    "002_dead59048cb22baa": (
        "Russian, U.S. Defense Chiefs Talk By Telephone About Fighting IS",
        None,
    ),
    "003_0337de853ce0bf85": (
        "Russia Invites US Military Chief to Missile Defense Talks",
        "2013-03-07",
    ),
    "004_bce709b2bb2c44e6": (
        "U.S., Russian Defense Chiefs Meet, Avoid Missile Issue",
        "2007-06-15",
    ),
}

# Sentences of each story that must survive cleaning, and boilerplate that must not.
KEPT = {
    "000_5302a115a2186422": [
        "The senior American official met his Russian counterpart on Wednesday, September 22, 2021 in Helsinki, Finland.",
        "“We haven’t had the luxury of time to develop a lifestyle and do a number of other things.”",
    ],
    "001_621e9de7b545f9e8": [
        "U.S. officials said last week that Russia has 53 battalion tactical groups"
    ],
    "002_dead59048cb22baa": [
        "The defense chiefs of Russia and the United States spoke for the first time",
        "Earnest said that there is “no military solution to the turmoil that plagues Syria right now.”",
    ],
    "003_0337de853ce0bf85": [
        "Russia has invited US Joint Chiefs of Staff Chairman Martin Dempsey to Moscow",
        "improvements to its strategic nuclear missile arsenal.",
    ],
    "004_bce709b2bb2c44e6": [
        "U.S. Defense Secretary Robert Gates held a brief meeting today",
        "The alliance also agreed to widen its training mission in Iraq for Iraqi security forces.",
    ],
}
DROPPED = [
    "Accessibility links",
    "Breaking News",
    "Updated",
    "Comments: 0",
    "Category: News",
    "Author:",
    "undesirable organization",
    "16x9 Image",
    "click here",
    "\nXS",
    "Susan Walsh / AP",
    "Toe To Toe",
    "Silent Diplomacy",
    "MORE:",
    "Published 7-03-2013",
    " date 2021",
]


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_every_seed_loads_with_id_title_and_date(article_id: str) -> None:
    article = load_article(SEEDS / f"{article_id}.txt")
    assert article.id == article_id
    assert (article.title, article.date) == EXPECTED[article_id]
    for sentence in KEPT[article_id]:
        assert sentence in article.body
    for junk in DROPPED:
        assert junk not in article.body
    if article_id >= "002":  # files with a headline: it is not repeated as story text
        assert article.title not in article.body


def test_caption_printed_twice_is_kept_once_after_the_story_which_keeps_every_paragraph() -> None:
    article = load_article(SEEDS / "002_dead59048cb22baa.txt")
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 21 + 2  # the story's 21 and its two captions
    assert paragraphs[0].startswith("The defense chiefs of Russia and the United States")
    caption = "Russian President Vladimir Putin (left) and Defense Minister Sergei Shoigu"
    assert paragraphs[-2:] == [caption, "U.S. Secretary of Defense Ash Carter"]
    assert article.body.count(caption) == 1


@pytest.mark.parametrize(
    "text",
    [
        # before the headline: no title, and the headline is not left in the body
        "Putin at a parade\nPutin at a parade\n\nRussia Moves Jets\n\n"
        "MOSCOW, June 5, 2015 -- Russia moved jets.",
        # in the lead's block: set apart, not glued onto the lead
        "Russia Moves Jets\n\nPutin at a parade\nPutin at a parade\n"
        "MOSCOW, June 5, 2015 -- Russia moved jets.",
    ],
)
def test_caption_printed_twice_is_no_title_and_no_part_of_the_lead(text: str) -> None:
    article = clean_article(text)
    assert article.title == "Russia Moves Jets"
    assert article.body == "MOSCOW, June 5, 2015 -- Russia moved jets.\n\nPutin at a parade"


def test_caption_glued_to_the_dateline_is_split_off_and_the_dateline_still_dates() -> None:
    article = load_article(SEEDS / "004_bce709b2bb2c44e6.txt")
    assert article.body.startswith("June 15, 2007 -- U.S. Defense Secretary Robert Gates")
    assert article.date == "2007-06-15"
    assert "\n\nRobert Gates and Anatoly Serdyukov at a meeting in April (ITAR-TASS)" in (
        article.body
    )


def test_related_story_box_keeps_its_caption_and_teaser_not_its_headlines() -> None:
    body = load_article(SEEDS / "004_bce709b2bb2c44e6.txt").body
    assert "Russian President Vladimir Putin at the G8 summit in Germany on June 7" in body
    teaser = next(p for p in body.split("\n\n") if p.startswith("MOUNTING TENSIONS."))
    assert teaser.endswith(
        "On June 5, U.S. President George W. Bush said democratic reforms in Russia have been "
        '"derailed".'
    )
    assert "(more)" not in body
    assert "(compiled from agency reports)" not in body


def test_bad_files_are_reported_and_skipped(corpus: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"   \n")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 au lait in Paris.".encode("latin-1"))
    (corpus / "boilerplate.txt").write_text("Accessibility links\n\nBreaking News\n\nXS\nSM\n")
    (corpus / "folder.txt").mkdir()  # not a file: listed, never read
    result = load_corpus(corpus)
    reasons = skip_reasons(result.skipped)
    assert reasons == {
        "binary.txt": "is binary, not text",
        "boilerplate.txt": "has no story text once site boilerplate is removed",
        "empty.txt": "is empty",
        "folder.txt": "is a folder; subfolders are not read",
        "latin1.txt": "is not UTF-8 text (bad byte at offset 3)",
    }
    assert sorted(a.id for a in result.articles) == sorted(EXPECTED)


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        load_corpus(tmp_path / "nope")
