from decimal import Decimal

import pytest
from store_helpers import FakeClock

from pos_app.domain.redaction import REDACTED, looks_secret
from pos_app.store import HoldState, Store


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock):
    with Store.open(tmp_path / "store.sqlite3", clock=clock, terminal_id="till-3") as opened:
        yield opened


def test_cache_and_balances_keep_values_exactly_with_their_age(store, clock):
    assert store.get_cache("cashback") is None
    store.put_cache("cashback", {"rate": Decimal("1.25"), "tiers": [1, 2]})
    clock.advance(60)
    store.put_balance("cust_1", {"points": 120, "value": Decimal("12.00")})
    cached = store.get_cache("cashback")
    assert cached.value == {"rate": Decimal("1.25"), "tiers": [1, 2]}
    assert cached.fetched_at == clock.now - 60
    store.put_cache("cashback", {"rate": 2})
    assert store.get_cache("cashback").value == {"rate": 2}
    assert store.get_balance("cust_1").value["value"] == Decimal("12")
    assert store.get_balance("cust_2") is None


def test_settings_round_trip_and_refuse_secrets(store):
    store.set_setting("terminal.id", "till-3")
    store.set_setting("bridge.port", 8741)
    store.set_setting("cache_key", "fine")
    assert store.get_setting("bridge.port") == 8741
    assert store.get_setting("missing", "default") == "default"
    for secret in ("apiKey", "secret_key", "bridge.token", "manager-pin", "GAMEBALL_API_KEY", "password"):
        with pytest.raises(ValueError, match="secret"):
            store.set_setting(secret, "x")
    store.delete_setting("cache_key")
    assert store.all_settings() == {"bridge.port": 8741, "terminal.id": "till-3"}


@pytest.mark.parametrize("name", ["apiKey", "secretKey", "api_key", "bridgeToken", "pin", "Manager PIN"])
def test_secret_names_are_recognised(name):
    assert looks_secret(name)


@pytest.mark.parametrize("name", ["shipping", "cache_key", "terminal.id", "pinned", "tokens_used_today"])
def test_ordinary_names_are_not_secret(name):
    assert not looks_secret(name)


def test_audit_entries_are_newest_first_and_never_hold_a_secret(store, clock):
    store.audit("manager", "settings.set", {"key": "bridge.port", "value": 8741})
    clock.advance(1)
    store.audit("manager", "keys.set", {"apiKey": "live-123", "nested": [{"secretKey": "s"}]})
    newest, oldest = store.audit_entries()
    assert (newest.action, newest.at, newest.terminal_id) == ("keys.set", clock.now, "till-3")
    assert newest.detail == {"apiKey": REDACTED, "nested": [{"secretKey": REDACTED}]}
    assert oldest.detail["value"] == 8741
    assert "live-123" not in repr(store.db.execute("SELECT * FROM audit_log").fetchall())
    assert [e.action for e in store.audit_entries(action="settings.set")] == ["settings.set"]
    store.audit("cli", "self-test")
    assert store.audit_entries(limit=1)[0].detail is None


def test_unused_holds_can_be_found_and_released(store, clock):
    store.record_hold("h1", "cust_1", points_held=100, amount="10.00")
    store.record_hold("h1", "cust_1", points_held=100)  # recording again changes nothing
    clock.advance(300)
    store.record_hold("h2", "cust_2", points_held=50)
    [old] = store.active_holds_older_than(120)
    assert (old.hold_reference, old.points, old.state) == ("h1", 100, HoldState.ACTIVE)
    assert old.amount == Decimal("10.00")
    assert [h.hold_reference for h in store.active_holds_older_than(0)] == ["h1", "h2"]
    assert store.mark_hold_released("h1")
    assert not store.mark_hold_released("h1")
    assert not store.mark_hold_used("h1", "o1")
    assert [h.hold_reference for h in store.active_holds_older_than(0)] == ["h2"]
