"""The outbox against a plain in-memory model, driven by random sequences of engine and manager actions."""

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from store_helpers import FakeClock, accept, order_body, refund_body

from pos_app.store import InvalidTransition, OrderConflict, State, Store
from pos_app.store.errors import RefundTooLarge

TERMINAL = (State.DELIVERED, State.DISCARDED)
DEAD_ORDER = (State.FAILED, State.DISCARDED)
ORDER_TOTAL = Decimal("250.75")  # what store_helpers.accept sells
REFUND_AMOUNT = Decimal(100)  # so the third live refund of an order is one too many


@dataclass
class Model:
    kind: str
    ref_id: str
    body: bytes
    variant: int
    state: State = State.QUEUED
    next_at: float = 0.0
    maybe_applied: bool = False
    attempts: int = 0
    depends_on: str | None = None  # the order a refund waits for
    failed_by_dependency: bool = False


class OutboxMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="outbox-model-"))
        self.clock = FakeClock()
        self.store = Store.open(self.dir / "store.sqlite3", clock=self.clock)
        self.model: dict[int, Model] = {}
        self.orders: dict[str, int] = {}  # order_id -> outbox id
        self.counter = 0

    def teardown(self):
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # ---- helpers ----

    def _new_id(self, kind, ref_id):
        sql = "SELECT id FROM outbox WHERE kind = ? AND ref_id = ?"
        return self.store.db.execute(sql, [kind, ref_id]).fetchone()[0]

    def _ids(self, *states):
        return sorted(i for i, m in self.model.items() if m.state in states)

    def _order_state(self, order_id):
        return self.model[self.orders[order_id]].state

    def _pick(self, data, ids):
        return data.draw(st.sampled_from(ids))

    # ---- the till and the bridge ----

    @rule(variant=st.integers(0, 2))
    def accept_new_order(self, variant):
        order_id = f"o{self.counter}"
        self.counter += 1
        accepted = accept(self.store, order_id, variant)
        assert (accepted.created, accepted.state) == (True, State.QUEUED)
        item_id = self._new_id("order", order_id)
        assert item_id > max(self.model, default=0)  # FIFO ids only grow
        body = order_body(order_id, variant)
        self.model[item_id] = Model("order", order_id, body, variant, next_at=self.clock.now)
        self.orders[order_id] = item_id

    @precondition(lambda self: self.orders)
    @rule(data=st.data())
    def accept_same_order_again(self, data):
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        model = self.model[self.orders[order_id]]
        accepted = accept(self.store, order_id, model.variant)
        assert (accepted.created, accepted.state) == (False, model.state)

    @precondition(lambda self: self.orders)
    @rule(data=st.data())
    def accept_conflicting_order(self, data):
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        with pytest.raises(OrderConflict):
            accept(self.store, order_id, self.model[self.orders[order_id]].variant + 1)

    @precondition(lambda self: self.orders)
    @rule(data=st.data())
    def accept_refund(self, data):
        order_id = data.draw(st.sampled_from(sorted(self.orders)))
        refund_id = f"r{self.counter}"
        self.counter += 1
        expected = State.FAILED if self._order_state(order_id) in DEAD_ORDER else State.QUEUED
        live = sum(1 for m in self.model.values() if m.kind == "refund" and m.depends_on == order_id
                   and m.state not in (State.FAILED, State.DISCARDED))
        if (live + 1) * REFUND_AMOUNT > ORDER_TOTAL:
            with pytest.raises(RefundTooLarge):  # never more than what is left of the order
                self.store.accept_refund(refund_id, order_id, refund_body(refund_id, order_id), REFUND_AMOUNT)
            return
        accepted = self.store.accept_refund(refund_id, order_id, refund_body(refund_id, order_id), REFUND_AMOUNT)
        assert (accepted.created, accepted.state) == (True, expected)
        item_id = self._new_id("refund", refund_id)
        self.model[item_id] = Model(
            "refund", refund_id, refund_body(refund_id, order_id), 0, state=expected, next_at=self.clock.now,
            depends_on=order_id, failed_by_dependency=expected is State.FAILED,
        )

    # ---- the engine ----

    def _ready(self, model):
        return model.depends_on is None or self._order_state(model.depends_on) is State.DELIVERED

    def _expected_due(self):
        return [
            i for i in self._ids(State.QUEUED)
            if self.model[i].next_at <= self.clock.now and self._ready(self.model[i])
        ]

    @rule(limit=st.integers(1, 4))
    def take_due(self, limit):
        expected = self._expected_due()[:limit]
        due = self.store.due(limit=limit)
        assert [item.id for item in due] == expected  # FIFO, and nothing delivered, failed or waiting
        assert all(item.body == self.model[item.id].body for item in due)
        self.store.mark_sending([item.id for item in due])
        for item_id in expected:
            self.model[item_id].state = State.SENDING
            self.model[item_id].attempts += 1

    @precondition(lambda self: self._ids(State.SENDING))
    @rule(data=st.data())
    def deliver(self, data):
        item_id = self._pick(data, self._ids(State.SENDING))
        self.store.mark_delivered(item_id, {"ok": True})
        self.model[item_id].state = State.DELIVERED

    @precondition(lambda self: self._ids(State.SENDING))
    @rule(data=st.data(), delay=st.sampled_from([0, 3, 10]), maybe_applied=st.booleans())
    def retry(self, data, delay, maybe_applied):
        item_id = self._pick(data, self._ids(State.SENDING))
        error = {"class": "retry", "message": "timeout"}
        self.store.mark_retry(item_id, self.clock.now + delay, error, maybe_applied)
        model = self.model[item_id]
        model.state, model.next_at = State.QUEUED, self.clock.now + delay
        model.maybe_applied = model.maybe_applied or maybe_applied

    @precondition(lambda self: self._ids(State.SENDING))
    @rule(data=st.data())
    def fail(self, data):
        item_id = self._pick(data, self._ids(State.SENDING))
        self.store.mark_failed(item_id, {"class": "failed", "status": 422, "code": 3003, "message": "bad"})
        model = self.model[item_id]
        model.state, model.failed_by_dependency = State.FAILED, False
        if model.kind == "order":
            for refund in self.model.values():
                if refund.depends_on == model.ref_id and refund.state is State.QUEUED:
                    refund.state, refund.failed_by_dependency = State.FAILED, True

    @rule()
    def restart(self):
        self.store.close()
        self.store = Store.open(self.dir / "store.sqlite3", clock=self.clock)
        sending = self._ids(State.SENDING)
        assert self.store.recover_after_restart() == len(sending)
        for item_id in sending:
            self.model[item_id].state = State.QUEUED
            self.model[item_id].maybe_applied = True

    @rule(seconds=st.sampled_from([1, 3, 10]))
    def time_passes(self, seconds):
        self.clock.advance(seconds)

    @precondition(lambda self: self._ids(*TERMINAL))
    @rule(data=st.data())
    def a_finished_item_cannot_be_sent_again(self, data):
        with pytest.raises(InvalidTransition):
            self.store.mark_sending([self._pick(data, self._ids(*TERMINAL))])

    # ---- the manager ----

    @precondition(lambda self: self._ids(State.FAILED))
    @rule(data=st.data())
    def requeue(self, data):
        item_id = self._pick(data, self._ids(State.FAILED))
        model = self.model[item_id]
        if model.kind == "refund" and self._order_state(model.depends_on) in DEAD_ORDER:
            with pytest.raises(InvalidTransition):
                self.store.requeue_failed(item_id, "fixed the data", actor="manager")
            return
        self.store.requeue_failed(item_id, "fixed the data", actor="manager")
        model.state, model.next_at, model.failed_by_dependency = State.QUEUED, self.clock.now, False
        if model.kind == "order":
            for refund in self.model.values():
                waiting = refund.state is State.FAILED and refund.failed_by_dependency
                if refund.depends_on == model.ref_id and waiting:
                    refund.state, refund.next_at = State.QUEUED, self.clock.now
                    refund.failed_by_dependency = False

    @precondition(lambda self: self._ids(State.FAILED))
    @rule(data=st.data())
    def discard(self, data):
        item_id = self._pick(data, self._ids(State.FAILED))
        self.store.discard_failed(item_id, reason="given up", actor="manager")
        self.model[item_id].state = State.DISCARDED

    # ---- what must always hold ----

    @invariant()
    def store_matches_the_model(self):
        items = self.store.list_items()
        assert [item.id for item in items] == sorted(self.model)
        for item in items:
            model = self.model[item.id]
            assert item.state is model.state
            assert item.body_sha256 == hashlib.sha256(model.body).hexdigest()
            # A body never changes; it is only dropped once nothing will send it again.
            assert item.body == (None if model.state in TERMINAL else model.body)
            assert (item.maybe_applied, item.attempts) == (model.maybe_applied, model.attempts)

    @invariant()
    def due_is_fifo(self):
        assert [item.id for item in self.store.due(limit=1000)] == self._expected_due()

    @invariant()
    def counts_match_the_model(self):
        assert self.store.pending_count() == len(self._ids(State.QUEUED, State.SENDING))
        assert self.store.failed_count() == len(self._ids(State.FAILED))
        assert [f.id for f in self.store.failed_list()] == self._ids(State.FAILED)

    @invariant()
    def order_rows_follow_the_outbox(self):
        rows = self.store.db.execute("SELECT order_id, state, mobile, email FROM orders").fetchall()
        assert len(rows) == len(self.orders)
        for order_id, state, mobile, email in rows:
            expected = self._order_state(order_id)
            assert state == expected
            assert (mobile is None and email is None) == (expected in TERMINAL)


OutboxMachine.TestCase.settings = settings(max_examples=75, stateful_step_count=30, deadline=None)
test_outbox_against_the_model = OutboxMachine.TestCase
