"""The catalogue of reading problems: what a reader could not take in as printed.

Every `Problem` carries a stable `code` from this catalogue (like a rule id), so
the store, the tests and users select problems by code, never by message text.
A code has a default severity (`recovered`: read all the same; `partial`:
something printed was lost) and a message template in Chinese and English with
named parameters; `problem_of` fills the template. docs/problems.md is
generated from this catalogue. A plugin adds its own codes with
`add_problem_type`. This module imports nothing of cnbudget but the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from cnbudget.model.document import Locator, Problem, ProblemSeverity

R = ProblemSeverity.RECOVERED
P = ProblemSeverity.PARTIAL


@dataclass(frozen=True, slots=True)
class ProblemType:
    code: str
    severity: ProblemSeverity  # the default; a reader may report a code at the other severity
    title_zh: str
    title_en: str
    template_zh: str  # str.format template over the problem's params
    template_en: str


def _t(code: str, severity: ProblemSeverity, title_zh: str, title_en: str,
       template_zh: str, template_en: str) -> ProblemType:
    return ProblemType(code, severity, title_zh, title_en, template_zh, template_en)


_TYPES: tuple[ProblemType, ...] = (
    # --- the document as a whole
    _t("document.not-a-disclosure", P, "不是预决算公开文件", "not a disclosure",
       "{file}：{reason}，不是部门预算或决算公开文件",
       "{file}: {reason}; this is not a budget or final-account disclosure"),
    _t("document.template", P, "未填写的模板", "an unfilled template",
       "{file}：这是未填写的模板（{reason}），不是公开文件",
       "{file}: an unfilled template ({reason}), not a disclosure"),
    # --- files that cannot be read at all (`UnreadableSource.code`; the file yields no document)
    _t("source.unreadable", P, "文件无法读取", "file cannot be read",
       "{file}：{reason}", "{file}: {reason}"),
    _t("source.missing", P, "文件不存在", "no such file",
       "{file}：文件不存在或无法打开（{reason}）", "{file}: no such file or it cannot be opened ({reason})"),
    _t("source.not-a-file", P, "不是普通文件", "not a regular file",
       "{file}：是{kind}，不是普通文件；只读取普通文件",
       "{file}: a {kind}, not a regular file; only regular files are read"),
    _t("source.too-large", P, "文件过大", "file too large",
       "{file}：{size} MB，超过上限 {limit} MB（限额 {key}）",
       "{file}: {size} MB, more than the limit of {limit} MB (limit {key})"),
    _t("source.container-limit", P, "压缩包超出限额", "zip container over a limit",
       "{file}：压缩包{what}为 {value}，超过上限 {limit}（限额 {key}）",
       "{file}: the zip container's {what} is {value}, more than the limit of {limit} "
       "(limit {key})"),
    _t("source.container-corrupt", P, "压缩包损坏", "corrupt zip container",
       "{file}：压缩包成员 {member} 损坏：{reason}",
       "{file}: zip member {member} is corrupt: {reason}"),
    _t("source.xml-entities", P, "XML 声明了实体", "XML declares entities",
       "{file}：{part} 含有 DTD 或实体声明（办公文档从不使用），拒绝读取",
       "{file}: {part} has a DTD or entity declarations, which office documents never use; "
       "refused"),
    _t("source.too-deep", P, "嵌套过深", "nested too deep",
       "{file}：元素嵌套超过 {limit} 层（限额 xml_depth）",
       "{file}: elements nested more than {limit} deep (limit xml_depth)"),
    _t("source.too-many", P, "数量超出限额", "count over a limit",
       "{file}：{what} {value}，超过上限 {limit}（限额 {key}）",
       "{file}: {value} {what}, more than the limit of {limit} (limit {key})"),
    _t("source.out-of-memory", P, "读取内存超限", "reading ran out of memory",
       "{file}：读取所需内存超过 {limit} MB（限额 memory_mb）{detail}",
       "{file}: reading needed more than {limit} MB of memory (limit memory_mb){detail}"),
    _t("source.timeout", P, "读取超时", "reading took too long",
       "{file}：读取超过 {limit} 秒（限额 seconds），已停止",
       "{file}: reading took longer than {limit} s (limit seconds) and was stopped"),
    _t("source.reader-crashed", P, "读取程序崩溃", "the reader crashed",
       "{file}：读取进程异常终止（{how}）{detail}",
       "{file}: the reading process died ({how}){detail}"),
    _t("source.reader-failed", P, "读取程序出错", "the reader failed",
       "{file}：读取时出错：{error}", "{file}: the reader failed: {error}"),
    _t("source.symlink", R, "通过符号链接读取", "read through a symbolic link",
       "{file} 是指向 {target} 的符号链接，读取的是后者",
       "{file} is a symbolic link to {target}; that file was read"),
    # --- pages, sheets and files, as the format readers report them
    _t("page.scanned", P, "扫描页未读取", "scanned page not read",
       "第 {page} 页是没有文字层的图像（扫描件？），其内容未读取"
       "（识别扫描件需安装 pip install 'cnbudget[ocr]'，已安装则是 OCR 未识别出文字）",
       "page {page} is an image without a text layer (scanned?); its content is not read "
       "(reading scans needs pip install 'cnbudget[ocr]'; with it installed, OCR found no text)"),
    _t("page.ocr", R, "扫描页已识别", "scanned page read by OCR",
       "第 {page} 页是扫描图像，其文字由 OCR 识别（纠斜 {skew}°，转正 {turn}°）",
       "page {page} is a scanned image; its text was read by OCR (straightened by {skew}°, "
       "turned upright by {turn}°)"),
    _t("ocr.uncertain", P, "OCR 识别不确定", "OCR reading uncertain",
       "第 {page} 页表格第 {row} 行第 {col} 列识别为“{text}”，把握不足（得分 {score}，"
       "某处另一读法的可能 {doubt}），请核对原件",
       "page {page}, table row {row}, column {col} read as {text!r} with too little confidence "
       "(score {score}, another reading somewhere as likely as {doubt}); check the original"),
    _t("ocr.corrected", R, "OCR 数字已按表内关系更正", "OCR digit corrected by the table's sums",
       "表“{title}”“{row}”行 {column} 列 OCR 读作 {before}，与表内勾稽关系不符；"
       "只有把一个形近数字改过才相符，已更正为 {after}",
       "table {title!r}, row {row}, column {column}: OCR read {before}, which breaks the table's "
       "identities; the one look-alike digit swap that makes them hold gives {after}, used instead"),
    _t("ocr.unconfirmed", P, "OCR 数字未经表内关系确认", "OCR figures not confirmed by the table's sums",
       "表“{title}”（扫描页）不满足 {identity}，且无法由唯一的形近数字更正确定；其中的数字可能识别有误，请核对原件",
       "table {title!r} (a scanned page) fails {identity}, and no single look-alike digit swap "
       "mends it; figures in it may be misread: check the original"),
    _t("page.undecodable", P, "页面文字无法解码", "page text cannot be decoded",
       "第 {page} 页的文字无法解码（字体缺少 Unicode 映射）",
       "the text of page {page} cannot be decoded (fonts without a Unicode map)"),
    _t("sheet.hidden", P, "隐藏工作表未读取", "hidden sheet not read",
       "隐藏的工作表“{sheet}”未读取", "hidden sheet {sheet!r} not read"),
    _t("sheet.unreadable", P, "工作表无法读取", "sheet cannot be read",
       "工作表“{sheet}”无法读取：{reason}", "sheet {sheet!r} cannot be read: {reason}"),
    _t("sheet.too-large", P, "工作表超出限额", "sheet over a limit",
       "工作表“{sheet}”的{what}为 {value}，超过上限 {limit}（限额 {key}），未读取",
       "sheet {sheet!r} spans {value} {what}, more than the limit of {limit} (limit {key}); "
       "not read"),
    _t("workbook.empty", P, "工作簿没有内容", "empty workbook",
       "工作簿没有填写任何单元格", "the workbook has no filled cells"),
    _t("workbook.number-formats", R, "数字格式无法读取", "number formats unreadable",
       "数字格式无法读取，按存储值读取：{reason}",
       "number formats could not be read; values read as stored: {reason}"),
    _t("read.unclassified", P, "读取问题", "reading problem", "{message}", "{message}"),
    # --- tables
    _t("table.no-parser", P, "表格类型无解析器", "no parser for the table type",
       "表“{title}”（类型 {type}）没有可用的解析器，未读取",
       "no parser is registered for table type {type!r}: table {title!r} was not read"),
    _t("table.parser-failed", P, "表格读取失败", "table could not be read",
       "表“{title}”读取失败：{reason}", "table {title!r} could not be read: {reason}"),
    _t("table.figures-unplaced", P, "数字未读入表格", "printed figure not placed",
       "表“{title}”中印有的数字 {figure} 没有读入任何单元格",
       "table {title!r}: the printed figure {figure} was read into no cell"),
    _t("table.note-figures", R, "表注中的金额未读作数字", "amounts in a table's note",
       "表“{title}”的表注印有金额 {figure}：保留在表注原文中，未读作表格或文字数字",
       "table {title!r}: its note prints the amounts {figure}, kept in the note's text, read as "
       "no table figure nor fact"),
    _t("table.figure-in-name", P, "数字夹在名称中", "figure glued into a name",
       "表“{title}”中“{name}”的名称里夹有数字 {figure}，没有读成金额",
       "table {title!r}: the name {name!r} holds the figure {figure}, read as no amount"),
    _t("table.figure-in-text", P, "数字留在文字栏中", "figure left in a text column",
       "表“{title}”中“{name}”一行的文字栏“{column}”里印有数字 {figure}，没有读成金额",
       "table {title!r}: the text column {column!r} of the row {name!r} holds the figure {figure}, "
       "read as no amount"),
    _t("table.misread", P, "表格疑似误读", "table probably misread",
       "表“{title}”按读取结果有 {failed}/{checked} 个自身勾稽关系不成立，"
       "很可能是读取错误而非单位填报错误：{detail}",
       "table {title!r}: {failed} of its {checked} own identities fail as read; "
       "most likely a misreading, not the department's error: {detail}"),
    _t("table.names-realigned", R, "科目名称与编码错行，已重新对齐", "names realigned with their codes",
       "表“{title}”：{count} 行的科目名称印在相邻行的编码旁，按科目名称与本表勾稽关系重新对齐为{how}：{detail}",
       "table {title!r}: {count} rows' names stood beside a neighbouring row's code; realigned by the "
       "catalogue's names and the table's own sums ({how}): {detail}"),
    _t("audit.rests-on-misread-table", P, "审核结果依据疑似误读的表格",
       "an audit finding rests on a misread table",
       "审核规则 {rule} 的结果依据疑似误读的表“{title}”，按读取问题报告，不作为单位的错误：{message}",
       "rule {rule}'s finding rests on table {title!r}, which was probably misread; reported as "
       "a reading problem, not as the department's error: {message}"),
    _t("table.values-unplaced", P, "数值无法对应列", "values cannot be placed",
       "表“{title}”：无法确定“{text}”中各数值所在的列",
       "table {title!r}: cannot place the values of {text!r}"),
    _t("table.total-missing", P, "合计数缺失", "total not printed",
       "表“{title}”：合计行没有印出 {column} 合计数",
       "table {title!r}: the {column} total is not printed on the total line"),
    _t("table.figures-unit", R, "数字单位与表头不符", "figures in another unit",
       "表“{title}”标注单位 {printed}，但{evidence}；按 元 读取",
       "table {title!r} prints 单位:{printed}, but {evidence}; its figures are read in 元"),
    # --- cells and rows
    _t("cell.not-an-amount", P, "单元格不是金额", "cell is not an amount",
       "表“{title}”：“{text}”不是金额", "table {title!r}: not an amount: {text!r}"),
    _t("cell.not-a-number", P, "单元格不是数字", "cell is not a number",
       "表“{title}”：“{text}”不是数字", "table {title!r}: not a number: {text!r}"),
    _t("row.too-many-amounts", P, "金额多于列数", "more amounts than columns",
       "表“{title}”：一行的金额多于列数：{text}", "table {title!r}: more amounts than columns: {text}"),
    _t("row.unread", P, "行未读取", "line not read",
       "表“{title}”：无法按列读取此行：{text}", "table {title!r}: line without columns: {text!r}"),
    _t("row.amounts-placed", R, "金额按勾稽关系归列", "amounts placed by the table's sums",
       "表“{title}”：{row} 行的金额未对齐各列（空单元格丢失），按本表勾稽关系归列为 {values}",
       "table {title!r}: row {row} printed its amounts out of their columns (an empty cell "
       "was lost); placed by the table's own sums as {values}"),
    _t("row.amounts-ambiguous", R, "金额列位置不唯一", "amounts fit several columns",
       "表“{title}”：{row} 行的金额可对应多组列（空单元格未印出），按印出顺序读为 {values}",
       "table {title!r}: row {row}: its amounts fit more than one set of columns (empty "
       "cells were not printed); read in printed order as {values}"),
    _t("code.invalid", P, "不是科目编码", "not a classification code",
       "表“{title}”：编码 {code}（{name}）不是科目编码",
       "table {title!r}: code {code!r} ({name}) is not a classification code"),
    _t("code.completed", R, "编码已补全", "code completed",
       "表“{title}”：编码印为 {printed}，按前后编码补全为 {code}",
       "table {title!r}: code printed as {printed!r}; completed as {code} from its neighbours"),
    _t("code.incomplete", P, "编码无法补全", "code cannot be completed",
       "表“{title}”：编码 {printed}（{name}）无法补全",
       "table {title!r}: code {printed!r} ({name}) could not be completed"),
)

PROBLEM_TYPES: dict[str, ProblemType] = {t.code: t for t in _TYPES}


def add_problem_type(problem_type: ProblemType) -> None:
    """Register a plugin's problem code; a code is defined once."""
    if problem_type.code in PROBLEM_TYPES:
        raise ValueError(f"problem code {problem_type.code!r} is already defined")
    PROBLEM_TYPES[problem_type.code] = problem_type


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(code: str, params: dict[str, str], lang: str = "zh") -> str:
    """A problem's message from its code and params, in Chinese or English."""
    ptype = PROBLEM_TYPES.get(code) or PROBLEM_TYPES["read.unclassified"]
    template = ptype.template_en if lang == "en" else ptype.template_zh
    return template.format_map(_Missing(params))


def problem_of(problem_code: str, locator: Locator | None = None, /, *,
               severity: ProblemSeverity | None = None, **params: object) -> Problem:
    """A problem of a catalogued code, its message filled in Chinese."""
    if problem_code not in PROBLEM_TYPES:
        raise KeyError(f"unknown problem code {problem_code!r}: add it to model/problems.py")
    texts = {k: "" if v is None else str(v) for k, v in params.items()}
    return Problem(
        message=render_message(problem_code, texts), locator=locator,
        severity=severity or PROBLEM_TYPES[problem_code].severity, code=problem_code,
        params=tuple(sorted(texts.items())),
    )


def with_params(problem: Problem, **params: object) -> Problem:
    """The problem with params it lacks added (a parser's problem gets the title of
    the table it was reading), its message filled again."""
    have = dict(problem.params)
    added = {k: "" if v is None else str(v) for k, v in params.items() if k not in have}
    if not added or problem.code not in PROBLEM_TYPES:
        return problem
    have.update(added)
    return Problem(message=render_message(problem.code, have), locator=problem.locator,
                   severity=problem.severity, code=problem.code, params=tuple(sorted(have.items())))
