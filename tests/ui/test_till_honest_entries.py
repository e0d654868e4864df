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
    with qtbot.waitSignal(sale.notice) as notice:
        sale.add_line(BasketLine(MANUAL_PRODUCT_ID, "Typo", max_amount(sale.currency), Decimal(1)))
    assert notice.args[0] == "error" and "the most this till takes" in notice.args[1]
    assert sale.basket is before


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
