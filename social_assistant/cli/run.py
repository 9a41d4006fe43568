"""``run`` (the daemon) and ``emulator`` (the sandbox platforms on their own)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from social_assistant.cli._app import EXIT_CONFIG, CliError, State, console, state
from social_assistant.daemon import Daemon, stop_on_signals

log = logging.getLogger(__name__)


@contextmanager
def emulator_for(st: State) -> Iterator[str | None]:
    """The emulator address sandbox channels use; starts one in-process when none is set."""
    settings = st.settings
    if settings.emulator.url or not any(c.sandbox for c in settings.channels):
        yield settings.emulator.url or None
        return
    from social_assistant.emulator import start_emulator

    try:
        server = start_emulator(
            host=settings.emulator.host,
            port=settings.emulator.port,
            reply_delay=settings.emulator.reply_delay_seconds,
        )
    except OSError as exc:
        raise CliError(
            f"Emulator tidak dapat berjalan di {settings.emulator.host}:{settings.emulator.port} "
            f"({exc.strerror}). Ubah `emulator.port`, atau isi `emulator.url` dengan alamat "
            "emulator yang sudah berjalan.",
            f"Cannot start the emulator on {settings.emulator.host}:{settings.emulator.port} "
            f"({exc.strerror}). Change `emulator.port`, or set `emulator.url` to a running one.",
            EXIT_CONFIG,
        ) from None
    log.info("sandbox emulator at %s", server.url)
    try:
        yield server.url
    finally:
        server.stop()


def run(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option(help="Publish what is due now, then exit.")] = False,
    threads: Annotated[int, typer.Option(min=1, max=64, help="Parallel platform calls.")] = 4,
    web: Annotated[
        bool, typer.Option(help="Also serve the officers' web UI (web.host:web.port).")
    ] = True,
) -> None:
    """Jalankan daemon: sinkron antrean dan terbitkan sesuai jadwal. (Run the daemon.)"""
    st = state(ctx)
    with emulator_for(st) as url:
        daemon = Daemon(
            st.settings, st.database(migrated=False), st.clock, emulator_url=url, threads=threads
        )
        if once:
            handled = daemon.run_once()
            daemon.stop()
            console.print(
                st.say(f"{handled} publikasi diproses.", f"{handled} publications handled.")
            )
            return
        daemon.prepare()  # migrate first: the web UI needs the tables too
        with stop_on_signals(daemon), web_for(st, enabled=web):
            daemon.start()
            console.print(
                st.say(
                    f"Daemon berjalan ({daemon.worker}); hentikan dengan Ctrl+C.",
                    f"Daemon running ({daemon.worker}); stop with Ctrl+C.",
                )
            )
            if url:
                console.print(
                    st.say(
                        f"Emulator sandbox: {url}/_emulator/posts",
                        f"Sandbox emulator: {url}/_emulator/posts",
                    )
                )
            daemon.wait()
            daemon.stop()


@contextmanager
def web_for(st: State, *, enabled: bool) -> Iterator[None]:
    """The web UI on a thread beside the daemon (stopped when the daemon stops)."""
    if not enabled:
        yield
        return
    from social_assistant.web.server import BackgroundServer, make_server

    server = BackgroundServer(make_server(st.settings, st.database(), st.clock))
    try:
        url = server.start()
    except OSError:
        raise CliError(
            f"Antarmuka web tidak dapat berjalan di {server.address}. Ubah `web.port`, "
            "atau jalankan dengan `--no-web`.",
            f"The web UI cannot start on {server.address}. Change `web.port`, or run with "
            "`--no-web`.",
            EXIT_CONFIG,
        ) from None
    console.print(st.say(f"Antarmuka petugas: {url}/", f"Officers' web UI: {url}/"))
    try:
        yield
    finally:
        server.stop()


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address (default: web.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: web.port).")] = None,
) -> None:
    """Jalankan antarmuka web saja. (Serve the officers' web UI without the daemon.)"""
    from social_assistant.web.server import make_server

    st = state(ctx)
    server = make_server(st.settings, st.database(), st.clock, host=host, port=port)
    console.print(
        st.say(
            f"Antarmuka petugas: http://{server.config.host}:{server.config.port}/ "
            "(hentikan dengan Ctrl+C)",
            f"Officers' web UI: http://{server.config.host}:{server.config.port}/ "
            "(stop with Ctrl+C)",
        )
    )
    server.run()


def emulator(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address (default: emulator.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: emulator.port).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the simulated citizens.")] = 1,
) -> None:
    """Jalankan emulator platform (sandbox pelatihan). (Run the platform emulator.)"""
    from social_assistant.emulator import serve_forever

    settings = state(ctx).settings
    serve_forever(
        host or settings.emulator.host,
        settings.emulator.port if port is None else port,
        seed=seed,
        reply_delay=settings.emulator.reply_delay_seconds,
    )
