"""Offline, deterministic, explainable triage of citizens' replies in Bahasa Indonesia.

>>> from social_assistant.triage import Triager
>>> result = Triager().classify("jln rusak parah min, udah 2 minggu gak dibenerin")
>>> result.kind.value, result.category.value, result.is_aspiration
('complaint', 'infrastructure', True)

Modules (one job each): ``normalise`` (informal text to tokens), ``sentiment``
(lexicon score), ``personal_data`` (NIK, phone, e-mail, plate), ``rules`` (cue
words), ``features``, ``model`` (naive Bayes, JSON), ``classify`` (the decision),
``train`` (retraining), ``corpus`` (TSV format), ``evaluate`` (figures),
``textblob_plugins`` (TextBlob tokenizer and analyzer; imported on demand because
TextBlob and NLTK are slow to import), ``compiled`` (which modules run as mypyc
extensions). Functions named like their module
(``classify.classify``, ``normalise.normalise``, ``sentiment.sentiment``,
``train.train``) are imported from the module, so the package never hides one.
See docs/triage.md.
"""

from __future__ import annotations

from social_assistant.triage.classify import Triage, Triager, classify_stream
from social_assistant.triage.compiled import warn_if_stale
from social_assistant.triage.model import ModelError, TriageModel
from social_assistant.triage.normalise import Normalised
from social_assistant.triage.personal_data import detect as detect_personal_data
from social_assistant.triage.personal_data import redact as redact_personal_data
from social_assistant.triage.sentiment import SentimentResult
from social_assistant.triage.train import train_model

warn_if_stale()

__all__ = [
    "ModelError",
    "Normalised",
    "SentimentResult",
    "Triage",
    "TriageModel",
    "Triager",
    "classify_stream",
    "detect_personal_data",
    "redact_personal_data",
    "train_model",
]
