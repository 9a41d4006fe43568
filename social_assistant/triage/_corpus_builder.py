"""Build the labelled triage corpus: hand-written replies plus generated ones, split 80/20.

Run ``python -m social_assistant.triage._corpus_builder`` to rewrite
``data/corpus_train.tsv`` and ``data/corpus_heldout.tsv``. The output depends only on
``SEED`` and the files it reads: ``data/corpus_handwritten.tsv`` (written by hand) and
``_corpus_templates.py``. The split keeps every template's variants on one side, so
held-out replies come from sentence patterns the model never saw.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from social_assistant.taxonomy import Category, Kind
from social_assistant.triage import _corpus_templates as tpl
from social_assistant.triage.corpus import (
    HELDOUT_FILE,
    TRAIN_FILE,
    LabelledReply,
    bundled_corpus,
    write_corpus,
)

SEED = 20250917
HELDOUT_SHARE = 0.2
DATA_DIR = Path(__file__).resolve().parent / "data"

# Formal word -> informal spellings people use (the reverse of a few slang.tsv rows).
INFORMAL = {
    "tidak": ("gak", "ga", "nggak", "tdk", "enggak", "gk"),
    "yang": ("yg",),
    "sudah": ("udah", "udh", "sdh"),
    "jalan": ("jln", "jl"),
    "dengan": ("dgn",),
    "karena": ("krn", "karna"),
    "saya": ("sy", "aku", "gw"),
    "bagaimana": ("gmn", "gimana"),
    "kenapa": ("knp",),
    "belum": ("blm", "belom"),
    "tolong": ("tlg",),
    "kalau": ("kalo", "klo"),
    "saja": ("aja",),
    "dari": ("dr",),
    "untuk": ("utk", "buat"),
    "tapi": ("tp",),
    "sekarang": ("skrg",),
    "sekali": ("bgt", "banget"),
    "terima kasih": ("makasih", "trims"),
    "juga": ("jg",),
    "lagi": ("lg",),
    "bisa": ("bs",),
    "apa": ("apa",),
    "mohon": ("mhn",),
    "kapan": ("kpn",),
    "berapa": ("brp",),
    "di mana": ("dimana", "dmn"),
    "sama": ("sm",),
    "bapak": ("bpk",),
    "lihat": ("liat",),
    "mau": ("mo", "pengen"),
    "orang": ("org",),
}
BANJAR = {
    "tidak": "kada",
    "saya": "ulun",
    "mau": "handak",
    "bagaimana": "kaya apa",
    "benar": "banar",
    "untuk": "gasan",
    "yang": "nang",
    "juga": "jua",
    "saja": "haja",
    "air": "banyu",
    "anda": "pian",
    "bisa": "kawa",
    "sekali": "banar",
}
ENGLISH_TAILS = (" pls", " asap", ", seriously", " so annoying", ", thanks", " please", " lol")
ELONGATE = (
    "parah",
    "banget",
    "tolong",
    "lama",
    "rusak",
    "mantap",
    "kecewa",
    "sekali",
    "pak",
    "min",
)


@dataclass(frozen=True, slots=True)
class Draft:
    """A generated reply and the template group it came from (for the split)."""

    reply: LabelledReply
    group: str


def _fill(rng: random.Random, template: str) -> str:
    return template.format(
        place=rng.choice(tpl.PLACES),
        street=rng.choice(tpl.STREETS),
        time=rng.choice(tpl.TIMES),
        rt=rng.randint(1, 40),
        mention=rng.choice(tpl.MENTIONS),
        mention2=rng.choice(tpl.MENTIONS),
        brand=rng.choice(tpl.SPAM_BRANDS),
        url=rng.choice(tpl.SPAM_URLS),
        phone=rng.choice(tpl.SPAM_PHONES),
        insult=rng.choice(tpl.INSULTS),
        x="{x}",
    )


def _swap_words(rng: random.Random, text: str, table: dict[str, str], share: float) -> str:
    for formal, informal in table.items():
        if rng.random() < share:
            text = re.sub(rf"\b{re.escape(formal)}\b", informal, text)
    return text


def informalise(rng: random.Random, text: str) -> str:
    """Make a reply read like a real comment: slang, case, elongation, code-mixing."""
    if rng.random() < 0.07:
        text = _swap_words(rng, text, BANJAR, 0.8)
    for formal, variants in INFORMAL.items():
        if formal in text and rng.random() < 0.45:
            text = re.sub(rf"\b{re.escape(formal)}\b", rng.choice(variants), text, count=1)
    if rng.random() < 0.15:
        word = rng.choice(ELONGATE)
        text = re.sub(rf"\b{word}\b", word + word[-1] * rng.randint(2, 4), text, count=1)
    if rng.random() < 0.05:
        text += rng.choice(ENGLISH_TAILS)
    if rng.random() < 0.3:
        text = text.rstrip("?!.")
    roll = rng.random()
    if roll < 0.6:
        text = text.lower()
    elif roll < 0.75:
        text = text[:1].upper() + text[1:]
    return text


def _reply(
    text: str, kind: Kind, category: Category = Category.NONE, urgent: bool = False
) -> LabelledReply:
    return LabelledReply(" ".join(text.split()), kind, category, urgent)


def _aspirations(rng: random.Random) -> Iterable[Draft]:
    plan = ((Kind.COMPLAINT, 52), (Kind.REQUEST, 24), (Kind.SUGGESTION, 15), (Kind.QUESTION, 30))
    for name, parts in tpl.ASPIRATIONS.items():
        category = Category(name)
        for (kind, count), cores in zip(plan, parts, strict=True):
            for _ in range(count):
                index = rng.randrange(len(cores))
                text = _aspiration_text(rng, kind, _fill(rng, cores[index]))
                yield Draft(
                    _reply(informalise(rng, text), kind, category), f"{kind}:{name}:{index}"
                )


def _aspiration_text(rng: random.Random, kind: Kind, core: str) -> str:
    if kind is Kind.COMPLAINT:
        return rng.choice(tpl.COMPLAINT_OPENERS) + core + rng.choice(tpl.COMPLAINT_TAILS)
    frames = {
        Kind.REQUEST: tpl.REQUEST_FRAMES,
        Kind.SUGGESTION: tpl.SUGGESTION_FRAMES,
        Kind.QUESTION: tpl.QUESTION_FRAMES + tpl.BANJAR_QUESTION_FRAMES,
    }[kind]
    return _fill(rng, rng.choice(frames)).replace("{x}", core)


def _urgent(rng: random.Random, count: int) -> Iterable[Draft]:
    """Reports of danger now, labelled complaints.

    An urgent report is labelled a complaint (it reports a problem, even when it ends
    with "tolong segera"); hand-written urgent requests ("tolong kirim tim SAR") are
    requests.
    """
    reports = [
        (name, index, text)
        for name, texts in tpl.URGENT.items()
        for index, text in enumerate(texts)
    ]
    for _ in range(count):
        name, index, core = rng.choice(reports)
        text = informalise(rng, _fill(rng, core) + rng.choice(tpl.URGENT_TAILS))
        yield Draft(
            _reply(text, Kind.COMPLAINT, Category(name), urgent=True), f"urgent:{name}:{index}"
        )


def _mixed(rng: random.Random, tails: tuple[str, ...], label: str, count: int) -> Iterable[Draft]:
    """Complaints with an insult or spam attached: the aspiration must win."""
    complaints = [
        (name, i, core)
        for name, parts in tpl.ASPIRATIONS.items()
        for i, core in enumerate(parts[0])
    ]
    for _ in range(count):
        name, index, core = rng.choice(complaints)
        text = informalise(rng, _fill(rng, core) + _fill(rng, rng.choice(tails)))
        yield Draft(_reply(text, Kind.COMPLAINT, Category(name)), f"{label}:{name}:{index}")


def _simple(
    rng: random.Random, kind: Kind, count: int, make: Callable[[random.Random], tuple[int, str]]
) -> Iterable[Draft]:
    for _ in range(count):
        group, text = make(rng)
        yield Draft(_reply(informalise(rng, text), kind), f"{kind}:{group}")


def _appreciation(rng: random.Random) -> tuple[int, str]:
    index = rng.randrange(len(tpl.APPRECIATION_OPENERS))
    text = f"{tpl.APPRECIATION_OPENERS[index]} {rng.choice(tpl.APPRECIATION_TARGETS)}"
    return index, text + rng.choice(tpl.APPRECIATION_TAILS)


def _chatter(rng: random.Random) -> tuple[int, str]:
    index = rng.randrange(len(tpl.CHATTER))
    return index, _fill(rng, tpl.CHATTER[index])


def _spam(rng: random.Random) -> tuple[int, str]:
    index = rng.randrange(len(tpl.SPAM_TEMPLATES))
    text = _fill(rng, tpl.SPAM_TEMPLATES[index])
    return index, text.upper() if rng.random() < 0.2 else text


def _abuse(rng: random.Random) -> tuple[int, str]:
    index = rng.randrange(len(tpl.ABUSE_TEMPLATES))
    return index, _fill(rng, tpl.ABUSE_TEMPLATES[index])


def generate(rng: random.Random) -> list[Draft]:
    """Every generated reply, in a deterministic order."""
    drafts = list(_aspirations(rng))
    drafts += _urgent(rng, 175)
    drafts += _mixed(rng, tpl.ABUSIVE_COMPLAINT_TAILS, "abusive-complaint", 60)
    drafts += _mixed(rng, tpl.SPAM_TAILS, "spam-complaint", 40)
    drafts += _simple(rng, Kind.APPRECIATION, 230, _appreciation)
    drafts += _simple(rng, Kind.CHATTER, 200, _chatter)
    drafts += _simple(rng, Kind.SPAM, 180, _spam)
    drafts += _simple(rng, Kind.ABUSE, 90, _abuse)
    return drafts


def build(seed: int = SEED) -> list[Draft]:
    """Hand-written and generated replies, without duplicate texts."""
    rng = random.Random(seed)
    hand = [Draft(r, f"hand:{i}") for i, r in enumerate(bundled_corpus("corpus_handwritten.tsv"))]
    seen: set[str] = set()
    unique: list[Draft] = []
    for draft in hand + generate(rng):
        key = draft.reply.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(draft)
    return unique


def split(drafts: list[Draft], seed: int = SEED) -> tuple[list[LabelledReply], list[LabelledReply]]:
    """Train and held-out replies: whole template groups, ~20% of each (kind, urgent)."""
    rng = random.Random(seed)
    strata: dict[tuple[str, bool], dict[str, list[Draft]]] = defaultdict(lambda: defaultdict(list))
    for draft in drafts:
        strata[(draft.reply.kind.value, draft.reply.urgent)][draft.group].append(draft)
    heldout_groups: set[tuple[tuple[str, bool], str]] = set()
    for stratum in sorted(strata):
        groups = sorted(strata[stratum])
        rng.shuffle(groups)
        target = HELDOUT_SHARE * sum(len(strata[stratum][g]) for g in groups)
        taken = 0
        for group in groups:
            if taken >= target:
                break
            heldout_groups.add((stratum, group))
            taken += len(strata[stratum][group])
    train: list[LabelledReply] = []
    heldout: list[LabelledReply] = []
    for draft in drafts:
        stratum = (draft.reply.kind.value, draft.reply.urgent)
        (heldout if (stratum, draft.group) in heldout_groups else train).append(draft.reply)
    rng.shuffle(train)
    rng.shuffle(heldout)
    return train, heldout


def main() -> None:
    """Rewrite the bundled train and held-out splits."""
    train, heldout = split(build())
    print(TRAIN_FILE, write_corpus(DATA_DIR / TRAIN_FILE, train))
    print(HELDOUT_FILE, write_corpus(DATA_DIR / HELDOUT_FILE, heldout))


if __name__ == "__main__":
    main()
