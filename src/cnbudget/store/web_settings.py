"""Settings of the web application kept in its database, so that every process
on one database (several uvicorn workers, a restart) reads the same: today the
secret that signs session cookies, made once."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, insert, select

from cnbudget.store.engine import writing
from cnbudget.store.schema import web_settings

SESSION_SECRET = "session_secret"


def session_secret(engine: Engine) -> str:
    """The database's session secret, made (under the write lock, so two processes
    starting at once agree) the first time it is asked for."""
    with engine.connect() as conn:
        found = conn.scalar(select(web_settings.c.value)
                            .where(web_settings.c.name == SESSION_SECRET))
    if found:
        return str(found)
    with writing(engine) as conn:
        found = conn.scalar(select(web_settings.c.value)
                            .where(web_settings.c.name == SESSION_SECRET))
        if found:
            return str(found)
        made = secrets.token_urlsafe(32)
        conn.execute(insert(web_settings).values(name=SESSION_SECRET, value=made))
        return made
