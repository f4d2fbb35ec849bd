import pytest

from bot.answering.answer import ABSTAIN_TEXT, Draft, Source, Turn
from bot.answering.generators.extractive import ExtractiveGenerator
from bot.answering.generators.scripted import ScriptedGenerator
from bot.answering.pipeline import AnswerPipeline, QuestionError
from bot.answering.question import answer_type
from bot.answering.rewrite import RuleRewriter


def make(index, script):
    return AnswerPipeline(
        index.searcher(), index.store, ScriptedGenerator(script), ExtractiveGenerator(index.store)
    )


def test_empty_and_overlong_questions_get_helpful_replies(hashing_index) -> None:
    pipeline = make(hashing_index, lambda r: Draft.abstain())
    with pytest.raises(QuestionError, match="Ask me something"):
        pipeline.answer("   ")
    with pytest.raises(QuestionError, match="keep it under 500"):
        pipeline.answer("why " * 200)


def test_generator_crash_falls_back_to_extractive(hashing_index) -> None:
    def boom(request):
        raise TimeoutError("backend took too long")

    answer = make(hashing_index, boom).answer("Where did Gates meet Serdyukov?")
    assert answer.generator == "extractive"
    assert answer.notice == (
        "scripted failed (TimeoutError: backend took too long); answered extractively instead."
    )
    assert answer.citations


def test_scripted_answer_is_checked_before_it_leaves(hashing_index) -> None:
    def script(request):
        e = request.excerpts[0]
        claim = "Gates met Serdyukov in Brussels."
        return Draft(
            f"{claim} [1] Gates met Putin. [2]",
            {1: Source(1, e, e.text), 2: Source(2, e, "made up")},
        )

    answer = make(hashing_index, script).answer("Where did Gates meet Serdyukov?")
    assert answer.generator == "scripted"
    assert answer.text == "Gates met Serdyukov in Brussels. [1]" and len(answer.citations) == 1
    # The --json contract only grows: the original keys stay, notice and generator were added.
    keys = {"question", "answer", "abstained", "citations", "timings_ms", "short_answer"}
    assert answer.to_json().keys() >= keys
    assert answer.to_json()["generator"] == "scripted" and answer.to_json()["notice"] is None


def test_abstention_has_no_citations(hashing_index) -> None:
    answer = make(hashing_index, lambda r: Draft.abstain()).answer("Who won the 1966 World Cup?")
    assert answer.abstained and answer.text == ABSTAIN_TEXT and answer.citations == []


def test_rule_rewriter_carries_the_previous_key_terms() -> None:
    history = [Turn("Where did Milley meet Gerasimov?", "Where did Milley meet Gerasimov?")]
    rule = RuleRewriter()
    assert rule.rewrite("When was that?", history) == "When was that? (Milley meet Gerasimov)"
    standalone = "Which base did Uzbekistan close in 2005?"
    assert rule.rewrite(standalone, history) == standalone
    assert rule.rewrite("When was that?", []) == "When was that?"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who is the head of US Central Command?", "person"),
        ("When did Uzbekistan close the base?", "date"),
        ("How many soldiers are in each group?", "count"),
        ("How long was the phone call?", "number"),
        ("Where did Milley meet Gerasimov?", "place"),
        ("What did McKenzie call the airstrike?", "description"),
        # the wh-phrase ends at its verb: the object's noun names no kind asked
        ("Which city hosted NATO defense ministers?", "place"),
        ("Which Syrian opposition groups did Russia target?", "name"),
        # a plural asks for the same kind: "countries", "ships"
        ("From which countries did the Norse originate?", "place"),
        ("Which ships sailed to Syria?", "vessel"),
    ],
)
def test_answer_type(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind
