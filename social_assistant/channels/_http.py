"""The adapters' one HTTP seam: redirect to the emulator, default timeout, keep the headers.

Both platform libraries send every call through a ``requests.Session``. Mounting
:class:`PlatformAdapter` on it for ``https://`` rewrites the platform's host to
``ChannelSpec.base_url`` (when set), gives every request the channel's timeout (the
libraries set none) and hands each response to a :class:`ResponseRecorder`, which keeps
the headers the libraries drop (rate limits, usage, ``Retry-After``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest, Response
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import NewConnectionError

from social_assistant.channels.base import (
    AmbiguousError,
    ChannelError,
    ChannelSpec,
    PermanentError,
    RateState,
)

BAD_ADDRESS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidSchema,
    requests.exceptions.MissingSchema,
)
# The same types HTTPAdapter.send declares, so the override stays compatible.
# The argument types of requests' HTTPAdapter.send (as types-requests spells them).
TimeoutArg = float | tuple[float, float] | tuple[float, None] | None
VerifyArg = bool | str
CertArg = bytes | str | tuple[bytes | str, bytes | str] | None


@dataclass(frozen=True)
class SeenResponse:
    """Status and headers of the last response, as the platform sent them."""

    status: int
    headers: CaseInsensitiveDict[str] = field(default_factory=CaseInsensitiveDict)
    endpoint: str = ""


class ResponseRecorder:
    """Keeps each thread's last response (libraries drop headers) and the last rate state."""

    def __init__(self, rate_parser: Callable[[SeenResponse], RateState | None]) -> None:
        self._local = threading.local()
        self._rate_parser = rate_parser
        self.rate: RateState | None = None

    def record(self, response: Response) -> None:
        """Remember ``response``'s status and headers for the calling thread."""
        endpoint = f"{response.request.method} {urlsplit(response.url).path}"
        seen = SeenResponse(response.status_code, CaseInsensitiveDict(response.headers), endpoint)
        self._local.last = seen
        self.rate = self._rate_parser(seen) or self.rate

    def forget(self) -> None:
        """Drop what the calling thread saw (call before each platform call)."""
        self._local.last = None

    @property
    def last(self) -> SeenResponse | None:
        """What the calling thread saw last, or None."""
        seen: SeenResponse | None = getattr(self._local, "last", None)
        return seen


class PlatformAdapter(HTTPAdapter):
    """Rewrites platform hosts to ``base_url``, applies a default timeout, records responses."""

    def __init__(
        self,
        *,
        hosts: Sequence[str],
        base_url: str | None,
        timeout: float,
        recorder: ResponseRecorder,
    ) -> None:
        super().__init__()
        self._hosts = tuple(hosts)
        self._base_url = base_url.rstrip("/") if base_url else None
        self._timeout = timeout
        self._recorder = recorder

    def rewrite(self, url: str) -> str:
        """``url`` with a platform host replaced by ``base_url`` (unchanged without one)."""
        if self._base_url is None:
            return url
        for host in self._hosts:
            if url == host or url.startswith((host + "/", host + "?")):
                return self._base_url + url[len(host) :]
        return url

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: TimeoutArg = None,
        verify: VerifyArg = True,
        cert: CertArg = None,
        proxies: Mapping[str, str] | None = None,
    ) -> Response:
        """Send ``request`` to the (possibly rewritten) address with a timeout."""
        url = request.url or ""
        rewritten = self.rewrite(url)
        if rewritten != url:
            request.url = rewritten
            proxies = {}  # the environment's proxies were chosen for the platform host
        response = super().send(
            request,
            stream=stream,
            timeout=self._timeout if timeout is None else timeout,
            verify=verify,
            cert=cert,
            proxies=proxies,
        )
        self._recorder.record(response)
        return response


def mount_platform(
    session: requests.Session,
    spec: ChannelSpec,
    hosts: Sequence[str],
    recorder: ResponseRecorder,
) -> None:
    """Route ``session``'s https calls through a :class:`PlatformAdapter` for ``spec``."""
    adapter = PlatformAdapter(
        hosts=hosts, base_url=spec.base_url, timeout=spec.timeout, recorder=recorder
    )
    session.mount("https://", adapter)


def transport_error(platform: str, action: str, exc: requests.RequestException) -> ChannelError:
    """Our error for a ``requests`` failure during ``action``.

    Only a connection that was never made is safe to retry blindly; a bad address is
    permanent; anything else (timeout, reset, broken answer) may have reached the platform.
    """
    where = f"{platform} could not {action}"
    if isinstance(exc, requests.ConnectTimeout) or _refused(exc):
        return ChannelError(f"{where}: cannot connect ({exc}); nothing was sent")
    if isinstance(exc, BAD_ADDRESS):
        return PermanentError(f"{where}: the address is wrong ({exc}); check base_url")
    if isinstance(exc, requests.JSONDecodeError):
        return AmbiguousError(f"{where}: the answer was not JSON ({exc})")
    if isinstance(exc, requests.Timeout):
        return AmbiguousError(f"{where}: no answer within the timeout ({exc})")
    return AmbiguousError(f"{where}: the connection broke ({exc})")


def _refused(exc: requests.RequestException) -> bool:
    """True when the connection was never made (so the request was never sent)."""
    if not isinstance(exc, requests.ConnectionError) or not exc.args:
        return False
    reason = getattr(exc.args[0], "reason", None)
    return isinstance(reason, NewConnectionError)


def server_now(seen: SeenResponse | None) -> datetime:
    """The server's clock from the ``Date`` header, else ours (aware UTC)."""
    date = seen.headers.get("date") if seen else None
    if date:
        try:
            return parsedate_to_datetime(date).astimezone(UTC)
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC)


def epoch(seconds: int | None) -> datetime | None:
    """Unix ``seconds`` as an aware UTC datetime (None stays None)."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time from a platform (``...Z`` or ``+0000``) as aware UTC, else None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except ValueError:
        return None


def int_header(headers: CaseInsensitiveDict[str], name: str) -> int | None:
    """Header ``name`` as an int, or None when absent or not a number."""
    value = headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
