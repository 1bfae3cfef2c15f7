"""The CLI's help is Chinese by default and English on request; every help text
has its Chinese (a new option without one fails here, never shows English)."""

from __future__ import annotations

import os
import subprocess
import sys

import typer.main

from cnbudget.cli.help_zh import HELP_ZH, missing_translations, one_paragraph
from cnbudget.cli.main import app


def _help(*args: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CNBUDGET_LANG"}
    if lang:
        env["CNBUDGET_LANG"] = lang
    done = subprocess.run([sys.executable, "-m", "cnbudget", *args], capture_output=True,
                          text=True, env={**env, "COLUMNS": "100"}, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.replace(" ", "")  # Chinese help breaks lines at added spaces


def test_every_help_text_has_its_chinese() -> None:
    assert missing_translations(typer.main.get_command(app)) == []
    assert all(one_paragraph(k) == k for k in HELP_ZH)  # keys as the lookup makes them


def test_help_is_chinese_by_default_and_english_on_request() -> None:
    zh = _help("--help")
    assert "读取、核对、入库和比较部门预算、决算公开文件" in zh and "选项" in zh
    assert "审核公开文件。" in zh and "Auditdisclosuredocuments" not in zh
    check = _help("check", "--help")
    assert "要审核的公开文件" in check and "显示本帮助后退出" in check and "docs/boundary.md" in check
    en = _help("--lang", "en", "check", "--help")
    assert "Disclosurefilestoaudit." in en and "要审核的公开文件" not in en
    assert "Extractdisclosuredocuments" in _help("--help", lang="en")
