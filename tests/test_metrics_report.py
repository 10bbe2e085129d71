"""The issue-11 report's money test (`benchmarks/metrics_report.py`): a VND quote counts as holding money when a
currency or money scale is written in it, glued forms included, and not when `đồng` heads another word."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("metrics_report", ROOT / "benchmarks" / "metrics_report.py")
metrics_report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(metrics_report)


def test_money_in_quote_sees_spaced_glued_and_compound_forms():
    d = metrics_report.Detectors()
    assert d.money_in_quote("5 tỷ đồng", "")
    assert d.money_in_quote("192tỷđồng", "")          # glued scale and currency: money
    assert d.money_in_quote("10,8 triệuđồng", "")
    assert not d.money_in_quote("5 đồng", " bào được cứu")   # `đồng bào`: no money
    assert not d.money_in_quote("5 chiếc", "")
