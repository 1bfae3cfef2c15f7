"""Accounts of the web application: users (with a password hash made by the
caller, cnbudget.web.passwords) and their API tokens (stored as SHA-256, shown
once when made)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from cnbudget.store.schema import api_tokens, users

ROLES = ("viewer", "inspector", "admin")  # each may do what the ones before it may
TOKEN_PREFIX = "cnb_"


class AccountError(ValueError):
    """An account could not be made: a taken name, an unknown role."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this user has `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(conn: Connection, name: str, password_hash: str, role: str) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 128:
        raise AccountError("a user name is 1 to 128 characters")
    if conn.execute(select(users.c.id).where(users.c.name == name)).first():
        raise AccountError(f"user {name!r} exists already")
    new_id = conn.execute(insert(users).values(
        name=name, password_hash=password_hash, role=role, created_at=datetime.now(UTC),
    )).inserted_primary_key[0]
    return User(int(new_id), name, role)


def set_password(conn: Connection, name: str, password_hash: str) -> bool:
    done = conn.execute(update(users).where(users.c.name == name)
                        .values(password_hash=password_hash))
    return done.rowcount == 1


def user_and_hash(conn: Connection, name: str) -> tuple[User, str] | None:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return (User(int(row.id), row.name, row.role), row.password_hash) if row else None


def user_by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return User(int(row.id), row.name, row.role) if row else None


def create_token(conn: Connection, user: User) -> str:
    """A new API token for `user`: returned once, stored only as its hash."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(insert(api_tokens).values(
        user_id=user.id, token_hash=token_hash(token), prefix=token[:10],
        created_at=datetime.now(UTC),
    ))
    return token


def user_for_token(conn: Connection, token: str) -> User | None:
    row = conn.execute(
        select(users.c.id, users.c.name, users.c.role)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == token_hash(token), api_tokens.c.revoked.is_(False))
    ).first()
    return User(int(row.id), row.name, row.role) if row else None
