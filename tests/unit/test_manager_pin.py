import pytest

from pos_app.config import pin as pinmod
from pos_app.config.pin import ManagerGuard, PinError, hash_pin, verify_pin
from pos_app.store.store import Store


def test_hash_is_salted_scrypt_and_verifies():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first.startswith("scrypt$") and first != second and "2468" not in first
    assert verify_pin("2468", first) and not verify_pin("2469", first)
    assert not verify_pin("2468", "garbage")


@pytest.mark.parametrize("bad", ["", "123", "123456789", "12a4", None])
def test_pin_must_be_4_to_8_digits(bad):
    with pytest.raises(PinError, match="pin"):
        hash_pin(bad)


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_five_wrong_tries_lock_for_a_growing_interval(tmp_path, memory_keyring):
    clock = Clock()
    with Store.open_in(tmp_path) as store:
        guard = ManagerGuard(store, clock)
        guard.set_pin("2468")
        assert guard.is_set()
        assert [guard.check("0000").tries_left for _ in range(4)] == [4, 3, 2, 1]
        locked = guard.check("0000")
        assert not locked.ok and locked.locked_for == pinmod.FIRST_LOCK_S
        assert not guard.check("2468").ok  # even the right PIN waits out the lock
        clock.now += pinmod.FIRST_LOCK_S + 1
        for _ in range(5):
            result = guard.check("1111")
        assert result.locked_for == 2 * pinmod.FIRST_LOCK_S
        clock.now += 2 * pinmod.FIRST_LOCK_S + 1
        assert guard.check("2468").ok
        actions = [e.action for e in store.audit_entries()]
        assert actions.count("pin.locked") == 2 and "pin.ok" in actions
        for path in tmp_path.glob("pos-app.sqlite3*"):  # the database and its WAL
            assert b"2468" not in path.read_bytes()
    assert all("2468" not in v for v in memory_keyring.values.values())
