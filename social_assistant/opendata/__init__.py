"""Open data: aspirations and figures that anyone may download, with citizens
pseudonymised (keyed hash) and personal data masked (UU 27/2022)."""

from __future__ import annotations

from social_assistant.opendata.export import export_csv, export_json

__all__ = ["export_csv", "export_json"]
