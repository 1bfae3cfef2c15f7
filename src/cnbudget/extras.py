"""Optional parts of cnbudget (pip extras) and the message when one is missing.

The core install reads, audits, stores in SQLite, queries and exports CSV and
XLSX. Heavier or server-side parts are extras: `require` imports one on first
use and, when it is not installed, raises `MissingExtra`, whose message names
the extra to install (the CLI shows it and exits 2).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True, slots=True)
class Extra:
    name: str  # as in `pip install 'cnbudget[NAME]'`
    purpose_zh: str
    purpose_en: str


EXTRAS: dict[str, Extra] = {e.name: e for e in (
    Extra("parquet", "导出 Parquet 文件", "Parquet export"),
    Extra("postgres", "连接 PostgreSQL 数据库", "PostgreSQL databases"),
    Extra("web", "网页界面和 HTTP 接口（cnbudget serve）", "the web application and HTTP API"),
    Extra("ocr", "识别扫描件（没有文字层的图像页）", "reading scans (image pages without a text layer)"),
)}


class MissingExtra(ImportError):
    """An optional part is needed but not installed."""

    def __init__(self, extra: str, module: str) -> None:
        known = EXTRAS[extra]
        self.extra, self.module = extra, module
        super().__init__(
            f"{known.purpose_zh}需要可选组件 [{extra}]（缺少 Python 模块 {module}）；"
            f"请安装：pip install 'cnbudget[{extra}]'"
            f" / {known.purpose_en} needs the [{extra}] extra: pip install 'cnbudget[{extra}]'")


def require(module: str, extra: str) -> ModuleType:
    """Import `module` (part of `extra`), or raise MissingExtra naming the extra."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.split(".")[0] == exc.name.split(".")[0]:
            raise MissingExtra(extra, module) from None
        raise
