"""Pages across documents: departments (each with its years side by side, trend
charts and a treemap of 功能分类: 类, 款 and 项), a ranking of a region's departments in a
year, and search across departments, projects and narratives."""

from __future__ import annotations

import json
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from cnbudget.query.display import fmt, fmt_pct, in_unit
from cnbudget.query.functional import FunctionalNode, functional_tree
from cnbudget.query.metrics import DEFAULT_RANKING, METRICS, metric_label
from cnbudget.query.search import search
from cnbudget.store.accounts import User
from cnbudget.web.auth import page_user
from cnbudget.web.frames import frame_json
from cnbudget.web.templating import page

router = APIRouter(include_in_schema=False)
PERSON = Depends(page_user)
KINDS = {"budget": "预算", "final_account": "决算"}
TREND = (("totals", ("income_total", "expenditure_total")), ("basic_project", ("basic", "project")),
         ("three_public", ("three_public.total",)))


def _wan(value: object) -> float | None:
    # a chart's coordinate only: the figures shown as text stay exact (fmt)
    shown = in_unit(value if isinstance(value, Decimal) else None)
    return float(shown) if shown is not None else None


@router.get("/departments")
def departments(request: Request, region: str | None = None, user: User = PERSON) -> Response:
    from cnbudget.query.departments import departments_frame

    with request.app.state.store.engine.connect() as conn:
        rows = frame_json(departments_frame(conn, region=region or None))
    return page(request, "departments.html", user=user, rows=rows, region=region or "")


@router.get("/departments/{department_id}")
def department(request: Request, department_id: int, kind: str = "budget",
               user: User = PERSON) -> Response:
    from cnbudget.query.compare import UnknownDepartment, compare_years
    from cnbudget.query.departments import departments_frame

    if kind not in KINDS:
        raise HTTPException(404, "kind 只能是 budget 或 final_account")
    with request.app.state.store.engine.connect() as conn:
        listed = [r for r in frame_json(departments_frame(conn))
                  if r["department_id"] == department_id]
        if not listed:
            raise HTTPException(404, f"没有编号为 {department_id} 的部门")
        try:
            found = compare_years(conn, department_id, kind=kind)
        except UnknownDepartment:
            raise HTTPException(404, f"没有编号为 {department_id} 的部门") from None
        years = sorted({int(y) for y in found["year"]}) if not found.empty else []
        tree: list[FunctionalNode] = []
        if years:  # the latest year's disclosure, the one the treemap shows
            latest = found.loc[found["year"] == years[-1], "disclosure_id"].iloc[0]
            tree = functional_tree(conn, int(latest))
    by_metric: dict[str, dict[int, Decimal | None]] = {}
    names: dict[str, str] = {}
    for rec in found.to_dict(orient="records"):
        by_metric.setdefault(rec["metric"], {})[int(rec["year"])] = rec["amount"]
        names[rec["metric"]] = rec["name"]
    grid = [(names[m], [fmt(values.get(y)) for y in years]) for m, values in by_metric.items()]
    chart = {
        "years": [str(y) for y in years],
        "series": {group: [{"name": metric_label(m) if m in METRICS else m,
                            "data": [_wan(by_metric.get(m, {}).get(y)) for y in years]}
                           for m in metrics] for group, metrics in TREND},
        "treemap": _treemap(tree),
        "treemap_year": str(years[-1]) if years else "",
    }
    return page(request, "department.html", user=user, dept=listed[0], years=years, grid=grid,
                kind=kind, kinds=KINDS, chart=json.dumps(chart, ensure_ascii=False))


def _treemap(nodes: list[FunctionalNode]) -> list[dict[str, object]]:
    """The tree as ECharts draws it: 类 boxes holding their 款 and 项 (a click drills
    down); what is not above zero has no area and is left out."""
    out: list[dict[str, object]] = []
    for node in nodes:
        value = _wan(node.amount)
        if value is None or value <= 0:
            continue
        shown: dict[str, object] = {"name": f"{node.code} {node.name or ''}".strip(),
                                    "value": value}
        children = _treemap(node.children)
        if children:
            shown["children"] = children
        out.append(shown)
    return out


@router.get("/ranking")
def ranking(request: Request, year: int | None = None, region: str | None = None,
            metric: str = DEFAULT_RANKING, kind: str = "budget",
            user: User = PERSON) -> Response:
    from cnbudget.query.compare import rank

    rows: list[dict[str, object]] = []
    error = None
    if year is not None:
        try:
            with request.app.state.store.engine.connect() as conn:
                found = rank(conn, year=year, metric=metric, kind=kind, region=region or None)
            rows = [{**r, "amount_text": fmt(r["amount"]), "share_text": fmt_pct(r["share_pct"]),
                     "growth_text": fmt_pct(r["growth_pct"])}
                    for r in found.to_dict(orient="records")]
        except (KeyError, ValueError) as exc:
            error = str(exc.args[0] if exc.args else exc)
    chart = {"names": [str(r["department"]) for r in rows],
             "values": [_wan(r["amount"]) for r in rows]}
    return page(request, "ranking.html", user=user, rows=rows, year=year or "",
                region=region or "", metric=metric, kind=kind, kinds=KINDS, error=error,
                metrics=[(k, m.name) for k, m in METRICS.items()],
                chart=json.dumps(chart, ensure_ascii=False))


@router.get("/search")
def search_page(request: Request, q: str = "", user: User = PERSON) -> Response:
    results = None
    if q.strip():  # the one search of the CLI and the library (query/search.py)
        with request.app.state.store.engine.connect() as conn:
            hits = search(conn, q.strip())
        results = {kind: [h for h in hits if h.hit == kind]
                   for kind in ("department", "project", "narrative")}
    return page(request, "search.html", user=user, q=q, results=results)
