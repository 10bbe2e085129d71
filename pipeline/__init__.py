"""vnmetrics: sourced facts from Vietnamese news figures.

    >>> from pipeline import extract
    >>> facts = extract("Tổng doanh thu năm 2020 ước đạt 91,352 triệu đồng, đạt 102% kế hoạch.")
"""
from . import regexcache as _regexcache

_regexcache.install()  # before the stages compile their patterns

from .extract import extract, extract_document  # noqa: E402
from .fact import FACT_FIELDS, Fact  # noqa: E402

__all__ = ["extract", "extract_document", "Fact", "FACT_FIELDS", "load_facts", "metric_table", "metric_cells"]
__version__ = "0.1.0"
_ANALYTICS = ("load_facts", "metric_table", "metric_cells")


def __getattr__(name):
    """The analytics functions load pandas on first use: the CLI and the workers start without it."""
    if name in _ANALYTICS:
        from . import analytics

        return getattr(analytics, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
