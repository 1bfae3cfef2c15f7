"""Helpers for tests that run the real server: a free port, waiting until it answers."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[str] | None = None,
                  attempts: int = 600) -> None:
    """Poll `url` until it answers (a start-up, not a timing: up to a minute)."""
    for _ in range(attempts):
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answered, if only to refuse
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"{url} never answered")
