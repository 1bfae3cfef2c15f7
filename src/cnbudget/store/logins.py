"""Failed logins kept in the database: the web application's rate limit counts
them by (address, name) and by address across names, shared by every process on
the database and kept over a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select

from cnbudget.store.engine import writing
from cnbudget.store.schema import login_failures as lf


def _since(window: float) -> datetime:
    return datetime.now(UTC) - timedelta(seconds=window)


def recent_failures(engine: Engine, address: str, name: str, window: float) -> tuple[int, int]:
    """Failures within `window` seconds: of this name from this address, and of
    this address across names."""
    since, name = _since(window), name[:128]
    with engine.connect() as conn:
        by_address = conn.scalar(select(func.count()).select_from(lf)
                                 .where(lf.c.address == address, lf.c.failed_at >= since))
        by_name = conn.scalar(select(func.count()).select_from(lf)
                              .where(lf.c.address == address, lf.c.name == name,
                                     lf.c.failed_at >= since))
    return int(by_name or 0), int(by_address or 0)


def record_failure(engine: Engine, address: str, name: str, window: float) -> None:
    """One more failure; those older than the window are dropped on the way (the
    table never grows past what the limit looks at)."""
    with writing(engine) as conn:
        conn.execute(delete(lf).where(lf.c.failed_at < _since(window)))
        conn.execute(insert(lf).values(address=address, name=name[:128],
                                       failed_at=datetime.now(UTC)))


def clear_failures(engine: Engine, address: str, name: str) -> None:
    with writing(engine) as conn:
        conn.execute(delete(lf).where(lf.c.address == address, lf.c.name == name[:128]))
