import pytest
from store_helpers import FakeClock

from pos_app.store import Store


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock):
    """A fresh store on a fake clock, for the store's unit tests."""
    with Store.open(tmp_path / "store.sqlite3", clock=clock) as opened:
        yield opened
