"""Build hook: the triage's hot modules compiled to C with mypyc, when that works.

Everything else about the package is declared in ``pyproject.toml``. The modules below
are ordinary, fully typed Python; mypyc turns them into C extensions that run the same
code about 5 times as fast (``social-assistant bench triage`` reports which ran). The
build falls back to plain Python, which behaves identically, when mypyc or a C compiler
is missing or when ``SA_PURE_PYTHON=1`` is set (handy for an editable install you are
changing: a compiled module shadows its ``.py`` until you reinstall).
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

TRIAGE = Path(__file__).parent / "social_assistant" / "triage"


def _modules() -> tuple[str, ...]:
    """``MODULES`` of ``social_assistant/triage/compiled.py`` (read without importing
    the package, whose dependencies a build environment lacks)."""
    spec = importlib.util.spec_from_file_location("_compiled", TRIAGE / "compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.MODULES)


COMPILED = [f"social_assistant/triage/{name}.py" for name in _modules()]


def compiled_extensions() -> list[Extension]:
    """The mypyc extensions, or none (pure Python) when they cannot be built here."""
    if os.environ.get("SA_PURE_PYTHON", "0") not in ("", "0"):
        print("SA_PURE_PYTHON is set: triage stays pure Python", file=sys.stderr)
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("mypyc is not installed: triage stays pure Python", file=sys.stderr)
        return []
    # The project's mypy settings load the pydantic plugin, which a build environment
    # lacks; the triage needs none of it, so no configuration file is read here.
    options: dict[str, str] = {"opt_level": "3"}
    if "group_name" in inspect.signature(mypycify).parameters:
        # The shared library as social_assistant/triage__mypyc, inside the package.
        options["group_name"] = "social_assistant.triage"
    try:
        extensions: list[Extension] = mypycify(["--config-file=", "--strict", *COMPILED], **options)
    except Exception as exc:  # mypyc refused the code: build the plain package
        print(f"mypyc failed ({exc!r}): triage stays pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: keep the .py modules
    return extensions


setup(ext_modules=compiled_extensions())
