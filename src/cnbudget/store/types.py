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

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from cnbudget.model.document import Box

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


class BoxText(TypeDecorator[Box]):
    """A page box in one compact text column, "page x0 y0 x1 y1" (each coordinate as
    its shortest float repr: read back exactly as the reader gave it)."""

    impl = String(96)
    cache_ok = True

    def process_bind_param(self, value: Box | None, dialect: Dialect) -> object:
        if value is None:
            return None
        return f"{value.page} {value.x0!r} {value.y0!r} {value.x1!r} {value.y1!r}"

    def process_result_value(self, value: object, dialect: Dialect) -> Box | None:
        if value is None:
            return None
        page, x0, y0, x1, y1 = str(value).split()
        return Box(int(page), float(x0), float(y0), float(x1), float(y1))
