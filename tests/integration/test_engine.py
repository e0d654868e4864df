"""The sync engine against the sandbox over loopback: delivery, history, outages, the four classes."""

from decimal import Decimal

import pytest
from engine_helpers import make_terminal, order_state, sell
from sandbox_helpers import wait_until

from pos_app.domain.requests import HoldRequest
from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.gameball.client import GameballClient
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.services.manager import ManagerService
from pos_app.store.records import DebitKind, DebitState
from pos_app.store.store import Store
from pos_app.sync.status import PauseReason


def _delivered(runtime, order_ids):
    return all(order_state(runtime, o) == "delivered" for o in order_ids)


def test_orders_are_delivered_with_points_and_history(terminal, sandbox):
    terminal.start()
    orders = [sell(terminal) for _ in range(3)]
    wait_until(lambda: _delivered(terminal, orders))
    with Store.open_in(terminal.data_dir) as store:
        wait_until(lambda: all(store.get_order(o).transactions for o in orders))
        record = store.get_order(orders[0])
    assert record.rewarded_points == sandbox.order_report(orders[0])["rewardedPoints"] > 0
    assert record.mobile is None and record.email is None
    assert {tx.transaction_type for tx in record.transactions} == {"PaymentReward"}
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)
    wait_until(lambda: terminal.engine.status.online and terminal.engine.status.pending == 0)


def test_offline_orders_queue_then_drain_by_themselves(terminal, sandbox):
    sandbox.faults.refuse()
    terminal.start()
    orders = [sell(terminal) for _ in range(4)]
    wait_until(lambda: not terminal.engine.status.online and terminal.engine.status.pending == 4)
    assert all(order_state(terminal, o) == "queued" for o in orders)
    sandbox.faults.clear()
    wait_until(lambda: _delivered(terminal, orders), timeout=10)
    wait_until(lambda: terminal.engine.status.online and terminal.engine.status.pending == 0)
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)


def test_a_poison_order_fails_alone_and_the_rest_move_on(terminal, sandbox):
    sandbox.faults.poison(order_id="POISON-1", code=3003)
    orders = [sell(terminal) for _ in range(3)]
    sell(terminal, order_id="POISON-1")
    orders += [sell(terminal) for _ in range(3)]
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders))
    with Store.open_in(terminal.data_dir) as store:
        failed = store.failed_list()
    assert [(f.ref_id, f.code, f.error_class) for f in failed] == [("POISON-1", 3003, "failed")]
    assert failed[0].request_id
    wait_until(lambda: terminal.engine.status.failed == 1)


def test_applied_then_dropped_is_rewarded_once(terminal, sandbox):
    sandbox.faults.apply_then_drop(path="/orders$")
    order = sell(terminal)
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert sandbox.order_report(order)["rewarded"] == 1
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_order(order).rewarded_points == sandbox.order_report(order)["rewardedPoints"]


def _send_behind_the_engines_back(terminal, sandbox, order):
    """This till's own earlier attempt landed but the database forgot it may have (the 9004 path)."""
    with Store.open_in(terminal.data_dir) as store:
        item = store.due(limit=1)[0]
        store.mark_sending([item.id])
        with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
            client.track_order(item.body)
        store.mark_retry(item.id, 0.0, {"class": "retry", "message": "lost"}, maybe_applied=False)


def test_9004_for_this_sale_already_at_gameball_counts_as_delivered(terminal, sandbox):
    order = sell(terminal)
    _send_behind_the_engines_back(terminal, sandbox, order)
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]))
    assert sandbox.order_report(order)["rewarded"] == 1
    with Store.open_in(terminal.data_dir) as store:
        assert store.get_order(order).rewarded_points == sandbox.order_report(order)["rewardedPoints"]


def _other_till_sells(sandbox, order_id, total):
    body = {"customerId": "demo-lena", "orderId": order_id, "orderDate": to_iso_z(utc_now()), "totalPaid": total}
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        client.track_order(body)


def _failed(terminal):
    with Store.open_in(terminal.data_dir) as store:
        return {f.ref_id: (f.error_class, f.code, f.message) for f in store.failed_list()}


def test_9004_for_another_sale_fails_with_a_reason_a_manager_understands(terminal, sandbox):
    # Dates that tell sales of the same amount apart are covered by tests/unit/test_applied.py.
    _other_till_sells(sandbox, "CLASH", 99)
    mine = sell(terminal)
    sell(terminal, order_id="CLASH")
    terminal.start()
    wait_until(lambda: _failed(terminal))
    error_class, code, message = _failed(terminal)["CLASH"]
    assert (error_class, code) == ("failed", 9004)
    assert message == "order id already used by another sale: Gameball recorded 99 paid, this sale 25"
    assert order_state(terminal, "CLASH") == "failed"
    wait_until(lambda: _delivered(terminal, [mine]))


def test_account_wide_refusal_pauses_the_queue_and_resumes_when_accepted(terminal, sandbox):
    terminal.engine.options.account_pause = 0.3
    sandbox.faults.poison(customer_id="demo-amira", code=6001)
    orders = [sell(terminal) for _ in range(3)]
    terminal.start()
    wait_until(lambda: terminal.engine.status.pause_reason is PauseReason.ACCOUNT)
    assert "cashback is disabled" in terminal.engine.status.message
    assert all(order_state(terminal, o) == "queued" for o in orders)
    assert terminal.engine.status.failed == 0
    sandbox.faults.clear()
    wait_until(lambda: _delivered(terminal, orders), timeout=10)
    assert terminal.engine.status.pause_reason is PauseReason.NONE


def test_429_with_retry_after_pauses_the_queue_then_resumes(terminal, sandbox):
    sandbox.faults.answer(429, count=1, path="/orders$", retry_after=0.3)
    orders = [sell(terminal) for _ in range(3)]
    seen = []
    terminal.engine.add_status_listener(seen.append)
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders), timeout=10)
    assert any(s.pause_reason is PauseReason.RATE_LIMITED for s in seen)
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)


def test_a_hanging_answer_is_abandoned_and_retried(terminal, sandbox):
    from pos_app.gameball.client import Timeouts

    terminal.engine._client_factory = lambda: GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY,
                                                             timeouts=Timeouts(0.5, 0.5, 0.8))
    sandbox.faults.hang(30, count=1, path="/orders$")
    order = sell(terminal)
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert sandbox.order_report(order)["rewarded"] == 1


def test_bad_keys_pause_instead_of_burning_the_queue(tmp_path, sandbox):
    runtime = make_terminal(tmp_path, sandbox, api_key="wrong-key")
    try:
        order = sell(runtime)
        runtime.start()
        wait_until(lambda: runtime.engine.status.pause_reason is PauseReason.BAD_KEYS)
        assert order_state(runtime, order) == "queued"
    finally:
        runtime.stop()


def test_a_backlog_of_till_orders_goes_one_per_request_not_by_lossy_batch(terminal, sandbox):
    # Every till order carries channel and merchant, which the documented batch item does not.
    orders = [sell(terminal) for _ in range(60)]
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders), timeout=30)
    stats = sandbox.stats()
    assert stats["buckets"]["orders_tracking"]["requests"] >= 60
    assert all(job.kind == "orders_transactions" for job in sandbox.api.jobs._jobs.values())  # history only
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)


def test_full_bodies_by_batch_only_when_the_manager_confirmed_the_account_takes_them(terminal, sandbox):
    terminal.engine.options.delivery.batch_full_bodies = True
    sandbox.api.full_batch_items = True
    orders = [sell(terminal) for _ in range(120)]
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders), timeout=30)
    assert sandbox.stats()["buckets"]["orders_tracking"]["requests"] < 60  # the bulk went in batches
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)


def test_an_account_refusing_full_batch_bodies_gets_them_one_per_request(terminal, sandbox):
    terminal.engine.options.delivery.batch_full_bodies = True  # set, but Gameball refuses the bodies
    orders = [sell(terminal) for _ in range(60)]
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders), timeout=30)
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)
    with Store.open_in(terminal.data_dir) as store:
        assert not store.failed_list()


def test_batch_can_be_switched_off(tmp_path, sandbox):
    runtime = make_terminal(tmp_path, sandbox, batch_enabled=False)
    try:
        orders = [sell(runtime) for _ in range(60)]
        runtime.start()
        wait_until(lambda: _delivered(runtime, orders), timeout=30)
        assert sandbox.stats()["buckets"]["orders_tracking"]["requests"] >= 60
    finally:
        runtime.stop()


def test_a_second_instance_on_the_same_data_directory_does_not_send(terminal, sandbox):
    terminal.start()
    wait_until(lambda: terminal.engine.status.online)
    second = make_terminal(terminal.data_dir, sandbox)
    try:
        second.start()
        wait_until(lambda: second.engine.status.pause_reason is PauseReason.NOT_SENDER)
        assert not second.engine.status.sender and "another pos-app" in second.engine.status.message
    finally:
        second.stop()


def test_a_bug_in_a_cycle_is_reported_and_the_queue_keeps_working(terminal, sandbox, monkeypatch):
    import sys

    from pos_app.sync import delivery

    real_run = delivery.Deliverer.run
    calls = {"n": 0}

    def flaky_run(self):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug")
        return real_run(self)

    reported = []
    monkeypatch.setattr(delivery.Deliverer, "run", flaky_run)
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(exc[1]))
    terminal.engine.options.pause_backoff = type(terminal.engine.options.pause_backoff)(base=0.05, cap=0.5)
    order = sell(terminal)
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert [str(e) for e in reported] == ["a bug"]


def test_an_idle_engine_claims_no_sync_it_did_not_make(terminal, sandbox):
    terminal.start()
    wait_until(lambda: terminal.engine.status.online)
    synced = terminal.engine.status.last_sync_at
    sandbox.faults.refuse()
    for _ in range(3):
        terminal.engine.wake()  # empty passes: nothing was asked, nothing answered
        wait_until(lambda: not terminal.engine._wake.is_set())
    assert terminal.engine.status.last_sync_at == synced
    terminal.engine.recheck()  # "Sync now" asks Gameball, and finds it gone
    wait_until(lambda: not terminal.engine.status.online)
    assert terminal.engine.status.last_sync_at == synced


def test_several_batch_jobs_run_at_once(terminal, sandbox):
    terminal.engine.options.delivery.batch_size = 40
    terminal.engine.options.delivery.batch_full_bodies = True
    sandbox.api.full_batch_items = True
    calls = []
    real = terminal.engine._client_factory

    def recording_client():
        client = real()
        batch_orders, batch_status = client.batch_orders, client.batch_status
        client.batch_orders = lambda orders: calls.append(("submit", len(orders))) or batch_orders(orders)
        client.batch_status = lambda job: calls.append(("poll", job)) or batch_status(job)
        return client

    terminal.engine._client_factory = recording_client
    orders = [sell(terminal) for _ in range(150)]
    terminal.start()
    wait_until(lambda: _delivered(terminal, orders), timeout=30)
    # Four jobs went out before the first poll: they ran at the same time, not one after another.
    assert calls[:5] == [("submit", 40), ("submit", 40), ("submit", 40), ("submit", 30), calls[4]]
    assert calls[4][0] == "poll"
    assert all(sandbox.order_report(o)["rewarded"] == 1 for o in orders)


def test_an_order_redeeming_a_hold_goes_ahead_of_the_backlog(terminal, sandbox):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        hold = client.hold_points(HoldRequest("demo-amira", utc_now(), points_to_hold=100))
    backlog = [sell(terminal) for _ in range(30)]
    redeeming = sell(terminal, redemption={"pointsHoldReference": hold.hold_reference})
    terminal.start()
    wait_until(lambda: _delivered(terminal, [*backlog, redeeming]), timeout=15)
    assert next(iter(sandbox.state.orders)) == redeeming
    assert sandbox.order_report(redeeming)["redeemedPoints"] == 100


def _sale_with_an_expired_hold(terminal, sandbox, points=100):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        hold = client.hold_points(HoldRequest("demo-amira", utc_now(), points_to_hold=points))
    with Store.open_in(terminal.data_dir) as store:
        store.record_hold(hold.hold_reference, "demo-amira", points, hold.hold_amount)
    order = sell(terminal, redemption={"pointsHoldReference": hold.hold_reference})
    sandbox.clock.advance(11 * 60)  # the queue outlived the hold
    return order


def _available(sandbox, customer="demo-amira"):
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        return client.get_balance(customer).available_points


def test_an_expired_hold_leaves_no_free_discount_points_debited_once_and_earn_rewarded(terminal, sandbox):
    order = _sale_with_an_expired_hold(terminal, sandbox)
    before = _available(sandbox)
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    report = sandbox.order_report(order)
    assert report["rewarded"] == 1 and report["rewardedPoints"] > 0 and report["redeemedPoints"] == 0
    assert [tx["equivalentPoints"] for tx in sandbox.state.redemptions[order]] == [100]
    assert _available(sandbox) == before - 100 + report["rewardedPoints"]
    with Store.open_in(terminal.data_dir) as store:
        assert store.debit_of(order).state.value == "delivered" and not store.refused_debits()
        assert store.get_order(order).rewarded_points == report["rewardedPoints"]


def test_a_refused_debit_delivers_the_earn_part_and_tells_the_manager(terminal, sandbox):
    order = _sale_with_an_expired_hold(terminal, sandbox)
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:  # the points went elsewhere
        client.redeem({"customerId": "demo-amira", "transactionId": "ELSEWHERE",
                       "transactionTime": to_iso_z(utc_now()), "points": _available(sandbox)})
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert sandbox.order_report(order)["rewarded"] == 1 and order not in sandbox.state.redemptions
    with Store.open_in(terminal.data_dir) as store:
        [refused] = store.refused_debits()
        audited = [e for e in store.audit_entries() if e.action == "order.points_not_taken"]
    assert refused.order_id == order and refused.reason.startswith("discount given, points could not be taken")
    assert "9008" in refused.reason and audited and audited[0].detail["orderId"] == order
    # What the manager sees (issue 12, requirement 4): the list, the day's summary, the status, the command line.
    manager = ManagerService.from_runtime(terminal)
    (short,) = manager.shortfalls()
    assert (short.order_id, short.customer_id, short.points, short.currency) == (order, "demo-amira", 100, "USD")
    assert short.amount and short.amount > 0 and "9008" in short.reason and "discount given" not in short.reason
    summary = manager.day_summary(utc_now().astimezone().date())
    assert (summary.shortfalls, summary.shortfall_points, summary.shortfall_value) == (1, 100, short.amount)
    assert terminal.service.status().shortfalls == 1


def _sale_with_a_coupon_lock(terminal, sandbox, *, lock_minutes=10, hold_points=None, code="WELCOME10"):
    """A queued sale that took a coupon (and maybe points) at the till; the caller lets time pass."""
    redemption = {}
    with GameballClient(sandbox.url, DEMO_API_KEY, DEMO_SECRET_KEY) as client:
        lock = client.validate_coupons({"customerId": "demo-amira", "coupons": [code], "lock": True,
                                        "lockDuration": lock_minutes, "totalPurchaseAmount": 25})
        redemption.update(couponsLockReference=lock.raw["lockReference"], couponCodes=[code])
        if hold_points:
            hold = client.hold_points(HoldRequest("demo-amira", utc_now(), points_to_hold=hold_points))
            with Store.open_in(terminal.data_dir) as store:
                store.record_hold(hold.hold_reference, "demo-amira", hold_points, hold.hold_amount)
            redemption["pointsHoldReference"] = hold.hold_reference
    return sell(terminal, redemption=redemption)


def test_an_expired_coupon_lock_burns_the_coupon_once_and_the_order_earns(terminal, sandbox):
    order = _sale_with_a_coupon_lock(terminal, sandbox)
    sandbox.clock.advance(11 * 60)  # the queue outlived the lock
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert sandbox.state.loyalty.coupons["WELCOME10"].used == 1 and sandbox.state.loyalty.burnt[order] == (
        "WELCOME10",)
    report = sandbox.order_report(order)
    assert report["rewarded"] == 1 and report["rewardedPoints"] > 0
    with Store.open_in(terminal.data_dir) as store:
        assert store.debit_of(order, DebitKind.COUPON).state is DebitState.DELIVERED
        assert store.debit_of(order) is None and not store.refused_debits()  # no points were held


def test_a_coupon_that_cannot_be_used_any_more_is_the_managers_shortfall(terminal, sandbox):
    order = _sale_with_a_coupon_lock(terminal, sandbox)
    sandbox.clock.advance(11 * 60)
    sandbox.state.loyalty.coupons["WELCOME10"].used = 1000  # used up elsewhere meanwhile
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert sandbox.order_report(order)["rewarded"] == 1 and order not in sandbox.state.loyalty.burnt
    with Store.open_in(terminal.data_dir) as store:
        [refused] = store.refused_debits()
        audited = [e for e in store.audit_entries() if e.action == "order.coupon_not_redeemed"]
    assert refused.kind is DebitKind.COUPON and refused.order_id == order
    assert refused.reason.startswith("discount given, coupon could not be redeemed") and "3009" in refused.reason
    assert audited and audited[0].detail["orderId"] == order
    # On the manager's list of discounts not taken (not in the end of day's points line).
    manager = ManagerService.from_runtime(terminal)
    (short,) = manager.shortfalls()
    assert (short.order_id, short.kind, short.points, short.amount) == (order, "coupon", 0, None)
    assert "3009" in short.reason and not short.reason.startswith("discount given")
    assert manager.day_summary(utc_now().astimezone().date()).shortfalls == 0
    assert terminal.service.status().shortfalls == 1


def test_a_hold_that_expired_before_its_live_coupon_lock_takes_both_once(terminal, sandbox):
    before = _available(sandbox)
    order = _sale_with_a_coupon_lock(terminal, sandbox, lock_minutes=60, hold_points=100)
    sandbox.clock.advance(11 * 60)  # the hold is gone (9006); the lock still holds the code
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    assert [tx["equivalentPoints"] for tx in sandbox.state.redemptions[order]] == [100]
    assert sandbox.state.loyalty.coupons["WELCOME10"].used == 1
    earned = sandbox.order_report(order)["rewardedPoints"]
    assert _available(sandbox) == before - 100 + earned
    with Store.open_in(terminal.data_dir) as store:
        assert [d.kind for d in (store.debit_of(order), store.debit_of(order, DebitKind.COUPON))] == [
            DebitKind.POINTS, DebitKind.COUPON]
        assert not store.refused_debits() and not store.pending_debits(order)


def test_a_coupon_lock_that_expired_before_its_live_hold_takes_both_once(terminal, sandbox):
    before = _available(sandbox)
    order = _sale_with_a_coupon_lock(terminal, sandbox, lock_minutes=1, hold_points=100)
    sandbox.clock.advance(2 * 60)  # the lock is gone (4004); the hold still holds the points
    terminal.start()
    wait_until(lambda: _delivered(terminal, [order]), timeout=10)
    # The live hold was released first, so the direct debit takes the same 100 points once, not 200.
    assert [tx["equivalentPoints"] for tx in sandbox.state.redemptions[order]] == [100]
    assert sandbox.state.loyalty.coupons["WELCOME10"].used == 1
    assert _available(sandbox) == before - 100 + sandbox.order_report(order)["rewardedPoints"]


def test_a_sale_over_the_stores_max_amount_is_refused_naming_the_field(tmp_path, sandbox):
    from pos_app.config.settings import Settings, SettingsError
    from pos_app.domain.errors import ValidationError

    runtime = make_terminal(tmp_path, sandbox, max_amount="500")
    try:
        sell(runtime, total=Decimal("500.00"))
        with pytest.raises(ValidationError) as refused:
            sell(runtime, total=Decimal("500.01"))
        assert refused.value.field == "totalPaid" and "max_amount" in refused.value.message
        assert runtime.service.status().pending == 1  # the first sale kept, nothing of the second
    finally:
        runtime.stop()
    with pytest.raises(SettingsError) as refused:
        Settings.from_mapping({"max_amount": "10000000"})  # past the nine-digit ceiling of USD
    assert refused.value.field == "max_amount"
