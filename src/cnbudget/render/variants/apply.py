"""A document printed in a layout variant.

Two steps, kept apart so that a test can compare what was printed with what
is read back: `variant_document` is the document as the variant prints it, in
contract terms (tables in the variant's unit; a 基本支出 table in panels
prints one 金额 per row, so its rows hold `total` and its 合计 line the two
panel totals); `printed_tables` lays that document out, the one place every
writer takes its tables from.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from cnbudget.model import Department, Document, Kind, Table
from cnbudget.model.table_types import TABLE_TYPES, RowKey
from cnbudget.render.printed import (
    BodyValue,
    Number,
    PrintedTable,
    code_row_key,
    printed_table,
    printed_unit,
    spending_panels,
    table_unit_line,
    unit_factor,
    value_columns,
)
from cnbudget.render.variants import headers
from cnbudget.render.variants.layouts import (
    basic_panels,
    fits_panels,
    panel_amount,
    stacked_summary,
    wide_items,
)
from cnbudget.render.variants.sheet import Sheet, add_index, join_codes, split_codes
from cnbudget.render.variants.variant import (
    DEFAULT_VARIANT,
    CodeStyle,
    Decimals,
    HeaderWords,
    ItemForm,
    LayoutVariant,
    Merge,
    SummaryPanels,
)
from cnbudget.render.variants.words import TOP_HEADINGS, alternate_words


def variant_document(doc: Document, variant: LayoutVariant) -> Document:
    """The document as `variant` prints it (a copy; `doc` is left as it is).
    Every row holds each column its grid prints, `None` where its cell is
    empty, as reading the print gives it back."""
    shown = copy.deepcopy(doc)
    for index, table in enumerate(shown.tables):
        unit = variant.odd_unit if variant.odd_unit and index % 2 else variant.unit
        if unit and printed_unit(table) is not None:
            table.unit, table.figures_unit = unit, None
        _fill_printed_columns(table)
        if variant.basic_panels > 1 and fits_panels(table):
            _panel_values(table)
    return shown


def _fill_printed_columns(table: Table) -> None:
    ttype = TABLE_TYPES.get(table.type)
    if ttype is None or ttype.row_key is RowKey.PROJECT:
        return
    groups = [table.rows]
    if ttype.row_key is RowKey.SIDE_ITEM:  # each panel prints its own columns
        spending = spending_panels([r for r in table.rows if r.side != "income"])
        groups = [[r for r in table.rows if r.side == "income"], *(rows for _, rows in spending)]
    for rows in groups:
        for column in value_columns(table, ttype, rows):
            for row in rows:
                row.values.setdefault(column, None)


def _panel_values(table: Table) -> None:
    for row in table.rows:
        if row.code:
            row.values = {"total": panel_amount(row)}
        else:  # the 合计 line: 人员经费合计 | 公用经费合计
            row.values = {side: row.values.get(side) for side in ("personnel", "public")}


def printed_tables(doc: Document, variant: LayoutVariant = DEFAULT_VARIANT) -> list[tuple[Table, PrintedTable]]:
    """Each table of the document as `variant` lays it out."""
    department = doc.meta.department
    if variant == DEFAULT_VARIANT:
        return [(t, printed_table(t, department)) for t in doc.tables]
    shown = variant_document(doc, variant)
    return [(t, variant_table(t, variant, shown.meta.kind, department)) for t in shown.tables]


def variant_table(table: Table, variant: LayoutVariant, kind: Kind | None = None,
                  department: Department | None = None) -> PrintedTable:
    """One table (already in the variant's unit) laid out in the variant."""
    ttype = TABLE_TYPES.get(table.type)
    printed = _layout(table, variant) or printed_table(table, department)
    printed.unit_line = table_unit_line(table, department)
    if ttype is not None and ttype.row_key is not RowKey.PROJECT and printed.header:
        printed = _reshaped(printed, table, variant, kind)
    printed = _numbers(printed, variant)
    if variant.page_rows and len(printed.body) > variant.page_rows:
        printed.page_rows = variant.page_rows
    return printed


def _layout(table: Table, variant: LayoutVariant) -> PrintedTable | None:
    ttype = TABLE_TYPES.get(table.type)
    if ttype is None:
        return None
    factor = unit_factor(table)
    if variant.basic_panels > 1:
        if (printed := basic_panels(table, factor, variant.basic_panels)) is not None:
            return printed
    if variant.summary_panels is SummaryPanels.STACKED and ttype.row_key is RowKey.SIDE_ITEM:
        if (printed := stacked_summary(table, ttype, factor)) is not None:
            return printed
    if variant.item_form is ItemForm.WIDE:
        return wide_items(table, ttype, factor)
    return None


def _reshaped(printed: PrintedTable, table: Table, variant: LayoutVariant, kind: Kind | None) -> PrintedTable:
    sheet = Sheet.of(printed)
    if variant.code_style is CodeStyle.SPLIT and code_row_key(table, TABLE_TYPES[table.type]) is RowKey.FUNCTIONAL:
        split_codes(sheet)
    elif variant.code_style is CodeStyle.JOINED:
        join_codes(sheet)
    if variant.index_column and sheet.printed.label_columns and sheet.printed.body:
        add_index(sheet)
    paths = sheet.paths
    if variant.header_words is HeaderWords.ALTERNATE:
        paths = headers.reword(paths, alternate_words(table.type, kind))
    labels = sheet.printed.label_columns
    if variant.header_levels == 1:
        paths = headers.flatten(paths, labels)
    elif (variant.header_levels or 0) > max(len(p) for p in paths) and table.type in TOP_HEADINGS:
        paths = headers.deepen(paths, labels, TOP_HEADINGS[table.type])
    sheet.paths = paths
    out = sheet.done()
    if variant.column_numbers:
        out.header.append(headers.column_numbers_row(out.width, labels, variant.merge is Merge.MERGED))
    out.header = headers.unmerge(out.header, variant.merge)
    return out


def _numbers(printed: PrintedTable, variant: LayoutVariant) -> PrintedTable:
    if variant.decimals is Decimals.TWO and variant.thousands is None:
        return printed

    def shown(value: BodyValue) -> BodyValue:
        if not isinstance(value, Number):
            return value
        decimals = value.needed if variant.decimals is Decimals.AS_NEEDED else value.decimals
        return Number(value.value, decimals, variant.thousands)
    return replace(printed, body=[[shown(v) for v in row] for row in printed.body])
