"""`pos-app --demo` adds the demo customers under their E.164 phone, the till's customerId rule."""

from pos_app.sandbox import Sandbox
from pos_app.sandbox.demo import seed_phone_customers


def test_demo_customers_can_be_found_by_phone():
    sandbox = Sandbox(demo=True)
    seed_phone_customers(sandbox.state)
    by_phone, by_id = sandbox.state.balance("+971501234567"), sandbox.state.balance("demo-amira")
    figures = ("availablePointsBalance", "pendingPoints", "nextExpiringPointsAmount")
    assert [by_phone[key] for key in figures] == [by_id[key] for key in figures] == [2400, 180, 300]
