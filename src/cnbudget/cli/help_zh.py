"""The CLI's help in Chinese, the default language (English with `--lang en` or
CNBUDGET_LANG=en). The commands are written with English help; `localise` puts
the Chinese text of this catalogue in its place before the help is shown.
tests/core/test_help_zh.py keeps the catalogue complete: a help text without
its Chinese fails the tests, never silently shows English."""

from __future__ import annotations

import re
from typing import Any

_RANKING = ("income_total, expenditure_total, basic, project, three_public.total, "
            "three_public.outbound, three_public.vehicle, three_public.vehicle_purchase, "
            "three_public.vehicle_operation, three_public.reception, three_public.meeting, "
            "three_public.training, three_public.grand_total, three_public.operating_cost, "
            "func:<类 code>")

HELP_ZH: dict[str, str] = {
    # the application
    "Read, verify, store and compare Chinese departmental budget and final-account disclosures (部门预决算公开).":
        "读取、核对、入库和比较部门预算、决算公开文件。",
    "Print the version and exit.": "显示版本号后退出。",
    "zh (default) or en: the language of tables, messages and reports (also $CNBUDGET_LANG); JSON keys and codes never change.":
        "zh（默认）或 en：表格、提示和报告的语言（也可设 $CNBUDGET_LANG）；JSON 的键和代码不变。",
    # extract
    "Extract disclosure documents into the cnbudget data model. Exit 0: all read; 2: an input could not be read; 3: internal failure.":
        "把公开文件读成 cnbudget 的数据。退出码 0：全部读入；2：有文件无法读取；3：程序内部错误。",
    "Disclosure files (PDF, Word, Excel, HTML, text).": "公开文件（PDF、Word、Excel、HTML、文本）。",
    "Print the contract JSON (one input) on stdout.": "在标准输出打印契约 JSON（一个输入文件时）。",
    "Write one JSON per input into DIR (inputs of the same name get distinct names).":
        "每个输入文件写一个 JSON 到目录 DIR（同名输入得到不同文件名）。",
    "Run the audit and include its findings.": "同时审核，并附上审核发现。",
    "A per-file limit KEY=VALUE (repeatable; e.g. file_mb=50, seconds=30, memory_mb=512); default: $CNBUDGET_LIMITS, else the built-in limits (docs/boundary.md).":
        "单个文件的限额 KEY=VALUE（可重复，如 file_mb=50、seconds=30、memory_mb=512）；"
        "默认取 $CNBUDGET_LIMITS，否则用内置限额（见 docs/boundary.md）。",
    "Write through an output that is a symbolic link.": "输出文件是符号链接时也照写（写到链接目标）。",
    # ingest
    "Extract and store documents in the database: in parallel, resumable, idempotent. Each file is read in an isolated worker under the limits. Exit 0: every file stored or already stored; 2: some files could not be read (each named, the others stored); 3: internal failure.":
        "读取文件并存入数据库：并行、可续做、重复执行结果不变。每个文件在受限的独立进程中读取。"
        "退出码 0：全部入库或已在库中；2：有文件无法读取（逐个列出，其余照常入库）；3：程序内部错误。",
    "Files, folders and zip archives; .json files are contract documents.":
        "文件、文件夹和 zip 压缩包；.json 文件按契约文档读入。",
    "Database: a SQLite path or a SQLAlchemy URL (postgresql://…). Default: $CNBUDGET_DB, else ./cnbudget.db. Commands that only read never create it.":
        "数据库：SQLite 文件路径或 SQLAlchemy URL（postgresql://…）。默认 $CNBUDGET_DB，否则 ./cnbudget.db。"
        "只读的命令从不新建数据库。",
    "Worker processes (default: one per core).": "工作进程数（默认每个 CPU 核一个）。",
    "Extract files already stored again and replace their stored documents in place (after upgrading cnbudget); the version history is kept.":
        "已入库的文件重新读取并原位替换（升级 cnbudget 之后用）；保留版本历史。",
    "Print the report as JSON on stdout.": "在标准输出以 JSON 打印报告。",
    "Where files are extracted: local (worker processes here) or dask (Dask distributed workers; needs the dask extra; docs/scale.md).":
        "在哪里读取文件：local（本机工作进程）或 dask（Dask 分布式工作节点；需安装 dask 扩展；见 docs/scale.md）。",
    "With --engine dask: the address of a running Dask scheduler (tcp://HOST:PORT); without it a local cluster is started.":
        "与 --engine dask 同用：已运行的 Dask 调度器地址（tcp://HOST:PORT）；不给则在本机启动一个集群。",
    "With --engine dask and no --scheduler: the local cluster's worker processes (default: --jobs, else one per core).":
        "与 --engine dask 同用且未给 --scheduler：本机集群的工作进程数（默认取 --jobs，否则每核一个）。",
    # export
    "Export a query: CSV, TSV, XLSX (for people: Chinese headers with units, 万元, Excel-ready), Parquet, JSON Lines (keys, 元); or a Fiscal Data Package (fdp). Written atomically; never over the database, nor through a symbolic link.":
        "导出查询结果：CSV、TSV、XLSX（给人看：中文表头带单位、万元、Excel 直接可用），Parquet、JSON Lines"
        "（键名、元）；或财政数据包（fdp）。整体写入，不覆盖数据库，不经符号链接写入。",
    "One of: disclosures, line-items, indicators, facts, findings, compare, sql, fdp":
        "导出内容之一：disclosures（公开目录）、line-items（表格数据）、indicators（绩效指标）、facts（说明中的数字）、"
        "findings（审核发现）、compare（比较）、sql（查询结果）、fdp（财政数据包）",
    "Output file (a folder for fdp; - for stdout: CSV, TSV or JSON Lines).":
        "输出文件（fdp 为文件夹；- 表示标准输出：CSV、TSV 或 JSON Lines）。",
    "csv, tsv, xlsx, parquet, jsonl (default: from the suffix).": "csv、tsv、xlsx、parquet、jsonl（默认按文件后缀）。",
    "Region name as printed, e.g. 石家庄市.": "地区名称，按印刷的写，如 石家庄市。",
    "Fiscal year.": "年度。",
    "budget (预算) or final_account (决算).": "budget（预算）或 final_account（决算）。",
    "Department id, or (part of) any name it was printed under.": "部门编号，或部门印过的任一名称（或其中一部分）。",
    "line-items, indicators: table type.": "line-items、indicators：表格类型。",
    "sql: the SELECT statement.": "sql：SELECT 查询语句。",
    "compare: ranking metric.": "compare：排名指标。",
    "CSV/TSV/XLSX amounts in 万元 (as printed; default) or 元. Parquet and JSON Lines hold 元 as stored.":
        "CSV/TSV/XLSX 金额单位：万元（与公开文件一致，默认）或 元。Parquet 和 JSON Lines 按库中存的元。",
    "line-items: one row per printed row, one column per figure (XLSX: a sheet per table type).":
        "line-items：每个印刷行一行，每个数字一列（XLSX 每类表格一个工作表）。",
    "CSV/TSV/XLSX: head the columns with their keys and keep codes (budget, final_account) as stored.":
        "CSV/TSV/XLSX：列名用键名，代码（budget、final_account）保持库中原样。",
    "CSV/TSV: start with a UTF-8 BOM so that Excel reads Chinese right (default).":
        "CSV/TSV：文件以 UTF-8 BOM 开头，Excel 打开中文不乱码（默认）。",
    "Stop the statement after this many seconds.": "查询超过这么多秒即停止。",
    "PostgreSQL: run even as a superuser (whose queries can reach the server's files and programs).":
        "PostgreSQL：以超级用户身份也照样运行（超级用户的查询能触及服务器的文件和程序）。",
    # ls, show, compare, sql
    "List disclosures (department × year × kind × scope) with their files and findings.":
        "列出公开（部门 × 年度 × 类型 × 范围）及其文件和审核发现。",
    "Only disclosures with (without) errors.": "只列有（没有）错误的公开。",
    "Print CSV (column keys) on stdout.": "在标准输出打印 CSV（列名用键名）。",
    "Print tab-separated values on stdout.": "在标准输出打印制表符分隔的数据。",
    "Print one JSON object per line on stdout.": "在标准输出每行打印一个 JSON 对象。",
    "Print the data as JSON on stdout.": "在标准输出以 JSON 打印数据。",
    "Print a table for people (the default).": "打印给人看的表格（默认）。",
    "One disclosure: its files (and versions), key figures, tables and findings. --csv/--tsv/--nl print its key figures; --json everything.":
        "一份公开：文件（及版本）、主要数字、表格和审核发现。--csv/--tsv/--nl 打印主要数字；--json 打印全部。",
    "Disclosure id (from `cnbudget ls`).": "公开编号（见 cnbudget ls）。",
    "Show amounts in 万元 (default) or 元.": "金额显示为万元（默认）或元。",
    "Compare one department across years (totals, basic/project, 三公, categories), or rank departments of one year by a metric.":
        "比较一个部门的历年数字（总额、基本/项目、三公、功能分类），或按某个指标给某年的部门排名。",
    "One department across years (id or name); omit with --year to rank.":
        "要逐年比较的部门（编号或名称）；不给、但给 --year 时做排名。",
    "budget or final_account.": "budget（预算）或 final_account（决算）。",
    f"Ranking metric: {_RANKING}": f"排名指标：{_RANKING}",
    "Rank only these departments (repeatable).": "只给这些部门排名（可重复）。",
    "Find departments (any name they were printed under), projects and narrative paragraphs containing a text; each hit with what matched, its disclosure, file and year.":
        "查找名称（含部门印过的任一名称）、项目或说明文字中含有某段文字的部门、项目和段落；"
        "每条结果给出匹配的内容、所属公开、文件和年度。",
    "The text to find (part of a name, a project or a sentence).":
        "要查找的文字（名称、项目名或句子的一部分）。",
    "Only department, project or narrative (default: all three).":
        "只查 department（部门）、project（项目）或 narrative（说明文字）（默认三者都查）。",
    "At most this many hits of each kind.": "每类结果最多这么多条。",
    "Run one read-only SQL statement, bounded in time and rows; tables: see docs/database.md. Exit 2 for a refused or failing statement.":
        "执行一条只读 SQL 语句，限时限行；表见 docs/database.md。语句被拒绝或出错时退出码为 2。",
    "One SELECT statement (read-only).": "一条 SELECT 语句（只读）。",
    "Refuse results longer than this.": "结果超过这么多行即拒绝。",
    # check, rules
    "Audit disclosure documents. Exit 0: no error-level findings; 1: errors found; 2: an input could not be read; 3: internal failure.":
        "审核公开文件。退出码 0：没有错误级发现；1：发现错误；2：有文件无法读取；3：程序内部错误。",
    "Disclosure files to audit.": "要审核的公开文件。",
    "Print the contract JSON with findings (an array when several files are given).":
        "打印带审核发现的契约 JSON（多个文件时为数组）。",
    "Write a standalone HTML report.": "写一份独立的 HTML 审核报告。",
    "Write a copy of the PDF (one PDF input) with each finding drawn on its cells and sentences, its message as a comment.":
        "另存一份标注过的 PDF（只给一个 PDF 时）：每条审核发现用方框标在它所指的单元格和句子上，说明写在批注里。",
    "Only these rules: ids, categories or globs (repeat or comma-separate).":
        "只用这些规则：规则编号、类别或通配符（可重复或用逗号分隔）。",
    "Skip these rules.": "跳过这些规则。",
    "A requirements TOML for local templates (default: the shipped one).": "本地模板的要求 TOML（默认用自带的）。",
    "The files are one disclosure published in parts (情况说明 and tables apart): audit them as one document, the narrative against the tables.":
        "这些文件是分开发布的同一份公开（情况说明与表格分开）：作为一份文件审核，用说明核对表格。",
    "Audit a stored disclosure (id from cnbudget ls) from --db, its files together.":
        "审核数据库（--db）中的一份公开（编号见 cnbudget ls），其所有文件合在一起审核。",
    "List the audit rules: id, category, default severity, title.": "列出审核规则：编号、类别、默认级别、标题。",
    "Print the catalogue as JSON.": "以 JSON 打印规则目录。",
    # render
    "Write a document out in the standard table layouts (title, unit line, merged headers).":
        "按标准表式（标题、单位行、合并表头）输出一份文件。",
    "A disclosure file (PDF, DOCX, XLSX, HTML, text… read first) or its contract JSON (cnbudget extract --json).":
        "一个公开文件（PDF、DOCX、XLSX、HTML、文本等，先读取）或其契约 JSON（cnbudget extract --json）。",
    "Output format.": "输出格式。",
    "File to write (default: beside DOC, with the format's suffix).": "输出文件（默认在 DOC 旁边，换成该格式的后缀）。",
    "Render the stored document with this id (cnbudget show lists them) from --db.":
        "输出数据库（--db）中这个编号的文件（编号见 cnbudget show）。",
    "Render a built-in sample document instead of DOC.": "输出内置的示例文件，而不是 DOC。",
    "With --sample: 0 for the base figures, else perturbed figures.": "与 --sample 同用：0 为基准数字，其他值为扰动后的数字。",
    "Print what was written as JSON on stdout.": "在标准输出以 JSON 打印写了什么。",
    "Print in a layout variant (repeatable: the dimensions together).": "按某种版式变体输出（可重复：各维度叠加）。",
    "With --to scan: the resolution of the page images.": "与 --to scan 同用：页面图像的分辨率（dpi）。",
    "With --to scan: feed every page turned by this many degrees clockwise (0, 90, 180, 270: sideways, upside down).":
        "与 --to scan 同用：每页顺时针转过这么多度再扫描（0、90、180、270：横放、倒放）。",
    "With --to scan: wrap the page images as a PDF or as an OFD package.":
        "与 --to scan 同用：把页面图像封装为 PDF 或 OFD 文件。",
    # departments
    "Departments: list them with every name they were printed under; alias, merge.":
        "部门：列出部门及其印过的所有名称；alias 记下别名，merge 合并部门。",
    "Record another name of a department: documents printed under it join the department from now on (a name is matched ignoring width and spaces).":
        "记下部门的另一个名称：此后印着这个名称的文件归入该部门（比对名称时不计全角半角和空格）。",
    "Department id (cnbudget departments).": "部门编号（见 cnbudget departments）。",
    "Another name the department is printed under.": "部门印过的另一个名称。",
    "Make SOURCE part of TARGET: names, code and disclosures move to TARGET; a disclosure both have (same year, kind, scope) becomes one disclosure holding the files of both. Documents naming SOURCE later join TARGET.":
        "把 SOURCE 并入 TARGET：名称、编码和公开都移到 TARGET；两者都有的同年同类同范围公开合为一份，"
        "包含双方的文件。此后写着 SOURCE 的文件都归入 TARGET。",
    "The department to merge (its id).": "要并入的部门（编号）。",
    "The department it is part of (its id).": "并入的目标部门（编号）。",
    # the web application (cli/web_commands.py)
    "Run the web application: upload, review findings, departments, HTTP API (docs/web.md). Log in with an account made by `cnbudget user add`.":
        "运行网页界面：上传、复核审核发现、部门、HTTP 接口（见 docs/web.md）。用 `cnbudget user add` 建的账号登录。",
    "Address to listen on (default 127.0.0.1: this machine only; behind a reverse proxy keep it).":
        "监听地址（默认 127.0.0.1：仅本机；放在反向代理后面时保持默认）。",
    "Port to listen on.": "监听端口。",
    "Folder the uploaded files are kept in (under generated names).": "保存上传文件的文件夹（文件名由系统生成）。",
    "Send the session cookie over HTTPS only (behind an HTTPS proxy).": "会话 Cookie 只经 HTTPS 发送（在 HTTPS 代理后面时用）。",
    "Accounts of the web application.": "网页界面的账号。",
    "Largest file an upload may hold, in MB (larger: 413).": "上传的单个文件最大多少 MB（超过则 413）。",
    "Most files one upload may hold (more: 413).": "一次上传最多几个文件（超过则 413）。",
    "API tokens of the web application (Authorization: Bearer).": "网页界面的 API 令牌（Authorization: Bearer）。",
    "The user name to log in with.": "登录用的用户名。",
    "viewer (reads), inspector (uploads and reviews) or admin (everything).":
        "viewer（只读）、inspector（上传和复核）或 admin（全部权限）。",
    "Read the password from standard input (one line) instead of asking.": "从标准输入读密码（一行），不提示输入。",
    "Add a user of the web application; the password is asked for (or read from standard input) and stored as an argon2 hash only.":
        "添加网页界面的用户；提示输入密码（或从标准输入读取），只保存其 argon2 散列。",
    "The user the token acts as.": "令牌代表的用户。",
    "Make an API token for a user and print it once (only its hash is kept).": "为用户生成 API 令牌并只显示一次（只保存其散列）。",
}


def one_paragraph(text: str) -> str:
    """A docstring's lines joined: a line break inside a sentence is no line break in help."""
    return re.sub(r"\s*\n\s*", " ", text.strip())


_PANELS_ZH = {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项",
              "COMMANDS_PANEL_TITLE": "命令", "DEFAULT_STRING": "[默认：{}]",
              "REQUIRED_LONG_STRING": "[必填]"}
HELP_OPTION_ZH = "显示本帮助后退出。"


def _fold_long_lines(rich_utils: Any) -> None:
    """Help texts fold where the column ends instead of ending in "…": Chinese has no
    spaces to wrap at, so a sentence longer than its column is one long "word"."""
    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None or getattr(make, "_cnbudget_folds", False):
        return

    def make_folding(*args: Any, **kwargs: Any) -> Any:
        made = make(*args, **kwargs)
        if hasattr(made, "overflow"):
            made.overflow = "fold"
        return made

    make_folding._cnbudget_folds = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = make_folding


def _first_sentence(text: str) -> str:
    """The command list's line: the first sentence (its 。 or '. ')."""
    for mark in ("。", ". "):
        if mark in text.rstrip():
            return text[:text.index(mark) + 1].strip()
    return text


def _chinese_help_option(command: Any) -> None:
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.help = HELP_OPTION_ZH
        return option

    command.get_help_option = get_help_option


def localise(command: Any, chinese: bool) -> None:
    """Help texts of `command` and its subcommands in the language chosen, in place;
    English texts are made one paragraph either way. Typer's panel titles too."""
    from typer import rich_utils

    _fold_long_lines(rich_utils)
    if chinese:
        for name, value in _PANELS_ZH.items():
            if hasattr(rich_utils, name):  # names of the Typer versions we allow
                setattr(rich_utils, name, value)
    _localise(command, chinese)


def _localise(command: Any, chinese: bool) -> None:
    def text(value: str | None) -> str | None:
        if not value:
            return value
        flat = one_paragraph(value)
        return HELP_ZH.get(flat, flat) if chinese else flat

    command.help = text(command.help)
    if command.help:
        command.short_help = _first_sentence(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = text(param.help)
    if chinese and hasattr(command, "get_help_option"):
        _chinese_help_option(command)
    for sub in getattr(command, "commands", {}).values():
        _localise(sub, chinese)


def missing_translations(command: Any) -> list[str]:
    """Help texts without their Chinese (what tests/core/test_help_zh.py forbids)."""
    found: list[str] = []
    texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
    found += [one_paragraph(t) for t in texts if t and one_paragraph(t) not in HELP_ZH]
    for sub in getattr(command, "commands", {}).values():
        found += missing_translations(sub)
    return found
