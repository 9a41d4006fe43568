"""The compiled triage (mypyc extensions, see setup.py) is current and behaves exactly
like the plain Python it is built from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from social_assistant.triage import compiled
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus

ROOT = Path(__file__).resolve().parents[2]
EMULATOR_REPLIES = ROOT / "social_assistant" / "emulator" / "citizen_replies.json"
# Texts that reach the rarer paths: phone numbers and amounts across spaces, spam with
# an aspiration, masked abuse, location phrases, urgent hazards, Banjar, personal data.
EXTRA = [
    "hub 0812 3456 7890 ya", "Rp. 5.000 mahal bgt", "email a.b@x.co.id pls", "B 1234 XYZ",
    "nik 3171010101010001 tolong", "jln depan SD rusak parahhh min", "lagi banjir sekarang!!",
    "slot gacor, btw jalan rusak parah min", "dasar anj*ng pejabat, jalan rusak", "🙏🙏",
    "", "ulun handak batakun, kaya apa cara ma-urus KTP?", "www.bit.ly/x 😡", "pak?,",
]  # fmt: skip

_PURE_RUN = r"""
import importlib.machinery as machinery, json, sys
package_dir = sys.argv[1]

def source_only(path):
    # Modules of the triage package come from their .py files, never an extension.
    if not path.startswith(package_dir):
        raise ImportError
    return machinery.FileFinder(path, (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES))

sys.path_hooks.insert(0, source_only)
sys.path_importer_cache.clear()
from social_assistant.triage import compiled
from social_assistant.triage.classify import Triager
triager = Triager()
assert compiled.compiled() == [], compiled.compiled()
for line in sys.stdin:
    print(json.dumps(triager.classify(json.loads(line)).to_dict(), ensure_ascii=False))
"""


def _texts() -> list[str]:
    texts = [row.text for name in (TRAIN_FILE, HELDOUT_FILE) for row in bundled_corpus(name)]
    replies = json.loads(EMULATOR_REPLIES.read_text(encoding="utf-8"))
    texts += [reply["text"] for reply in replies["replies"]]
    return texts + EXTRA


def test_setup_compiles_the_listed_modules() -> None:
    assert "compiled.py" in (ROOT / "setup.py").read_text(encoding="utf-8")
    for name in compiled.MODULES:
        assert (ROOT / "social_assistant" / "triage" / f"{name}.py").exists()


def test_compiled_modules_are_current() -> None:
    # An extension built before its .py was edited would run the old code.
    for name in compiled.compiled():  # (the check reads the extensions' real files)
        extension = compiled._loaded_file(name)
        assert extension is not None and extension.exists(), extension
    assert compiled.stale() == [], (
        f"compiled triage modules {compiled.stale()} are older than their source: "
        "reinstall with `pip install -e .` (or SA_PURE_PYTHON=1)"
    )


def test_compiled_triage_equals_pure_python() -> None:
    if not compiled.compiled():
        pytest.skip("the triage runs as plain Python here (not compiled): nothing to compare")
    texts = _texts()
    triager = Triager()
    expected = [json.dumps(triager.classify(t).to_dict(), ensure_ascii=False) for t in texts]
    package_dir = str(ROOT / "social_assistant")
    done = subprocess.run(
        [sys.executable, "-c", _PURE_RUN, package_dir],
        input="".join(json.dumps(t) + "\n" for t in texts),
        capture_output=True,
        text=True,
        check=True,
    )
    got = done.stdout.splitlines()
    assert len(got) == len(texts)
    different = [t for t, a, b in zip(texts, expected, got, strict=True) if a != b]
    assert different == [], f"{len(different)} texts triaged differently, e.g. {different[:3]}"
