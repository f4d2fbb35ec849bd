from retrieval.chunking import chunk_article
from retrieval.loader import load_corpus
from retrieval.sentences import split_sentences
from tests.conftest import SEEDS


def test_offsets_round_trip_and_passages_never_cut_a_sentence() -> None:
    for article in load_corpus(SEEDS).articles:
        sentences = split_sentences(article.body)
        assert sentences, article.id
        for s in sentences:
            assert article.body[s.start : s.end] == s.text
        starts = {s.start for s in sentences}
        ends = {s.end for s in sentences}
        passages = chunk_article(article, sentences, max_chars=400, overlap_sentences=1)
        for p in passages:
            assert article.body[p.start : p.end] == p.text
            assert p.start in starts and p.end in ends
            assert (p.article_id, p.title, p.date) == (article.id, article.title, article.date)
        # every sentence is in some passage; consecutive passages share one sentence unless
        # the first is a single sentence too long to share
        covered = {i for p in passages for i in range(p.first_sentence, p.last_sentence + 1)}
        assert covered == set(range(len(sentences)))
        for a, b in zip(passages, passages[1:]):
            assert b.first_sentence == max(a.last_sentence, a.first_sentence + 1)


def test_a_sentence_longer_than_the_limit_stays_whole() -> None:
    article = load_corpus(SEEDS).articles[0]
    sentences = split_sentences(article.body)
    longest = max(sentences, key=lambda s: len(s.text))
    passages = chunk_article(article, sentences, max_chars=50, overlap_sentences=0)
    assert any(p.text == longest.text for p in passages)
    assert len(passages) == len(sentences)
