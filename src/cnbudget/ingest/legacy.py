"""Reader for legacy Word files (.doc, .wps, RTF) through LibreOffice.

Word 97–2003, WPS and RTF files are converted to DOCX by a headless LibreOffice
(`soffice --headless --convert-to docx`) and read by the DOCX reader. Without
LibreOffice they cannot be read, and the error says what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cnbudget.ingest.docx import read_docx
from cnbudget.ingest.errors import UnreadableSource
from cnbudget.ingest.layout import Layout
from cnbudget.ingest.readers import READERS
from cnbudget.ingest.worker import set_parent_death_signal

CONVERT_TIMEOUT_S = 180


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """Convert one file with a private LibreOffice profile (parallel runs do not collide).

    Returns the converted file; raises UnreadableSource when LibreOffice is
    missing or fails.
    """
    return convert_many_with_soffice([source], target_format, out_dir)[0]


def convert_many_with_soffice(sources: list[Path], target_format: str, out_dir: Path) -> list[Path]:
    """Convert several files in one LibreOffice run (it starts once: far
    quicker than one run each); the converted files in the order given.
    The files' names must differ (their outputs share `out_dir`)."""
    soffice = soffice_path()
    name = sources[0].name if sources else "?"
    if soffice is None:
        raise UnreadableSource(
            name,
            "legacy Word files need LibreOffice to convert them "
            "(install libreoffice-writer-nogui, or save the file as .docx)",
        )
    profile = out_dir / "lo-profile"
    command = [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--convert-to", target_format, "--outdir", str(out_dir), *map(str, sources),
    ]
    timeout = CONVERT_TIMEOUT_S * max(1, len(sources))
    try:
        # LibreOffice dies with the worker that started it (an isolated read killed
        # for its limits must not leave a converter running)
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False,
                              preexec_fn=set_parent_death_signal)
    except subprocess.TimeoutExpired as exc:
        raise UnreadableSource(name, f"LibreOffice did not finish in {timeout} s") from exc
    extension = target_format.split(":", 1)[0]
    converted = [out_dir / f"{source.stem}.{extension}" for source in sources]
    missing = [source.name for source, path in zip(sources, converted, strict=True) if not path.exists()]
    if done.returncode != 0 or missing:
        message = done.stderr.decode("utf-8", "replace").strip() or "no output"
        raise UnreadableSource(", ".join(missing) or name, f"LibreOffice could not convert the file: {message}")
    return converted


def _read_converted(data: bytes, name: str, fmt: str) -> Layout:
    with tempfile.TemporaryDirectory(prefix="cnbudget-doc-") as tmp:
        work = Path(tmp)
        # LibreOffice picks its import filter by content; a plain ASCII name avoids path quirks
        source = work / f"source.{fmt}"
        source.write_bytes(data)
        converted = convert_with_soffice(source, "docx", work)
        layout = read_docx(converted.read_bytes(), name)
    layout.format = fmt
    return layout


def read_legacy_word(data: bytes, name: str) -> Layout:
    return _read_converted(data, name, "doc")


def read_rtf(data: bytes, name: str) -> Layout:
    return _read_converted(data, name, "rtf")


READERS.add("doc", read_legacy_word)
READERS.add("rtf", read_rtf)
