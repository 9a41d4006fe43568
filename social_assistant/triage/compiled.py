"""Which triage modules run compiled (mypyc C extensions), and whether they are current.

``setup.py`` compiles ``MODULES`` with mypyc when it can (README, "Development");
otherwise, or with ``SA_PURE_PYTHON=1`` at install time, the same ``.py`` files run
as plain Python with identical results, about 5 times slower. An editable install
builds the extensions beside the sources, where an extension shadows its ``.py``:
after editing one, reinstall (``pip install -e .``) or the old code keeps running;
``stale()`` names such modules and importing the triage logs a warning about them.
"""

from __future__ import annotations

import importlib.machinery
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGE = "social_assistant.triage"
MODULES = (
    "memo",
    "lexicons",
    "personal_data",
    "register",
    "normalise",
    "sentiment",
    "rules",
    "features",
    "model",
    "scoring",
    "classify",
)


HERE = Path(__file__).parent  # this module is never compiled: its path is right


def _loaded_file(name: str) -> Path | None:
    """The file module ``name`` was loaded from. A mypyc module's ``__file__`` has the
    right name but may name the wrong folder (it is derived from the shared library's),
    so the folder is taken from this package."""
    module = sys.modules.get(f"{PACKAGE}.{name}")
    file = getattr(module, "__file__", None)
    return HERE / Path(file).name if file else None


def _is_extension(path: Path) -> bool:
    return any(path.name.endswith(s) for s in importlib.machinery.EXTENSION_SUFFIXES)


def compiled() -> list[str]:
    """The triage modules loaded so far from a compiled extension."""
    return [
        name for name in MODULES if (path := _loaded_file(name)) is not None and _is_extension(path)
    ]


def _built_at(extension: Path) -> float:
    """When the code of ``extension`` was built: mypyc puts it in one shared library
    (a module named ``...__mypyc``), and a rebuild that only changes code leaves the
    small per-module extensions as they were."""
    times = [extension.stat().st_mtime]
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name.endswith("__mypyc") and file:
            times.append(Path(file).stat().st_mtime)
    return max(times)


def stale() -> list[str]:
    """Compiled modules of a source checkout (an editable install) whose ``.py`` changed
    after the extension was built. An installed wheel is never stale: its files are all
    written at install time, in no particular order, so their times say nothing."""
    if not (HERE.parents[1] / "pyproject.toml").exists():  # not a source checkout
        return []
    found = []
    for name in compiled():
        extension = _loaded_file(name)
        assert extension is not None
        source = HERE / f"{name}.py"
        if source.exists() and source.stat().st_mtime > _built_at(extension):
            found.append(name)
    return found


def warn_if_stale() -> None:
    """Log a warning naming compiled modules older than their source."""
    old = stale()
    if old:
        log.warning(
            "triage: compiled module(s) %s are older than their .py source and shadow it; "
            "reinstall (pip install -e .) or install with SA_PURE_PYTHON=1",
            ", ".join(old),
        )
