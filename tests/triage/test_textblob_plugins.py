"""The Indonesian tokenizer and sentiment analyzer work through real TextBlob objects."""

from __future__ import annotations

from textblob import Blobber, TextBlob

from social_assistant.triage.textblob_plugins import (
    IndonesianSentimentAnalyzer,
    IndonesianTokenizer,
)


def blob(text: str, **tokenizer: bool) -> TextBlob:
    return TextBlob(
        text, tokenizer=IndonesianTokenizer(**tokenizer), analyzer=IndonesianSentimentAnalyzer()
    )


def test_tokens_words_and_ngrams() -> None:
    b = blob("jln rusak parahhh min 😡 @budi")
    assert list(b.tokens) == ["jalan", "rusak", "parah", "admin", "😡", "@budi"]
    assert list(b.words) == list(b.tokens)
    assert [list(g) for g in b.ngrams(2)][:2] == [["jalan", "rusak"], ["rusak", "parah"]]
    assert b.word_counts["rusak"] == 1


def test_words_only_and_surface_forms() -> None:
    assert list(blob("gak bagus, min!", words_only=True).words) == ["tidak", "bagus", "admin"]
    surface = blob("gak bagus, min!", normalise=False, words_only=True)
    assert list(surface.words) == ["gak", "bagus", "min"]


def test_sentiment_is_a_named_tuple_in_range() -> None:
    negative = blob("pelayanan lambat, petugasnya judes banget 😡").sentiment
    positive = blob("mantap pak, semoga amanah 🙏").sentiment
    assert type(negative).__name__ == "Sentiment"
    assert -1 <= negative.polarity < 0 < positive.polarity <= 1
    assert 0 <= negative.subjectivity <= 1


def test_sentiment_assessments() -> None:
    result = blob("jalan rusak parah").sentiment_assessments
    assert result.polarity < 0
    assert result.assessments == [("rusak parah", -2.5)]


def test_blobber_shares_the_plugins() -> None:
    make = Blobber(tokenizer=IndonesianTokenizer(), analyzer=IndonesianSentimentAnalyzer())
    assert make("tdk bagus").sentiment.polarity < 0
    assert list(make("yg bener aja").tokens) == ["yang", "benar", "saja"]


def test_blob_polarity_property_stays_english() -> None:
    # TextBlob's .polarity ignores the analyzer (documented in textblob_plugins).
    b = blob("jalan rusak parah")
    assert b.polarity == 0.0
    assert b.sentiment.polarity < 0
