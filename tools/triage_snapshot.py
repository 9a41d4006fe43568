"""Write the triage of a fixed set of about 12,000 texts as JSON lines, to check that a
change (a speed-up, a refactor) leaves every result identical.

    python tools/triage_snapshot.py before.jsonl      # on the old commit
    python tools/triage_snapshot.py after.jsonl       # on the new one
    cmp before.jsonl after.jsonl

The texts: both corpus splits, the emulator's replies, the public sets in
``../shared/data`` when present (``SA_SHARED_DATA`` elsewhere), edge cases (phone numbers
and amounts across spaces, e-mails, plates, masks, flags), and random text from a fixed
seed. Each line holds the full ``Triage`` plus the normalised tokens; ``formal()`` is left
out (it is a rendering, not the triage).
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus
from social_assistant.triage.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
EDGE_CASES = [
    "hub 0812 3456 7890 ya", "hubungi 0812-3456-7890", "+62 812 3456 7890", "Rp. 5.000 mahal",
    "rp 50rb", "Rp5000", "RP 5", "harga rp. 1.000.000,00", "harga:rp 5000", "email a.b@x.co.id",
    "cek www. google.com", "www.google.com/abc?x=1 dan", "lihat di bit.ly/abc.", "jam 8.30 pagi",
    "rt 05 rw 03 no 12", "0 812", "62 8123 456 789", "wa 08123456789.", "B 1234 XYZ", "rp",
    "nik 3171 0101 0101 0001", "nik ٣١٧١٠١٠١٠١٠١٠٠٠١", "a 1 2 3 4 5 6 7 8 9 0 1", "🇮🇩🇮🇩 merdeka",
    "Ⓐⓐ ok", "jalan-", "pak!!!", "...", "!?!", "__init__ _x_", "a_b c__d", "@admin @ # #tag",
    "a@b", "mail@", "tel:0812345678", "dasar anj*ng", "b4ngs4t lu", "",
]  # fmt: skip


def texts() -> list[str]:
    found = [row.text for name in (TRAIN_FILE, HELDOUT_FILE) for row in bundled_corpus(name)]
    replies = ROOT / "social_assistant" / "emulator" / "citizen_replies.json"
    found += [r["text"] for r in json.loads(replies.read_text(encoding="utf-8"))["replies"]]
    shared = Path(os.environ.get("SA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    for path in sorted(shared.rglob("*")) if shared.is_dir() else []:
        if path.suffix in (".csv", ".tsv", ".inf", ".for", ".txt"):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            found += [line.strip()[:300] for line in lines]
    found += EDGE_CASES + [f"{a} {b}" for a in EDGE_CASES for b in EDGE_CASES[:12]]
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 @#.:,!?*-_😡🙏👍🏻\u200b'’xX"
    found += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(2000)]
    words = " ".join(found[:3000]).split()
    found += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    triager = Triager()
    with open(argv[0], "w", encoding="utf-8") as out:
        for text in texts():
            row = triager.classify(text).to_dict()
            row["tokens"] = list(normalise(text).tokens)
            out.write(json.dumps({"text": text, **row}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
