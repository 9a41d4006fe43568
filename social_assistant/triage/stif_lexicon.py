"""Build ``data/stif_lexicon.tsv``: informal -> formal words learnt from STIF pairs.

STIF (haryoa/stif-indonesia, MIT) pairs informal Indonesian tweets with a formal
rewrite. The informal side is first run through the normaliser with the hand-written
lexicon only, so only what it still leaves informal is learnt. Aligning each pair
token by token (``difflib``) then gives, wherever the two sides differ by runs of the
same length, one-to-one word substitutions ("malem" -> "malam"). A substitution is
kept only when it is consistent:

- seen in at least ``--min-count`` sentences (default 2), and
- more than ``--min-share`` (default 0.8) of all the word's occurrences are rewritten
  to that same formal word (so "sama", rewritten in many ways, is left alone);
- both words are plain lower-case words (no digits, no anonymisation masks such as
  "xxxuserxxx", no punctuation), and the informal word is neither in ``slang.tsv``
  (the hand-written lexicon wins) nor in a cue list of ``cues.json`` (STIF rewrites
  "smp" as "sampai", but for the triage it is a school).

Only the **train** and **dev** splits are read here, never test (the test split is
what ``triage evaluate`` reports). The shared data carries dev
(``stif-normalization/stif_dev.tsv``); train is read from ``stif_train.tsv`` beside it
when present, else from the upstream repository's ``data/labelled/train.inf`` and
``train.for`` (one sentence per line, 1,922 pairs) passed with ``--train-inf`` and
``--train-for``. ``lexicons.slang()`` reads the lexicon after ``slang.tsv``, so it
feeds the triage too: retrain and re-evaluate after regenerating it.

Regenerate::

    python -m social_assistant.triage.stif_lexicon --data ../shared/data \
        --train-inf train.inf --train-for train.for
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from social_assistant.triage import lexicons
from social_assistant.triage.normalise import normalise, without_learnt_slang

OUTPUT = Path(__file__).resolve().parent / "data" / "stif_lexicon.tsv"
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_MASK = re.compile(r"x{3,}[a-z]+x{3,}")


@dataclass(frozen=True, slots=True)
class Entry:
    """A learnt mapping with its evidence: the sentences and tokens rewriting the word
    so, and all the word's occurrences on the informal side."""

    informal: str
    formal: str
    sentences: int
    tokens: int
    occurrences: int

    @property
    def share(self) -> float:
        """Share of the informal word's occurrences rewritten to ``formal``."""
        return self.tokens / self.occurrences if self.occurrences else 0.0


def _words(text: str) -> list[str]:
    return text.lower().split()


def _plain(word: str) -> bool:
    return bool(_WORD.fullmatch(word)) and not _MASK.fullmatch(word)


def aligned_pairs(informal: Sequence[str], formal: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Word substitutions where the two token lists differ by runs of equal length."""
    matcher = difflib.SequenceMatcher(a=informal, b=formal, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            yield from zip(informal[i1:i2], formal[j1:j2], strict=True)


def learn(
    pairs: Iterable[tuple[str, str]],
    *,
    rewrite: Callable[[str], str] = lambda text: text,
    min_count: int = 2,
    min_share: float = 0.8,
) -> list[Entry]:
    """Consistent informal -> formal word substitutions in ``pairs`` (informal, formal).

    ``rewrite`` is applied to the informal side first: ``main`` passes the normaliser
    (without this lexicon), so only what it still leaves informal is learnt."""
    occurrences: Counter[str] = Counter()
    tokens: dict[str, Counter[str]] = defaultdict(Counter)
    sentences: dict[str, Counter[str]] = defaultdict(Counter)
    for informal_text, formal_text in pairs:
        informal = _words(rewrite(informal_text))
        occurrences.update(informal)
        found = [(i, f) for i, f in aligned_pairs(informal, _words(formal_text)) if i != f]
        for informal_word, formal_word in found:
            tokens[informal_word][formal_word] += 1
        for informal_word, formal_word in set(found):
            sentences[informal_word][formal_word] += 1
    known = {phrase[0] for phrase in lexicons.hand_slang() if len(phrase) == 1}
    known |= _cue_words()
    entries = []
    for informal_word, targets in tokens.items():
        formal_word, count = targets.most_common(1)[0]
        if not (_plain(informal_word) and _plain(formal_word)) or informal_word in known:
            continue
        entry = Entry(
            informal_word,
            formal_word,
            sentences[informal_word][formal_word],
            count,
            occurrences[informal_word],
        )
        if entry.sentences >= min_count and entry.share > min_share:
            entries.append(entry)
    return sorted(entries, key=lambda e: e.informal)


def _cue_words() -> set[str]:
    """Words the rules' cue lists use as written ("smp" is a school, "limit" loan spam):
    the triage needs them as they are, so they are never rewritten."""
    return {word for phrases in lexicons.cues().values() for p in phrases for word in p.split()}


def read_split(data: Path, split: str) -> list[tuple[str, str]]:
    """STIF pairs of ``split`` ("dev" or "train", never "test") from the shared data
    directory (``stif-normalization/stif_<split>.tsv``: informal<TAB>formal)."""
    if split not in ("dev", "train"):
        raise ValueError(f"STIF {split!r} is not for learning")
    path = data / "stif-normalization" / f"stif_{split}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["informal"], row["formal"]) for row in rows]


def read_parallel(informal: Path, formal: Path) -> list[tuple[str, str]]:
    """Pairs from two line-aligned files (upstream ``train.inf`` and ``train.for``)."""
    left = informal.read_text(encoding="utf-8").splitlines()
    right = formal.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        raise ValueError(f"{informal} and {formal} differ in line count")
    return list(zip(left, right, strict=True))


def render(
    entries: Sequence[Entry], sources: Sequence[str], min_count: int = 2, min_share: float = 0.8
) -> str:
    """The TSV text: a header naming the sources and the rule, then one entry a line."""
    lines = [
        "# Informal -> formal words learnt from STIF (haryoa/stif-indonesia, MIT) "
        f"{' + '.join(sources)} by social_assistant/triage/stif_lexicon.py; do not edit by hand.",
        "# Kept: one-to-one substitutions of what the normaliser (without this file) still leaves,",
        f"# seen in >= {min_count} sentences and > {min_share:.0%} of the word's occurrences;",
        "# words in slang.tsv or in the rules' cue lists (cues.json) are left alone. "
        "STIF test was never read.",
        "# Columns: informal<TAB>formal<TAB>sentences<TAB>tokens rewritten so<TAB>occurrences.",
    ]
    lines += [
        f"{e.informal}\t{e.formal}\t{e.sentences}\t{e.tokens}\t{e.occurrences}" for e in entries
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``data/stif_lexicon.tsv`` (or ``--output``) from STIF dev (and train)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data directory")
    parser.add_argument("--train-inf", type=Path, default=None, help="upstream train.inf")
    parser.add_argument("--train-for", type=Path, default=None, help="upstream train.for")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-share", type=float, default=0.8)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if (args.train_inf is None) != (args.train_for is None):
        parser.error("--train-inf and --train-for go together")
    from social_assistant.triage.evaluate import default_data_dir

    data = args.data or default_data_dir()
    pairs = read_split(data, "dev")
    sources = ["dev"]
    if (data / "stif-normalization" / "stif_train.tsv").is_file():
        pairs += read_split(data, "train")
        sources.append("train")
    elif args.train_inf is not None:
        pairs += read_parallel(args.train_inf, args.train_for)
        sources.append("train")
    # Learn what the normaliser still leaves informal, without the lexicon being built.
    with without_learnt_slang():
        entries = learn(
            pairs,
            rewrite=lambda text: normalise(text).restored(),
            min_count=args.min_count,
            min_share=args.min_share,
        )
    text = render(entries, sources, args.min_count, args.min_share)
    args.output.write_text(text, encoding="utf-8")
    sys.stdout.write(f"{len(entries)} entries from {len(pairs)} pairs -> {args.output}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
