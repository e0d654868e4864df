"""Is the order Gameball holds under our id this sale? Every verdict of pos_app.domain.applied.judge."""

from datetime import UTC, datetime, timedelta

import pytest

from pos_app.domain.applied import ANOTHER_SALE, NEEDS_REVIEW, Match, judge

SOLD = datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC)
SENT = SOLD + timedelta(hours=2)  # queued offline, first sent two hours later
BODY = {"customerId": "c1", "orderId": "O-1", "orderDate": "2026-03-01T10:00:00.000Z", "totalPaid": 25}


def _tx(kind="PaymentReward", amount=25, at=SENT + timedelta(seconds=1), points=25, tx_id="O-1"):
    return {"transactionType": kind, "amount": amount, "transactionDate": at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-4],
            "equivalentPoints": points, "transactionId": tx_id, "gameballTransactionId": 1}


@pytest.mark.parametrize("when", [SOLD + timedelta(milliseconds=300), SENT, SENT - timedelta(seconds=30)],
                         ids=["dated-at-sale", "dated-at-send", "gameball-clock-behind"])
def test_this_sale_under_either_reading_of_the_transaction_date(when):
    verdict = judge(BODY, [_tx(at=when)], SENT)
    assert verdict.match is Match.SAME and verdict.rewarded_points == 25 and verdict.redeemed_points is None


def test_nothing_applied_is_absent():
    assert judge(BODY, [], SENT).match is Match.ABSENT
    assert judge(BODY, [_tx(kind="Refund")], SENT).match is Match.ABSENT


@pytest.mark.parametrize(
    ("transactions", "first_sent", "detail"),
    [
        ([_tx(amount=99)], SENT, "99 paid"),
        ([_tx(at=SOLD - timedelta(hours=1))], SENT, "dated before this sale"),
        ([_tx(at=SOLD + timedelta(minutes=30))], SENT, "before this till sent it"),
        ([_tx(at=SOLD + timedelta(minutes=30))], None, "before this till sent it"),
        ([_tx(), _tx(kind="Redemption", amount=5, points=500)], SENT, "redeemed points this sale did not"),
    ],
    ids=["amount", "before-sale", "before-send", "never-sent", "unexpected-redemption"],
)
def test_another_sale(transactions, first_sent, detail):
    verdict = judge(BODY, transactions, first_sent)
    assert verdict.match is Match.OTHER
    assert verdict.reason.startswith(ANOTHER_SALE) and detail in verdict.reason


def test_a_hold_must_be_the_one_redeemed():
    body = {**BODY, "redemption": {"pointsHoldReference": "h-1"}}
    assert judge(body, [_tx()], SENT).match is Match.OTHER  # no redemption at Gameball
    both = [_tx(), _tx(kind="Redemption", amount=5, points=500)]
    assert judge(body, both, SENT, held_points=400).match is Match.OTHER
    verdict = judge(body, both, SENT, held_points=500)
    assert (verdict.match, verdict.redeemed_points) == (Match.SAME, 500)


@pytest.mark.parametrize(
    "transactions",
    [[_tx(kind="AchievementReward")], [_tx(), _tx()], [_tx(amount=None)], [{**_tx(), "transactionDate": "soon"}]],
    ids=["no-reward", "two-rewards", "no-amount", "unreadable-date"],
)
def test_what_the_documented_fields_cannot_tell_needs_review(transactions):
    verdict = judge(BODY, transactions, SENT)
    assert verdict.match is Match.UNKNOWN and verdict.reason.startswith(NEEDS_REVIEW)


def test_refund_transactions_of_the_order_are_not_the_order():
    refunds = [_tx(), _tx(kind="PartialRefund", amount=10, tx_id="R-1")]
    assert judge(BODY, refunds, SENT).match is Match.SAME
