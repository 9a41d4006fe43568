"""Triage one reply: kind, aspiration, category, urgency, sentiment, abuse, personal data.

The decision, recall first:

1. Normalise the reply and score it with the kind model (naive Bayes).
2. If the aspiration kinds together reach the ``aspiration`` threshold (chosen when
   training so that 98% of aspirations pass in cross-validation, and never above
   0.35), the reply is an aspiration of its most likely aspiration kind, even when a
   non-aspiration kind scores higher. A reply without words is never an aspiration.
3. Spam and abuse must not swallow an aspiration: the reply is scored again with its
   spam or abusive words set aside ("jalan rusak parah min, btw slot gacor" is then a
   complaint). Abusive words set ``abusive`` whatever the kind, and an abusive
   aspiration with complaint words is a complaint (the taxonomy's rule). Abuse needs
   an abusive word: without one, a reply with complaint words is a complaint.
4. A report of danger now (``rules.urgent_reason``) is an aspiration and urgent; the
   urgent model can also flag an aspiration as urgent.
5. The category ignores location phrases ("jalan depan SD rusak" is about the road;
   ``features.for_category``).
6. Every decision leaves a human-readable reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from social_assistant.taxonomy import ASPIRATION_KINDS, Category, Kind
from social_assistant.triage import features, personal_data, rules
from social_assistant.triage.memo import remember
from social_assistant.triage.model import TriageModel
from social_assistant.triage.normalise import Normalised, is_placeholder, normalise
from social_assistant.triage.scoring import CATEGORY, URGENT, FeatureIndex, Known, Row, Scorer
from social_assistant.triage.sentiment import score_tokens

MAX_EVIDENCE: Final = 3
MIN_STRIPPED_WORDS: Final = 3
_SPAM_PLACEHOLDERS: Final = frozenset({"__url__", "__phone__", "__email__"})
_ASPIRATION_VALUES: Final = frozenset(k.value for k in ASPIRATION_KINDS)
_KINDS: Final = {k.value: k for k in Kind}
_KIND_ORDER: Final[dict[bool | None, tuple[str, ...]]] = {
    True: tuple(sorted(_ASPIRATION_VALUES)),
    False: tuple(sorted(set(_KINDS) - _ASPIRATION_VALUES)),
    None: tuple(sorted(_KINDS)),
}
_CATEGORIES: Final = {c.value: c for c in Category}
# A tuple, not the frozenset: the test is by identity and equality of str, whereas
# hashing an enum member (and ``Kind.is_aspiration``) runs Python code.
_ASPIRATION_TUPLE: Final = tuple(ASPIRATION_KINDS)
# Members read through the enum class are a Python attribute lookup each time.
_ABUSE: Final = Kind.ABUSE
_COMPLAINT: Final = Kind.COMPLAINT
_NO_CATEGORY: Final = Category.NONE


def _is_aspiration(kind: Kind) -> bool:
    return kind in _ASPIRATION_TUPLE


@dataclass(slots=True, init=False)
class Triage:
    """The triage of one reply (field names and values follow the public taxonomy)."""

    kind: Kind
    is_aspiration: bool
    category: Category
    urgent: bool
    sentiment: float
    abusive: bool
    personal_data: list[str]
    reasons: list[str]

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(
        self,
        kind: Kind,
        is_aspiration: bool,
        category: Category,
        urgent: bool,
        sentiment: float,
        abusive: bool,
        personal_data: list[str],
        reasons: list[str],
    ) -> None:
        self.kind = kind
        self.is_aspiration = is_aspiration
        self.category = category
        self.urgent = urgent
        self.sentiment = sentiment
        self.abusive = abusive
        self.personal_data = personal_data
        self.reasons = reasons

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict (enums as their names), led by ``text`` when given."""
        data: dict[str, Any] = {  # one display: the dict is made at its size
            "text": text,
            "kind": str(self.kind),  # a StrEnum's str() is its value (and fast)
            "is_aspiration": self.is_aspiration,
            "category": str(self.category),
            "urgent": self.urgent,
            "sentiment": self.sentiment,
            "abusive": self.abusive,
            "personal_data": list(self.personal_data),
            "reasons": list(self.reasons),
        }
        if text is None:
            del data["text"]
        return data


class KindOrder:
    """Where each kind sits in the kind model's classes: the aspiration kinds (in class
    order, for summing), and the positions by name in which ``KindScore.best_position``
    and ``top`` look for the likeliest."""

    def __init__(self, classes: tuple[str, ...]) -> None:
        position = {name: i for i, name in enumerate(classes)}
        self.kinds: tuple[Kind, ...] = tuple(_KINDS[name] for name in classes)
        self.aspiration = tuple(i for i, name in enumerate(classes) if name in _ASPIRATION_VALUES)
        self.aspirations_by_name = tuple(position[n] for n in _KIND_ORDER[True] if n in position)
        self.others_by_name = tuple(position[n] for n in _KIND_ORDER[False] if n in position)
        self.all_by_name = tuple(position[n] for n in _KIND_ORDER[None] if n in position)


@dataclass(slots=True, init=False)
class KindScore:
    """The kind posteriors of a reply (in the kind model's class order), from its
    features as scored."""

    posteriors: Row
    order: KindOrder
    features: list[str]
    known: Known  # the features the three classifiers know, with their rows
    set_aside: tuple[str, ...]
    aspiration: float  # P(one of the aspiration kinds)

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(
        self,
        posteriors: Row,
        order: KindOrder,
        features: list[str],
        known: Known,
        set_aside: tuple[str, ...] = (),
    ) -> None:
        self.posteriors = posteriors
        self.order = order
        self.features = features
        self.known = known
        self.set_aside = set_aside
        self.aspiration = 0.0
        for i in order.aspiration:
            self.aspiration += posteriors.at(i)

    def best_position(self, aspiration: bool) -> int:
        """The most likely kind among aspirations (or among the rest), as a position in
        the kind model's classes; ties by name."""
        order = self.order
        names = order.aspirations_by_name if aspiration else order.others_by_name
        return _likeliest(self.posteriors, names)

    def top(self) -> Kind:
        """The most likely kind; ties by name."""
        return self.order.kinds[_likeliest(self.posteriors, self.order.all_by_name)]


def _likeliest(posteriors: Row, positions: tuple[int, ...]) -> int:
    best, most = 0, -1.0
    for i in positions:
        p = posteriors.at(i)
        if p > most:
            best, most = i, p
    return best


def _without(normalised: Normalised, words: Iterable[str]) -> Normalised:
    """The reply with some words (and spam placeholders) removed."""
    drop = {w for phrase in words for w in phrase.split()}
    tokens = tuple(
        t
        for t in normalised.tokens
        if t not in drop and not (is_placeholder(t) and t in _SPAM_PLACEHOLDERS)
    )
    return Normalised(normalised.original, tokens, (), (), normalised.emoji)


class Triager:
    """Classifies replies with one loaded model (load once, classify many)."""

    def __init__(self, model: TriageModel | None = None) -> None:
        self.model = model or TriageModel.bundled()
        self.aspiration_threshold = self.model.thresholds.get("aspiration", 0.5)
        self.urgent_threshold = self.model.thresholds.get("urgent", 0.5)
        self.kinds = Scorer(self.model.kind, _is_topic)
        self.kind_order = KindOrder(self.kinds.classes)
        self.categories = Scorer(self.model.category, slot=CATEGORY)
        self.urgency = Scorer(self.model.urgent, slot=URGENT)
        self.index = FeatureIndex(self.kinds, self.categories, self.urgency)
        self.vocabulary = features.Vocabulary(self.index)

    @classmethod
    def from_file(cls, path: Path) -> Triager:
        """A triager using the model file at ``path`` (see ``train_model``)."""
        return cls(TriageModel.load(path))

    def classify(self, text: str) -> Triage:
        """Triage one reply."""
        normalised = normalise(text)
        tokens = normalised.tokens
        hits = rules.scan(tokens)
        cues = rules.match(tokens, text, hits)
        topics = rules.topics(tokens, hits)
        sentiment = score_tokens(tokens)
        feats, known = features.extract_known(
            normalised, cues, sentiment.polarity, topics, self.vocabulary
        )
        score = self.score_kind(normalised, cues, feats, known)
        reasons: list[str] = []
        urgent_rule = rules.urgent_reason(tokens, hits) if cues.hazard else None
        kind = self._kind(score, cues, urgent_rule, reasons)
        category, urgent = _NO_CATEGORY, False
        aspiration = _is_aspiration(kind)
        if aspiration:
            category = self._category(score, normalised, hits, topics, reasons)
            urgent = self._urgent(score, urgent_rule, reasons)
        abusive = bool(cues.abuse) or kind is _ABUSE
        if cues.abuse:
            reasons.append("abusive: " + _quoted(cues.abuse))
        found = personal_data.detect(text)
        if found:
            reasons.append("personal data: " + ", ".join(found))
        if sentiment.assessments:
            strongest = _strongest(sentiment.assessments, MAX_EVIDENCE)
            reasons.append(f"sentiment {_signed(sentiment.polarity)}: " + _quoted(strongest))
        return Triage(
            kind, aspiration, category, urgent, sentiment.polarity, abusive, found, reasons
        )

    def _scored(self, feats: list[str], known: Known, set_aside: tuple[str, ...] = ()) -> KindScore:
        posteriors = self.kinds.posteriors(self.kinds.log_scores(known))
        return KindScore(posteriors, self.kind_order, feats, known, set_aside)

    def score_kind(
        self,
        normalised: Normalised,
        cues: rules.Cues,
        feats: list[str],
        known: Known | None = None,
    ) -> KindScore:
        """Kind posteriors of a reply (``feats``: ``features.extract`` of it, ``known``:
        the features the classifiers know, when the caller has them); with spam or abuse
        present, the better of with and without them (see the module doc)."""
        full = self._scored(feats, self.index.known(feats) if known is None else known)
        if not (cues.spam_strong or cues.spam_weak or cues.abuse):
            return full
        noise = cues.spam_strong + cues.spam_weak + cues.abuse
        stripped = _without(normalised, noise)
        stripped_cues = rules.match(stripped.tokens)
        if not stripped_cues.aspiration or len(stripped.words) < MIN_STRIPPED_WORDS:
            return full
        alt_feats, alt_known = features.extract_known(
            stripped, stripped_cues, None, None, self.vocabulary
        )
        alt = self._scored(alt_feats, alt_known, noise)
        return alt if alt.aspiration > full.aspiration else full

    def _kind(
        self, score: KindScore, cues: rules.Cues, urgent_rule: str | None, reasons: list[str]
    ) -> Kind:
        if not any(features.is_word_feature(f) for f in score.features):
            return _wordless(score.features, reasons)
        aspiration = score.aspiration >= self.aspiration_threshold or urgent_rule is not None
        unfounded_abuse = (
            not aspiration and not cues.abuse and cues.complaint and score.top() is _ABUSE
        )
        if unfounded_abuse:  # abuse needs an abusive word; a complaint goes to a human
            aspiration = True
        position = score.best_position(aspiration)
        kind = score.order.kinds[position]
        if aspiration and cues.abuse and cues.complaint and kind is not _COMPLAINT:
            kind = _COMPLAINT
            reasons.append(
                f"kind=complaint: abusive, with complaint words {_quoted(cues.complaint)}"
            )
        else:
            rival = score.best_position(not aspiration)
            evidence = self.kinds.evidence(score.known, position, rival, MAX_EVIDENCE)
            reasons.append(f"kind={kind}: " + _evidence(evidence))
        if aspiration:
            reasons.extend(self._recall_notes(score, cues))
        return kind

    def _recall_notes(self, score: KindScore, cues: rules.Cues) -> list[str]:
        """Why an aspiration won over a likelier kind, spam words or abuse."""
        notes = []
        top = score.top()
        if not _is_aspiration(top):
            mass, threshold = score.aspiration, self.aspiration_threshold
            why = f"P(aspiration)={mass:.2f} >= {threshold:.2f}" if mass >= threshold else ""
            if not why and top is _ABUSE and not cues.abuse:
                why = f"complaint words {_quoted(cues.complaint)} and no abusive word"
            notes.append(f"recall first: {why or 'a report of danger now'}, so not {top}")
        spam = cues.spam_strong + cues.spam_weak
        if score.set_aside:
            notes.append("aspiration judged without " + _quoted(score.set_aside))
        elif spam:
            notes.append(f"spam words {_quoted(spam)} present: the aspiration wins")
        return notes

    def _category(
        self,
        score: KindScore,
        normalised: Normalised,
        hits: rules.Hits | None,
        topics: dict[str, list[str]],
        reasons: list[str],
    ) -> Category:
        if score.set_aside:  # the features scored are those of the reply without its noise
            normalised, hits = _without(normalised, score.set_aside), None
        feats = score.features  # the category model knows only topical ones
        places: tuple[str, ...] = ()
        if hits is None or "location" in hits:
            narrowed, places, narrowed_topics = features.for_category(normalised, feats, hits)
            if places:
                feats, topics = narrowed, narrowed_topics or {}
        known = self.index.known(feats) if places else score.known
        posteriors = self.categories.posteriors(self.categories.log_scores(known))
        position, rival = self.categories.ranked(posteriors)
        best = self.categories.classes[position]
        evidence = self.categories.evidence(known, position, rival, MAX_EVIDENCE)
        reason = f"category={best}: " + _evidence(evidence, topics)
        if places:
            reason += f"; where, not what: {_quoted(places)}"
        reasons.append(reason)
        return _CATEGORIES[best]

    def _urgent(self, score: KindScore, urgent_rule: str | None, reasons: list[str]) -> bool:
        if urgent_rule:
            reasons.append(f"urgent: {urgent_rule}")
            return True
        urgency = self.urgency
        urgent, routine = urgency.positions["urgent"], urgency.positions["routine"]
        probability = urgency.posteriors(urgency.log_scores(score.known)).at(urgent)
        if probability < self.urgent_threshold:
            return False
        evidence = urgency.evidence(score.known, urgent, routine, MAX_EVIDENCE)
        reasons.append(f"urgent (model {probability:.2f}): " + _evidence(evidence))
        return True

    def classify_stream(self, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
        """Triage each line lazily (constant memory): one JSON-ready dict per line."""
        for line in lines:
            text = line.rstrip("\r\n")
            yield self.classify(text).to_dict(text)


def _is_topic(feature: str) -> bool:
    return feature.startswith(features.TOPIC_PREFIX)


def _wordless(feats: list[str], reasons: list[str]) -> Kind:
    """A reply without words (empty, emoji, a bare link) is nothing to act on."""
    friendly = {f"{features.EMOJI_PREFIX}{h}" for h in ("positive", "polite")}
    kind = Kind.APPRECIATION if friendly.intersection(feats) else Kind.CHATTER
    reasons.append(f"kind={kind}: no words, nothing to act on")
    return kind


# Polarity -> "+0.42": formatting a float is slow, and polarities repeat.
_SIGNED: Final[dict[float, str]] = {}


def _signed(polarity: float) -> str:
    """``f"{polarity:+.2f}"``, remembered."""
    text = _SIGNED.get(polarity)
    if text is None or polarity == 0.0:  # 0.0 and -0.0 are one key, but print apart
        text = remember(_SIGNED, polarity, f"{polarity:+.2f}")
    return text


def _strongest(assessments: Iterable[tuple[str, float]], limit: int) -> list[str]:
    """The phrases of the ``limit`` assessments of largest magnitude, in that order (the
    first of equals first): a stable sort by magnitude, kept to ``limit`` as it goes."""
    top: list[tuple[str, float]] = []
    for phrase, value in assessments:
        size = abs(value)
        i = len(top)
        while i and top[i - 1][1] < size:
            i -= 1
        if i < limit:
            top.insert(i, (phrase, size))
            if len(top) > limit:
                top.pop()
    return [phrase for phrase, _ in top]


def _quoted(words: Iterable[str]) -> str:
    shown: list[str] = []
    for word in words:
        _add_new(shown, f'"{word}"')
    return ", ".join(shown)


def _evidence(evidence: list[tuple[str, float]], topics: dict[str, list[str]] | None = None) -> str:
    """The strongest features, as words; a topic cue shows the topic words it matched."""
    if not evidence:
        return "no distinctive words (most likely overall)"
    shown: list[str] = []
    for feature, _ in evidence:  # at most MAX_EVIDENCE
        words = topics.get(feature.removeprefix(features.TOPIC_PREFIX)) if topics else None
        if words is None:
            _add_new(shown, features.describe(feature))
        else:
            for word in words[:2]:
                _add_new(shown, f'"{word}"')
    return ", ".join(shown)


def _add_new(shown: list[str], text: str) -> None:
    if text not in shown:  # a few texts: a list beats dict.fromkeys once compiled
        shown.append(text)


@cache
def default_triager() -> Triager:
    """The shared triager with the bundled model (loaded on first use)."""
    return Triager()


def classify(text: str) -> Triage:
    """Triage one reply with the bundled model."""
    return default_triager().classify(text)


def classify_stream(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Triage lines lazily with the bundled model (see ``Triager.classify_stream``)."""
    return default_triager().classify_stream(lines)
