"""The emulator over real HTTP on a local port (stdlib ``ThreadingHTTPServer``)."""

from __future__ import annotations

import email.policy
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from email.parser import BytesParser
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from social_assistant.emulator.citizens import CitizenSettings
from social_assistant.emulator.clock import Clock
from social_assistant.emulator.exchange import (
    ApiRequest,
    ApiResponse,
    UploadedFile,
    json_response,
)
from social_assistant.emulator.state import Emulator

log = logging.getLogger(__name__)
DEFAULT_PORT = 8765
FormParts = tuple[dict[str, str], dict[str, UploadedFile]]


def parse_form(content_type: str, body: bytes) -> FormParts:
    """Fields and files of an urlencoded or multipart body (empty for anything else)."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        pairs = parse_qs(body.decode(), keep_blank_values=True)
        return {key: values[-1] for key, values in pairs.items()}, {}
    if not content_type.startswith("multipart/form-data"):
        return {}, {}
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    for part in message.walk():
        name = part.get_param("name", header="content-disposition")
        if part.is_multipart() or not isinstance(name, str):
            continue
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            fields[name] = data.decode()
        else:
            files[name] = UploadedFile(filename, part.get_content_type(), data)
    return fields, files


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    # Keep-alive, as the real APIs: clients reuse their connections (every answer has a
    # Content-Length).
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out as separate writes: without this, Nagle's algorithm holds
        # the body until the client's delayed ACK (about 40 ms a request on keep-alive).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_DELETE = do_PUT = do_GET

    def _serve(self) -> None:
        try:
            request = self._read()
        except (ValueError, UnicodeDecodeError) as exc:
            self._write(json_response(400, {"error": f"cannot read the request: {exc}"}))
            return
        try:
            response = self.server.emulator.handle(request)
        except Exception as exc:  # an emulator bug must not look like a dropped connection
            log.exception("emulator failed on %s %s", self.command, self.path)
            response = json_response(500, {"error": f"emulator error: {exc!r}"})
        if response.delay:
            time.sleep(response.delay)
        if response.drop:
            # Close with a reset and no answer, like a dropped connection.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        self._write(response)

    def _read(self) -> ApiRequest:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        form, files = parse_form(self.headers.get("Content-Type", ""), body)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        headers = {key.lower(): value for key, value in self.headers.items()}
        return ApiRequest(self.command, url.path, query, headers, body, form, files)

    def _write(self, response: ApiResponse) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("client left before the answer to %s %s", self.command, self.path)

    def date_time_string(self, timestamp: float | None = None) -> str:
        moment = self.server.emulator.now().timestamp() if timestamp is None else timestamp
        return formatdate(moment, usegmt=True)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], emulator: Emulator) -> None:
        super().__init__(address, _Handler)
        self.emulator = emulator


class EmulatorServer:
    """An :class:`Emulator` served on ``host:port`` from a background thread.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. ``port=0`` picks
    a free port; :attr:`url` tells which.
    """

    def __init__(self, emulator: Emulator | None = None, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.emulator = emulator or Emulator()
        self._host = host
        self._httpd = _HttpServer((host, port), self.emulator)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL to give a channel (``ChannelSpec.base_url``)."""
        return f"http://{self._host}:{self._httpd.server_address[1]}"

    def start(self) -> EmulatorServer:
        """Serve in a daemon thread; return self."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"emulator {self.url}", daemon=True)
        self._thread.start()
        return self

    def run(self) -> None:
        """Serve in the calling thread until interrupted (Ctrl-C), then release the port."""
        try:
            self._httpd.serve_forever()
        except KeyboardInterrupt:
            log.info("emulator stopped")
        finally:
            self._httpd.server_close()

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> EmulatorServer:
        return self if self._thread else self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()


def start_emulator(
    host: str = "127.0.0.1", port: int = 0, *, seed: int = 0, clock: Clock | None = None,
    citizens: CitizenSettings | None = None, reply_delay: float | None = None,
    strict_tokens: bool = False,
) -> EmulatorServer:
    """A new emulator, already serving (``.url``; call ``.stop()`` when done).

    ``reply_delay`` (seconds) is when the first citizen answers a new post.
    """
    emulator = Emulator(seed=seed, clock=clock, strict_tokens=strict_tokens,
                        citizens=_citizens(citizens, reply_delay))
    return EmulatorServer(emulator, host, port).start()


def serve_forever(
    host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, seed: int = 0,
    reply_delay: float | None = None, time_scale: float = 1.0, strict_tokens: bool = False,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the emulator in this thread until interrupted (for ``social-assistant emulator``).

    ``reply_delay``: seconds until the first citizen answers a post; ``time_scale``
    shrinks the spread of the later replies (0.01: minutes become seconds). ``announce``
    receives the URL once the port is open.
    """
    citizens = _citizens(CitizenSettings(time_scale=time_scale), reply_delay)
    server = EmulatorServer(Emulator(seed=seed, citizens=citizens, strict_tokens=strict_tokens),
                            host, port)
    if announce is not None:
        announce(server.url)
    server.run()


def _citizens(base: CitizenSettings | None, reply_delay: float | None) -> CitizenSettings:
    settings = base or CitizenSettings()
    if reply_delay is None:
        return settings
    return CitizenSettings.from_json({"first_after_seconds": reply_delay}, settings)
