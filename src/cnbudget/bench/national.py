"""A national-scale database of generated rows (not extracted documents), written
by the database itself: every table is one `INSERT … SELECT` over a series of
document numbers (PostgreSQL's generate_series, SQLite's recursive CTE),
in chunks, so a million documents take minutes.

Shape: REGIONS_MAX regions (counties) × DEPARTMENTS departments × YEARS years ×
budget and final account; one disclosure and one current document each. Only the
tables `compare`, the region ranking and `search` read are filled (departments and
their names, disclosures, documents, tables, table rows, line items, narrative),
with fewer rows a document than a real one (docs/scale.md says how many):

- 收支总表: 本年收入合计, 本年支出合计, 基本支出, 项目支出;
- 支出总表: 合计 and three 类 rows (201, 208, 221), total/basic/project;
- “三公”经费表: 合计, 因公出国(境)费, 公务用车运行维护费, 公务接待费;
- 绩效目标表: two projects (rows with indicators; no indicator rows themselves);
- three narrative paragraphs.

Amounts are whole yuan and add up (合计 = the sum of its rows). On PostgreSQL the
secondary indexes of the filled tables are dropped while loading and rebuilt from
their own definitions afterwards, and a superuser loads without the per-row
foreign-key triggers (the generated keys are consistent by construction).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, DateTime, Engine, bindparam, func, insert, select, text

from cnbudget import __version__
from cnbudget.store.figures import fill_figures
from cnbudget.store.schema import documents, ingest_runs

YEARS = 5
FIRST_YEAR = 2020
KINDS = ("budget", "final_account")
DEPARTMENTS = 32  # per region
PER_DEPARTMENT = YEARS * len(KINDS)  # documents
TABLES = 4  # per document
_FIRST = "安宝昌德东丰福高广海和华吉江金景靖乐临龙隆梅宁平庆仁瑞山寿顺泰通武西祥新兴阳永长"
_SECOND = ("城川春定峰关河湖化津口林陵浦桥清泉沙水台潭亭田溪乡义邑源远岳"
           "云泽章州庄达固康都岗坪塘湾滨洲溧沂泗淮汾渭洛汉沅湘赣闽黔滇藏"
           "蒙辽吉秦晋鲁豫皖浙苏粤桂琼蜀渝陇宁青疆霞")
REGIONS_MAX = len(_FIRST) * len(_SECOND)
FILLED = ("departments", "department_aliases", "disclosures", "documents", "tables",
          "table_rows", "line_items", "narrative", "document_figures")
_SERIAL = ("departments", "department_aliases", "disclosures", "documents", "tables")
_TYPES = ("教育局 财政局 公安局 民政局 司法局 人力资源和社会保障局 自然资源局 生态环境局 "
          "住房和城乡建设局 交通运输局 水利局 农业农村局 商务局 文化和旅游局 卫生健康委员会 "
          "应急管理局 审计局 市场监督管理局 统计局 医疗保障局 林业局 体育局 发展和改革委员会 "
          "工业和信息化局 科学技术局 退役军人事务局 数据局 信访局 档案馆 机关事务管理局 "
          "人民政府办公室 行政审批局").split()
_TOPICS = ("智慧校园 义务教育均衡 食品安全抽检 农村公路养护 河道综合治理 城乡低保 "
           "政务云平台 一网通办 森林防火 文物保护 全民健身 应急物资储备 高标准农田 "
           "老旧小区改造 医疗救助 就业培训 生态修复 安全生产执法 统计调查 档案数字化").split()
# (table position, row_no, code, item, side, name): rows without indicators
_ROWS = (
    (0, 0, None, "income_total", "income", "本年收入合计"),
    (0, 1, None, "expenditure_total", "expenditure", "本年支出合计"),
    (0, 2, None, "basic", "expenditure", "基本支出"),
    (0, 3, None, "project", "expenditure", "项目支出"),
    (1, 0, None, "total", None, "合计"),
    (1, 1, "201", None, None, "一般公共服务支出"),
    (1, 2, "208", None, None, "社会保障和就业支出"),
    (1, 3, "221", None, None, "住房保障支出"),
    (2, 0, None, "total", None, "合计"),
    (2, 1, None, "outbound", None, "因公出国(境)费"),
    (2, 2, None, "vehicle_operation", None, "公务用车运行维护费"),
    (2, 3, None, "reception", None, "公务接待费"),
)
PROJECTS = 2  # rows 0 and 1 of the 绩效目标表, each with indicators
# (table position, row_no, value position, column, kind (None: both), amount in units)
_VALUES = (
    (0, 0, 0, "amount", None, 100), (0, 1, 0, "amount", None, 100),
    (0, 2, 0, "amount", None, 60), (0, 3, 0, "amount", None, 40),
    *((1, r, p, c, None, m) for r, ms in ((0, (100, 60, 40)), (1, (50, 30, 20)),
                                          (2, (30, 18, 12)), (3, (20, 12, 8)))
      for p, (c, m) in enumerate(zip(("total", "basic", "project"), ms, strict=True))),
    *((2, r, 0, c, k, m) for r, m in ((0, 4), (1, 1), (2, 2), (3, 1))
      for k, c in ((0, "amount"), (1, "final"))),
    (3, 0, 0, "budget", None, 25), (3, 1, 0, "budget", None, 15),
)
_TABLES = ((0, "summary", "部门收支总表"), (1, "expenditure", "部门支出总表"),
           (2, "three_public", "“三公”经费支出表"), (3, "performance_target", "项目支出绩效目标表"))


@dataclass(frozen=True, slots=True)
class Generated:
    documents: int
    departments: int
    regions: int
    seconds: float
    sample_department: str  # the first department's name, for compare
    sample_region: str


def region_name(r: int) -> str:
    return _FIRST[r % len(_FIRST)] + _SECOND[r // len(_FIRST) % len(_SECOND)] + "县"


def department_name(g: int) -> str:
    return region_name(g // DEPARTMENTS) + _TYPES[g % DEPARTMENTS]


def topic_of(g: int, row_no: int) -> str:
    """The topic of department `g`'s project `row_no` (its project: region + topic + 项目)."""
    return _TOPICS[(g * 7 + row_no * 3) % len(_TOPICS)]


class _Sql:
    """The few expressions SQLite and PostgreSQL spell differently."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    def series(self, lo: int, hi: int) -> str:
        if self.pg:
            return f"s(d) AS (SELECT generate_series({lo}, {hi - 1}))"
        return f"s(d) AS (SELECT {lo} UNION ALL SELECT d + 1 FROM s WHERE d + 1 < {hi})"

    def pad(self, expr: str, width: int, hex_: bool = False) -> str:
        if self.pg:
            inner = f"to_hex({expr})" if hex_ else f"CAST({expr} AS text)"
            return f"lpad({inner}, {width}, '0')"
        return f"printf('%0{width}{'x' if hex_ else 'd'}', {expr})"

    def true(self) -> str:
        return "true" if self.pg else "1"

    def false(self) -> str:
        return "false" if self.pg else "0"


def _values(rows: tuple[tuple[object, ...], ...]) -> str:
    def lit(v: object) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, int):
            return str(v)
        return "'" + str(v).replace("'", "''") + "'"

    return "VALUES " + ", ".join("(" + ", ".join(lit(v) for v in r) + ")" for r in rows)


def _names(sql: _Sql, g: str) -> tuple[str, str, str]:
    """SQL for a department number's region, region number and name."""
    r = f"({g}) / {DEPARTMENTS}"
    region = (f"substr('{_FIRST}', {r} % {len(_FIRST)} + 1, 1) || "
              f"substr('{_SECOND}', {r} / {len(_FIRST)} % {len(_SECOND)} + 1, 1) || '县'")
    return region, r, f"{region} || t.name"


def _statements(sql: _Sql, lo: int, hi: int) -> list[tuple[str, str]]:
    """(table, INSERT … SELECT) for the documents lo … hi-1 (departments of the
    documents starting in the chunk)."""
    types = "types(i, name) AS (" + _values(tuple(enumerate(_TYPES))) + ")"
    topics = "topics(i, name) AS (" + _values(tuple(enumerate(_TOPICS))) + ")"
    g = "s.d / 10"
    year, kind = f"{FIRST_YEAR} + s.d / 2 % {YEARS}", "s.d % 2"
    kind_name = f"CASE WHEN {kind} = 0 THEN 'budget' ELSE 'final_account' END"
    label = f"CASE WHEN {kind} = 0 THEN '预算' ELSE '决算' END"
    region, _r, name = _names(sql, g)
    units = (f"(1000 + ({g}) * 37 % 9000) * (100 + 4 * (s.d / 2 % {YEARS}) - 3 * ({kind}))")
    with_ = f"WITH RECURSIVE {sql.series(lo, hi)}, {types}, {topics} "
    dept_from = f"FROM s JOIN types t ON t.i = {g} % {DEPARTMENTS} WHERE s.d % 10 = 0"
    project = f"{region} || p.name || '项目'"
    return [
        ("departments", with_ + "INSERT INTO departments (id, name, code, region, region_level) "
         f"SELECT {g} + 1, {name}, {sql.pad(f'{g} % {DEPARTMENTS}', 3)}, {region}, 'county' "
         + dept_from),
        ("department_aliases", with_ + "INSERT INTO department_aliases (id, department_id, name, "
         f"name_key, first_year, last_year) SELECT {g} + 1, {g} + 1, {name}, {name}, "
         f"{FIRST_YEAR}, {FIRST_YEAR + YEARS - 1} " + dept_from),
        ("disclosures", with_ + "INSERT INTO disclosures (id, department_id, year, kind, scope) "
         f"SELECT s.d + 1, {g} + 1, {year}, {kind_name}, 'department' FROM s"),
        ("documents", with_ + "INSERT INTO documents (id, disclosure_id, run_id, sha256, file, "
         "format, pages, kind, scope, year, title, department_name, department_code, region, "
         "region_level, source_units, status, version, current, ingested_at) "
         f"SELECT s.d + 1, s.d + 1, :run, {sql.pad('s.d', 64, hex_=True)}, "
         f"'national/' || s.d || '.pdf', 'pdf', 20, {kind_name}, 'department', {year}, "
         f"{name} || ({year}) || '年部门' || {label}, {name}, "
         f"{sql.pad(f'{g} % {DEPARTMENTS}', 3)}, {region}, 'county', '[\"万元\"]', 'success', 1, "
         f"{sql.true()}, :now FROM s JOIN types t ON t.i = {g} % {DEPARTMENTS}"),
        ("tables", with_ + f", tt(p, type, title) AS ({_values(_TABLES)}) "
         "INSERT INTO tables (id, document_id, position, type, title, unit, empty, misread, "
         f"located) SELECT s.d * {TABLES} + tt.p + 1, s.d + 1, tt.p, tt.type, tt.title, '元', "
         f"{sql.false()}, {sql.false()}, {sql.false()} FROM s CROSS JOIN tt"),
        ("table_rows", with_ + f", tr(p, row_no, code, item, side, name) AS ({_values(_ROWS)}) "
         "INSERT INTO table_rows (table_id, row_no, code, item, side, name, has_indicators, "
         f"located) SELECT s.d * {TABLES} + tr.p + 1, tr.row_no, tr.code, tr.item, tr.side, "
         f"tr.name, {sql.false()}, {sql.false()} FROM s CROSS JOIN tr"),
        ("table_rows", with_ + f", pr(row_no) AS (VALUES (0), (1)) "
         "INSERT INTO table_rows (table_id, row_no, item, name, has_indicators, located) "
         f"SELECT s.d * {TABLES} + 4, pr.row_no, {project}, {project}, {sql.true()}, "
         f"{sql.false()} FROM s CROSS JOIN pr JOIN topics p "
         f"ON p.i = ({g} * 7 + pr.row_no * 3) % {len(_TOPICS)}"),  # as topic_of
        ("line_items", with_ + f", li(p, row_no, position, col, k, m) AS ({_values(_VALUES)}) "
         'INSERT INTO line_items (table_id, row_no, position, "column", amount) '
         f"SELECT s.d * {TABLES} + li.p + 1, li.row_no, li.position, li.col, "
         f"{units} * li.m FROM s CROSS JOIN li WHERE li.k IS NULL OR li.k = {kind}"),
        ("narrative", with_ + ", np(position) AS (VALUES (0), (1), (2)) "
         "INSERT INTO narrative (document_id, position, text, line, located) "
         "SELECT s.d + 1, np.position, CASE np.position "
         f"WHEN 0 THEN {name} || ({year}) || '年部门' || {label} || '公开' "
         f"WHEN 1 THEN '本部门主要职责是' || t.name || '的各项工作，重点保障' || p.name || '。' "
         f"ELSE ({year}) || '年部门收入合计' || ({units} * 100 / 10000) || '万元，支出合计' || "
         f"({units} * 100 / 10000) || '万元。' END, np.position + 1, {sql.true()} "
         f"FROM s CROSS JOIN np JOIN types t ON t.i = {g} % {DEPARTMENTS} "
         f"JOIN topics p ON p.i = ({g} * 7) % {len(_TOPICS)}"),
    ]


def _secondary_indexes(conn: Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the filled tables' indexes that back no constraint."""
    rows = conn.execute(text(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
        "current_schema() AND i.tablename = ANY(:tables) AND NOT EXISTS (SELECT 1 FROM "
        "pg_constraint c WHERE c.conname = i.indexname)"), {"tables": list(FILLED)})
    return [(r[0], r[1]) for r in rows]


def generate(engine: Engine, n: int, *, chunk: int = 100_000,
             progress: Callable[[str], None] | None = None) -> Generated:
    """Fill an empty, migrated database (`Store(url)`) with `n` generated documents."""
    if n < 1 or n > REGIONS_MAX * DEPARTMENTS * PER_DEPARTMENT:
        raise ValueError(f"between 1 and {REGIONS_MAX * DEPARTMENTS * PER_DEPARTMENT:,} "
                         "documents")
    sql = _Sql(engine.dialect.name)
    say = progress or (lambda _m: None)
    start = time.perf_counter()
    # a department's documents stay in one chunk
    chunk = max(PER_DEPARTMENT, chunk - chunk % PER_DEPARTMENT)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(documents)).scalar_one():
            raise ValueError("the database holds documents already: generate into an empty one")
        run = conn.execute(insert(ingest_runs).returning(ingest_runs.c.id), {
            "started_at": datetime.now(UTC), "inputs": ["generated"], "files": n,
            "stored": n, "cnbudget_version": __version__}).scalar_one()
        dropped: list[tuple[str, str]] = []
        if sql.pg:
            dropped = _secondary_indexes(conn)
            for index, _definition in dropped:
                conn.execute(text(f'DROP INDEX "{index}"'))
    now = datetime.now(UTC)
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        with engine.begin() as conn:
            if sql.pg and conn.execute(text("SELECT rolsuper FROM pg_roles "
                                            "WHERE rolname = current_user")).scalar():
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            for table, statement in _statements(sql, lo, hi):
                if table == "documents":
                    conn.execute(text(statement).bindparams(
                        bindparam("now", type_=DateTime(timezone=True))), {"run": run, "now": now})
                else:
                    conn.execute(text(statement))
            fill_figures(conn, id_range=(lo + 1, hi))  # as the writer does (store/figures.py)
        say(f"{hi:,} documents ({time.perf_counter() - start:.0f} s)")
    with engine.begin() as conn:
        if sql.pg:
            conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for table in _SERIAL:  # the next stored row continues after the generated ones
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
        for index, definition in dropped:
            say(f"index {index}")
            conn.execute(text(definition))
    with engine.begin() as conn:  # both run ANALYZE in a transaction
        conn.execute(text("ANALYZE"))
    departments = -(-n // PER_DEPARTMENT)
    return Generated(n, departments, -(-departments // DEPARTMENTS),
                     round(time.perf_counter() - start, 1), department_name(0), region_name(0))
