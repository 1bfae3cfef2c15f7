"""The departments of the database: each with every name it was printed under,
its code, region and disclosures. Departments merged into another are not
listed (their names and disclosures are the other's now)."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
from sqlalchemy import Connection, func, select

from cnbudget.query.filters import department_condition
from cnbudget.store.schema import department_aliases, departments, disclosures

COLUMNS = ("department_id", "department", "department_code", "region", "names",
           "disclosures", "years")


def departments_frame(conn: Connection, *, region: str | None = None,
                      department: str | None = None) -> pd.DataFrame:
    query = (
        select(departments.c.id, departments.c.name, departments.c.code, departments.c.region,
               func.count(disclosures.c.id).label("n"),
               func.min(disclosures.c.year).label("first"), func.max(disclosures.c.year).label("last"))
        .outerjoin(disclosures, disclosures.c.department_id == departments.c.id)
        .where(departments.c.merged_into.is_(None))
        .group_by(departments.c.id, departments.c.name, departments.c.code, departments.c.region)
        .order_by(departments.c.region, departments.c.name, departments.c.id)
    )
    if region is not None:
        query = query.where(departments.c.region == region)
    if department is not None:
        query = query.where(department_condition(department))
    rows = conn.execute(query).all()
    names: dict[int, list[str]] = defaultdict(list)
    for alias in conn.execute(
            select(department_aliases.c.department_id, department_aliases.c.name)
            .order_by(department_aliases.c.department_id,
                      func.coalesce(department_aliases.c.first_year, 9999),
                      department_aliases.c.id)).all():
        names[int(alias.department_id)].append(alias.name)
    data = [(int(r.id), r.name, r.code, r.region, "、".join(names.get(int(r.id), [])), int(r.n),
             "" if r.first is None else (str(r.first) if r.first == r.last else f"{r.first}–{r.last}"))
            for r in rows]
    return pd.DataFrame(data, columns=list(COLUMNS))
