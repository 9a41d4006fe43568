"""A fleet of ``social-assistant run`` processes, for crash tests and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


class DaemonFleet:
    """Starts, kills (SIGKILL) and restarts daemon processes with one environment."""

    def __init__(self, env: dict[str, str], home: Path, *, threads: int = 4) -> None:
        self.env = {**os.environ, **env}
        self.home = home
        self.threads = threads
        self.processes: list[subprocess.Popen[bytes]] = []
        self.log_files: list[Path] = []
        self.log_dir = home / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._started = 0

    def start(self, count: int = 1) -> None:
        for _ in range(count):
            self.processes.append(self._spawn())
            self.log_files.append(self._log_path())

    def _log_path(self) -> Path:
        return self.log_dir / f"daemon-{self._started}.log"

    def _spawn(self) -> subprocess.Popen[bytes]:
        self._started += 1
        log = self._log_path().open("wb")
        command = [
            sys.executable,
            "-m",
            "social_assistant",
            "-v",
            "run",
            "--no-web",  # many daemons on one host: no web UI (its port is one)
            "--threads",
            str(self.threads),
        ]
        return subprocess.Popen(
            command, cwd=self.home, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def kill(self, index: int) -> None:
        """SIGKILL one daemon (no chance to clean up), then start a replacement."""
        process = self.processes[index]
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.processes[index] = self._spawn()
        self.log_files[index] = self._log_path()

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until every current daemon has logged that it started."""
        deadline = time.monotonic() + timeout
        while not all(" started" in p.read_text(errors="replace") for p in self.log_files):
            if time.monotonic() > deadline:
                raise TimeoutError("daemons did not start:\n" + self.logs())
            time.sleep(0.1)

    def stop(self) -> list[int]:
        """SIGTERM every daemon (graceful stop); returns their exit codes."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        codes = []
        for process in self.processes:
            try:
                codes.append(process.wait(timeout=60))
            except subprocess.TimeoutExpired:
                process.kill()
                codes.append(process.wait())
        return codes

    def logs(self) -> str:
        return "\n".join(
            p.read_text(errors="replace")[-3000:] for p in sorted(self.log_dir.glob("*.log"))
        )


def fleet_env(
    database_url: str,
    emulator_url: str,
    channels: list[dict[str, object]],
    **publishing: object,
) -> dict[str, str]:
    """Environment that points daemons at one database, one emulator and these channels."""
    import json

    env = {
        "SA_DATABASE__URL": database_url,
        "SA_EMULATOR__URL": emulator_url,
        "SA_CHANNELS": json.dumps(channels),
        "SA_QUEUE__DIR": "content_queue",
    }
    for key, value in publishing.items():
        env[f"SA_PUBLISHING__{key.upper()}"] = str(value)
    return env
