"""Who holds an office: what a "who is the ..." question asks, and the sentences that answer it
(no model needed)."""

import pytest

from bot.answering.offices import (
    asks_a_name_of_anyone,
    holder,
    holder_as_written,
    holds,
    office,
    title_otherwise,
)
from bot.answering.question import analyze
from retrieval.records import Sentence


@pytest.mark.parametrize(
    ("question", "head", "owners", "titled"),
    [
        # a person owns it by surname; a lone surname is a person's too
        ("Who is the spokesman for Gen. Mark Milley?", "spokesman", ("milley",), ()),
        ("Who is the spokesman for Gerasimov?", "spokesman", ("gerasimov",), ()),
        ("Who served as spokesman for Gerasimov?", "spokesman", ("gerasimov",), ()),
        ("Who is serving as spokesman for Gerasimov?", "spokesman", ("gerasimov",), ()),
        ("Who is General Gerasimov's spokesman?", "spokesman", ("gerasimov",), ()),
        # written short: "What's", "Who's"
        ("What's the name of Gerasimov's spokesman?", "spokesman", ("gerasimov",), ()),
        ("Who's the spokesman for Gerasimov?", "spokesman", ("gerasimov",), ()),
        # an organisation or a country: the article's title may name it
        ("Who was NATO's Secretary-General in 2007?", "secretary-general", (), ("nato",)),
        ("Who is the head of US Central Command?", "head", (), ("us", "central", "command")),
        ("Who was the U.S. Secretary of State then?", "secretary", (), ("us", "state")),
        # a nationality adjective says nothing of whose office it is
        ("Who is the Russian chief of staff that Milley met?", "chief", (), ()),
        # the same asked for a name; a clause without "that" ends the office's phrase
        ("What was the name of the extremist the strike killed?", "extremist", (), ()),
        # by its verb: "heads" asks for the head
        ("Which official heads U.S. European Command?", "head", (), ("us", "european", "command")),
        # a place: named in the sentence, like a person
        ("Which NATO general commands the troops in Kosovo?", "commander", ("kosovo",), ("nato",)),
    ],
)
def test_an_office_question_names_the_office_and_whose_it_is(
    question: str, head: str, owners: tuple[str, ...], titled: tuple[str, ...]
) -> None:
    asked = office(question)
    assert asked is not None
    assert (asked.head, asked.owners, asked.titled) == (head, owners, titled)


@pytest.mark.parametrize(
    "question",
    [
        "Who was Margaret's husband?",  # kinship is written either way round
        "Who was Gerasimov addressing when he announced it?",
        "Who is expected to chair the Geneva talks?",
        "Which Russian minister proposed direct talks?",
        "Who led the Normans into Italy?",  # "led" tells a deed more often than an office
        "What was the name of the Norman castle?",  # the phrase's head is a castle
        "What was the name of the man the strike killed?",  # "the man" holds no office
    ],
)
def test_other_questions_ask_for_no_office(question: str) -> None:
    assert office(question) is None


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        (
            "Who is the spokesman for Milley?",
            "In a statement, Col. Dave Butler, spokesman for Milley, said so.",
            "dave butler",
        ),
        (
            "Who is the White House spokesman?",
            "White House spokesman Josh Earnest said on September 17 that talks were possible.",
            "josh earnest",
        ),
        (
            "Who is the chairman of the Joint Chiefs?",
            "Chairman of the Joint Chiefs of Staff Gen. Mark Milley speaks during a briefing.",
            "mark milley",
        ),
        (
            "Who is the Russian chief of staff?",
            "It was a meeting with the Russian Chief of Staff, General Valery Gerasimov, at last.",
            "valery gerasimov",
        ),
        (
            "Who is the National Security Advisor?",  # another spelling of the same office
            "National Security Adviser Jake Sullivan said so.",
            "jake sullivan",
        ),
        ("Who is the spokesperson?", "The spokesman was Ned Price.", "ned price"),
        (
            "Who is the commander of US Central Command?",  # one who leads a body, other words
            "But General Frank McKenzie, head of the US Central Command, said so.",
            "frank mckenzie",
        ),
        (
            "Who was the first Byzantine general?",
            "The first Norman to serve as a Byzantine general was Hervé.",
            "herve",  # normalised: accents fold
        ),
        ("Who was the leader?", "A Norman named Oursel led a force into Syria.", "oursel"),
        (
            # a long appositive; "count of Apulia" names the county, not the count asked for
            "What was the name of the count of Apulia?",
            "Robert Guiscard, a Norman adventurer raised by his victories to the rank of count "
            "of Apulia, drove the Byzantines out.",
            "robert guiscard",
        ),
        # a clause after the comma, not an appositive
        (
            "Who is the Russian chief of staff?",
            "Milley, who met the Russian chief of staff, spoke.",
            None,
        ),
        (
            "Who chaired the talks?",
            "They will likely be chaired by Deputy Secretary of State Wendy Sherman.",
            "wendy sherman",
        ),
        # the office, a comma, then the holders named
        (
            "Who were the two abbots at the abbey?",
            "Under two Italian abbots, William of Volpiano and John of Ravenna, music was taught.",
            "william of volpiano",
        ),
        # commas that open a sentence set off no appositive
        (
            "Who is Milley's spokesman?",
            "Asked about Milley's spokesman, Austin said he had not met him.",
            None,
        ),
        # a clause joined by "and" is no appositive
        ("Who is Milley's spokesman?", "Milley thanked Austin, and his spokesman said so.", None),
        # a capitalised office verb is a name; a verb of motion holds no office
        ("Which general commands the troops?", "They serve under NATO Command.", None),
        ("Who heads US Central Command?", "Austin headed to the Gulf.", None),
        # only some offices are held by doing their verb
        ("Who is the reporter?", "Reuters reported the raid.", None),
        ("Who is the chairman?", "Committee chairmen, Smith said, met.", None),
        # the office's holder must be someone the question does not name already
        (
            "Who was chief of the General Staff before Gerasimov?",
            "Gerasimov, chief of the General Staff, told a meeting.",
            None,
        ),
        # the name after the office holds another one
        (
            "Who is the chief of staff?",
            "Russia invited Joint Chiefs of Staff Chairman Martin Dempsey to Moscow.",
            None,
        ),
        # the office word only describes the noun after it
        (
            "Who was the first Byzantine mercenary?",
            "Several families of Byzantine Greece were of Norman mercenary origin.",
            None,
        ),
        (
            "Who is the National Security Council spokesperson?",
            "A spokesperson for the National Security Council said on Tuesday.",
            None,
        ),
        # the counterpart of an office holds it, or its equivalent, on the other side
        (
            "Who was the Russian defense minister who met Robert Gates?",
            "Defense Secretary Robert Gates met his Russian counterpart, Anatoly Serdyukov, today.",
            "anatoly serdyukov",
        ),
        # a counterpart of no office of the kind asked holds nothing
        (
            "Who was the Russian defense minister who met Robert Gates?",
            "The envoy Robert Gates met his counterpart, Anatoly Serdyukov, today.",
            None,
        ),
        # a Secretary-General heads his body
        (
            "Who was the head of the NATO alliance?",
            "Alliance Secretary-General Jaap de Hoop Scheffer told journalists.",
            "jaap de hoop scheffer",
        ),
        # the doer of a passive verb, described before the name
        (
            "Who commanded the army that crossed the Volga?",
            "An army of 45,000 riders, commanded by the general Bogu Qara, crossed the Volga.",
            "bogu qara",
        ),
        (
            "Who chaired the commission?",
            "It was supervised by a commission chaired by the former Irish diplomat Sean Dolan.",
            "sean dolan",
        ),
        # a description that ends in no word for a person names no holder
        ("Who chaired the talks?", "The talks were chaired by the host country Finland.", None),
        # nor does a person noun followed by no person's name, nor one inside another phrase
        ("Who chaired the talks?", "The talks were chaired by the minister Tuesday.", None),
        (
            "Who chaired the talks?",
            "The talks were chaired by the committee of the minister Ivan Petrov.",
            None,
        ),
    ],
)
def test_a_sentence_names_an_office_holder_in_the_shapes_news_uses(
    question: str, sentence: str, expected: str | None
) -> None:
    asked = office(question)
    assert asked is not None
    assert holder(asked, sentence, analyze(question).words) == expected


def _sentence(text: str) -> Sentence:
    return Sentence("s", "a", 0, text, 0, len(text), "h")


def test_a_title_given_with_another_peoples_name_is_another_title() -> None:
    crusaders = (
        "Normans served as Crusaders under the Italo-Norman prince Bohemund I and the "
        "Anglo-Norman king Richard the Lion-Heart."
    )
    assert title_otherwise("Under which Anglo-Norman prince did Normans serve?", crusaders)
    assert not title_otherwise("Under which Italo-Norman prince did Normans serve?", crusaders)
    assert not title_otherwise("Under which Anglo-Norman king did Normans serve?", crusaders)
    monks = "Under the Norman abbot Robert de Grantmesnil, monks fled to southern Italy."
    assert title_otherwise("Under which Italian abbot did the monks flee?", monks)
    # a title written into a name, or one no one new holds, says nothing against it
    staff = "Chairman of the Joint Chiefs of Staff General Mark Milley met him."
    assert not title_otherwise("Which Russian general met Milley?", staff)
    assert not title_otherwise(
        "Which Norman-Irish name came from the French Norman name Morel?",
        "A Norman-Irish name was Morell, derived from the French Norman name Morel.",
    )


def test_a_country_in_the_office_is_named_by_its_abbreviation_too() -> None:
    said = _sentence("But General Frank McKenzie, head of the US Central Command, said so.")
    for question in (
        "Which general commands America's Central Command?",
        "Which general commands Britain's Central Command?",
    ):
        asked = office(question)
        assert asked is not None
    assert holds(office("Which general commands America's Central Command?"), said, frozenset(), {})
    assert not holds(
        office("Which general commands Britain's Central Command?"), said, frozenset(), {}
    )


def test_the_office_held_must_be_of_whom_the_question_asks() -> None:
    said = _sentence("Col. Dave Butler, spokesman for Milley, said the meeting was useful.")
    title = {"a": "Milley meets Gerasimov in Helsinki"}
    for question, expected in [
        ("Who is the spokesman for Milley?", True),
        # a person owner is named in the sentence, whatever the title says
        ("Who is the spokesman for Gerasimov?", False),
    ]:
        asked = office(question)
        assert asked is not None
        assert holds(asked, said, analyze(question).words, title) is expected
    scheffer = _sentence("Alliance Secretary-General Jaap de Hoop Scheffer told journalists.")
    asked = office("Who was NATO's Secretary-General?")
    assert asked is not None
    # a body owner may be named by the article's title instead
    assert holds(asked, scheffer, frozenset(), {"a": "NATO ministers meet"})
    assert not holds(asked, scheffer, frozenset(), {"a": "Ministers meet"})


def test_a_clause_saying_more_of_the_holder_leaves_the_office_only_part_of_the_question() -> None:
    assert not office("Who was the spokesman at that meeting?").qualified  # a demonstrative
    plain = office("Who was the U.S. Secretary of State in 2015?")
    qualified = office("Who was the U.S. Secretary of State who held a call with Shoigu?")
    by_verb = office("Who heads US Central Command, which ran the strike?")
    assert plain is not None and not plain.qualified
    assert qualified is not None and qualified.qualified
    assert by_verb is not None and by_verb.qualified


def test_the_holder_is_written_as_the_sentence_writes_it() -> None:
    asked = office("Who is the spokesman?")
    assert asked is not None
    said = "White House spokesman Beto O’Rourke said so."
    assert holder_as_written(asked, said, frozenset()) == "Beto O’Rourke"


def test_a_name_asked_of_someone_described_by_no_office() -> None:
    assert asks_a_name_of_anyone("What was the name of the man the strike killed?")
    assert asks_a_name_of_anyone("Who was the person killed in the strike?")
    assert not asks_a_name_of_anyone("What was the name of the extremist the strike killed?")
    assert not asks_a_name_of_anyone("What was the name of the Norman castle?")


def test_the_holder_named_after_an_owners_title_owns_the_office() -> None:
    asked = office("Who is the spokesman for Russia's chief of General Staff, Valery Gerasimov?")
    assert asked is not None and asked.owners == ("gerasimov",)
    text = "Col. Dave Butler, spokesman for Milley, said the meeting went well."
    assert not holds(asked, _sentence(text), frozenset(), {})
    milley = office("Who is the spokesman for Gen. Mark Milley?")
    assert milley is not None and holds(milley, _sentence(text), frozenset(), {})
