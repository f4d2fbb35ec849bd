"""Capitals given back to a question typed in lower case, from the articles that may answer it."""

from __future__ import annotations

from pathlib import Path

from bot.answering.casing import read_casually, restore_capitals
from bot.answering.question import analyze
from tests.test_answerability import ARTICLES as STORIES
from tests.test_answerability import pipeline_over

ARTICLES = [
    "Karvia moved four jets to the airfield near Port Selva, officials said. The jets landed "
    "as NATO ministers met in Brussels. Analysts in Port Selva and Brussels said Karvia would "
    "meet again with NATO, and the troops will stay at the base until May.",
    "Headline: Chiefs Meet In Varenia",
    "The World Health Organization praised the work of the World Health Organization's staff "
    "and said the Health Ministry in Varenia had sent doctors to the Health Service Executive.",
    "Moscow (AP) Russia Sends More Troops To The Border\nOfficials in St. Petersburg said so.",
]


def test_a_lower_case_question_takes_the_capitals_the_articles_give_its_names() -> None:
    cased = restore_capitals("how many jets did karvia move near port selva?", ARTICLES)
    assert cased == "how many jets did Karvia move near Port Selva?"
    # an abbreviation the articles write in capitals
    assert restore_capitals("when did nato ministers meet?", ARTICLES) == (
        "when did NATO ministers meet?"
    )
    # the engine reads the restored names as what an answer must mention
    assert "karvia" in analyze(cased).constraints


def test_common_words_stay_as_typed() -> None:
    # "meet" is capitalised only in a headline: a dictionary word needs more than that
    assert restore_capitals("where did the chiefs meet?", ARTICLES) == "where did the chiefs meet?"
    # words the articles write in lower case, or never use, stay as typed
    assert restore_capitals("how long will the troops stay at the base?", ARTICLES) == (
        "how long will the troops stay at the base?"
    )
    assert restore_capitals("where is zorbland?", ARTICLES) == "where is zorbland?"
    # a word capitalised only inside longer names is no name of its own; a name of
    # dictionary words is one where the articles write it so more than once
    assert restore_capitals("who runs the health service?", ARTICLES) == (
        "who runs the health service?"
    )
    assert restore_capitals("what did the world health organization say?", ARTICLES) == (
        "what did the World Health Organization say?"
    )
    # a headline capitalises every word: "To The Border" is no name
    assert restore_capitals("how many troops did karvia send to the border?", ARTICLES) == (
        "how many troops did Karvia send to the border?"
    )
    assert restore_capitals("who is the health district's director?", ARTICLES) == (
        "who is the health district's director?"
    )


def test_a_question_the_person_cased_is_left_alone() -> None:
    asked = "Did Karvia move jets near port selva?"
    assert restore_capitals(asked, ARTICLES) == asked
    # a first word a phone's keyboard capitalised says nothing of the others
    assert restore_capitals("Did karvia move jets?", ARTICLES) == "Did Karvia move jets?"
    # an abbreviation's full stop begins no sentence: "St. Petersburg" is a name
    assert restore_capitals("who spoke in st. petersburg?", ARTICLES) == (
        "who spoke in St. Petersburg?"
    )
    # capitals typed from habit in an abbreviation say nothing of the other words
    assert restore_capitals("did the US see karvia's jets?", ARTICLES) == (
        "did the US see Karvia's jets?"
    )


def test_a_lower_case_question_is_declined_as_its_cased_form_is(tmp_path: Path) -> None:
    pipeline = pipeline_over(tmp_path, STORIES)
    # Serdyukov met Gates, not Milley: no article names both
    assert pipeline.answer("where did milley meet serdyukov?").abstained
    answer = pipeline.answer("where did milley meet gerasimov?")
    assert not answer.abstained and "Helsinki" in answer.text


def test_a_question_word_run_together_with_did_is_read_written_out() -> None:
    assert read_casually("where'd karvia move its jets?", ARTICLES) == (
        "where did Karvia move its jets?"
    )
    assert read_casually("How’d NATO answer?", ARTICLES) == "How did NATO answer?"
    # "who'd" is as often "who would": left as typed
    assert read_casually("who'd meet karvia?", ARTICLES) == "who'd meet Karvia?"


def test_a_question_of_a_condition_keeps_its_contraction() -> None:
    # "how'd" before "if" is "how would"
    assert read_casually("how'd karvia answer if nato came?", ARTICLES) == (
        "how'd Karvia answer if NATO came?"
    )
