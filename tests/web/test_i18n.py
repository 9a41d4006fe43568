"""Every text the templates wrap in _() has its English translation."""

from __future__ import annotations

import re

from social_assistant.web.i18n import EN
from social_assistant.web.render import TEMPLATES

WRAPPED = re.compile(r"""_\(\s*(["'])(.+?)\1\s*\)""")


def test_every_wrapped_text_has_an_english_entry() -> None:
    missing = set()
    for template in TEMPLATES.glob("*.html"):
        for _quote, text in WRAPPED.findall(template.read_text(encoding="utf-8")):
            if text not in EN:
                missing.add((template.name, text))
    assert not missing, sorted(missing)
