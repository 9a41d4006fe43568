"""The emulator's seam: a parsed request in, a response out (no sockets involved)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON_TYPE = "application/json; charset=UTF-8"


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart form."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ApiRequest:
    """An HTTP request as the emulator sees it. ``headers`` keys are lower case."""

    method: str
    path: str
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    form: Mapping[str, str] = field(default_factory=dict)
    files: Mapping[str, UploadedFile] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON (raises ValueError when it is not JSON)."""
        return json.loads(self.body or b"null")

    def param(self, name: str, default: str | None = None) -> str | None:
        """A parameter from the query string or the form, whichever has it."""
        return self.query.get(name, self.form.get(name, default))


@dataclass
class ApiResponse:
    """What to answer. ``delay`` seconds pass first; ``drop`` closes without answering."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = JSON_TYPE
    delay: float = 0.0
    drop: bool = False


def json_response(
    status: int, payload: object, headers: Mapping[str, str] | None = None
) -> ApiResponse:
    """A JSON answer."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    return ApiResponse(status, body, dict(headers or {}))
