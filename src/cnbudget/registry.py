"""Named registries: built-in parts register through the same call a plugin uses.

A plugin is a module named in the `cnbudget.plugins` entry-point group; it is
imported by `load_plugins()` and registers readers, rules or renderers with the
decorators of the layers it extends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, T] = {}

    def add(self, name: str, item: T) -> T:
        if name in self._items and self._items[name] is not item:
            raise ValueError(f"{self.what} {name!r} is registered twice")
        self._items[name] = item
        return item

    def register(self, name: str) -> Callable[[T], T]:
        def decorate(item: T) -> T:
            return self.add(name, item)

        return decorate

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.what} named {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def items(self) -> list[tuple[str, T]]:
        return list(self._items.items())


_loaded = False


def load_plugins() -> None:
    """Import every module of the `cnbudget.plugins` group once (built-ins included)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for ep in entry_points(group="cnbudget.plugins"):
        ep.load()
