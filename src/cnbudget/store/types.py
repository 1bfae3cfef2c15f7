"""Exact amounts in the database: `Decimal` in, `Decimal` out, never a float.

PostgreSQL stores `NUMERIC` without precision (arbitrary, exact). SQLite has
no decimal type: the column is declared `NUMERIC` so that SQL arithmetic,
comparison and ordering work on it, and values are bound as decimal text,
which SQLite keeps exactly as INTEGER, or as REAL for up to 15 significant
digits (every figure a budget prints); the value is read back through its
shortest decimal repr. A value SQLite could not keep exactly is refused rather
than rounded.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

SQLITE_DIGITS = 15


class AmountOutOfRange(ValueError):
    """A decimal the SQLite store cannot hold exactly."""


class ExactDecimal(TypeDecorator[Decimal]):
    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(asdecimal=False))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> object:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if not value.is_finite():
            raise AmountOutOfRange(f"{value} is not a finite amount")
        if dialect.name != "sqlite":
            return value
        digits = len(value.as_tuple().digits)
        if value == value.to_integral_value() and abs(value) < 2**63:
            return int(value)
        if digits > SQLITE_DIGITS:
            raise AmountOutOfRange(
                f"{value} has {digits} significant digits; SQLite keeps {SQLITE_DIGITS} "
                "exactly (use PostgreSQL for such figures)"
            )
        return str(value)

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, float):
            return Decimal(repr(value))
        return Decimal(str(value))
