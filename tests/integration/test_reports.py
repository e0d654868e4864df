"""End-of-day summary and history export, over a real terminal's day on the sandbox."""

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from engine_helpers import make_terminal, order_state, sell
from sandbox_helpers import wait_until

from pos_app import cli
from pos_app.domain.refund import validate_refund
from pos_app.domain.summary import DaySummary
from pos_app.domain.timeutil import local_days_utc, utc_now
from pos_app.sandbox import Sandbox
from pos_app.store.store import Store


def test_local_days_become_utc_bounds():
    cairo = timezone(timedelta(hours=2))
    day = date(2026, 11, 27)
    assert local_days_utc(day, day, cairo) == ("2026-11-26T22:00:00.000Z", "2026-11-27T22:00:00.000Z")
    assert local_days_utc(None, day, cairo) == (None, "2026-11-27T22:00:00.000Z")


@pytest.fixture
def day(tmp_path):
    with Sandbox(port=0, demo=True) as sandbox:
        terminal = make_terminal(tmp_path, sandbox)
        terminal.start()
        try:
            delivered = [sell(terminal, total=Decimal("40.00")) for _ in range(3)]
            wait_until(lambda: all(order_state(terminal, o) == "delivered" for o in delivered))
            refund = validate_refund({"refundTransactionId": "RF-1", "reverseTransactionId": delivered[0],
                                      "refundAmount": 20}, now=utc_now(), currency="USD")
            terminal.service.accept_refund(refund)
            with Store.open_in(tmp_path) as store:
                wait_until(lambda: any(tx.transaction_type == "PartialRefund"
                                       for tx in store.get_order(delivered[0]).transactions))
            sandbox.faults.poison(order_id="BAD-1", code=3003)
            sell(terminal, order_id="BAD-1")
            wait_until(lambda: order_state(terminal, "BAD-1") == "failed")
            sandbox.faults.refuse()
            sell(terminal, order_id="LATE-1", total=Decimal("10.00"))
        finally:
            terminal.stop()
    return tmp_path


def test_summary_counts_the_day(day):
    with Store.open_in(day) as store:
        today = datetime.now(UTC).date()
        start, end = local_days_utc(today, today, UTC)
        summary = DaySummary.from_orders(store.orders_between(start, end), "USD")
    assert (summary.orders, summary.delivered, summary.failed, summary.pending) == (5, 3, 1, 1)
    assert summary.sales_total == Decimal("155.00")  # 3 x 40 + 25 (failed) + 10 (pending)
    assert summary.points_rewarded > 0 and summary.points_expected_pending > 0
    assert summary.refunds == 1 and summary.refunds_total == Decimal("20")
    assert summary.points_reversed > 0


def test_report_commands_print_and_export(day, tmp_path, capsys):
    today = datetime.now().astimezone().date().isoformat()
    summary_csv, history_csv = tmp_path / "day.csv", tmp_path / "history.csv"
    assert cli.main(["report", "day", "--csv", str(summary_csv), "--data-dir", str(day)]) == 0
    out = capsys.readouterr().out
    assert "Orders" in out and "Points rewarded" in out
    assert ["date", "item", "value", "currency"] == next(csv.reader(io.StringIO(summary_csv.read_text(
        encoding="utf-8-sig"))))
    assert cli.main(["report", "history", "--from", today, "--to", today, str(history_csv),
                     "--data-dir", str(day)]) == 0
    rows = list(csv.DictReader(io.StringIO(history_csv.read_text(encoding="utf-8-sig"))))
    assert {r["record"] for r in rows} == {"order", "transaction", "refund"}
    assert len([r for r in rows if r["record"] == "order"]) == 5
    assert "+971" not in history_csv.read_text(encoding="utf-8-sig")
    assert cli.main(["report", "history", "--from", today, "--to", "2000-01-01", str(history_csv),
                     "--data-dir", str(day)]) == 2
    assert "to:" in capsys.readouterr().err
