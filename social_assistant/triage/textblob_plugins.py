"""Indonesian plug-ins for TextBlob that work offline (no NLTK corpora needed).

>>> from textblob import TextBlob
>>> blob = TextBlob("jln rusak parahhh min 😡", tokenizer=IndonesianTokenizer(),
...                 analyzer=IndonesianSentimentAnalyzer())
>>> list(blob.tokens)
['jalan', 'rusak', 'parah', 'admin', '😡']
>>> blob.sentiment.polarity < 0
True

What works with these plug-ins in TextBlob 0.20.1: ``.tokens``, ``.words`` (a custom
tokenizer is used as is, so ``.words`` equals ``.tokens`` unless ``words_only=True``),
``.ngrams(n)``, ``.word_counts``, ``.tokenize()``, ``.sentiment`` and
``.sentiment_assessments``. What does not: ``.polarity`` and ``.subjectivity`` always
use TextBlob's English PatternAnalyzer whatever analyzer is given (use
``.sentiment.polarity``), and ``.sentences``, ``.noun_phrases``, ``.tags`` need NLTK
corpora that are not available offline.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

from textblob.base import CONTINUOUS, BaseSentimentAnalyzer, BaseTokenizer

from social_assistant.triage.normalise import is_word, normalise, surface_tokens
from social_assistant.triage.sentiment import score_tokens

Sentiment = namedtuple("Sentiment", ["polarity", "subjectivity"])
# TextBlob names both tuples "Sentiment"; so do we, for identical reprs.
SentimentAssessments = namedtuple(  # type: ignore[name-match]
    "Sentiment", ["polarity", "subjectivity", "assessments"]
)


class IndonesianTokenizer(BaseTokenizer):  # type: ignore[misc]
    """Tokens of informal Indonesian, normalised (``gak`` -> ``tidak``) by default.

    ``normalise=False`` keeps the surface form of each word (still split on
    punctuation, emoji and glued numbers, and case-folded); ``words_only=True`` drops
    punctuation and emoji. URLs, mentions and hashtags are returned as written.
    """

    def __init__(self, normalise: bool = True, words_only: bool = False) -> None:
        self.normalise = normalise
        self.words_only = words_only

    def tokenize(self, text: str) -> list[str]:
        """Split ``text`` into tokens."""
        tokens = list(normalise(text).restored_tokens()) if self.normalise else surface_tokens(text)
        return [t for t in tokens if is_word(t) or not self.words_only]


class IndonesianSentimentAnalyzer(BaseSentimentAnalyzer):  # type: ignore[misc]
    """TextBlob analyzer giving ``Sentiment(polarity, subjectivity)`` for Indonesian text.

    Polarity is in [-1, 1] and subjectivity in [0, 1] (see ``sentiment``);
    ``analyze(text, keep_assessments=True)`` adds the scored words, as
    ``TextBlob.sentiment_assessments`` expects.
    """

    kind = CONTINUOUS

    def analyze(self, text: str, keep_assessments: bool = False) -> Any:
        """Score ``text``: a ``Sentiment`` named tuple."""
        result = score_tokens(normalise(text).tokens)
        if keep_assessments:
            assessments = [(phrase, weight) for phrase, weight in result.assessments]
            return SentimentAssessments(result.polarity, result.subjectivity, assessments)
        return Sentiment(result.polarity, result.subjectivity)
