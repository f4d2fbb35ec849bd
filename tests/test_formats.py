"""Corpus formats as a person meets them: plain text, HTML news pages and JSON news dumps in
one folder, loaded, ingested incrementally, and cited with title, date and url."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.factory import build_pipeline
from retrieval.cleaning import TITLE_MAX, derive_title
from retrieval.embedders import HashingEmbedder
from retrieval.index import build_index
from retrieval.ingest import ingest
from retrieval.loader import load_corpus
from retrieval.stores import MemoryStore
from tests.conftest import SEEDS, hashing_settings, newsbot, settings_for

FIXTURES = Path(__file__).parent / "fixtures" / "news"
HTML_URL = "https://news.example.com/world/2008/04/03/nato-missile-defense-bucharest"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """The five seeds plus an HTML article and a JSON Lines dump of three articles."""
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    for f in FIXTURES.iterdir():
        shutil.copy(f, folder)
    return folder


def test_every_format_loads_with_title_date_url_and_clean_text(news: Path) -> None:
    corpus = load_corpus(news)
    assert corpus.skipped == []
    by_id = {a.id: a for a in corpus.articles}
    assert len(by_id) == 9

    page = by_id["bucharest-summit"]
    assert page.title == "NATO Leaders Endorse U.S. Missile Defense Plan at Bucharest Summit"
    assert (page.date, page.url, page.source) == ("2008-04-03", HTML_URL, "bucharest-summit.html")
    assert "Moscow proposed last year that Washington use a Soviet-era radar station" in page.body
    for junk in (
        "<",
        "gtag",
        "dataLayer",
        "trackPageView",
        "Advertisement",
        "Subscribe",
        "Share on",
        "Related coverage",
        "Czech government approves radar talks",
        "Skip to main content",
        "Privacy policy",
        "By Elena Marinescu",
        "Comments (214)",
        "Photo: Reuters",
    ):
        assert junk not in page.body and junk not in page.title, junk

    extended = by_id["wire-20210203-new-start"]  # the record's own id
    assert extended.date == "2021-02-03" and extended.source == "wire-dump.jsonl"
    assert extended.url == "https://wire.example.org/2021/02/03/new-start-extension"
    assert extended.body.count("\n\n") == 3  # one paragraph per line of the record's text
    salvo = by_id["wire-dump-2"]  # no id: <file stem>-<line>; "body" instead of "text"
    assert salvo.date == "2019-03-25"  # an ISO date-time, taken as its date
    assert salvo.title.startswith("Pentagon Intercepts Mock ICBM") and not salvo.title_derived
    suspended = by_id["wire-20230221-suspension"]  # no title: derived and marked so
    assert suspended.title_derived and suspended.title.endswith("…")
    assert suspended.body.startswith(suspended.title[:-1])

    seed = by_id["004_bce709b2bb2c44e6"]  # plain text unchanged
    assert seed.title == "U.S., Russian Defense Chiefs Meet, Avoid Missile Issue"
    assert seed.url is None and not seed.title_derived
    assert by_id["000_5302a115a2186422"].title_derived  # that seed has no headline
    assert [u.name for u in corpus.undated] == ["002_dead59048cb22baa.txt (002_dead59048cb22baa)"]


def test_bad_records_are_reported_by_file_and_line_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    lines = [
        {"id": "a", "title": "Kept", "date": "2020-05-01", "text": "A story that stays."},
        {"id": "b", "title": "No text", "date": "2020-05-02"},
        "not json {",
        {"title": "Odd date", "date": "last Tuesday", "text": "A story with an odd date."},
        {"id": "a", "title": "Same id", "text": "Another story with a repeated id."},
        ["not", "an", "object"],
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    )
    (folder / "list.json").write_text(
        json.dumps({"articles": [{"title": "From a list", "body": "Story one."}, {"text": " "}]})
    )
    corpus = load_corpus(folder)
    assert sorted(a.id for a in corpus.articles) == ["a", "feed-4", "list-1"]
    skipped = {s.name: s.reason for s in corpus.skipped}
    assert skipped == {
        "feed.jsonl:2": 'has no text (give the story as "text" or "body")',
        "feed.jsonl:3": skipped["feed.jsonl:3"],
        "feed.jsonl:5": "has the same article id as feed.jsonl:1",
        "feed.jsonl:6": "is not a JSON object",
        "list.json#2": 'has no text (give the story as "text" or "body")',
    }
    assert skipped["feed.jsonl:3"].startswith("is not valid JSON")
    undated = {u.name: u.reason for u in corpus.undated}
    assert undated["feed.jsonl:4 (feed-4)"] == "date 'last Tuesday' not understood; left undated"


def test_incremental_ingest_tracks_articles_inside_a_dump(news: Path) -> None:
    settings = hashing_settings(news.parent / "unused", corpus_dir=news)
    store, embedder = MemoryStore(), HashingEmbedder()
    first = ingest(news, store, embedder, settings)
    assert len(first.added) == 9 and first.skipped == []

    dump = news / "wire-dump.jsonl"
    records = [json.loads(line) for line in dump.read_text().splitlines()]
    records[0]["text"] += "\n\nA late paragraph."
    dump.write_text("".join(json.dumps(r) + "\n" for r in records[:2]))  # third record gone
    second = ingest(news, store, embedder, settings)
    assert second.updated == ["wire-20210203-new-start"]
    assert second.removed == ["wire-20230221-suspension"]
    assert "wire-dump-2" in second.unchanged and not second.added

    dump.write_bytes(b"\x00\x01 unreadable")  # still there, unreadable: keep the last version
    third = ingest(news, store, embedder, settings)
    assert third.removed == [] and [s.name for s in third.skipped] == ["wire-dump.jsonl"]
    assert {"wire-20210203-new-start", "wire-dump-2"} <= set(store.articles())

    dump.unlink()
    fourth = ingest(news, store, embedder, settings)
    assert sorted(fourth.removed) == ["wire-20210203-new-start", "wire-dump-2"]


def test_a_derived_title_is_cut_at_a_word_boundary() -> None:
    sentence = (
        "Officials from both governments spent the better part of three long days negotiating "
        "the wording of a statement that neither side ultimately signed."
    )
    title = derive_title([sentence])
    assert title.endswith("…") and len(title) <= TITLE_MAX + 1
    assert sentence.startswith(title[:-1]) and sentence[len(title) - 1] == " "
    assert derive_title(["x" * 200]).endswith("…")


# One question answered from each format, and the article, title, date and url it must cite.
CASES = {
    "Where is the radar station that Moscow proposed Washington use instead?": (
        "bucharest-summit",
        "NATO Leaders Endorse U.S. Missile Defense Plan at Bucharest Summit",
        "2008-04-03",
        HTML_URL,
    ),
    "How many deployed strategic nuclear warheads does New START allow?": (
        "wire-20210203-new-start",
        "U.S. and Russia Extend New START Nuclear Arms Treaty for Five Years",
        "2021-02-03",
        "https://wire.example.org/2021/02/03/new-start-extension",
    ),
    "Where was the target fired from in the salvo test?": (
        "wire-dump-2",
        "Pentagon Intercepts Mock ICBM With Two Missiles in First Salvo Test",
        "2019-03-25",
        "https://wire.example.org/2019/03/25/salvo-intercept-test",
    ),
    "Where did Gates meet Serdyukov?": (
        "004_bce709b2bb2c44e6",
        "U.S., Russian Defense Chiefs Meet, Avoid Missile Issue",
        "2007-06-15",
        None,
    ),
}


def test_each_format_is_cited_with_its_title_date_and_url(news: Path, tmp_path: Path) -> None:
    _, index = build_index(hashing_settings(tmp_path / "index", corpus_dir=news))
    pipeline = build_pipeline(settings_for(index), index=index)
    for question, expected in CASES.items():
        cited = pipeline.answer(question).citations[0]
        assert (cited.article_id, cited.title, cited.date, cited.url) == expected, question


@pytest.mark.slow  # six runs of the command line
def test_a_mixed_corpus_ingests_cleanly_and_each_format_is_cited(news: Path, cli_env) -> None:
    env = {**cli_env, "NEWSBOT_CORPUS": str(news)}
    ingested = newsbot(env, "ingest")
    assert ingested.returncode == 0, ingested.stderr
    assert "added 9" in ingested.stdout and "skipped" not in ingested.stdout
    assert "Traceback" not in ingested.stderr

    for question, (article_id, title, day, url) in CASES.items():
        run = newsbot(env, "ask", question, "--json")
        assert run.returncode == 0, run.stderr
        cited = json.loads(run.stdout)["citations"][0]
        assert (cited["article_id"], cited["title"], cited["date"], cited["url"]) == (
            article_id,
            title,
            day,
            url,
        ), question

    shown = newsbot(env, "ask", "Where was the target fired from in the salvo test?")
    assert "https://wire.example.org/2019/03/25/salvo-intercept-test" in shown.stdout
    listed = json.loads(newsbot(env, "articles", "--json").stdout)
    assert {a["source"] for a in listed} >= {"bucharest-summit.html", "wire-dump.jsonl"}


def test_a_page_without_metadata_is_undated_with_a_derived_title(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    story = " ".join(
        f"Negotiators met again on day {n} to discuss the verification regime for the talks."
        for n in range(1, 6)
    )
    (folder / "bare.htm").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<div><p>{story}</p><p>{story}</p></div><script>var x = 1;</script></body></html>"
    )
    (folder / "empty.html").write_text(
        "<html><body><nav>Home</nav><script>x()</script></body></html>"
    )
    corpus = load_corpus(folder)
    (page,) = corpus.articles
    assert page.date is None and page.title_derived and page.url is None
    assert page.title.startswith("Negotiators met again on day 1") and "<" not in page.body
    assert [u.reason for u in corpus.undated] == ["no date found; left undated"]
    assert [(s.name, s.reason) for s in corpus.skipped] == [
        ("empty.html", "has no story text once the page's navigation and markup are removed")
    ]
