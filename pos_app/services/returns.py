"""Returns at the till: a planned return numbered, built, validated and queued after its order (no Qt)."""

from __future__ import annotations

from decimal import Decimal

from pos_app.domain.errors import ValidationError
from pos_app.domain.refund import validate_refund
from pos_app.domain.returns import ReturnPlan, new_refund_id, refund_body
from pos_app.domain.timeutil import utc_now
from pos_app.services.orders import OrdersQuery
from pos_app.services.till import TillService


class TooLarge(Exception):
    """The return is more than is left to refund; `left` was read right after."""

    def __init__(self, left: Decimal) -> None:
        super().__init__(f"only {left} left to refund")
        self.left = left


class ReturnsService:
    def __init__(self, till: TillService, orders: OrdersQuery) -> None:
        self._till = till
        self._orders = orders

    def accept(self, plan: ReturnPlan) -> tuple[str, str, bool]:
        """(refundTransactionId, state, created); ValidationError naming the field, or TooLarge."""
        order_id = plan.order_id
        # Numbered from the store as it is now, so a return made meanwhile (say, by the host POS) does not take
        # the same number.
        fresh = self._orders.returnable(order_id)
        existing = fresh.order.refund_ids if fresh is not None else ()
        body = refund_body(plan, new_refund_id(order_id, existing))
        try:
            return self._till.accept_refund(validate_refund(body, now=utc_now(), currency=self._till.currency()))
        except ValidationError as error:
            if error.field != "refundAmount":
                raise
            # The service's message is English; the front end tells the cashier in the till's language.
            now = self._orders.returnable(order_id)
            raise TooLarge(now.order.refundable if now is not None else Decimal(0)) from error
