"""Knowing the customer at the till (issue 15): name, tier and progress (live and offline), campaigns,
coupons (applied, refused, offline, released), OTP before a hold, the slip, and abuse notices."""

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from till_helpers import PHONE, open_window, store_of

from pos_app.domain.requests import CouponValidateRequest
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.services.manager import ManagerService
from pos_app.ui.coupon_dialog import CouponDialog
from pos_app.ui.manager import ManagerMode
from pos_app.ui.manager.panel import ManagerPanel
from pos_app.ui.redeem_dialog import RedeemDialog
from pos_app.ui.sale import PreviewSource


def identified(qtbot, window, who=PHONE):
    window.sale.identify(who)
    qtbot.waitUntil(lambda: window.sale.profile is not None)
    return window.sale


def set_settings(window, **changes):
    window.services.settings = replace(window.services.settings, **changes)


def test_the_panel_greets_by_name_with_tier_and_progress(qtbot, window):
    identified(qtbot, window)
    text = window.customer.who_label.text() + window.customer.who_label.toolTip()
    assert "Nour Said" in text and "Gold tier" in text and "7,500 points to Platinum" in text


def test_offline_the_last_known_name_and_tier_show_with_their_age(qtbot, window, sandbox):
    identified(qtbot, window)
    window.sale.cancel_sale()
    sandbox.faults.refuse()
    window.sale.sync_now()
    qtbot.waitUntil(lambda: not window.sale.status.online)
    identified(qtbot, window)
    profile = window.sale.profile
    assert not profile.live and profile.name == "Nour Said"
    text = window.customer.who_label.text() + window.customer.who_label.toolTip()
    assert "as of under a minute ago" in text


def test_campaigns_the_basket_earns_show_beside_the_live_figure(qtbot, window):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: sale.preview is not None and sale.preview.source is PreviewSource.LIVE)
    assert not window.preview.campaigns.isVisible()  # a small basket does not reach the campaign
    for _ in range(3):
        sale.add_code("P-1004")
    sale.set_quantity(0, sale.basket.lines[0].quantity * 3)
    qtbot.waitUntil(lambda: bool(sale.campaigns), timeout=5000)
    assert "+150 from Big basket bonus" in window.preview.campaigns.text()


def open_coupon(qtbot, window) -> CouponDialog:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # the cashier's key
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CouponDialog))
    return QApplication.activeModalWidget()


def test_a_coupon_is_applied_shown_and_released_when_the_sale_is_cancelled(qtbot, window, sandbox, runtime):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")  # 79.00
    dialog = open_coupon(qtbot, window)
    dialog.code.setText("SAVE15")
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: sale.basket.coupon is not None)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert sale.basket.total_paid == sale.basket.total_price - sale.basket.coupon.value
    assert window.preview._redeemed_caption.text() == "Discounts"
    assert window.preview.redeemed.text().endswith(sale.money(sale.basket.total_discount))
    assert "Coupon SAVE15" in window.preview.redeemed.toolTip()
    lock = sale.basket.coupon.lock_reference
    sale.cancel_sale()
    qtbot.waitUntil(lambda: not sandbox.state.loyalty.locks[lock].active)
    qtbot.waitUntil(lambda: window.worker.pending == 0)
    with store_of(runtime) as store:
        assert store.coupon_locks() == []


def test_a_refused_coupon_says_why_in_the_dialog(qtbot, window, sandbox):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    dialog = open_coupon(qtbot, window)
    dialog.code.setText("FREESHIP")
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: "not a discount the till can take off" in dialog.problem.text())
    dialog.code.setText("NOPE")
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: "does not know this coupon" in dialog.problem.text())
    assert sale.basket.coupon is None and dialog.isVisible()
    dialog.reject()


def test_coupons_are_refused_offline(qtbot, window, sandbox):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    sandbox.faults.refuse()
    sale.sync_now()
    qtbot.waitUntil(lambda: not sale.status.online)
    window.open_coupon()
    assert "Coupons need Gameball" in window.notice.text()
    assert QApplication.activeModalWidget() is None and not sandbox.state.loyalty.locks


def test_the_coupon_goes_on_the_order_and_the_slip_names_the_customer(qtbot, window, sandbox):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    sale.apply_coupon("WELCOME10")
    qtbot.waitUntil(lambda: sale.basket.coupon is not None)
    sale.pay()
    qtbot.waitUntil(lambda: window.slip is not None and window.slip.info is not None)
    qtbot.waitUntil(lambda: sandbox.state.loyalty.coupons["WELCOME10"].used == 1, timeout=20_000)
    text = window.slip.slip_text(window.slip.info)
    assert text.splitlines()[0] == "Nour Said \u00b7 Gold tier"


def redeem_dialog(qtbot, window) -> RedeemDialog:
    window.open_redeem()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RedeemDialog))
    return QApplication.activeModalWidget()


def test_otp_is_sent_then_the_hold_carries_the_code(qtbot, window, sandbox):
    set_settings(window, otp_policy="always")
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    dialog = redeem_dialog(qtbot, window)
    dialog.value.setText("100")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: dialog.otp.isVisible())
    assert sale.basket.redemption is None and sandbox.state.loyalty.sent
    dialog.otp.setText("000000")  # a wrong code: Gameball refuses the hold
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: "Gameball refused" in window.notice.text())
    assert sale.basket.redemption is None
    dialog = redeem_dialog(qtbot, window)
    dialog.value.setText("100")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: dialog.otp.isVisible())
    dialog.otp.setText("246810")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)


def test_an_account_without_otp_refuses_and_the_dialog_says_so(qtbot, window, sandbox):
    set_settings(window, otp_policy="always")
    sandbox.state.loyalty.otp_enabled = False
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    dialog = redeem_dialog(qtbot, window)
    dialog.value.setText("100")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: "could not send the code" in dialog.problem.text())
    assert dialog.hold_button.isEnabled() and not dialog.otp.isVisible()
    dialog.reject()


def test_below_the_threshold_no_code_is_asked(qtbot, window, sandbox):
    set_settings(window, otp_policy="above", otp_threshold_points=500)
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    dialog = redeem_dialog(qtbot, window)
    dialog.value.setText("100")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    assert not sandbox.state.loyalty.sent


def test_an_unproven_redemption_above_the_threshold_is_a_notice_at_once(qtbot, window, runtime):
    manager = ManagerMode(window, ManagerService.from_runtime(runtime))
    set_settings(window, otp_policy="never", otp_threshold_points=50)
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    sale.redeem(points=100)
    qtbot.waitUntil(lambda: manager.abuse_notices == 1)
    assert "1 notices" in manager.button.text()
    with store_of(runtime) as store:
        entry = store.audit_entries(5, action="redemption.unproven")[0]
    assert entry.detail["points"] == 100 and PHONE not in str(entry.detail)


def test_history_shows_the_name_only_while_it_is_cached(qtbot, window, runtime):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    sale.pay()
    qtbot.waitUntil(lambda: window.slip is not None and window.slip.info is not None)
    window.slip.done(0)

    def detail_text():
        window.open_history()
        qtbot.waitUntil(lambda: window.history is not None and window.history.model.rowCount() >= 1)
        window.history.table.selectRow(0)
        qtbot.waitUntil(lambda: "Order " in window.history.detail.toPlainText())
        text = window.history.detail.toPlainText()
        window.history.done(0)
        qtbot.waitUntil(lambda: window.history is None)
        return text

    assert f"for Nour Said ({PHONE})" in detail_text()
    with store_of(runtime) as store:
        store.put_customer_profile(PHONE, {"name": "Nour Said"}, now=0)  # a day and more ago
    assert "Nour Said" not in detail_text()


def test_the_redeem_dialog_offers_the_least_and_the_most_the_rules_and_basket_allow(qtbot, window):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")  # 79.00: at 0.10 a point, at most 790 points
    dialog = redeem_dialog(qtbot, window)
    assert dialog.value.text() == ""  # nothing is pre-chosen
    dialog.pick_most.click()
    assert dialog.value.text() == "790" and dialog.chosen() == (790, None, None)
    dialog.pick_least.click()
    assert dialog.value.text() == "50"  # the demo account's minimum
    dialog.reject()


def test_the_manager_hub_shows_todays_notices_on_end_of_day(qtbot, window, runtime):
    service = ManagerService.from_runtime(runtime)
    manager = ManagerMode(window, service)
    set_settings(window, otp_policy="never", otp_threshold_points=50)
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    sale.redeem(points=100)
    qtbot.waitUntil(lambda: manager.abuse_notices == 1)
    panel = ManagerPanel(service, window.worker, window)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "1 notices" in panel.buttons["day"].text())


def test_a_coupon_lock_left_by_a_killed_till_is_released_at_start(qtbot, runtime, sandbox):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        lock = client.validate_coupons(CouponValidateRequest("demo-amira", ("SAVE15",), lock=True)).lock_reference
    with store_of(runtime) as store:
        store.record_coupon_lock(lock, "demo-amira", ["SAVE15"])
    open_window(qtbot, runtime)
    qtbot.waitUntil(lambda: not sandbox.state.loyalty.locks[lock].active)
    with store_of(runtime) as store:
        qtbot.waitUntil(lambda: store.coupon_locks() == [])


def test_the_redeem_dialog_offers_the_accounts_rules_and_holds_by_rule_id(qtbot, window, sandbox):
    sale = identified(qtbot, window)
    sale.add_code("P-1004")  # 79.00
    qtbot.waitUntil(lambda: len(sale.redemption_options) == 3)
    dialog = redeem_dialog(qtbot, window)
    labels = [dialog.rule.itemText(i) for i in range(dialog.rule.count())]
    assert labels[1] == f"25 off: 200 points, {sale.money(Decimal(25))} off"
    assert labels[2] == f"15% off: 300 points, {sale.money(Decimal('11.85'))} off"  # of this basket, under its cap
    assert labels[3] == "Free delivery: 150 points (not at the till)"  # nothing the till can take off
    assert not dialog.rule.model().item(3).isEnabled()
    dialog.rule.setCurrentIndex(1)
    assert not dialog.value.isEnabled()
    assert dialog.equivalent.text() == f"= {sale.money(Decimal(25))} off for 200 points"
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    held = sandbox.state.holds[sale.basket.redemption.hold_reference]
    assert (held.points, sale.basket.redemption.value) == (200, Decimal("25.00"))


def test_a_rule_the_basket_is_below_cannot_be_picked(qtbot, window):
    sale = identified(qtbot, window)
    sale.add_code("P-1001")  # 4.99: below the 25-off rule's minimum order of 50
    qtbot.waitUntil(lambda: len(sale.redemption_options) == 3)
    dialog = redeem_dialog(qtbot, window)
    assert "(sale below its minimum)" in dialog.rule.itemText(1) and not dialog.rule.model().item(1).isEnabled()
    dialog.rule.setCurrentIndex(1)  # as if a click got through: nothing is held by that rule
    assert dialog.option() is None and dialog.value.isEnabled()
    dialog.reject()


def test_an_account_that_requires_otp_is_learnt_from_gameballs_refusal(qtbot, window, sandbox):
    set_settings(window, otp_policy="never")
    sandbox.state.loyalty.otp_required = True
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    assert not sale.otp_required(100)
    sale.redeem(points=100)
    qtbot.waitUntil(lambda: "requires a code for redeeming" in window.notice.text())
    assert sale.basket.redemption is None and window.services.customers.account_requires_otp
    assert sale.otp_required(100)  # whatever the store's setting says, for the rest of the session
    dialog = redeem_dialog(qtbot, window)
    dialog.value.setText("100")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: dialog.otp.isVisible())
    dialog.otp.setText("246810")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)


def test_a_rule_hold_asks_for_the_code_sent_for_that_rule(qtbot, window, sandbox):
    set_settings(window, otp_policy="always")
    sale = identified(qtbot, window)
    sale.add_code("P-1004")
    qtbot.waitUntil(lambda: len(sale.redemption_options) == 3)
    dialog = redeem_dialog(qtbot, window)
    dialog.rule.setCurrentIndex(2)  # 15% off for 300 points
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: dialog.otp.isVisible())
    dialog.rule.setCurrentIndex(1)  # another reward: the code was for the other one
    assert not dialog.otp.isVisible()
    dialog.rule.setCurrentIndex(2)
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: dialog.otp.isVisible())
    dialog.otp.setText("246810")
    dialog.hold_button.click()
    qtbot.waitUntil(lambda: sale.basket.redemption is not None)
    assert (sale.basket.redemption.points, sale.basket.redemption.value) == (300, Decimal("11.85"))
