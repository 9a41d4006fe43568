"""Every data file the package reads ships in the wheel (pyproject's package-data)."""

from __future__ import annotations

import tomllib
from pathlib import PurePosixPath

from conftest import REPO

IGNORED_SUFFIXES = {".py", ".pyc", ".so", ".pyd"}  # sources, bytecode, built extensions


def _covered(relative: PurePosixPath, patterns: list[str]) -> bool:
    for pattern in patterns:
        if "**/" in pattern:  # setuptools globs: "**/" matches any depth, including none
            head, tail = pattern.split("**/", 1)
            if not str(relative).startswith(head):
                continue
            rest = PurePosixPath(str(relative)[len(head) :])
            if any(PurePosixPath(*rest.parts[i:]).match(tail) for i in range(len(rest.parts))):
                return True
        elif relative.match(pattern) and len(relative.parts) == len(PurePosixPath(pattern).parts):
            return True
    return False


def test_package_data_covers_every_data_file() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["social_assistant"]
    package = REPO / "social_assistant"
    missing = [
        str(path.relative_to(package))
        for path in package.rglob("*")
        if path.is_file()
        and path.suffix not in IGNORED_SUFFIXES
        and "__pycache__" not in path.parts
        and not _covered(PurePosixPath(path.relative_to(package).as_posix()), patterns)
    ]
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
