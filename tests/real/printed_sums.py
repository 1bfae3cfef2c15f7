"""The printed tables' own arithmetic, on the expected readings alone (no cnbudget).

A reading whose cells landed in the wrong row or column rarely still adds up,
so this checks the derivation; what does not add up as printed is either a
reading error (fixed in the derivation) or the department's own (listed in
test_jiangsu_expected.DEPARTMENT_ARITHMETIC, never "fixed"). Exact: the
printed figures are summed as printed, no rounding slack.
"""

from __future__ import annotations

from decimal import Decimal

Figures = dict[tuple[str, ...], Decimal | None]


def amount(printed: str | None) -> Decimal | None:
    return None if printed is None else Decimal(printed.replace(",", ""))


def _cells(row: dict) -> Figures:
    return {tuple(path): amount(printed) for path, printed in row["cells"]}


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v or Decimal(0) for v in values), Decimal(0))


def _check(label: str, total: Decimal | None, parts: list[Decimal | None]) -> list[str]:
    if total is None and not any(parts):
        return []
    if (total or Decimal(0)) != _sum(parts):
        return [f"{label}: printed {total}, parts add up to {_sum(parts)}"]
    return []


def _coded(table: dict) -> list[str]:
    out: list[str] = []
    rows = table["rows"]
    coded = [r for r in rows if r.get("code")]
    totals = [r for r in rows if not r.get("code") and r.get("name", "").replace(" ", "") == "合计"]
    for total in totals:
        top = [r for r in coded if len(r["code"]) == 3]
        for path, value in _cells(total).items():
            out += _check(f"合计 {'/'.join(path)}", value, [_cells(r)[path] for r in top])
    for parent in coded:
        width = {3: 5, 5: 7}.get(len(parent["code"]))
        children = [r for r in coded if len(r["code"]) == width and r["code"].startswith(parent["code"])]
        if not children:
            continue
        for path, value in _cells(parent).items():
            out += _check(f"{parent['code']} {'/'.join(path)}", value, [_cells(c)[path] for c in children])
    return out


def _find(figures: Figures, *words: str) -> Decimal | None:
    """The figure whose header path ends in `words` (None where not printed)."""
    for path, value in figures.items():
        if path[-len(words):] == words:
            return value
    raise KeyError(words)


def _wide(table: dict) -> list[str]:
    out: list[str] = []
    for row in table["rows"]:
        f = _cells(row)
        heads = {path[-1] for path in f} | {p for path in f for p in path}
        if "会议费" in heads:  # “三公”经费、会议费、培训费
            car = [p for p in f if len(p) == 3 and p[-1] == "小计"][0]
            three = [p for p in f if len(p) == 2 and p[-1] == "小计"][0]
            out += _check("合计", f[("合计",)], [f[three], _find(f, "会议费"), _find(f, "培训费")])
            out += _check("“三公”小计", f[three], [f[p] for p in f if len(p) == 2 and p != three] + [f[car]])
            out += _check("公务用车小计", f[car], [f[p] for p in f if len(p) == 3 and p != car])
        else:  # 支出预算总表 on one line
            out += _check("合计", f[("合计",)], [v for p, v in f.items() if p != ("合计",)])
    return out


def _procurement(table: dict) -> list[str]:
    """合计 = Σ 品目大类; 大类 = Σ its 经济科目 lines; each 经济科目 line = Σ its 物品 lines."""
    out: list[str] = []
    levels = []
    for row in table["rows"]:
        texts = row.get("texts", {})
        level = 0 if texts.get("采购品目大类") == "合计" or texts.get("采购品目大类", "").replace(" ", "") == "合计" \
            else 1 if "采购品目大类" in texts else 3 if "采购物品名称" in texts or "采购组织形式" in texts else 2
        value = amount(row["cells"][0][1])
        levels.append((level, value, row["page"]))
    for i, (level, value, page) in enumerate(levels):
        if level == 3:
            continue
        parts = []
        for sub_level, sub_value, _ in levels[i + 1:]:
            if sub_level <= level:
                break
            if sub_level == level + 1:
                parts.append(sub_value)
        out += _check(f"采购 line {i + 1} (page {page}, level {level})", value, parts)
    return out


def _panels(table: dict) -> list[str]:
    """Each side: the items add up to 当年收入/支出小计 (the expenditure side twice, by
    function and by use), and 小计 + 结转 to the 合计; 财政拨款 = its 1. and 2. lines."""
    out: list[str] = []
    side = {"收入": [], "功能分类": [], "支出用途": []}
    named: dict[str, Decimal | None] = {}
    for row in table["rows"]:
        (path, printed), = row["cells"]
        name = row["name"].replace(" ", "")
        named[name] = amount(printed)
        panel = path[1] if path[0] == "支出" and len(path) == 3 else path[0]
        if name[0] in "一二三四五六七八九十":
            side[panel].append(amount(printed))
    spent = named.get("当年支出小计", named.get("支出合计"))
    if "当年收入小计" in named:
        out += _check("当年收入小计", named["当年收入小计"], side["收入"])
        out += _check("收入合计", named["收入合计"], [named["当年收入小计"], named.get("上年结转资金")])
        out += _check("支出合计", named["支出合计"], [named["当年支出小计"], named.get("结转下年资金")])
    else:  # 财政拨款收支总表: 收入合计 = 一般公共预算 + 政府性基金
        out += _check("收入合计", named["收入合计"], side["收入"])
    for panel in ("功能分类", "支出用途"):
        if side[panel]:
            out += _check(f"当年支出 ({panel})", spent, side[panel])
    if "一、财政拨款" in named:
        out += _check("一、财政拨款", named["一、财政拨款"],
                      [v for k, v in named.items() if k.startswith(("1.", "2."))])
    return out


def _list(table: dict) -> list[str]:
    """收入总计 = Σ 小计; each 小计 = Σ the lines of its group (其中 lines aside)."""
    out: list[str] = []
    rows = table["rows"]
    total = [amount(r["cells"][0][1]) for r in rows if r.get("name") == "收入总计"]
    subtotals = [r for r in rows if r.get("name") == "小计"]
    out += _check("收入总计", total[0] if total else None, [amount(r["cells"][0][1]) for r in subtotals])
    for i, row in enumerate(rows):
        if row.get("name") != "小计":
            continue
        parts = []
        for other in rows[i + 1:]:
            if other.get("name") == "小计" or other.get("group") not in (None, row.get("group")) \
                    or other.get("name", "").startswith("其中"):
                break
            parts.append(amount(other["cells"][0][1]))
        if parts:
            out += _check(f"{row.get('group')}小计", amount(row["cells"][0][1]), parts)
    return out


def disagreements(table: dict) -> list[str]:
    """Where the printed table does not add up, one line each."""
    layout = table["layout"]
    if layout == "coded":
        return _coded(table)
    if layout == "wide":
        return _wide(table)
    if layout == "procurement":
        return _procurement(table)
    if layout == "panels":
        return _panels(table)
    return _list(table)
