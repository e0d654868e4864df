"""The bridge's JSON: the services' typed results in the shapes DESIGN.md section 5 documents."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pos_app.domain import wire
from pos_app.services.orders import State
from pos_app.services.till import OrderView, PreviewResult, Slip, TerminalStatus


def _iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


def status_json(status: TerminalStatus) -> dict[str, Any]:
    return {
        "online": status.online, "pending": status.pending, "failed": status.failed,
        "needsReview": status.needs_review, "shortfalls": status.shortfalls,
        "lastSyncAt": _iso(status.last_sync_at), "version": status.version,
        "paused": status.paused, "message": status.message, "storage": status.storage,
    }


def preview_json(preview: PreviewResult) -> dict[str, Any]:
    lines = [{"productId": line.product_id, "quantity": line.quantity, "points": line.points,
              "campaignName": line.campaign_name} for line in preview.lines]
    return wire.plain({"points": preview.points, "source": preview.source.value, "lineItems": lines})


def order_json(order: OrderView) -> dict[str, Any]:
    return wire.plain({
        "orderId": order.order_id, "state": order.state, "rewardedPoints": order.rewarded_points,
        "redeemedPoints": order.redeemed_points, "expectedPoints": order.expected_points,
        "transactions": [{
            "gameballTransactionId": tx.gameball_transaction_id, "transactionType": tx.transaction_type,
            "amount": tx.amount, "equivalentPoints": tx.equivalent_points,
            "transactionDate": tx.transaction_date, "transactionId": tx.transaction_id,
        } for tx in order.transactions],
        "refunds": [{"refundTransactionId": r.refund_id, "state": r.state, "refundAmount": r.refund_amount}
                    for r in order.refunds],
    })


def slip_text(slip: Slip) -> str:
    """The slip as plain text for the host POS to print (`GET /v1/orders/{orderId}/slip`)."""
    lines = [f"Order {slip.order_id}", f"Paid {slip.total_paid} {slip.currency}"]
    # Gameball's free text on one printed line each: a line break in a name must not forge another line.
    if slip.customer_name:
        lines.append(f"Customer: {' '.join(slip.customer_name.split())}")
    if slip.tier:
        lines.append(f"Tier: {' '.join(slip.tier.split())}")
    if slip.rewarded_points is not None:
        lines.append(f"Points earned: {slip.rewarded_points}")
    elif slip.state is State.REVIEW:
        lines.append(f"Points: held for a manager's check (expected {slip.expected_points or 0})")
    elif slip.state is State.FAILED:
        lines.append(f"Points: not given, a manager will check (expected {slip.expected_points or 0})")
    else:
        lines.append(f"Points: pending sync (expected {slip.expected_points or 0})")
    if slip.redeemed_points:
        lines.append(f"Points redeemed: {slip.redeemed_points}")
    if slip.new_balance is not None:
        lines.append(f"New balance: {slip.new_balance}")
    return "\n".join(lines) + "\n"
