"""Helpers of the hostile tests: a plugin reader that crashes on purpose, finding
worker processes and work folders, running the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cnbudget.ingest.isolation import WORK_PREFIX

# a reader for plain zip archives (which have no built-in reader) that misbehaves as
# its OFD.xml says: a native abort, a segfault, a hang, runaway memory, a bug, an exit
_PLUGIN = '''
import ctypes, io, os, time, zipfile
from cnbudget.ingest.readers import READERS

def read_zip(data, name):
    how = zipfile.ZipFile(io.BytesIO(data)).read("how.txt").decode().strip()
    if how == "abort":
        os.abort()
    if how == "segv":
        ctypes.string_at(0)
    if how == "sleep":
        time.sleep(3600)
    if how == "spin":
        while True:
            pass
    if how == "alloc":
        hoard = []
        while True:
            hoard.append(bytearray(1 << 24))
    if how == "exit":
        os._exit(7)
    raise RuntimeError("a bug in the plugin")

READERS.add("zip", read_zip)
'''


def install_crash_plugin(folder: Path) -> Path:
    """A plugin distribution in `folder` (put it on PYTHONPATH): entry point
    `cnbudget.plugins`, as a third party would ship one."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cnbudget_crashplugin.py").write_text(_PLUGIN, encoding="utf-8")
    info = folder / "cnbudget_crashplugin-0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cnbudget-crashplugin\n"
                                   "Version: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[cnbudget.plugins]\ncrash = cnbudget_crashplugin\n",
                                           encoding="utf-8")
    return folder


def crash_zip(path: Path, how: str) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("how.txt", how)
    return path


def workers_of(parent_pid: int) -> list[int]:
    """Pids of live worker processes started by `parent_pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if b"cnbudget.ingest.worker" in argv and str(parent_pid).encode() in argv[-3:] \
                and state != "Z":
            found.append(int(entry.name))
    return found


def work_dirs(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(f"{WORK_PREFIX}*"))


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300,
        **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cnbudget.cli.main", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout,
                          check=False, **kwargs)  # type: ignore[call-overload]


def cli_popen(*args: str, stderr: Path, env: dict[str, str] | None = None
              ) -> subprocess.Popen[bytes]:
    """The CLI in the background, its stderr to a file (a pipe nobody reads could fill
    and block it); PYTHONFAULTHANDLER so that SIGABRT on a hang shows where it was."""
    with stderr.open("wb") as sink:
        return subprocess.Popen([sys.executable, "-m", "cnbudget.cli.main", *args],
                                stdout=subprocess.DEVNULL, stderr=sink,
                                env={**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})})
