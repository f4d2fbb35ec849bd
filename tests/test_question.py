"""What the extractive generator reads from a question and a sentence (no model needed)."""

import pytest

from bot.answering.facts import lemmas, names, people, stems, surname
from bot.answering.generators.extractive import has_answer_type
from bot.answering.question import analyze, asks_unmentioned, unmentioned


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "They will likely be chaired by Deputy Secretary of State Wendy Sherman and Mr. Ryabkov.",
            ["wendy sherman", "ryabkov"],
        ),
        (
            "During the NATO conference, alliance Secretary-General Jaap de Hoop Scheffer spoke.",
            ["jaap de hoop scheffer"],
        ),
        (
            "U.S. Defense Secretary Robert Gates met Anatoly Serdyukov in Brussels.",
            ["robert gates", "anatoly serdyukov"],
        ),
        ("Talks in Brussels within the NATO-Russia Council, then the Suez Canal.", []),
        ("Chairman of the Joint Chiefs of Staff Gen. Mark Milley speaks.", ["mark milley"]),
        # a ruler's epithet; not a capital and its seat of government
        ("In 1191 Richard the Lion-hearted left Messina.", ["richard the lion-hearted"]),
        ("In Moscow the Kremlin said so.", []),
        (
            "Under two abbots, William of Volpiano and John of Ravenna.",
            ["william of volpiano", "john of ravenna"],
        ),
        ("The Bank of England and the Siege of Antioch.", []),  # words of the dictionary
    ],
)
def test_people_are_name_runs_not_places_or_bodies(sentence: str, expected: list[str]) -> None:
    assert people(sentence) == expected


def test_hyphenated_names_count_part_by_part() -> None:
    assert names("the Gates-Serdyukov meeting") == ["gates", "serdyukov"]
    assert {"us", "russian", "us-russian"} <= stems("The US-Russian talks")


def test_a_person_is_named_by_the_surname_not_a_rulers_number() -> None:
    assert surname("wendy sherman") == "sherman"
    assert surname("king harold ii") == "harold"
    assert surname("william of volpiano") == "william"


def test_lemmas_meet_across_inflections() -> None:
    assert lemmas("met") == lemmas("meeting") == lemmas("meets")
    assert lemmas("died") == lemmas("dies")


def test_a_sort_of_thing_asks_for_no_name() -> None:
    assert analyze("What sort of Russian navy vessels sailed out of the Black Sea?").kind is None
    assert analyze("Which Russian navy vessels sailed out of the Black Sea?").kind == "vessel"


def test_analyze_splits_names_from_what_is_asked() -> None:
    q = analyze("When did General Mark Milley retire from the army?")
    assert q.kind == "date"
    assert q.names == ("mark", "milley")
    # the title goes with the name; question words and filler are no part of the predicate
    assert q.predicate == lemmas("retire army")
    assert analyze("How many soldiers are in each group?").predicate == lemmas("soldier group")


def test_unmentioned_accepts_derived_forms_and_folded_acronyms() -> None:
    text = "Moscow's grip on Central Asia worries American and U.S. officials since 2010."
    assert unmentioned(["asian", "america", "us", "moscow"], text) == []
    assert unmentioned(["nordic", "2011", "asia"], text) == ["nordic", "2011"]
    # a country often abbreviated is mentioned by its abbreviation, and the other way round
    assert unmentioned(["america", "britain"], "head of the US command, said the UK") == []
    assert unmentioned(["us"], "American troops") == []
    assert unmentioned(["america"], "talks in Washington") == ["america"]  # a capital is a city


def test_asks_unmentioned_compares_dictionary_forms() -> None:
    excerpt = "Gates met Serdyukov in Brussels; the plan's costs were not given."
    assert not asks_unmentioned(analyze("When did Gates meet Serdyukov?"), excerpt)
    assert not asks_unmentioned(analyze("How much did the plan cost?"), excerpt)
    assert asks_unmentioned(analyze("When did Gates retire?"), excerpt)
    assert not asks_unmentioned(analyze("Who is Gates?"), excerpt)  # nothing asked beyond names


@pytest.mark.parametrize(
    ("question", "sentence", "typed"),
    [
        ("How many people died?", "Talks were severed in 2014.", False),  # a year counts nothing
        ("How many groups are near the border?", "Russia has 53 groups there.", True),
        ("How many groups are near the border?", "Russia has four groups there.", True),
        (
            "Who is the adviser Jake Sullivan?",
            "said National Security Advisor Jake Sullivan.",
            False,
        ),
        (
            "Who is the national security adviser?",
            "said National Security Advisor Jake Sullivan.",
            True,
        ),
        ("Who met in the Gates-Serdyukov meeting?", "Anatoly Serdyukov was there.", False),
        ("When did Gates speak?", "On June 14, Gates said so.", True),
        ("Where did Milley meet Gerasimov?", "They met in Helsinki.", True),
        ("Where did Milley meet Gerasimov?", "Milley met Gerasimov.", False),
        ("Where did the drone strike hit?", "The strike hit a car outside Kabul.", True),
        ("What did McKenzie call it?", "McKenzie called it a tragic mistake.", True),
        ("What did McKenzie call it?", "McKenzie spoke of the strike.", False),
        # a ruler's number is no surname: "Harold II" does not name "William II"
        ("Who killed Harold II?", "Duke William II of Normandy killed King Harold II.", True),
        # a natural place's noun before its name
        ("What river was Petrela located by?", "They took Petrela, by the river Deabolis.", True),
        # a few quoted words: what someone called a thing
        ("What did McKenzie call it?", "McKenzie said it was a “tragic mistake”.", True),
        # a given name and its place of origin; one name after a noun for a person; people
        # named by what they are
        ("Who led the papal army?", "In 1064 William of Montreuil led the papal army.", True),
        (
            "Who was Edward's half-brother?",
            "He came at the invitation of his half-brother Harthacnut.",
            True,
        ),
        ("Who used the church?", "The church was utilised by the dukes as a unifying force.", True),
        (
            "Who represented Russia at the summit?",
            "Russia and NATO agreed at the Lisbon summit.",
            False,
        ),
        # a place a title is held of; a place's country before its noun
        ("Where was Ralph earl of?", "He made Ralph the Timid earl of Hereford.", True),
        (
            "Kosovo is a province of which country?",
            "It is the UN-administered Serbian province.",
            True,
        ),
        # a city is no continent, sea or country; a capital is one
        (
            "In which city is the meeting?",
            "It is within the Organization for Security and Cooperation in Europe.",
            False,
        ),
        ("From which port did the ships sail?", "The ships sailed from the Black Sea.", False),
        # "to" puts a place after a verb, not after a noun
        ("Where will they be stationed?", "They counter the threat to the United States.", False),
        ("Where were the troops sent?", "The troops were sent to Syria.", True),
        # nor a building; and a people is no place at all
        ("In which city did he speak?", "He told reporters at the White House.", False),
        ("Where did the offer come from?", "It welcomed contributions from the Russians.", False),
        ("Where did the offer come from?", "It welcomed contributions from Russia.", True),
        ("In which city did they meet?", "They met in Helsinki, Finland.", True),
        ("Where did the monks flee?", "Monks of Saint-Evroul fled to southern Italy.", True),
        ("In which city did they meet?", "They met in the Finnish capital, Helsinki.", True),
        ("Where did they meet?", "The city was quiet after the talks.", False),
    ],
)
def test_answer_kind_must_add_to_the_question(question: str, sentence: str, typed: bool) -> None:
    assert has_answer_type(sentence, analyze(question)) is typed


@pytest.mark.parametrize(
    ("question", "governments"),
    [
        ("Where had Moscow proposed a radar station?", {"moscow"}),
        ("What did Moscow's envoy say?", {"moscow"}),
        ("Which Moscow-backed group attacked?", {"moscow"}),
        ("Did Moscow and Kyiv agree?", {"moscow", "kyiv"}),
        # Places: after a place word, within two words of it, or joined to a place.
        ("Whom did Dempsey invite to Washington?", set()),
        ("What was decided at the talks in central Moscow?", set()),
        ("Who is the mayor of Moscow?", set()),
        ("Did Gates travel to Moscow and Kyiv?", set()),
        ("Did Gates travel to Brussels and Moscow?", set()),
        ("Where did Moscow send troops to Moscow's west?", set()),  # named both ways
        # Inside a longer name.
        ("Who founded the Washington Post?", set()),
        ("What did George Washington say?", set()),
        ("Which Washington state county voted?", set()),
        # Owning something other than a place, after any word.
        (
            "What did Moscow offer as an alternative to Washington's planned shield?",
            {"moscow", "washington"},
        ),
        ("Where did Gates fly to Moscow's airport?", set()),
        ("What fell in Moscow's western outskirts?", set()),
        ("What did Kyiv say of Moscow's stated goals?", {"moscow", "kyiv"}),
    ],
)
def test_capitals_standing_for_their_government(question: str, governments: set[str]) -> None:
    assert analyze(question).governments == governments


def test_a_capital_for_its_government_is_mentioned_by_any_name_of_its_country() -> None:
    proposed = analyze("Where had Moscow proposed a joint radar station?")
    said = "Gates rejected Russia's proposal to use a joint radar station in Azerbaijan."
    assert unmentioned(proposed.constraints, said, proposed.governments) == []
    sent = analyze("Which envoy did Washington send?")
    for text in ("U.S. officials sent him.", "The United States sent him.", "American envoy"):
        assert unmentioned(sent.constraints, text, sent.governments) == []
    for text in ("He told us nothing.", "The U.S.S.R. sent him."):
        assert unmentioned(sent.constraints, text, sent.governments) == ["washington"]
    # Named as a place, the capital itself must be mentioned.
    invited = analyze("Which general did Dempsey invite to Washington?")
    assert unmentioned(invited.constraints, "Dempsey met U.S. officials.", invited.governments) == [
        "washington"
    ]
