from bot.answering.answer import Draft, Source
from bot.answering.citations import check_citations
from retrieval.records import Excerpt

BODY = (
    "The Pentagon said the 50-minute phone call between Ash Carter and Sergei Shoigu included "
    "an agreement for further talks. Russia has moved at least four tactical fighter jets to "
    "the airfield near Latakia."
)
FIRST = BODY[: BODY.index(" Russia")]
SECOND = BODY[BODY.index("Russia") :]
EX1 = Excerpt("a1", "Talks", None, FIRST, 0, len(FIRST), 0.9)
EX2 = Excerpt("a1", "Talks", None, SECOND, BODY.index("Russia"), len(BODY), 0.8)
BODIES = {"a1": BODY}


def test_valid_citations_are_kept_and_renumbered() -> None:
    draft = Draft(
        "Russia moved four fighter jets near Latakia [2]. The call lasted 50 minutes [1].",
        {1: Source(1, EX1, FIRST), 2: Source(2, EX2, SECOND)},
    )
    checked = check_citations(draft, [EX1, EX2], BODIES)
    assert checked.problems == []
    assert checked.text == (
        "Russia moved four fighter jets near Latakia. [1] The call lasted 50 minutes. [2]"
    )
    assert [(c.n, c.quote) for c in checked.citations] == [(1, SECOND), (2, FIRST)]


def test_marker_without_a_retrieved_excerpt_is_removed() -> None:
    elsewhere = Excerpt("a2", "Other", None, "Russia moved jets.", 0, 18, 0.1)
    draft = Draft(
        "Russia moved four fighter jets to Latakia. [1][9][3]",
        {1: Source(1, EX2, SECOND), 3: Source(3, elsewhere, "Russia moved jets.")},
    )
    checked = check_citations(draft, [EX1, EX2], {**BODIES, "a2": "Russia moved jets."})
    assert checked.text == "Russia moved four fighter jets to Latakia. [1]"
    assert any("[9] has no source" in p for p in checked.problems)
    assert any("[3] does not point to a retrieved excerpt" in p for p in checked.problems)


def test_invented_quote_invalidates_its_marker() -> None:
    draft = Draft(
        "Carter and Shoigu talked for 50 minutes. [1]",
        {1: Source(1, EX1, "Carter and Shoigu agreed to stop all flights.")},
    )
    checked = check_citations(draft, [EX1], BODIES)
    assert checked.citations == [] and checked.text == ""
    assert any("not in article a1" in p for p in checked.problems)


def test_number_absent_from_the_cited_excerpt_drops_the_sentence() -> None:
    draft = Draft(
        "Russia moved twelve jets, 12 in all, to Latakia. [1] The call lasted 50 minutes. [2]",
        {1: Source(1, EX2, SECOND), 2: Source(2, EX1, FIRST)},
    )
    checked = check_citations(draft, [EX1, EX2], BODIES)
    assert checked.text == "The call lasted 50 minutes. [1]"
    assert any("12 not in its cited excerpts" in p for p in checked.problems)


def test_name_absent_from_the_excerpt_and_uncited_text_are_dropped() -> None:
    draft = Draft(
        "Putin ordered the call. [1] Shoigu and Carter agreed to further talks. [1] And more.",
        {1: Source(1, EX1, FIRST)},
    )
    checked = check_citations(draft, [EX1], BODIES)
    assert checked.text == "Shoigu and Carter agreed to further talks. [1]"
    assert len(checked.problems) == 2
