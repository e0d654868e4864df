"""The day's abuse notices from a terminal's own records: frequent customers, unproven redemptions,
manual retries, discards and setting changes, each with terminal, time and reason."""

from store_helpers import ORDER_DATE, accept

from pos_app.domain.loyalty import AbuseKind
from pos_app.services.abuse import day_notices

DAY = ("2024-10-16T00:00:00.000Z", "2024-10-17T00:00:00.000Z")


def test_a_customer_on_more_sales_than_the_limit_is_flagged(store):
    for n in range(4):
        accept(store, f"ORD-{n}")
    accept(store, "ORD-X", customer_id="cust_2")
    accept(store, "ORD-Y", order_date=ORDER_DATE.replace("16T", "17T"))  # another day
    notices = day_notices(store, *DAY, limit=3)
    assert [(n.kind, n.subject, n.count) for n in notices] == [(AbuseKind.FREQUENT_CUSTOMER, "cust_1", 4)]
    assert day_notices(store, *DAY, limit=4) == []
    assert day_notices(store, *DAY, limit=0) == []  # the rule is off


def test_unproven_redemptions_and_manual_actions_carry_time_terminal_and_reason(store, clock):
    clock.now = 1729066409.0  # 2024-10-16T08:13:29Z
    store.terminal_id = "T7"
    store.audit("till", "redemption.unproven", {"hold": "H-1", "points": 900, "terminal": "T7"})
    store.audit("manager", "outbox.discard", {"outboxId": 3, "kind": "order", "refId": "ORD-9",
                                              "reason": "customer changed their mind"})
    store.audit("manager", "settings.set", {"keys": ["otp_policy"]})
    store.audit("manager", "report.day", {"date": "2024-10-16"})  # not a notice
    notices = day_notices(store, *DAY, limit=3)
    assert [(n.kind, n.action, n.subject, n.count, n.reason, n.terminal_id) for n in notices] == [
        (AbuseKind.UNPROVEN_REDEMPTION, "redemption.unproven", "H-1", 900, None, "T7"),
        (AbuseKind.MANUAL_ACTION, "outbox.discard", "ORD-9", None, "customer changed their mind", "T7"),
        (AbuseKind.MANUAL_ACTION, "settings.set", "otp_policy", None, None, "T7"),
    ]
    assert all(n.at == clock.now for n in notices)
    clock.now += 86400
    store.audit("manager", "outbox.requeue", {"refId": "ORD-9"})
    assert len(day_notices(store, *DAY, limit=3)) == 3  # the next day's retry is the next day's notice


def test_every_manual_retry_and_setting_change_is_a_notice_with_its_reason(store, clock):
    clock.now = 1729066409.0  # 2024-10-16T08:13:29Z
    store.terminal_id = "T7"
    for action, detail in (("outbox.requeue", {"refId": "ORD-1", "reason": "keys fixed"}),
                           ("settings.set", {"keys": ["currency", "pin"], "reason": "new PIN"}),
                           ("settings.import", {"file": "fleet.toml", "reason": "chain rollout"}),
                           ("keys.set", {"keyStore": "Windows", "reason": "keys rotated by Gameball"}),
                           ("bridge_token.rotate", {"reason": "token leaked"})):
        store.audit("cli", action, detail)
    store.audit("cli", "bridge_token.show", {})  # looking is not changing
    notices = day_notices(store, *DAY, limit=3)
    assert [(n.action, n.subject, n.reason, n.terminal_id, n.at) for n in notices] == [
        ("outbox.requeue", "ORD-1", "keys fixed", "T7", clock.now),
        ("settings.set", "currency, pin", "new PIN", "T7", clock.now),
        ("settings.import", "fleet.toml", "chain rollout", "T7", clock.now),
        ("keys.set", "", "keys rotated by Gameball", "T7", clock.now),
        ("bridge_token.rotate", "", "token leaked", "T7", clock.now),
    ]
    assert {n.kind for n in notices} == {AbuseKind.MANUAL_ACTION}
