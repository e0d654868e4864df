"""Previews (stale answers dropped, campaign points per line); holds go back when the sale is cancelled,
leftovers at start, and redeeming is refused offline."""

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from till_helpers import PHONE, open_window, press, store_of, type_into

from pos_app.domain.requests import HoldRequest
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.services.till import PreviewLine, PreviewResult
from pos_app.ui.basket_view import POINTS
from pos_app.ui.sale import PreviewSource


def test_an_answer_for_an_older_basket_is_dropped(qtbot, window, sandbox):
    sale = window.sale
    sandbox.faults.latency(300, path="/orders/cashback")  # the first basket's answer arrives late
    shown = []
    sale.preview_changed.connect(lambda: shown.append((len(sale.basket.lines), sale.preview)))
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None)
    dropped = window.worker.dropped

    sale.add_code("P-1004")  # alone it would earn 355 live points
    sale.add_code("P-1001")
    qtbot.waitUntil(lambda: sale.preview.source is PreviewSource.LIVE, timeout=5000)

    live = [(lines, preview.points) for lines, preview in shown if preview and preview.source is PreviewSource.LIVE]
    assert live == [(2, sale.preview.points)]  # only the answer for the basket on screen was shown
    assert sale.preview.points == 362  # (79 x 3 + 4.99) x 1.5
    assert window.worker.dropped > dropped


def test_cancelling_the_sale_releases_the_hold(qtbot, window, runtime, sandbox):
    sale = window.sale
    sale.identify(PHONE)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: sale.customer is not None)
    sale.redeem(points=100)
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    reference = sale.basket.redemption.hold_reference
    with store_of(runtime) as store:
        assert [h.hold_reference for h in store.active_holds_older_than(0)] == [reference]

    window.basket_view.setFocus()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not sale.basket.is_empty and "Esc again" in window.notice.text()  # one stray key loses nothing
    press(qtbot, window, Qt.Key.Key_Escape)
    assert sale.basket.is_empty and sale.who is None
    qtbot.waitUntil(lambda: sandbox.state.holds[reference].state == "released")
    qtbot.waitUntil(lambda: window.worker.pending == 0)
    with store_of(runtime) as store:
        assert store.active_holds_older_than(0) == []


def test_holds_left_by_an_earlier_run_are_released_at_start(qtbot, runtime, sandbox):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        hold = client.hold_points(HoldRequest("demo-amira", datetime.now(UTC), points_to_hold=100))
    with store_of(runtime) as store:
        store.record_hold(hold.hold_reference, "demo-amira", 100)
    open_window(qtbot, runtime)
    qtbot.waitUntil(lambda: sandbox.state.holds[hold.hold_reference].state == "released")


def test_redeeming_is_refused_offline_and_never_holds(qtbot, window, sandbox):
    sale = window.sale
    type_into(qtbot, window.customer.entry, PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None)
    sale.add_code("P-1004")
    sandbox.faults.refuse()
    sale.sync_now()
    qtbot.waitUntil(lambda: not sale.status.online)
    sale.redeem(points=100)
    assert "offline" in window.notice.text()
    qtbot.waitUntil(lambda: window.worker.pending == 0)
    assert sale.basket.redemption is None and not sandbox.state.holds


def test_campaign_points_per_line_are_shown_when_gameball_names_one(qtbot, window, runtime, monkeypatch):
    # The sandbox runs no campaigns; Gameball's answer names them per line.
    answer = PreviewResult(50, PreviewSource.LIVE, (PreviewLine("P-1004", Decimal(1), 50, "Double points week"),))
    monkeypatch.setattr(runtime.service, "live_preview", lambda basket: answer)
    window.sale.add_code("P-1004")
    model = window.basket_model
    qtbot.waitUntil(lambda: model.index(0, POINTS).data() == "50 (Double points week)")
    assert window.preview.points.text() == "50"
