"""Conversion between the model and the public JSON contract (cnbudget/disclosure/v1).

`document_to_json` gives plain JSON-ready data with `Decimal` amounts kept as
`Decimal`; `dumps` writes them as exact JSON numbers. `document_from_json`
reads contract JSON back (amounts parsed as `Decimal`), so store, render and
tests can round-trip a document without loss.

Compatible extensions of the contract (documented in docs/data-model.md):
top-level `narrative` (the printed narrative lines), `status` and `problems` (each
with its `severity`); per row `level`, `locator`, and the row's
text fields; per table `subject`, `decimals`; per fact `subject`, `printed_unit`
and `scope`; per finding `unit` and `printed_unit`; per finding location
`title`, `column`, `fact`, `page`, `line`, `quote`, `label`; where the reader knows
positions (PDF) `box` (page and PDF-space rectangle) per table, row, fact, narrative
line and problem, and per row `cell_boxes` (column key → box).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from cnbudget.model.document import (
    Box,
    Category,
    Department,
    Document,
    DocumentMeta,
    Fact,
    FactScope,
    Finding,
    FindingLocation,
    Funds,
    Indicator,
    Kind,
    Locator,
    Paragraph,
    Problem,
    ProblemSeverity,
    Region,
    RegionLevel,
    Row,
    Scope,
    Severity,
    SourceFile,
    Span,
    Status,
    Table,
)

SCHEMA_ID = "cnbudget/disclosure/v1"
# `source.format` as the contract lists it (the format of the file read)
SOURCE_FORMATS = ("pdf", "docx", "doc", "xlsx", "xls", "html", "text", "ofd")  # the contract's list
# formats the readers add to it (docs/data-model.md): OpenDocument spreadsheets, RTF
EXTENDED_FORMATS = ("ods", "rtf")

JSONValue = Any  # JSON-ready data: only dict/list/str/int/bool/None/Decimal


def _locator(loc: Locator | None) -> dict[str, int | None] | None:
    if loc is None:
        return None
    return {"page": loc.page, "line": loc.line}


def box_to_json(box: Box) -> dict[str, JSONValue]:
    return {"page": box.page, "x0": box.x0, "y0": box.y0, "x1": box.x1, "y1": box.y1}


def _with_box(out: dict[str, JSONValue], loc: Locator | None) -> dict[str, JSONValue]:
    """`out` with the locator's box, where it has one (the key is absent otherwise)."""
    if loc is not None and loc.box is not None:
        out["box"] = box_to_json(loc.box)
    return out


def _indicator(ind: Indicator) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {}
    for key in ("level1", "level2", "level3", "target", "actual", "weight", "score"):
        value = getattr(ind, key)
        if value is not None:
            out[key] = value
    out.update(ind.texts)  # extra:<printed header>
    return out


def row_to_json(row: Row) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {}
    if row.side is not None:
        out["side"] = row.side
    if row.unit_code is not None:
        out["unit_code"] = row.unit_code
    else:
        out["code"] = row.code
        if row.code is None or row.item is not None:
            out["item"] = row.item
    out["name"] = row.name
    if row.level is not None:
        out["level"] = row.level
    out.update(row.texts)
    out["values"] = dict(row.values)
    if row.indicators is not None:
        out["indicators"] = [_indicator(i) for i in row.indicators]
    if row.locator is not None:
        out["locator"] = _locator(row.locator)
        _with_box(out, row.locator)
    if row.boxes:
        out["cell_boxes"] = {k: box_to_json(b) for k, b in row.boxes.items()}
    return out


def table_to_json(table: Table) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {
        "type": table.type,
        "title": table.title,
        "locator": _locator(table.locator),
        "unit": table.unit,
        "empty": table.empty,
        "note": table.note,
    }
    if table.subject is not None:
        out["subject"] = table.subject
    if table.figures_unit is not None:
        out["figures_unit"] = table.figures_unit
    if table.misread:
        out["misread"] = True
    if table.decimals is not None:
        out["decimals"] = table.decimals
    _with_box(out, table.locator)
    out["rows"] = [row_to_json(r) for r in table.rows]
    return out


def fact_to_json(fact: Fact) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {
        "key": fact.key,
        "value": fact.value,
        "unit": fact.unit,
        "text": fact.text,
        "locator": _locator(fact.locator),
    }
    if fact.subject is not None:
        out["subject"] = fact.subject
    if fact.printed_unit is not None:
        out["printed_unit"] = fact.printed_unit
    if fact.scope is not None:
        out["scope"] = scope_to_json(fact.scope)
    return _with_box(out, fact.locator)


def scope_to_json(scope: FactScope) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {k: v for k, v in (
        ("item", scope.item), ("name", scope.name), ("level", scope.level), ("code", scope.code),
        ("funds", scope.funds.value if scope.funds else None),
        ("span", scope.span.value if scope.span else None),
    ) if v is not None}
    if scope.parents:
        out["parents"] = list(scope.parents)
    return out


def scope_from_json(data: dict[str, JSONValue] | None) -> FactScope | None:
    if data is None:
        return None
    return FactScope(
        item=data.get("item"), name=data.get("name"), parents=tuple(data.get("parents", ())),
        level=data.get("level"), code=data.get("code"),
        funds=Funds(data["funds"]) if data.get("funds") else None,
        span=Span(data["span"]) if data.get("span") else None,
    )


_LOCATION_FIELDS = ("table", "title", "item", "code", "column", "fact", "page", "line", "quote",
                    "label")


def finding_to_json(finding: Finding) -> dict[str, JSONValue]:
    out: dict[str, JSONValue] = {
        "rule": finding.rule,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "expected": finding.expected,
        "actual": finding.actual,
        "locations": [
            {k: getattr(loc, k) for k in _LOCATION_FIELDS if getattr(loc, k) is not None}
            for loc in finding.locations
        ],
    }
    # the contract's amounts are yuan; a rate, share or count says its unit
    if finding.unit != "元":
        out["unit"] = finding.unit
    if finding.printed_unit is not None:
        out["printed_unit"] = finding.printed_unit
    return out


def document_to_json(doc: Document) -> dict[str, JSONValue]:
    meta = doc.meta
    return {
        "schema": SCHEMA_ID,
        "source": {
            "file": doc.source.file,
            "sha256": doc.source.sha256,
            "format": doc.source.format,
            "pages": doc.source.pages,
        },
        "document": {
            "kind": meta.kind.value if meta.kind else None,
            "scope": meta.scope.value if meta.scope else None,
            "year": meta.year,
            "title": meta.title,
            "department": {"name": meta.department.name, "code": meta.department.code},
            "region": {
                "name": meta.region.name,
                "level": meta.region.level.value if meta.region.level else None,
            },
            "source_units": list(meta.source_units),
        },
        "tables": [table_to_json(t) for t in doc.tables],
        "facts": [fact_to_json(f) for f in doc.facts],
        "findings": [finding_to_json(f) for f in doc.findings],
        "narrative": [_with_box({"text": p.text, "locator": _locator(p.locator)}, p.locator)
                      for p in doc.narrative],
        "status": doc.status.value,
        "problems": [
            _with_box({"message": p.message, "locator": _locator(p.locator),
                       "severity": p.severity.value, "code": p.code, "params": dict(p.params)},
                      p.locator)
            for p in doc.problems
        ],
    }


def _json_number(value: Decimal) -> int | float:
    """A JSON number for a Decimal: int when integral, else the float whose shortest
    repr is the same decimal (true for every printed amount). A value of more
    significant digits than a float holds (a computed sum of damaged figures) comes
    out as the nearest float here; `dumps` writes every value exactly."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _plain(value: JSONValue) -> JSONValue:
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# a Decimal travels through json.dumps as this marked string, then becomes its own digits
_MARK = "\u0000dec:"
_MARKED = re.compile(r'"\\u0000dec:(-?[0-9.E+-]+)"')


def _marked(value: JSONValue) -> JSONValue:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return _MARK + format(value, "f")
    if isinstance(value, str):
        return value.replace("\u0000", "\ufffd")  # a NUL in text is no character: never a mark
    if isinstance(value, dict):
        return {k.replace("\u0000", "\ufffd"): _marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v) for v in value]
    return value


def exact_json(value: JSONValue, indent: int | None = 2) -> str:
    """JSON text with every Decimal written as its exact digits (a JSON number of any
    precision: read back with `parse_float=Decimal` it is the same value)."""
    text = json.dumps(_marked(value), ensure_ascii=False, indent=indent)
    return _MARKED.sub(lambda m: m.group(1), text)


def dumps(doc: Document, indent: int | None = 2) -> str:
    return exact_json(document_to_json(doc), indent)


def to_plain_json(doc: Document) -> dict[str, JSONValue]:
    """The contract as plain JSON types (numbers as int/float), e.g. for a schema check."""
    plain: dict[str, JSONValue] = _plain(document_to_json(doc))
    return plain


# ---- reading back -------------------------------------------------------------

_ROW_FIELDS = {"side", "unit_code", "code", "item", "name", "level", "values",
               "indicators", "locator", "box", "cell_boxes"}


def _dec(value: JSONValue) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def box_from_json(data: JSONValue) -> Box | None:
    if not data:
        return None
    return Box(int(data["page"]), float(data["x0"]), float(data["y0"]), float(data["x1"]),
               float(data["y1"]))


def _loc(data: JSONValue, box: JSONValue = None) -> Locator | None:
    """A locator and the box printed beside it (a box without a locator is kept too)."""
    if not data and not box:
        return None
    data = data or {}
    return Locator(page=data.get("page"), line=data.get("line"), box=box_from_json(box))


def _row(data: dict[str, JSONValue]) -> Row:
    indicators = data.get("indicators")
    return Row(
        values={k: _dec(v) for k, v in data.get("values", {}).items()},
        code=data.get("code"),
        item=data.get("item"),
        side=data.get("side"),
        name=data.get("name"),
        unit_code=data.get("unit_code"),
        texts={k: v for k, v in data.items() if k not in _ROW_FIELDS},
        indicators=None if indicators is None else [
            Indicator(
                level1=i.get("level1"), level2=i.get("level2"), level3=i.get("level3"),
                target=i.get("target"), actual=i.get("actual"),
                weight=_dec(i.get("weight")), score=_dec(i.get("score")),
                texts={k: v for k, v in i.items() if k.startswith("extra:")},
            )
            for i in indicators
        ],
        locator=_loc(data.get("locator"), data.get("box")),
        boxes={k: b for k, v in (data.get("cell_boxes") or {}).items()
               if (b := box_from_json(v)) is not None},
    )


def document_from_json(data: dict[str, JSONValue]) -> Document:
    if data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a {SCHEMA_ID} document (schema={data.get('schema')!r})")
    src = data["source"]
    d = data["document"]
    meta = DocumentMeta(
        kind=Kind(d["kind"]) if d.get("kind") else None,
        scope=Scope(d["scope"]) if d.get("scope") else None,
        year=d.get("year"),
        title=d.get("title"),
        department=Department(**d.get("department", {})),
        region=Region(
            name=d.get("region", {}).get("name"),
            level=RegionLevel(d["region"]["level"]) if d.get("region", {}).get("level") else None,
        ),
        source_units=list(d.get("source_units", [])),
    )
    tables = [
        Table(
            type=t["type"], title=t["title"], rows=[_row(r) for r in t.get("rows", [])],
            unit=t.get("unit"), locator=_loc(t.get("locator"), t.get("box")), empty=t.get("empty", False),
            note=t.get("note"), subject=t.get("subject"), figures_unit=t.get("figures_unit"),
            misread=bool(t.get("misread", False)), decimals=t.get("decimals"),
        )
        for t in data.get("tables", [])
    ]
    facts = [
        Fact(
            key=f["key"], value=Decimal(str(f["value"])), unit=f["unit"], text=f["text"],
            locator=_loc(f.get("locator"), f.get("box")), subject=f.get("subject"),
            printed_unit=f.get("printed_unit"), scope=scope_from_json(f.get("scope")),
        )
        for f in data.get("facts", [])
    ]
    findings = [
        Finding(
            rule=f["rule"], category=Category(f["category"]), severity=Severity(f["severity"]),
            message=f["message"], expected=_dec(f.get("expected")), actual=_dec(f.get("actual")),
            locations=tuple(FindingLocation(**loc) for loc in f.get("locations", [])),
            unit=f.get("unit", "元"), printed_unit=f.get("printed_unit"),
        )
        for f in data.get("findings", [])
    ]
    return Document(
        source=SourceFile(
            file=src["file"], sha256=src["sha256"], format=src["format"], pages=src.get("pages"),
        ),
        meta=meta, tables=tables, facts=facts, findings=findings,
        narrative=[Paragraph(p["text"], _loc(p.get("locator"), p.get("box")))
                   for p in data.get("narrative", [])],
        status=Status(data.get("status", "success")),
        # a problem written before severities were recorded counts as a loss, as it did then
        problems=[
            Problem(p["message"], _loc(p.get("locator"), p.get("box")),
                    ProblemSeverity(p.get("severity", ProblemSeverity.PARTIAL)),
                    code=p.get("code", "read.unclassified"),
                    params=tuple(sorted((p.get("params") or {}).items())))
            for p in data.get("problems", [])
        ],
    )


def loads(text: str) -> Document:
    return document_from_json(json.loads(text, parse_float=Decimal))
