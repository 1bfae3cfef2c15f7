"""The sample's 情况说明: paragraphs whose every figure is one of its tables',
with the facts a reader would quote from them. The sections are the ones the
audit's template profiles require (三公, 机关运行经费, 政府采购, 国有资产, 绩效,
名词解释), worded as published disclosures word them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cnbudget.model import Document, Fact, Kind, Paragraph, Row, Table
from cnbudget.samples.catalogue import PREVIOUS_YEAR_SHARE, STAFF
from cnbudget.samples.narrative_items import item_statements


def wan(cents: int) -> str:
    """Hundredths of 万元 as printed in prose: 409711 → "4097.11"."""
    return format(Decimal(cents) / 100, ".2f")


@dataclass(slots=True)
class _Writer:
    paragraphs: list[Paragraph] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def say(self, text: str, facts: tuple[tuple[str, int, str], ...] = (), **counts: int) -> None:
        """One paragraph; `facts` are (key, hundredths of 万元, clause quoted)."""
        self.paragraphs.append(Paragraph(text))
        for key, cents, clause in facts:
            self.facts.append(Fact(key, Decimal(cents * 100), "元", clause, printed_unit="万元"))
        for key, count in counts.items():
            unit = "辆" if key == "vehicles" else "人"
            self.facts.append(Fact(key, Decimal(count), unit, text))

    def change(self, text: str, amount: int, pct: Decimal, clause: str, pct_clause: str) -> None:
        self.paragraphs.append(Paragraph(text))
        self.facts.append(Fact("change_amount", Decimal(amount * 100), "元", clause,
                               subject="expenditure_total", printed_unit="万元"))
        self.facts.append(Fact("change_pct", pct, "%", pct_clause, subject="expenditure_total"))


def write_narrative(doc: Document, vehicles: int, previous_total: Decimal | None = None) -> None:
    """Fill `doc.narrative` and `doc.facts` from the document's own tables; the
    change against last year from `previous_total` (yuan) where the previous
    year's document is known, else from a fixed share."""
    meta = doc.meta
    name, year = meta.department.name or "", meta.year
    final = meta.kind is Kind.FINAL_ACCOUNT
    word = "决算" if final else "预算"
    cents = _Cents(doc)
    total, basic, project = cents.expenditure("total"), cents.expenditure("basic"), cents.expenditure("project")
    personnel, public = cents.basic("personnel"), cents.basic("public")
    tp = cents.three_public
    procurement = cents.item("procurement", "total", "amount")
    previous = int(previous_total / 100) if previous_total is not None else \
        int((Decimal(total) * PREVIOUS_YEAR_SHARE / 10000).quantize(Decimal(1), ROUND_HALF_UP))
    change = total - previous
    pct = (Decimal(change) * 100 / previous).quantize(Decimal("0.01"), ROUND_HALF_UP)

    w = _Writer()
    w.paragraphs.append(Paragraph(f"{name}{year}年部门{word}情况说明"))
    w.paragraphs.append(Paragraph("一、部门职责及机构设置情况"))
    w.say(f"{name}为一级预算单位，内设办公室、规划发展处、业务管理处、应用推广处、"
          f"网络建设与安全处五个处室，在职人员{STAFF}人。", staff=STAFF)
    w.paragraphs.append(Paragraph(f"二、{word}收支总体情况"))
    income_clause = f"{year}年收入{word}{wan(total)}万元"
    w.say(f"{income_clause}，全部为一般公共预算拨款收入。", (("income_total", total, income_clause),))
    total_clause = f"{year}年部门支出{word}为{wan(total)}万元"
    w.say(f"{total_clause}，其中基本支出{wan(basic)}万元，项目支出{wan(project)}万元。"
          f"基本支出中，人员经费{wan(personnel)}万元，日常公用经费{wan(public)}万元。", (
              ("expenditure_total", total, total_clause),
              ("basic", basic, f"基本支出{wan(basic)}万元"),
              ("project", project, f"项目支出{wan(project)}万元"),
              ("personnel", personnel, f"人员经费{wan(personnel)}万元"),
              ("public", public, f"日常公用经费{wan(public)}万元"),
          ))
    change_clause = f"较{year - 1}年{'增加' if change >= 0 else '减少'}{wan(abs(change))}万元"
    pct_clause = f"{'增长' if change >= 0 else '下降'}{abs(pct)}%"
    w.change(f"{year}年部门支出{word}{wan(total)}万元，{change_clause}，{pct_clause}，"
             f"主要是新增购买智慧城市服务项目。", change, pct, change_clause, pct_clause)
    items, item_facts = item_statements(doc)
    w.paragraphs += items
    w.facts += item_facts
    w.paragraphs.append(Paragraph("三、机关运行经费情况"))
    op_clause = f"机关运行经费共计安排{wan(public)}万元"
    w.say(f"{year}年，本部门{op_clause}，主要用于办公费、邮电费、差旅费、会议费、"
          f"公务用车运行维护费等支出。", (("operating_cost", public, op_clause),))
    w.paragraphs.append(Paragraph("四、财政拨款“三公”经费情况"))
    tp_clause = f"财政拨款“三公”经费{word}{wan(tp['total'])}万元"
    w.say(f"{year}年，本部门{tp_clause}，其中：因公出国（境）费{wan(tp['outbound'])}万元；"
          f"公务用车购置费{wan(tp['vehicle_purchase'])}万元，"
          f"公务用车运行维护费{wan(tp['vehicle_operation'])}万元；公务接待费{wan(tp['reception'])}万元。", (
              ("three_public_total", tp["total"], tp_clause),
              ("outbound", tp["outbound"], f"因公出国（境）费{wan(tp['outbound'])}万元"),
              ("vehicle_purchase", tp["vehicle_purchase"], f"公务用车购置费{wan(tp['vehicle_purchase'])}万元"),
              ("vehicle_operation", tp["vehicle_operation"],
               f"公务用车运行维护费{wan(tp['vehicle_operation'])}万元"),
              ("reception", tp["reception"], f"公务接待费{wan(tp['reception'])}万元"),
          ))
    w.paragraphs.append(Paragraph("五、政府采购情况"))
    pr_clause = f"政府采购{word}总额{wan(procurement)}万元"
    w.say(f"{year}年，本部门{pr_clause}，主要为办公设备、印刷服务和设备维修服务。",
          (("procurement_total", procurement, pr_clause),))
    w.paragraphs.append(Paragraph("六、国有资产占用情况"))
    w.say(f"截至{year - 1}年12月31日，本部门共有公务用车{vehicles}辆。", vehicles=vehicles)
    if final:
        _evaluation(w, year, cents)
    else:
        _targets(w, year, cents)
    _glossary(w)
    doc.narrative = w.paragraphs
    doc.facts = w.facts


def _targets(w: _Writer, year: int | None, cents: _Cents) -> None:
    """预算绩效信息: the projects whose 绩效目标表 is published, listed with their
    amounts the way disclosures list them (the audit checks them against the tables)."""
    targets = cents.doc.tables_of("performance_target")
    w.paragraphs.append(Paragraph("七、预算绩效信息"))
    w.say(f"按照全面实施预算绩效管理的要求，本部门{year}年项目支出全部编制了绩效目标，"
          f"绩效目标随部门预算一并批复。随部门预算公开绩效目标的重点项目共{len(targets)}个：")
    for n, table in enumerate(targets, 1):
        w.say(f"{n}、{table.subject}项目{wan(cents.of(table, 'budget'))}万元。")


def _evaluation(w: _Writer, year: int | None, cents: _Cents) -> None:
    """绩效评价情况: the self-evaluation every project of the year went through."""
    projects = [r for r in cents.rows("project_expenditure") if r.item != "total"]
    w.paragraphs.append(Paragraph("七、绩效评价情况"))
    w.say(f"根据预算绩效管理要求，本部门组织对{year}年度项目支出全面开展绩效自评，"
          f"共涉及项目{len(projects)}个。自评结果显示，各项目均完成了年初设定的绩效目标，"
          f"未发现问题。")


# as the seeds' 名词解释 word them (e.g. seed 000, 八、名词解释)
_GLOSSARY = (
    "1、一般公共预算拨款收入：指本级财政当年拨付的资金。",
    "2、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "3、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "4、“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和"
    "公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、"
    "杂费、培训费等支出；公务用车购置及运行维护费反映单位公务用车购置费及租用费、燃料费、"
    "维修费、过路过桥费、保险费等支出；公务接待费反映单位按规定开支的各类公务接待支出。",
    "5、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和"
    "服务等的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、"
    "专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、"
    "公务用车运行维护费以及其他费用。",
)


def _glossary(w: _Writer) -> None:
    w.paragraphs.append(Paragraph("八、名词解释"))
    for entry in _GLOSSARY:
        w.say(entry)


class _Cents:
    """Read figures back from the document's tables, in hundredths of 万元."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def item(self, type_: str, item: str, column: str) -> int:
        table = self.doc.table(type_)
        row = table.row_by_item(item) if table else None
        value = row.values.get(column) if row else None
        return int((value or Decimal(0)) / 100)

    def rows(self, type_: str) -> list[Row]:
        table = self.doc.table(type_)
        return table.rows if table else []

    @staticmethod
    def of(table: Table, column: str) -> int:
        """The one row of a per-project table (绩效目标表)."""
        return int((table.rows[0].values.get(column) or Decimal(0)) / 100)

    def expenditure(self, column: str) -> int:
        return self.item("expenditure", "total", column)

    def basic(self, column: str) -> int:
        return self.item("general_public_basic", "total", column)

    @property
    def three_public(self) -> dict[str, int]:
        column = "final" if self.doc.meta.kind is Kind.FINAL_ACCOUNT else "amount"
        return {k: self.item("three_public", k, column)
                for k in ("total", "outbound", "vehicle_purchase", "vehicle_operation", "reception")}
