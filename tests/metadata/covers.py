"""A hypothesis generator of disclosure covers as departments across China print them.

Each `Cover` is the text of a document's first pages and what a reader must
get back from it: fiscal year, kind, scope, department (without its scope
suffix), region and level. Variety drawn:

- departments of provinces, autonomous regions, municipalities, prefecture
  cities, autonomous prefectures, 盟 and 地区, districts, new areas, counties,
  autonomous counties and banners, county-level cities; bodies from 教育局 to
  中共…委网络安全和信息化委员会办公室, 政协…委员会办公室, 人民政府办公室, 社区矫正管理局;
- kinds 预算/决算, scopes expressed by (汇总)/(本级), by 部门/单位 in the title or by a
  预算主管部门：/预算单位： label, or left to the default;
- years 2015–2026, and publication dates in digits or Chinese numerals
  (二〇二五年九月; a final account is dated the year after its fiscal year);
- layouts: the title on one line; the name above the title; the year first;
  the name after a nameless title; the name broken over two lines at any
  character; the name two lines from the year (a code line between); a title
  naming only the region (…区2023年区级部门预算) with the department on a label
  (whose value may be broken over two lines); a 部门名称： label over a nameless
  title; no title at all (a table header's 部门： label, the year from the text);
- cover lines printed with the year in Chinese numerals (二〇二三年度部门预算),
  full-width digits and parentheses, or letter-spaced (2 0 2 3 年 度);
- a 目录 before or after the cover, page marks, and first paragraphs full of
  comparison years (比2022年减少…, 与2022年相比…, 2022年决算数), the first one
  sometimes about last year alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from cnbudget.model import Kind, RegionLevel, Scope
from cnbudget.recognise.metadata.names import ends_like_a_body

P, C, D, K = RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.DISTRICT, RegionLevel.COUNTY

PROVINCES = ("河北省", "江苏省", "广东省", "四川省", "贵州省", "黑龙江省", "内蒙古自治区", "广西壮族自治区",
             "新疆维吾尔自治区", "宁夏回族自治区")
MUNICIPALITIES = {"北京市": ("朝阳区", "海淀区"), "上海市": ("浦东新区", "黄浦区"), "重庆市": ("渝中区", "巫山县"),
                  "天津市": ("滨海新区", "蓟州区")}
# prefecture-level divisions and divisions under them (district, county, county-level city)
CITIES = {
    "石家庄市": ("新华区", "正定县"), "廊坊市": ("广阳区", "大城县"), "郑州市": ("金水区", "中牟县"),
    "武汉市": ("硚口区", "江夏区"), "广州市": ("海珠区", "天河区"), "苏州市": ("吴中区", "昆山市"),
    "杭州市": ("西湖区", "淳安县"), "成都市": ("锦江区", "金堂县"), "呼和浩特市": ("赛罕区", "托克托县"),
    "乌鲁木齐市": ("天山区", "乌鲁木齐县"), "延边朝鲜族自治州": ("延吉市", "汪清县"),
    "恩施土家族苗族自治州": ("利川市", "巴东县"), "锡林郭勒盟": ("锡林浩特市", "正蓝旗"),
    "阿克苏地区": ("阿克苏市", "库车市"), "黔东南苗族侗族自治州": ("凯里市", "雷山县"),
    "宜昌市": ("西陵区", "长阳土家族自治县"), "呼伦贝尔市": ("海拉尔区", "鄂伦春自治旗"), "济南市": ("市中区", "平阴县"),
}
COUNTIES_ALONE = ("沛县", "正定县", "长阳土家族自治县", "鄂伦春自治旗")

# bodies a region prefixes; {r} is where a party body prints its region
BODIES = ("教育局", "财政局", "规划和自然资源局", "人民政府办公室", "市场监督管理局", "城市管理综合行政执法局",
          "数据资源管理局", "大数据中心", "卫生健康委员会", "发展和改革委员会", "人民检察院", "人民法院",
          "住房和城乡建设局", "农业农村局", "退役军人事务局", "机关事务管理局", "残疾人联合会", "总工会",
          "融媒体中心", "公安局交通警察支队", "政务服务中心", "第一中学", "人民医院", "档案馆", "社区矫正管理局",
          "地方金融监督管理局", "人民代表大会常务委员会办公室", "科学技术协会", "林业和草原局")
PARTY_BODIES = ("中共{r}委网络安全和信息化委员会办公室", "中共{r}委组织部", "中共{r}纪律检查委员会",
                "政协{r}委员会办公室", "共青团{r}委员会", "中国民主同盟{r}委员会")
QUALIFIERS = {"city": "市级", "province": "省级", "district": "区级", "county": "县级"}
TRAILERS = ("", "公开", "信息公开", "公开说明", "情况说明", "公开文本", "编制说明")
CN_DIGITS = "〇一二三四五六七八九"
CN_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    level: RegionLevel
    city: str | None = None  # the city a district or county named alone lies in


@dataclass(frozen=True, slots=True)
class Cover:
    text: str
    layout: str
    year: int
    kind: Kind
    scope: Scope
    department: str
    region: str
    level: RegionLevel


@st.composite
def regions(draw: st.DrawFn) -> Region:
    form = draw(st.sampled_from(("province", "municipality", "city", "province-city", "city-district",
                                 "district-alone", "municipality-district", "county-alone")))
    if form == "province":
        return Region(draw(st.sampled_from(PROVINCES)), P)
    if form == "municipality":
        return Region(draw(st.sampled_from(sorted(MUNICIPALITIES))), P)
    if form == "municipality-district":
        city = draw(st.sampled_from(sorted(MUNICIPALITIES)))
        below = draw(st.sampled_from(MUNICIPALITIES[city]))
        return Region(city + below, K if below.endswith(("县", "旗")) else D)
    city = draw(st.sampled_from(sorted(CITIES)))
    if form == "city":
        return Region(city, C)
    if form == "province-city":
        return Region(draw(st.sampled_from(PROVINCES)) + city, C)
    below = draw(st.sampled_from(CITIES[city]))
    level = D if below.endswith("区") else K
    if form == "city-district":
        return Region(city + below, level)
    if form == "county-alone":
        return Region(draw(st.sampled_from(COUNTIES_ALONE)), K)
    if not below.endswith("区"):
        below = draw(st.sampled_from([b for bs in CITIES.values() for b in bs if b.endswith("区")]))
        city = next(c for c, bs in CITIES.items() if below in bs)
    return Region(below, D, city)


def chinese_year(year: int) -> str:
    return "".join(CN_DIGITS[int(d)] for d in str(year))


@st.composite
def publication_dates(draw: st.DrawFn, year: int, kind: Kind) -> str:
    published, month = (year + 1, draw(st.integers(6, 10))) if kind is Kind.FINAL_ACCOUNT else \
        draw(st.sampled_from(((year - 1, 12), (year, 1), (year, 2), (year, 3))))
    if draw(st.booleans()):
        return f"{chinese_year(published)}年{CN_MONTHS[month - 1]}月"
    day = draw(st.sampled_from(("", "15日", "30日")))
    return f"{published}年{month}月{day}"


_FULL_WIDTH = str.maketrans("0123456789()", "０１２３４５６７８９（）")


@st.composite
def printings(draw: st.DrawFn, line: str, year: int) -> str:
    """A cover line as a typesetter may print it: the year in Chinese numerals,
    full-width digits and parentheses, letter-spaced, or as it is."""
    how = draw(st.sampled_from(("as-is", "as-is", "chinese-year", "full-width", "spaced")))
    if how == "chinese-year":
        return line.replace(f"{year}年", f"{chinese_year(year)}年")
    if how == "full-width":
        return line.translate(_FULL_WIDTH)
    if how == "spaced" and "：" not in line:
        return " ".join(line)
    return line


def _break(name: str, at: int) -> tuple[str, str]:
    at = max(1, min(len(name) - 1, at))
    return name[:at], name[at:]


def _label_value_lines(label: str, name: str, at: int | None) -> list[str]:
    """A label and its value; the value broken over two lines where its first part is
    not itself a whole name (a reader cannot know a name goes on after 中共X市委)."""
    if at is not None:
        first, rest = _break(name, at)
        if not ends_like_a_body(first) and len(rest) <= 20:
            return [f"{label}：{first}", rest]
    return [f"{label}：{name}"]


@st.composite
def covers(draw: st.DrawFn) -> Cover:
    region = draw(regions())
    year = draw(st.integers(2015, 2026))
    kind = draw(st.sampled_from(Kind))
    scope = draw(st.sampled_from(Scope))
    word = "决算" if kind is Kind.FINAL_ACCOUNT else "预算"
    party = draw(st.booleans())
    body = draw(st.sampled_from(PARTY_BODIES if party else BODIES))
    department = body.format(r=region.name) if party else region.name + body
    layout = draw(st.sampled_from(("one-line", "name-above", "year-first", "name-after", "name-broken",
                                   "year-two-lines-away", "region-title", "name-label", "no-title")))
    # how the cover states the scope: a (汇总)/(本级) suffix, the title's 部门/单位, a label, or
    # not at all (a department by default)
    if layout == "region-title":
        how = "label"
    elif layout == "no-title":
        how, scope = "default", Scope.DEPARTMENT
    else:
        how = draw(st.sampled_from(("suffix", "word", "default")))
        if how == "default" and scope is Scope.UNIT:
            how = draw(st.sampled_from(("suffix", "word")))
    suffix = ("(汇总)" if scope is Scope.DEPARTMENT else "(本级)") if how == "suffix" else ""
    if how == "word":
        scope_word = "部门" if scope is Scope.DEPARTMENT else "单位"
    else:  # the suffix, or nothing, says the scope; 部门 may stand in the title all the same
        scope_word = draw(st.sampled_from(("部门", "")))
    du = draw(st.sampled_from(("年", "年度")))
    trailer = draw(st.sampled_from(TRAILERS))
    printed_name = department + suffix
    kind_phrase = f"{scope_word}{word}{trailer}"
    at = draw(st.integers(1, max(1, len(printed_name) - 1)))

    cover: list[str]
    if layout == "one-line":
        cover = [f"{printed_name}{year}{du}{kind_phrase}"]
    elif layout == "name-above":
        cover = [printed_name, f"{year}{du}{kind_phrase}"]
    elif layout == "year-first":
        cover = [f"{year}{du}{printed_name}{kind_phrase}"]
    elif layout == "name-after":
        cover = [f"{year}{du}{scope_word or '部门'}{word}{draw(st.sampled_from(TRAILERS[1:]))}", printed_name]
    elif layout == "name-broken":
        first, rest = _break(printed_name, at)
        cover = [first, rest, f"{year}{du}{kind_phrase}"]
    elif layout == "year-two-lines-away":
        cover = [printed_name, f"预算代码：{draw(st.integers(100, 999))}", f"{year}{du}{kind_phrase}"]
    elif layout == "region-title":
        level_word = QUALIFIERS[region.level.value] if region.level is not RegionLevel.COUNTY else "县级"
        label = "预算主管部门" if scope is Scope.DEPARTMENT else "预算单位"
        value_lines = _label_value_lines(label, department, at if draw(st.booleans()) else None)
        region_title = region.name if not region.city else region.city + region.name
        cover = [f"{region_title}{year}年{level_word}部门{word}", *value_lines]
    elif layout == "name-label":
        cover = [f"{year}{du}{kind_phrase or word}", f"部门名称：{printed_name}"]
    else:  # no title: a table header names the department, the text its year
        cover = ["部门收支总体情况表", f"部门：{department}    单位：万元"]
    cover = [draw(printings(line, year)) for line in cover]
    date = draw(publication_dates(year, kind))
    cover.append(date)
    if draw(st.booleans()):  # a page mark, before or after the cover's text
        cover.insert(draw(st.sampled_from((0, len(cover)))), str(draw(st.integers(1, 3))))
    contents = ["目 录", "第一部分 部门概况", "一、部门职责", f"第二部分 {year}年度部门{word}表", "一、收支总表",
                f"第三部分 {year}年度部门{word}情况说明"]
    toc_first = draw(st.booleans())
    previous = year - 1
    body_lines = [
        f"{draw(st.sampled_from((department, '本部门')))}{year}年{word}收入合计{draw(st.integers(100, 99999))}.{draw(st.integers(10, 99))}万元，"
        f"比{previous}年减少{draw(st.integers(1, 99))}.50万元，主要原因是人员调整。",
        f"与{previous}年相比，{year}年{word}支出增加，{previous}年决算数为1234.00万元。",
        f"{previous}年“三公”经费{word}数为12.00万元，{previous}年度部门{word}已公开。",
        f"{previous}年部门{word}收入为900.00万元，{previous}年部门{word}支出为900.00万元，"
        f"{previous - 1}年部门{word}支出为800.00万元。",
    ]
    if draw(st.booleans()):  # the first paragraph is about last year
        body_lines.insert(0, f"{previous}年度部门{word}执行情况：{previous}年{word}收入1000.00万元，"
                             f"{previous}年{word}支出1000.00万元。")
    if region.city and draw(st.booleans()):
        body_lines.append(f"单位地址：{region.city}{region.name}人民路1号，{previous}年迁入。")
    lines = (contents + cover if toc_first else cover + contents) + body_lines
    expected_region = region.city + region.name if region.city and any(
        region.city + region.name in b for b in body_lines) else region.name
    if layout == "region-title" and region.city:
        expected_region = region.city + region.name  # the title prints the city with it
    return Cover("\n".join(lines) + "\n", layout, year, kind, scope, department, expected_region, region.level)
