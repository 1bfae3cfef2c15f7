"""Per-template requirements (tables, sections) as data: `requirements.toml`.

A caller may pass its own TOML (`load_config(path)`) for a local template.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from cnbudget.model.document import Document, Kind


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    kinds: tuple[Kind, ...] = ()
    years: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    required: tuple[tuple[str, ...], ...] = ()
    recommended: tuple[tuple[str, ...], ...] = ()
    may_be_empty: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()

    def specificity(self, doc: Document) -> int | None:
        """How many criteria matched, or None when one does not match."""
        meta = doc.meta
        checks = (
            (self.kinds, meta.kind),
            (self.years, meta.year),
            (self.regions, meta.region.name),
            (self.levels, meta.region.level.value if meta.region.level else None),
        )
        score = 0
        for wanted, actual in checks:
            if not wanted:
                continue
            if actual not in wanted:
                return None
            score += 1
        return score


@dataclass(frozen=True, slots=True)
class AuditConfig:
    profiles: tuple[Profile, ...] = field(default_factory=tuple)

    def profile_for(self, doc: Document) -> Profile | None:
        best: tuple[int, int, Profile] | None = None
        for order, profile in enumerate(self.profiles):
            score = profile.specificity(doc)
            if score is not None and (best is None or (score, order) >= best[:2]):
                best = (score, order, profile)
        return best[2] if best else None


def _profile(data: dict[str, object]) -> Profile:
    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    def groups(key: str) -> tuple[tuple[str, ...], ...]:
        value = data.get(key, [])
        assert isinstance(value, list)
        return tuple(tuple(str(v) for v in g) for g in value)

    years = data.get("years", [])
    assert isinstance(years, list)
    return Profile(
        name=str(data["name"]),
        kinds=tuple(Kind(k) for k in strings("kinds")),
        years=tuple(int(y) for y in years),
        regions=strings("regions"),
        levels=strings("levels"),
        required=groups("required"),
        recommended=groups("recommended"),
        may_be_empty=strings("may_be_empty"),
        sections=tuple(Section(g[0], g[1:]) for g in groups("sections")),
    )


def parse_config(text: str) -> AuditConfig:
    data = tomllib.loads(text)
    return AuditConfig(profiles=tuple(_profile(p) for p in data.get("profile", [])))


def load_config(path: Path) -> AuditConfig:
    return parse_config(path.read_text(encoding="utf-8"))


@cache
def default_config() -> AuditConfig:
    text = files(__package__).joinpath("requirements.toml").read_text(encoding="utf-8")
    return parse_config(text)
