"""Query results (pandas frames) as JSON records: exact amounts, no NaN."""

from __future__ import annotations

import pandas as pd

from cnbudget.model.contract import JSONValue
from cnbudget.query.export import _plain


def frame_json(found: pd.DataFrame) -> list[JSONValue]:
    return [{str(k): _plain(v) for k, v in record.items()}  # type: ignore[misc]
            for record in found.to_dict(orient="records")]
