"""The JSON Schema of the contract, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from cnbudget.model.contract import JSONValue


@cache
def disclosure_schema() -> dict[str, JSONValue]:
    text = files(__package__).joinpath("disclosure-v1.schema.json").read_text(encoding="utf-8")
    schema: dict[str, JSONValue] = json.loads(text)
    return schema
