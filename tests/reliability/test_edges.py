"""Issue 12's edges under SIGKILL at the worst moment, with the real headless process.

* An order applied at Gameball whose answer never came back, and a kill again while its transactions are being
  read: delivered once when it is this sale, failed as another sale's when the id was taken before.
* A batch job submitted (an account confirmed for full batch bodies) and the sender killed before any result:
  every order rewarded once.
* A sale's points hold, or coupon lock, expired while Gameball was away, and kills while its points are debited
  (or its coupon burnt) directly and then while the order without it is out: taken once, rewarded once.
"""

from reliability_harness import closed_api_base, order_body, poll, rewarded, wait_for

from pos_app.domain.timeutil import to_iso_z, utc_now
from pos_app.store.store import Store

TIME_SCALE = 10
POST_ORDERS = "/orders$"
GET_TRANSACTIONS = "/orders/[^/]+/transactions$"


def _kill_when(terminal, sandbox, kind: str, count: int) -> None:
    """SIGKILL once the sandbox has used up `count` faults of `kind`: the request is out, unanswered."""
    wait_for(lambda: sandbox.faults.describe()["injected"].get(kind, 0) >= count, 20, f"{kind} number {count}")
    terminal.kill()


def test_applied_unanswered_then_killed_again_while_checking(sandbox_factory, headless_factory, report):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    terminal = headless_factory(sandbox.url, time_scale=TIME_SCALE)
    mine = order_body()
    # Gameball applies the order and its answer trickles: kill. At the restart the check of its transactions
    # trickles too: kill again. Then the check completes.
    sandbox.faults.trickle(5.0, count=1, path=POST_ORDERS, method="POST")
    terminal.start()
    terminal.post_orders([mine])
    _kill_when(terminal, sandbox, "trickle", 1)
    assert sandbox.order_report(mine["orderId"])["known"]
    sandbox.faults.trickle(5.0, count=1, path=GET_TRANSACTIONS, method="GET")
    terminal.start()
    _kill_when(terminal, sandbox, "trickle", 2)
    terminal.start()
    wait_for(lambda: terminal.order(mine["orderId"])["state"] == "delivered", 20, "this sale to be delivered")
    assert rewarded(sandbox)[mine["orderId"]] == 1
    assert terminal.order(mine["orderId"])["rewardedPoints"] == sandbox.order_report(mine["orderId"])["rewardedPoints"]

    # Another sale took this id first, with another amount: 9004, and a kill while its transactions are read.
    taken = order_body()
    sandbox.state.track_order({"customerId": "someone-else", "orderId": taken["orderId"],
                               "orderDate": to_iso_z(utc_now()), "totalPaid": 99})
    sandbox.faults.trickle(5.0, count=1, path=GET_TRANSACTIONS, method="GET")
    terminal.post_orders([taken])
    _kill_when(terminal, sandbox, "trickle", 3)
    terminal.start()
    terminal.wait_drained(timeout=30)
    assert terminal.order(taken["orderId"])["state"] == "failed"
    assert rewarded(sandbox)[taken["orderId"]] == 1  # the other sale's, once
    with Store.open_in(terminal.data_dir) as store:
        [failed] = store.failed_list()
    assert failed.message.startswith("order id already used by another sale")
    report(f"kill at the worst moments of delivery proof: 3 kills (applied but unanswered, while checking, while "
           f"checking a 9004); this sale delivered once; the other sale's id failed: '{failed.message}'")
    assert terminal.stop() == 0


def test_killed_after_a_batch_job_was_submitted(sandbox_factory, headless_factory, report):
    sandbox = sandbox_factory(time_scale=TIME_SCALE, batch_delay=2.0, batch_polls=1000)
    sandbox.api.full_batch_items = True
    terminal = headless_factory(closed_api_base(), time_scale=TIME_SCALE)  # Gameball away: queue first
    with Store.open_in(terminal.data_dir) as store:
        store.set_setting("batch_full_bodies", True)
    terminal.start()
    acknowledged = terminal.post_orders([order_body() for _ in range(120)])
    assert terminal.stop() == 0
    terminal.api_base = sandbox.url
    terminal.start()
    wait_for(lambda: sandbox.api.jobs._jobs, 20, "a batch job to be submitted")
    terminal.kill()  # the job runs on at Gameball; the till knows nothing of its results
    assert poll(lambda: len(sandbox.state.orders) == 120, 10), "the job did not complete"
    terminal.start()
    terminal.wait_drained(timeout=60)
    books = rewarded(sandbox)
    assert books == {order_id: 1 for order_id in acknowledged}
    assert set(terminal.order_states().values()) == {"delivered"}
    report(f"kill after a batch submit: 120 orders, {sum(books.values())} rewards, 0 duplicates, all delivered")
    assert terminal.stop() == 0


def _queued_past_its_redemption(sandbox, terminal, redemption: dict) -> str:
    """A sale taken with `redemption` while Gameball was away; the outage (11 minutes) outlives its hold or lock."""
    sale = {**order_body(), "customerId": "demo-amira", "redemption": redemption}
    terminal.start()
    [order] = terminal.post_orders([sale])
    assert terminal.stop() == 0
    sandbox.clock.advance(11 * 60)
    return order


def _killed_while_each_is_out(sandbox, terminal, paths: list[str]) -> None:
    """Gameball is back: SIGKILL the till while each POST in turn is out (applied, its answer trickling), then let
    it drain. The worst moments of taking the redemption directly, then of sending the order without it."""
    terminal.api_base = sandbox.url
    for number, path in enumerate(paths, start=1):
        sandbox.faults.trickle(5.0, count=1, path=path, method="POST")
        terminal.start()
        _kill_when(terminal, sandbox, "trickle", number)
    terminal.start()
    terminal.wait_drained(timeout=30)


def test_an_expired_hold_is_debited_once_across_kills(sandbox_factory, headless_factory, report):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    terminal = headless_factory(closed_api_base(), time_scale=TIME_SCALE)  # Gameball away: the sale queues
    hold = sandbox.state.hold({"customerId": "demo-amira", "transactionTime": to_iso_z(utc_now()),
                               "pointsToHold": 100})
    with Store.open_in(terminal.data_dir) as store:
        store.record_hold(hold["holdReference"], "demo-amira", 100, hold["holdAmount"])
    order = _queued_past_its_redemption(sandbox, terminal, {"pointsHoldReference": hold["holdReference"]})
    before = sandbox.state.balance("demo-amira")["availablePointsBalance"]

    _killed_while_each_is_out(sandbox, terminal, ["/transactions/redeem$", POST_ORDERS])

    assert terminal.order(order)["state"] == "delivered"
    assert [tx["equivalentPoints"] for tx in sandbox.state.redemptions[order]] == [100]  # debited once
    earned = sandbox.order_report(order)["rewardedPoints"]
    assert rewarded(sandbox)[order] == 1 and earned > 0
    assert sandbox.state.balance("demo-amira")["availablePointsBalance"] == before - 100 + earned
    report(f"expired hold, kills while the debit and then the order were out: 100 points debited once, "
           f"{earned} earned once")
    assert terminal.stop() == 0


def test_an_expired_coupon_lock_is_burnt_once_across_kills(sandbox_factory, headless_factory, report):
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    terminal = headless_factory(closed_api_base(), time_scale=TIME_SCALE)
    lock = sandbox.state.validate_coupons({"customerId": "demo-amira", "coupons": ["SAVE15"], "lock": True})
    order = _queued_past_its_redemption(sandbox, terminal, {"couponsLockReference": lock["lockReference"],
                                                            "couponCodes": ["SAVE15"]})

    _killed_while_each_is_out(sandbox, terminal, ["/coupons/burn$", POST_ORDERS])

    assert terminal.order(order)["state"] == "delivered"
    # A multi-use coupon (1,000 uses): a second burn would have gone through silently, so this is the proof.
    assert sandbox.state.loyalty.coupons["SAVE15"].used == 1 and sandbox.state.loyalty.burnt[order] == ("SAVE15",)
    assert rewarded(sandbox)[order] == 1
    with Store.open_in(terminal.data_dir) as store:
        assert not store.refused_debits()
    report("expired coupon lock, kills while the burn and then the order were out: SAVE15 burnt once, the order "
           "rewarded once, no shortfall recorded")
    assert terminal.stop() == 0
