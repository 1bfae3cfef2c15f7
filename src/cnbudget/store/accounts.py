"""Accounts of the web application: users (with a password hash made by the
caller, cnbudget.web.passwords) and their API tokens (stored as SHA-256, shown
once when made)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, insert, select, update

from cnbudget.lang import t
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


@dataclass(frozen=True, slots=True)
class Account:
    """A user as an administrator sees it: when made, and how many live tokens it has."""

    user: User
    created_at: datetime
    tokens: int


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """An API token as an administrator sees it: never the token, its first characters."""

    id: int
    user_name: str
    prefix: str
    created_at: datetime
    revoked: bool


def list_accounts(conn: Connection) -> list[Account]:
    live = (select(api_tokens.c.user_id, func.count().label("n"))
            .where(api_tokens.c.revoked.is_(False)).group_by(api_tokens.c.user_id).subquery())
    rows = conn.execute(
        select(users.c.id, users.c.name, users.c.role, users.c.created_at, live.c.n)
        .outerjoin(live, live.c.user_id == users.c.id).order_by(users.c.name))
    return [Account(User(int(r.id), r.name, r.role), r.created_at, int(r.n or 0)) for r in rows]


def list_tokens(conn: Connection) -> list[TokenInfo]:
    rows = conn.execute(
        select(api_tokens.c.id, users.c.name, api_tokens.c.prefix, api_tokens.c.created_at,
               api_tokens.c.revoked)
        .join(users, users.c.id == api_tokens.c.user_id)
        .order_by(api_tokens.c.revoked, api_tokens.c.created_at.desc(), api_tokens.c.id.desc()))
    return [TokenInfo(int(r.id), r.name, r.prefix, r.created_at, bool(r.revoked)) for r in rows]


def set_role(conn: Connection, user_id: int, role: str) -> User:
    """Give a user another role; refused (AccountError) for an unknown role, an unknown
    user, or when it would leave no administrator."""
    if role not in ROLES:
        raise AccountError(t(f"没有角色 {role!r}（可选 {'、'.join(ROLES)}）",
                             f"unknown role {role!r}; one of {', '.join(ROLES)}"))
    user = user_by_id(conn, user_id)
    if user is None:
        raise AccountError(t(f"没有编号为 {user_id} 的用户", f"no user with id {user_id}"))
    if user.role == "admin" and role != "admin":
        admins = conn.execute(select(func.count()).select_from(users)
                              .where(users.c.role == "admin")).scalar_one()
        if admins <= 1:
            raise AccountError(t("至少要留一个管理员（admin）",
                                 "the last administrator keeps the admin role"))
    conn.execute(update(users).where(users.c.id == user_id).values(role=role))
    return User(user.id, user.name, role)


def revoke_token(conn: Connection, token_id: int) -> bool:
    """Revoke a token (it stops working at once); False when there is no such token."""
    done = conn.execute(update(api_tokens).where(api_tokens.c.id == token_id)
                        .values(revoked=True))
    return done.rowcount == 1
