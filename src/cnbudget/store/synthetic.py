"""Synthetic disclosures for the scale benchmark and the tests: a complete
department budget or final account whose tables agree with one another, and
`vary` to make many distinct disclosures out of one template document
(another department, region, year, amounts scaled).
"""

from __future__ import annotations

import hashlib
from copy import deepcopy
from dataclasses import replace
from decimal import Decimal

from cnbudget.model.document import (
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    Finding,
    FindingLocation,
    Kind,
    Locator,
    Paragraph,
    Region,
    RegionLevel,
    Row,
    Scope,
    Severity,
    SourceFile,
    Table,
)
from cnbudget.model.table_types import NON_AMOUNT_COLUMNS

WAN = Decimal(10000)
CENT = Decimal("0.01")

# functional 项 codes with their 类/款 and (basic, project) in 万元 at factor 1
_FUNCTIONAL: tuple[tuple[str, str, Decimal, Decimal], ...] = (
    ("2010301", "行政运行", Decimal("1850.20"), Decimal("0")),
    ("2010350", "事业运行", Decimal("420.10"), Decimal("0")),
    ("2010399", "其他政府办公厅(室)及相关机构事务支出", Decimal("0"), Decimal("980.55")),
    ("2080505", "机关事业单位基本养老保险缴费支出", Decimal("160.32"), Decimal("0")),
    ("2101101", "行政单位医疗", Decimal("88.40"), Decimal("0")),
    ("2210201", "住房公积金", Decimal("126.75"), Decimal("0")),
)
_NAMES = {"201": "一般公共服务支出", "20103": "政府办公厅(室)及相关机构事务",
          "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
          "210": "卫生健康支出", "21011": "行政事业单位医疗",
          "221": "住房保障支出", "22102": "住房改革支出"}
_ECONOMIC: tuple[tuple[str, str, Decimal, str], ...] = (
    ("30101", "基本工资", Decimal("610.00"), "personnel"),
    ("30102", "津贴补贴", Decimal("540.37"), "personnel"),
    ("30108", "机关事业单位基本养老保险缴费", Decimal("160.32"), "personnel"),
    ("30201", "办公费", Decimal("95.60"), "public"),
    ("30211", "差旅费", Decimal("48.10"), "public"),
    ("30231", "公务用车运行维护费", Decimal("22.00"), "public"),
)
_THREE_PUBLIC = (("outbound", "因公出国(境)费", Decimal("12.00")),
                 ("vehicle_purchase", "公务用车购置费", Decimal("0")),
                 ("vehicle_operation", "公务用车运行维护费", Decimal("22.00")),
                 ("reception", "公务接待费", Decimal("6.50")))


def _yuan(wan: Decimal, factor: Decimal) -> Decimal:
    return (wan * factor).quantize(CENT) * WAN


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _functional_rows(factor: Decimal) -> list[Row]:
    items = [(code, name, _yuan(b, factor), _yuan(p, factor)) for code, name, b, p in _FUNCTIONAL]
    rows: list[Row] = []
    groups: dict[str, list[tuple[str, str, Decimal, Decimal]]] = {}
    for item in items:
        groups.setdefault(item[0][:3], []).append(item)
    total_b = _sum([i[2] for i in items])
    total_p = _sum([i[3] for i in items])
    rows.append(Row({"total": total_b + total_p, "basic": total_b, "project": total_p},
                    item="total", name="合计"))
    for lei, members in groups.items():
        for code, members_of in ((lei, members), *(
            (k, [m for m in members if m[0][:5] == k]) for k in sorted({m[0][:5] for m in members})
        )):
            b, p = _sum([m[2] for m in members_of]), _sum([m[3] for m in members_of])
            rows.append(Row({"total": b + p, "basic": b, "project": p}, code=code,
                            name=_NAMES[code]))
            if len(code) == 5:
                rows.extend(
                    Row({"total": m[2] + m[3], "basic": m[2], "project": m[3] or None},
                        code=m[0], name=m[1])
                    for m in members_of
                )
    return rows


def full_document(
    department: str, code: str | None, region: str, year: int, *,
    kind: Kind = Kind.BUDGET, factor: Decimal = Decimal(1),
) -> Document:
    """A complete, internally consistent disclosure (amounts × `factor`)."""
    functional = _functional_rows(factor)
    econ = [(c, n, _yuan(v, factor), col) for c, n, v, col in _ECONOMIC]
    personnel = _sum([v for *_x, v, col in econ if col == "personnel"])
    public = _sum([v for *_x, v, col in econ if col == "public"])
    three = [(k, n, _yuan(v, factor)) for k, n, v in _THREE_PUBLIC]
    three_total = _sum([v for *_x, v in three])
    column = "final" if kind is Kind.FINAL_ACCOUNT else "amount"
    expenditure_total = _sum([i.values["total"] or Decimal(0) for i in functional[1:]
                              if i.code and len(i.code) == 3])
    summary = [
        Row({"amount": expenditure_total}, item="fiscal", side="income", name="一、财政拨款收入"),
        Row({"amount": expenditure_total}, item="income_total", side="income",
            name="本年收入合计"),
        Row({"amount": expenditure_total}, item="grand_total", side="income", name="收入总计"),
        *(Row({"amount": r.values["total"]}, item=f"func:{r.code}", side="expenditure",
              name=r.name) for r in functional if r.code and len(r.code) == 3),
        Row({"amount": expenditure_total}, item="expenditure_total", side="expenditure",
            name="本年支出合计"),
        Row({"amount": expenditure_total}, item="grand_total", side="expenditure",
            name="支出总计"),
    ]
    label = "决算" if kind is Kind.FINAL_ACCOUNT else "预算"
    line = iter(range(1, 10_000))

    def located(rows: list[Row]) -> list[Row]:
        for row in rows:
            row.locator = Locator(line=next(line))
        return rows

    tables = [
        Table("summary", f"部门{label}收支总表", located(summary), "万元", Locator(line=next(line))),
        Table("expenditure", f"部门{label}支出总表", located(deepcopy(functional)), "万元",
              Locator(line=next(line))),
        Table("general_public", f"一般公共预算支出{label}表", located(deepcopy(functional)),
              "万元", Locator(line=next(line))),
        Table("general_public_basic", f"一般公共预算基本支出{label}表", located([
            Row({"total": personnel + public, "personnel": personnel, "public": public},
                item="total", name="合计"),
            *(Row({"total": v}, code=c, name=n) for c, n, v, _col in econ),
        ]), "万元", Locator(line=next(line))),
        Table("three_public", f"“三公”经费支出{label}表", located([
            Row({column: three_total}, item="total", name="合计"),
            *(Row({column: v}, item=k, name=n) for k, n, v in three),
        ]), "万元", Locator(line=next(line))),
        Table("gov_fund", f"政府性基金预算支出{label}表", [], "万元",
              Locator(line=next(line)), empty=True, note="本部门无政府性基金预算收支,此表为空表。"),
    ]
    text = f"{year}年部门支出{label}为 {expenditure_total / WAN}万元"
    meta = DocumentMeta(
        kind=kind, scope=Scope.DEPARTMENT, year=year, title=f"{department}{year}年部门{label}",
        department=Department(department, code), region=Region(region, RegionLevel.CITY),
        source_units=["万元"],
    )
    digest = hashlib.sha256(f"{region}|{department}|{code}|{year}|{kind}|{factor}".encode())
    return Document(
        source=SourceFile(f"{department}{year}年{label}.txt", digest.hexdigest(), "text"),
        meta=meta, tables=tables,
        facts=[
            Fact("expenditure_total", expenditure_total, "元", text, Locator(line=next(line)),
                 printed_unit="万元"),
            Fact("three_public_total", three_total, "元", f"“三公”经费{label} {three_total / WAN}万元",
                 Locator(line=next(line)), printed_unit="万元"),
        ],
        findings=[Finding(
            "completeness.empty_table_explained", Category.COMPLETENESS, Severity.INFO,
            "政府性基金预算支出表为空表,已说明", locations=(FindingLocation(table="gov_fund"),),
        )],
        narrative=[Paragraph(text, Locator(line=1))],
    )


def _scaled(values: dict[str, Decimal | None], factor: Decimal) -> dict[str, Decimal | None]:
    return {
        k: v if v is None or k in NON_AMOUNT_COLUMNS else (v * factor).quantize(CENT)
        for k, v in values.items()
    }


def vary(template: Document, *, department: str, code: str | None, region: str, year: int,
         factor: Decimal, kind: Kind | None = None) -> Document:
    """A copy of `template` as another department's disclosure, amounts × `factor`
    (rounded to the cent), with a content hash of its own. Unchanged parts are
    shared with the template, not copied."""
    kind = kind or template.meta.kind
    meta = replace(template.meta, department=Department(department, code),
                   region=replace(template.meta.region, name=region), year=year, kind=kind)
    tables = [
        replace(t, rows=[replace(r, values=_scaled(r.values, factor)) for r in t.rows])
        for t in template.tables
    ]
    facts = [
        replace(f, value=(f.value * factor).quantize(CENT)) if f.unit == "元" else f
        for f in template.facts
    ]
    digest = hashlib.sha256(
        f"{template.source.sha256}|{region}|{department}|{code}|{year}|{kind}|{factor}".encode()
    )
    source = replace(template.source, sha256=digest.hexdigest(),
                     file=f"{department}-{year}-{template.source.file}")
    return replace(template, source=source, meta=meta, tables=tables, facts=facts)
