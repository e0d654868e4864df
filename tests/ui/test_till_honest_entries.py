"""What the cashier types and sees is what the sale holds: ceilings, decimal commas, redemption choice, Arabic."""

from decimal import Decimal

from PySide6.QtWidgets import QApplication
from till_helpers import PHONE, modal

from pos_app.domain.basket import MANUAL_PRODUCT_ID, BasketLine
from pos_app.domain.money import max_amount
from pos_app.ui import i18n
from pos_app.ui.line_dialog import FreeLineDialog
from pos_app.ui.redeem_dialog import RedeemDialog


def test_a_line_that_would_pass_the_ceiling_is_refused_and_the_basket_kept(qtbot, window):
    sale = window.sale
    sale.add_code("P-1004")
    before = sale.basket
    sale.add_line(BasketLine(MANUAL_PRODUCT_ID, "Typo", max_amount(sale.currency), Decimal(1)))
    assert sale.basket is before
    # The error stands under the item field, where the cashier looks, until they act.
    assert window.item_error.isVisible() and "the most this till takes" in window.item_error.text()
    window.sku_entry.setFocus()
    qtbot.keyClicks(window.sku_entry, "P")
    assert not window.item_error.isVisible()


def test_a_decimal_comma_is_refused_not_read_as_a_hundred_times_more(qtbot, window):
    window.open_free_line()
    qtbot.waitUntil(lambda: modal(FreeLineDialog) is not None)
    dialog = modal(FreeLineDialog)
    dialog.title.setText("Gift wrap")
    dialog.price.setText("12,50")
    dialog._accept()
    assert dialog.line is None and "point for decimals" in dialog.problem.text()
    qtbot.waitUntil(dialog.price.hasFocus)  # the error stands where the eye is
    dialog.price.setText("\u0661\u0662\u066b\u0665\u0660")  # ١٢٫٥٠
    dialog._accept()
    assert dialog.line is not None and dialog.line.price == Decimal("12.50")


def test_redeem_starts_empty_and_enter_alone_holds_nothing(qtbot, window):
    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
    sale.add_code("P-1004")
    window.open_redeem()
    qtbot.waitUntil(lambda: modal(RedeemDialog) is not None)
    dialog = modal(RedeemDialog)
    assert dialog.value.text() == ""
    assert not dialog.hold_button.isEnabled()
    dialog._hold()
    assert sale.basket.redemption is None and QApplication.activeModalWidget() is dialog
    dialog.value.setText("100")
    assert dialog.hold_button.isEnabled() and "off" in dialog.equivalent.text()
    dialog.reject()


def test_a_basket_too_small_to_redeem_says_so(qtbot, window):
    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
    sale.add_line(BasketLine(MANUAL_PRODUCT_ID, "Sweet", Decimal("0.10"), Decimal(1)))
    window.open_redeem()
    qtbot.waitUntil(lambda: modal(RedeemDialog) is not None)
    dialog = modal(RedeemDialog)
    facts = dialog.findChild(type(dialog.problem), "redeemFacts").text()
    assert "too small to redeem" in facts and "49" not in facts  # never "50 to 49 points"
    dialog.reject()


def test_points_carry_thousands_separators_in_the_basket(qtbot, window):
    sale = window.sale
    sale.add_line(BasketLine(MANUAL_PRODUCT_ID, "Watch", Decimal("99999.00"), Decimal(1)))
    qtbot.waitUntil(lambda: sale.preview is not None)
    points = window.basket_model.index(0, 4).data()
    assert "," in points, points


def test_arabic_keeps_the_minus_with_its_amount_and_the_plus_with_its_phone(qtbot, window):
    app = QApplication.instance()
    translators = i18n.install(app, "ar")
    try:
        window.retranslate()
        banner = window.demo_banner.text()
        assert '<span dir="ltr">+971501234567</span>' in banner  # the + stays at the number's start
        sale = window.sale
        sale.identify(PHONE)
        qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
        sale.add_code("P-1004")
        sale.redeem(points=100)
        qtbot.waitUntil(lambda: sale.basket.redemption is not None)
        window.preview.render()
        assert "\u2066-\u2066" in window.preview.redeemed.text()  # the minus inside the amount's isolate
    finally:
        i18n.uninstall(app, translators)


def test_a_wrong_customer_entry_is_named_beside_the_field_and_stays_until_the_cashier_acts(qtbot, window):
    window.customer.entry.setFocus()
    qtbot.waitUntil(window.customer.entry.hasFocus)
    window.customer.entry.setText("010 12")
    window.sale.identify("010 12")
    error = window.customer.error
    assert error.isVisible() and "phone number" in error.text()
    window.show_notice("info", "something else happened")  # other news does not take the error away
    assert error.isVisible()
    qtbot.keyClicks(window.customer.entry, "3")
    assert not error.isVisible()


def test_errors_in_the_strip_do_not_vanish_on_a_timer(qtbot, window):
    window.show_notice("error", "Gameball refused the keys")
    assert not window._notice_timer.isActive()
    window.show_notice("ok", "Sale saved")
    assert window._notice_timer.isActive()


def test_refused_keys_read_the_same_in_every_part_of_the_window(qtbot, window):
    from dataclasses import replace as changed

    from pos_app.sync.status import PauseReason

    sale = window.sale
    sale.identify(PHONE)
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up)
    sale.add_code("P-1004")
    refused = changed(sale.status, online=False, pause_reason=PauseReason.BAD_KEYS)
    sale._on_engine_status(refused)
    sale.customer = changed(sale.customer, live=False)
    window.customer.render()
    window.preview.render()
    words = "refused the API keys"
    assert words in window.status_panel.connection_label.text()
    assert words in window.customer.age_label.text() and "Offline" not in window.customer.age_label.text()
    assert words in window.preview.source.text()
    assert words in sale.can_redeem()


def test_a_lookup_gameball_did_not_answer_is_not_called_offline_while_the_bar_says_online(qtbot, window, sandbox):
    sale = window.sale
    sandbox.faults.hang(30, count=None, path="customers")
    sale.identify("+201009998877")  # never seen by this till: nothing cached
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.looking_up, timeout=20_000)
    sandbox.faults.clear()
    assert sale.customer.balance is None and sale.status.online
    assert "did not answer" in window.customer.age_label.text()
    assert "Offline" not in window.customer.age_label.text()


def test_a_large_free_line_asks_for_a_second_ok(qtbot, window):
    window.open_free_line()
    qtbot.waitUntil(lambda: modal(FreeLineDialog) is not None)
    dialog = modal(FreeLineDialog)
    dialog.title.setText("Sofa")
    dialog.price.setText("4599.00")
    dialog._accept()
    assert dialog.line is None and "press OK again" in dialog.problem.text() and "4,599.00" in dialog.problem.text()
    dialog._accept()
    assert dialog.line is not None and dialog.line.price == Decimal("4599.00")


def test_a_quantity_over_999_asks_for_a_second_ok(qtbot, window):
    window.open_free_line()
    qtbot.waitUntil(lambda: modal(FreeLineDialog) is not None)
    dialog = modal(FreeLineDialog)
    dialog.title.setText("Screws")
    dialog.price.setText("0.05")
    dialog.quantity.setText("4006381333931"[:4])  # 4006 screws: more likely a slip of the scanner
    dialog._accept()
    assert dialog.line is None and "press OK again" in dialog.problem.text()
    dialog.quantity.setText("400")  # changed: asks no more
    dialog._accept()
    assert dialog.line is not None and dialog.line.quantity == Decimal(400)


def test_a_long_item_name_shows_in_full_on_hover(qtbot, window):
    name = "Limited edition hand-stitched leather travel bag with brass fittings"
    window.sale.add_line(BasketLine(MANUAL_PRODUCT_ID, name, Decimal("10.00"), Decimal(1)))
    from PySide6.QtCore import Qt
    assert window.basket_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == name


def test_tries_left_is_pluralised_in_english_and_arabic(qtbot):
    from PySide6.QtCore import QCoreApplication

    app = QApplication.instance()
    for language, expected in (("en", {1: "1 try left", 2: "2 tries left"}),
                               ("ar", {1: "محاولة واحدة", 2: "محاولتان", 4: "4 محاولات"})):
        translators = i18n.install(app, language)
        try:
            for count, words in expected.items():
                assert words in QCoreApplication.translate("PinDialog", "Wrong PIN. %n tries left.", "", count)
        finally:
            i18n.uninstall(app, translators)
