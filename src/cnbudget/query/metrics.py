"""The metrics `compare` ranks by (defined in model/metrics.py), the default
one, and their names as a person reads them."""

from __future__ import annotations

from cnbudget.model.metrics import CATEGORY_SOURCES, METRICS, Metric, MetricSource

__all__ = ["CATEGORY_SOURCES", "DEFAULT_RANKING", "METRICS", "Metric", "MetricSource", "metric_label", "metric_names"]

DEFAULT_RANKING = "three_public.total"


def metric_names() -> list[str]:
    return [*METRICS, "func:<类 code>"]


def metric_label(key: str) -> str:
    """A metric as a person reads it: its printed Chinese name (`func:201` → 一般公共服务支出),
    or its key in English."""
    from cnbudget.lang import current

    if current() == "en":
        return key
    if key in METRICS:
        return METRICS[key].name
    if key.startswith("func:"):
        from cnbudget.normalise.classification import functional_entry

        found = functional_entry(key.removeprefix("func:"))
        return f"{found.name}（{found.code}）" if found else key
    return key
