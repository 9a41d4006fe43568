"""Scoring replies with the trained classifiers: rows of native floats, summed fast.

A classifier's log-likelihoods are ``Row`` records, one per feature; a ``Scorer`` sums a
reply's rows onto the prior and turns the sums into probabilities, and names the
features that weighed most (``evidence``). A ``FeatureIndex`` holds the features of all
three classifiers of a ``TriageModel`` in one table (``Entry``), so that a reply's
features are looked up once for all three.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from social_assistant.triage.model import ModelError, NaiveBayes

ROW_WIDTH: Final = 12  # classes a classifier may have (the taxonomy has 8 kinds, 11 categories)


class Row:
    """One value per class (a feature's log-likelihoods, or the priors), at most
    ``ROW_WIDTH`` of them, in class order.

    The values are float attributes rather than a tuple: compiled by mypyc they are
    stored unboxed, so summing rows (``Scorer.log_scores``) does no Python float work.
    Classes beyond ``size`` hold 0.0.
    """

    # Written out, one argument per class: compiled, a row is made without a list.
    def __init__(
        self,
        size: int,
        c0: float = 0.0,
        c1: float = 0.0,
        c2: float = 0.0,
        c3: float = 0.0,
        c4: float = 0.0,
        c5: float = 0.0,
        c6: float = 0.0,
        c7: float = 0.0,
        c8: float = 0.0,
        c9: float = 0.0,
        c10: float = 0.0,
        c11: float = 0.0,
    ) -> None:
        self.size = size
        self.c0, self.c1, self.c2, self.c3 = c0, c1, c2, c3
        self.c4, self.c5, self.c6, self.c7 = c4, c5, c6, c7
        self.c8, self.c9, self.c10, self.c11 = c8, c9, c10, c11

    @classmethod
    def of(cls, values: Sequence[float]) -> Row:
        """The row of ``values`` (``ModelError`` for more than ``ROW_WIDTH``)."""
        size = len(values)
        if size > ROW_WIDTH:
            raise ModelError(f"a classifier has {size} classes; at most {ROW_WIDTH} are supported")
        v = [float(x) for x in values] + [0.0] * (ROW_WIDTH - size)
        return cls(size, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11])

    def at(self, i: int) -> float:
        """The value of class ``i``."""
        if i < 6:
            if i < 3:
                return self.c0 if i == 0 else self.c1 if i == 1 else self.c2
            return self.c3 if i == 3 else self.c4 if i == 4 else self.c5
        if i < 9:
            return self.c6 if i == 6 else self.c7 if i == 7 else self.c8
        return self.c9 if i == 9 else self.c10 if i == 10 else self.c11

    def set(self, i: int, value: float) -> None:
        """Set the value of class ``i``."""
        if i < 6:
            if i < 3:
                if i == 0:
                    self.c0 = value
                elif i == 1:
                    self.c1 = value
                else:
                    self.c2 = value
            elif i == 3:
                self.c3 = value
            elif i == 4:
                self.c4 = value
            else:
                self.c5 = value
        elif i < 9:
            if i == 6:
                self.c6 = value
            elif i == 7:
                self.c7 = value
            else:
                self.c8 = value
        elif i == 9:
            self.c9 = value
        elif i == 10:
            self.c10 = value
        else:
            self.c11 = value

    def values(self) -> list[float]:
        """The values, one per class."""
        return [self.at(i) for i in range(self.size)]


# The slot of each classifier's row in an ``Entry`` (Final: compiled, plain C integers).
KIND: Final = 0
CATEGORY: Final = 1
URGENT: Final = 2


class Entry:
    """A feature with its row in each classifier that knows it (None in the others),
    so that a reply's features are looked up once for all three classifiers."""

    def __init__(self, feature: str) -> None:
        self.feature = feature
        self.kind: Row | None = None
        self.category: Row | None = None
        self.urgent: Row | None = None

    def row(self, slot: int) -> Row | None:
        """The row of the classifier in ``slot`` (``KIND``, ``CATEGORY``, ``URGENT``)."""
        return self.kind if slot == KIND else self.category if slot == CATEGORY else self.urgent

    def set_row(self, slot: int, row: Row) -> None:
        """Set the row of the classifier in ``slot``."""
        if slot == KIND:
            self.kind = row
        elif slot == CATEGORY:
            self.category = row
        else:
            self.urgent = row


Known = list[Entry]  # the features of a reply some classifier knows, in order


def _known(entries: dict[str, Entry], features: Iterable[str]) -> Known:
    known: Known = []
    for feature in features:
        entry = entries.get(feature)
        if entry is not None:
            known.append(entry)
    return known


class Scorer:
    """One classifier's log-likelihood rows, ready to score many replies fast.

    ``known`` picks the features of a reply the classifier knows, in order;
    ``log_scores`` sums their rows onto the prior in feature order, and ``posteriors``
    (a probability per class, in class order) and ``evidence`` read them
    (``probabilities`` does all three). Unknown features are ignored, also in a
    ``FeatureIndex``'s lists, which hold the features of all three classifiers.
    ``skip`` leaves features out (the kind model ignores topic cues, as
    ``features.for_kind`` does); ``slot`` is where its rows sit in an ``Entry``.
    """

    def __init__(
        self,
        classifier: NaiveBayes,
        skip: Callable[[str], bool] | None = None,
        slot: int = KIND,
    ) -> None:
        self.classes: tuple[str, ...] = tuple(classifier.classes)
        self.slot = slot
        self.prior = Row.of(classifier._log_prior)
        self.rows: dict[str, Row] = {
            feature: Row.of(row)
            for feature, row in classifier._log_likelihood.items()
            if skip is None or not skip(feature)
        }
        self._entries: dict[str, Entry] | None = None  # for ``known``; made when first asked
        self.positions = {name: i for i, name in enumerate(self.classes)}
        self.alphabetical = tuple(sorted(range(len(self.classes)), key=self.classes.__getitem__))

    def known(self, features: Iterable[str]) -> Known:
        """The features this classifier knows, in order (a triager asks its
        ``FeatureIndex`` instead: one table for all three classifiers)."""
        if self._entries is None:
            self._entries = {}
            for feature, row in self.rows.items():
                self._entries[feature] = entry = Entry(feature)
                entry.set_row(self.slot, row)
        return _known(self._entries, features)

    def log_scores(self, known: Known) -> Row:
        """Unnormalised log-posteriors per class, from ``known``."""
        prior = self.prior
        slot = self.slot
        # Twelve typed floats, each summed in feature order: compiled, no boxing.
        s0, s1, s2, s3 = prior.c0, prior.c1, prior.c2, prior.c3
        s4, s5, s6, s7 = prior.c4, prior.c5, prior.c6, prior.c7
        s8, s9, s10, s11 = prior.c8, prior.c9, prior.c10, prior.c11
        for entry in known:
            row = entry.row(slot)
            if row is None:
                continue
            s0 += row.c0
            s1 += row.c1
            s2 += row.c2
            s3 += row.c3
            s4 += row.c4
            s5 += row.c5
            s6 += row.c6
            s7 += row.c7
            s8 += row.c8
            s9 += row.c9
            s10 += row.c10
            s11 += row.c11
        return Row(prior.size, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11)

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Class -> probability for a reply's features."""
        posteriors = self.posteriors(self.log_scores(self.known(features)))
        return dict(zip(self.classes, posteriors.values(), strict=True))

    def posteriors(self, scores: Row) -> Row:
        """The probability of each class (in class order), from ``log_scores``."""
        size = scores.size
        top = scores.c0
        for i in range(1, size):
            value = scores.at(i)
            if value > top:
                top = value
        probabilities = Row(size)
        total = 0.0
        for i in range(size):
            e = math.exp(scores.at(i) - top)
            probabilities.set(i, e)
            total += e
        for i in range(size):
            probabilities.set(i, probabilities.at(i) / total)
        return probabilities

    def ranked(self, posteriors: Row) -> tuple[int, int]:
        """The positions of the two likeliest classes, most likely first; ties by name."""
        best = second = -1
        best_p = second_p = -1.0
        for i in self.alphabetical:
            p = posteriors.at(i)
            if p > best_p:
                best, best_p, second, second_p = i, p, best, best_p
            elif p > second_p:
                second, second_p = i, p
        return best, second

    def evidence(
        self, known: Known, label: int, against: int, limit: int
    ) -> list[tuple[str, float]]:
        """Features that favour class ``label`` over ``against`` (positions), strongest
        first (then by name): at most ``limit`` (``EVIDENCE_MAX`` or fewer), from the
        known features' rows."""
        if not 0 <= limit <= EVIDENCE_MAX:
            raise ValueError(f"evidence names at most {EVIDENCE_MAX} features, not {limit}")
        slot = self.slot
        # The best three so far in native locals, best first: no list or tuple per feature.
        count = 0
        d1 = d2 = d3 = 0.0
        n1 = n2 = n3 = ""
        for entry in known:
            row = entry.row(slot)
            if row is None:
                continue
            delta = row.at(label) - row.at(against)
            if delta <= 0:
                continue
            feature = entry.feature
            if count == 3 and not _better(delta, feature, d3, n3):
                continue
            if count == 0 or _better(delta, feature, d1, n1):
                d3, n3, d2, n2, d1, n1 = d2, n2, d1, n1, delta, feature
            elif count == 1 or _better(delta, feature, d2, n2):
                d3, n3, d2, n2 = d2, n2, delta, feature
            else:
                d3, n3 = delta, feature
            if count < 3:
                count += 1
        return [(n1, d1), (n2, d2), (n3, d3)][: min(count, limit)]


EVIDENCE_MAX: Final = 3  # features ``Scorer.evidence`` can name


def _better(delta: float, feature: str, other_delta: float, other_feature: str) -> bool:
    """Whether evidence (``delta``, ``feature``) ranks before the other: stronger, or as
    strong and first by name."""
    return delta > other_delta or (delta == other_delta and feature < other_feature)


class FeatureIndex:
    """The features of the kind, category and urgency classifiers in one table, so that
    each feature of a reply is looked up once for all three (``known``)."""

    def __init__(self, kind: Scorer, category: Scorer, urgent: Scorer) -> None:
        if len({kind.slot, category.slot, urgent.slot}) != 3:
            raise ValueError("the three scorers need their own slots")
        self.entries: dict[str, Entry] = {}
        for scorer in (kind, category, urgent):
            for feature, row in scorer.rows.items():
                entry = self.entries.get(feature)
                if entry is None:
                    self.entries[feature] = entry = Entry(feature)
                entry.set_row(scorer.slot, row)

    def known(self, features: Iterable[str]) -> Known:
        """The features some classifier knows, in order (each scorer reads its own rows)."""
        return _known(self.entries, features)
