"""``social-assistant classify`` as a process: it streams (each answer is out before the
next line is read), survives bad bytes, and reads ``--input`` files lazily."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

ANSWER_TIMEOUT = 30.0


@contextmanager
def classify_process(*args: str) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "social_assistant", "classify", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
    )
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def read_line(stream: IO[bytes], timeout: float = ANSWER_TIMEOUT) -> bytes:
    """One line from a pipe, failing if none comes within ``timeout`` seconds."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            pytest.fail(f"no answer within {timeout} s while stdin was still open")
    return stream.readline()


def test_each_answer_comes_before_stdin_is_closed() -> None:
    with classify_process() as process:
        assert process.stdin is not None and process.stdout is not None
        for text, kind in (("jalan rusak parah min", "complaint"), ("mantap pak", "appreciation")):
            process.stdin.write(text.encode() + b"\n")
            process.stdin.flush()
            row = json.loads(read_line(process.stdout))
            assert (row["text"], row["kind"]) == (text, kind)
        assert process.poll() is None  # still running, waiting for more input
        process.stdin.close()
        assert process.stdout.read() == b""
        assert process.wait(timeout=ANSWER_TIMEOUT) == 0


def test_undecodable_bytes_do_not_stop_the_stream() -> None:
    with classify_process() as process:
        out, err = process.communicate(b"jalan \xff\xfe rusak\nmantap pak\n", ANSWER_TIMEOUT)
    assert process.returncode == 0, err.decode()
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert [r["kind"] for r in rows] == ["complaint", "appreciation"]
    assert "\ufffd" in rows[0]["text"]


def test_input_file_is_read_as_it_goes(tmp_path: Path) -> None:
    """A FIFO stands for an endless file: answers come while it is still open."""
    fifo = tmp_path / "replies.fifo"
    os.mkfifo(fifo)
    with classify_process("--input", str(fifo)) as process:
        assert process.stdout is not None
        with fifo.open("w", encoding="utf-8") as writer:
            writer.write("air PDAM mati 3 hari\n" * 1000)  # more than a read buffer
            writer.flush()
            row = json.loads(read_line(process.stdout))
            assert row["kind"] == "complaint" and row["category"] == "utilities"
        rest = process.stdout.read()
        assert process.wait(timeout=ANSWER_TIMEOUT) == 0
    assert len(rest.decode().splitlines()) == 999
