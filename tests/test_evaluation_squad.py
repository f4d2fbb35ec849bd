"""``newsbot eval`` on a SQuAD-format file: its own corpus and index, splits by paragraph."""

import json
from pathlib import Path

from bot.evaluation.calibration import text_folds
from bot.evaluation.squad import read_squad
from tests.test_evaluation import run_eval

TINY_SQUAD = {
    "version": "v2.0",
    "data": [
        {
            "title": "Harbour_Town",
            "paragraphs": [
                {
                    "context": "Harbour Town was founded by fishermen in 1432. Its lighthouse "
                    "was built of granite quarried at Kellan Point.",
                    "qas": [
                        {
                            "id": "ht-founded",
                            "question": "When was Harbour Town founded by fishermen?",
                            "answers": [
                                {"text": "1432", "answer_start": 42},
                                {"text": "in 1432", "answer_start": 39},
                                {"text": "1432", "answer_start": 42},
                            ],
                            "is_impossible": False,
                        }
                    ],
                },
                {
                    "context": "The town market sells smoked herring every Saturday. The mayor, "
                    "Ilse Vantongeren, opened a ferry line to Sandvik.",
                    "qas": [
                        {
                            "id": "ht-mayor",
                            "question": "Who is the mayor that opened a ferry line to Sandvik?",
                            "answers": [{"text": "Ilse Vantongeren", "answer_start": 64}],
                            "is_impossible": False,
                        },
                        {
                            "id": "ht-impossible",
                            "plausible_answers": [{"text": "Saturday", "answer_start": 44}],
                            "question": "On which day does the town market sell smoked eel?",
                            "answers": [],
                            "is_impossible": True,
                        },
                    ],
                },
            ],
        },
        {
            "title": "Kellan Point",
            "paragraphs": [
                {
                    "context": "Kellan Point is a headland of granite cliffs. Seals breed on "
                    "its northern beaches in winter.",
                    "qas": [
                        {
                            "id": "kp-seals",
                            "question": "Where do seals breed at Kellan Point?",
                            "answers": [{"text": "its northern beaches", "answer_start": 58}],
                            "is_impossible": False,
                        }
                    ],
                }
            ],
        },
    ],
}


def write_squad(folder: Path) -> Path:
    path = folder / "tiny-squad.json"
    path.write_text(json.dumps(TINY_SQUAD, indent=1), encoding="utf-8")
    return path


def test_squad_file_gets_its_own_corpus_index_and_splits(cli_env, tmp_path: Path) -> None:
    squad = write_squad(tmp_path)
    out = tmp_path / "out"
    run = run_eval(cli_env, str(squad), "--out", str(out))
    assert run.returncode == 0, run.stderr

    index_dir = Path(cli_env["NEWSBOT_INDEX_DIR"])
    homes = list((index_dir / "squad").iterdir())
    assert len(homes) == 1
    corpus = homes[0] / "corpus"
    assert sorted(p.name for p in corpus.iterdir()) == [
        "harbour_town_p000.txt",
        "harbour_town_p001.txt",
        "kellan_point_p000.txt",
    ]
    assert (
        (corpus / "harbour_town_p001.txt")
        .read_text(encoding="utf-8")
        .startswith("Harbour Town\n\nThe town market sells smoked herring")
    )
    # The news index is never touched by a SQuAD-only run.
    assert not (index_dir / "chroma").exists()
    assert (homes[0] / "index" / "chroma").is_dir()

    rows = {r["id"]: r for r in map(json.loads, (out / "results.jsonl").read_text().splitlines())}
    assert {qid: r["split"] for qid, r in rows.items()} == {
        "ht-founded": "calibration",
        "ht-mayor": "heldout",
        "ht-impossible": "heldout",
        "kp-seals": "calibration",
    }
    # Every answerable question's own paragraph is among the retrieved articles.
    assert "harbour_town_p000" in rows["ht-founded"]["retrieved"]
    assert "harbour_town_p001" in rows["ht-mayor"]["retrieved"]
    assert "kellan_point_p000" in rows["kp-seals"]["retrieved"]
    # An impossible question is right exactly when the bot abstains on it.
    assert rows["ht-impossible"]["correct"] == rows["ht-impossible"]["abstained"]

    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["by_split"]) == {"calibration", "heldout"}
    assert summary["by_split"]["heldout"]["unanswerable"] == 1
    assert summary["by_split"]["calibration"]["unanswerable"] == 0
    assert set(summary["by_type"]) == {"answerable", "unanswerable"}
    [described] = summary["run"]["question_sets"]
    assert described["format"] == "squad" and described["corpus"] == str(corpus)
    assert summary["run"]["reader"] == "off"  # the default, and said in the report
    assert "answer reader off" in (out / "report.md").read_text()

    # Run again: the index is reused, not rebuilt.
    again = run_eval(cli_env, str(squad), "--out", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr
    assert "Building the index" not in again.stderr
    assert list((index_dir / "squad").iterdir()) == homes


def test_squad_and_jsonl_sets_in_one_run(cli_env, tmp_path: Path) -> None:
    squad = write_squad(tmp_path)
    news = tmp_path / "news.jsonl"
    news.write_text(
        json.dumps(
            {
                "id": "n1",
                "question": "Where did Gates meet Serdyukov?",
                "answers": ["Brussels"],
                "sources": ["004_bce709b2bb2c44e6"],
                "type": "factoid",
            }
        )
        + "\n"
    )
    out = tmp_path / "out"
    run = run_eval(cli_env, str(news), str(squad), "--out", str(out), "--json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["overall"]["questions"] == 5
    # The news question has no split; the SQuAD ones do.
    assert summary["by_split"]["unsplit"]["questions"] == 1
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert rows[0]["retrieved"][0] == "004_bce709b2bb2c44e6"
    assert all(r["retrieved"][0].startswith(("harbour", "kellan")) for r in rows[1:])


def test_broken_squad_file_is_one_clear_line(cli_env, tmp_path: Path) -> None:
    bad = tmp_path / "bad-squad.json"
    bad.write_text(json.dumps({"version": "v2.0", "data": [{"title": "X"}]}))
    run = run_eval(cli_env, str(bad), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert run.stderr.strip() == f'error: {bad}: data[0] has no "paragraphs" list'


def test_squad_questions_know_the_article_they_ask_about(tmp_path: Path) -> None:
    # A fit that keeps each text on one side of its folds needs this for unanswerable
    # questions too, which name no source.
    squad = read_squad(write_squad(tmp_path))
    assert squad.title_of == {
        "ht-founded": "Harbour Town",
        "ht-mayor": "Harbour Town",
        "ht-impossible": "Harbour Town",
        "kp-seals": "Kellan Point",
    }


def test_text_folds_put_the_largest_text_alone_and_share_out_the_rest() -> None:
    texts = ["news"] * 6 + ["Normans"] * 3 + ["Harbour Town"] * 2 + ["Kellan Point"] * 2
    folds = text_folds(texts, 3)
    assert folds == {"news": 0, "Normans": 1, "Harbour Town": 2, "Kellan Point": 2}


def test_text_folds_break_ties_by_name_whatever_the_order_of_questions() -> None:
    # Four texts of one question each into three folds: the one left over goes where the
    # name order says, so a rerun of the fit holds back the same texts.
    expected = {"a": 0, "b": 1, "c": 2, "d": 0}
    assert text_folds(["a", "b", "c", "d"], 3) == expected
    assert text_folds(["d", "c", "b", "a"], 3) == expected


def test_a_repeated_question_id_keeps_the_title_of_the_question_kept(tmp_path: Path) -> None:
    data = {
        "data": [
            {"title": title, "paragraphs": [{"context": f"{title} is a town.", "qas": [qa]}]}
            for title in ("Alpha", "Beta")
            for qa in [{"id": "same", "question": f"What is {title}?", "is_impossible": True}]
        ]
    }
    path = tmp_path / "repeat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    squad = read_squad(path)
    assert squad.questions[0].question == "What is Alpha?"
    assert squad.title_of["same"] == "Alpha"
