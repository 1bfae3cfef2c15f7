"""What a running web application is configured with (`create_app`'s arguments)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"  # only this machine, unless told otherwise
DEFAULT_PORT = 8000
SECRET_ENV = "CNBUDGET_SECRET"  # signs session cookies; else the database's own (store/web_settings.py)


@dataclass(frozen=True, slots=True)
class WebSettings:
    database_url: str
    upload_dir: Path
    secret_key: str
    max_upload_bytes: int = 50 * 1024 * 1024  # per file
    max_files: int = 20  # per upload request
    login_attempts: int = 5  # failed logins per name and address ...
    login_window_seconds: int = 300  # ... within this window, then 429
    worker: bool = True  # run the job worker thread in this process
    secure_cookies: bool = False  # set behind an HTTPS reverse proxy
