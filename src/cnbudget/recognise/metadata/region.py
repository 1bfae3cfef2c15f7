"""The region a department's name opens with, and its level.

A name opens with its divisions, largest first (中共 廊坊市 委网信办, 北京市 朝阳区
教育委员会, 延边朝鲜族自治州 …): `divisions` reads them off one by one by their
suffixes (vocabulary.py), stopping at the first word that is not a division
(城市管理局 is no city 城市). The region is the most specific division; a
district or county named alone is completed from the text where it prints its
city with it (硚口区 → 武汉市硚口区).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnbudget.model import Region, RegionLevel
from cnbudget.recognise.metadata.vocabulary import (
    BODY_PREFIXES,
    CITY_SUFFIXES,
    COUNTY_SUFFIXES,
    DISTRICT_SUFFIXES,
    NOT_A_STEM,
    PROVINCES,
    SUFFIXES_INSIDE_STEMS,
)

PROVINCE_SUFFIXES: tuple[str, ...] = ("自治区", "省")
STEM_MAX = 4  # 呼和浩特市, 乌鲁木齐市; longer stems only before 自治州/自治县/自治旗
AUTONOMOUS_STEM_MAX = 10  # 黔东南苗族侗族自治州
_LEVEL_OF_SUFFIX: dict[str, RegionLevel] = {
    **{s: RegionLevel.CITY for s in CITY_SUFFIXES},
    **{s: RegionLevel.DISTRICT for s in DISTRICT_SUFFIXES},
    **{s: RegionLevel.COUNTY for s in COUNTY_SUFFIXES},
}
_SUFFIXES = sorted(_LEVEL_OF_SUFFIX, key=len, reverse=True)
_ALL_SUFFIX_STARTS = frozenset(s[0] for s in (*_SUFFIXES, *PROVINCE_SUFFIXES))
_RANK = {RegionLevel.PROVINCE: 0, RegionLevel.CITY: 1, RegionLevel.DISTRICT: 2, RegionLevel.COUNTY: 2}


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    level: RegionLevel


def _body_prefix(name: str) -> int:
    return next((len(p) for p in BODY_PREFIXES if name.startswith(p)), 0)


def _province_at(name: str, p: int) -> Division | None:
    for province in PROVINCES:
        if name.startswith(province, p):
            return Division(province, RegionLevel.PROVINCE)
    for stem_len in (2, 3):
        for suffix in PROVINCE_SUFFIXES:
            if name.startswith(suffix, p + stem_len) and _is_stem(name[p:p + stem_len]):
                return Division(name[p:p + stem_len + len(suffix)], RegionLevel.PROVINCE)
    return None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_stem(stem: str) -> bool:
    return stem not in NOT_A_STEM and all(_is_cjk(ch) for ch in stem)


def _division_at(name: str, p: int) -> Division | None:
    """The division printed at `p`: the shortest stem followed by a division suffix."""
    for stem_len in range(1, AUTONOMOUS_STEM_MAX + 1):
        stem = name[p:p + stem_len]
        if len(stem) < stem_len or not _is_cjk(stem[-1]):
            return None
        if stem in NOT_A_STEM:
            continue
        rest = p + stem_len
        for suffix in _SUFFIXES:
            if not name.startswith(suffix, rest) or (stem_len > STEM_MAX and not suffix.startswith("自治")):
                continue
            end = rest + len(suffix)
            if suffix in SUFFIXES_INSIDE_STEMS and end < len(name) and name[end] in _ALL_SUFFIX_STARTS:
                break  # 郑州市: 州 is part of the stem; a longer stem is tried
            return Division(name[p:end], _LEVEL_OF_SUFFIX[suffix])
    return None


def divisions(name: str) -> list[Division]:
    """The divisions a name opens with, largest first (after a party prefix: 中共…)."""
    p = _body_prefix(name)
    found: list[Division] = []
    province = _province_at(name, p)
    if province:
        found.append(province)
        p += len(province.name)
    while p < len(name) and len(found) < 3:
        division = _division_at(name, p)
        if division is None:
            break
        level = division.level
        if found and found[-1].level is RegionLevel.CITY and level is RegionLevel.CITY:
            level = RegionLevel.COUNTY  # 苏州市昆山市: a county-level city
        elif found and _RANK[level] <= _RANK[found[-1].level]:
            break
        found.append(Division(division.name, level))
        p += len(division.name)
        if level in (RegionLevel.DISTRICT, RegionLevel.COUNTY):
            break  # townships (乡, 镇, 街道) are the bodies themselves, not regions
    return found


def is_bare_region(name: str) -> bool:
    """The name is nothing but divisions (江苏省, 广州市海珠区): a region, no body."""
    return bool(name) and _body_prefix(name) == 0 and "".join(d.name for d in divisions(name)) == name


CITY_NAME_MAX = 5  # 呼和浩特市


def city_printed_before(division: str, full_text: str) -> str | None:
    """The city the text prints right before a district or county (武汉市硚口区),
    where the city stands at a word boundary: a line or cell start, punctuation,
    a province (湖北省武汉市…) or a party prefix (中共武汉市…)."""
    for m in re.finditer(re.escape(division), full_text):
        i = m.start()
        for k in range(CITY_NAME_MAX, 1, -1):
            if i - k < 0:
                continue
            candidate, before = full_text[i - k:i], full_text[:i - k]
            if divisions(candidate) != [Division(candidate, RegionLevel.CITY)] or any(
                    prefix.endswith(candidate) for prefix in BODY_PREFIXES):  # 中国民主同盟 is no 盟
                continue
            if (not before or not _is_cjk(before[-1]) or before.endswith(PROVINCE_SUFFIXES)
                    or before.endswith(BODY_PREFIXES)):
                return candidate
    return None


def region_of(name: str, full_text: str) -> Region:
    found = divisions(name)
    if not found:
        return Region()
    last = found[-1]
    parts = [d.name for d in found]
    if len(found) == 1 and last.level in (RegionLevel.DISTRICT, RegionLevel.COUNTY):
        # a district named alone: the text usually prints its city with it (武汉市硚口区)
        city = city_printed_before(last.name, full_text)
        if city:
            parts.insert(0, city)
    return Region(name="".join(parts), level=last.level)
