"""The manager's service without a window: which key Test connection blames, the demo's fixed PIN and
refusals, and settings saved with both keys or neither."""

import httpx
import pytest

from pos_app.config import secrets
from pos_app.config.pin import PinError
from pos_app.config.settings import Settings, SettingsError
from pos_app.domain.errors import ValidationError
from pos_app.services.manager import DEMO_PIN, DemoRefused, FrontEnd, ManagerService, Problem, check_connection
from pos_app.store.store import Store

BASE = "https://api.example.test"


def gameball(config_answer, balance_answer):
    """A Gameball that answers the two calls Test connection makes: (status, code) or an exception."""

    def handle(request):
        answer = config_answer if request.url.path.endswith("/configurations/rewards/cashback") else balance_answer
        if isinstance(answer, Exception):
            raise answer
        status, code = answer
        if status == 200:
            return httpx.Response(200, json={})
        return httpx.Response(status, json={"code": code, "type": "x", "message": "no", "documentationUrl": "",
                                            "requestId": "r-1"})

    return httpx.MockTransport(handle)


@pytest.mark.parametrize(("config_answer", "balance_answer", "problem"), [
    ((200, None), (200, None), Problem.NONE),
    ((200, None), (404, 7000), Problem.NONE),  # an unknown customer: both keys were accepted
    ((401, 1000), (200, None), Problem.API_KEY),
    ((200, None), (401, 1001), Problem.SECRET_KEY),
    ((200, None), (401, 1000), Problem.SECRET_KEY),
    ((200, None), (403, 1002), Problem.SECRET_KEY),
    (httpx.ConnectError("refused"), (200, None), Problem.UNREACHABLE),
    ((200, None), (429, None), Problem.ERROR),
    ((200, None), (500, 5000), Problem.ERROR),
])
def test_test_connection_names_the_key_gameball_refused(config_answer, balance_answer, problem):
    check = check_connection(BASE, "api-key-x", "secret-key-y", transport=gameball(config_answer, balance_answer))
    assert check.problem is problem
    assert "api-key-x" not in repr(check) and "secret-key-y" not in repr(check)


def test_a_bad_address_is_named_before_anything_is_sent():
    assert check_connection("http://gameball.example", "k", "s").problem is Problem.ADDRESS


def test_the_demo_has_a_fixed_pin_and_refuses_keys_settings_and_rotation(tmp_path, memory_keyring):
    service = ManagerService(tmp_path, Settings(), demo=True, demo_bridge_token="demo-bridge-token")
    assert service.pin_is_set() and service.check_pin(DEMO_PIN).ok
    assert service.check_pin("0000").tries_left == 4
    for action in (lambda: service.save_settings({"branch_name": "x"}, reason="x"),
                   lambda: service.rotate_bridge_token("x"),
                   lambda: service.set_first_pin("1357"),
                   lambda: service.complete_setup({}, "api-key-123", "secret-key-456", "2468")):
        with pytest.raises(DemoRefused):
            action()
    assert service.bridge_token() == "demo-bridge-token"
    assert memory_keyring.values == {}  # the demo never touches the real credential store
    service.close()


def test_settings_are_checked_first_and_keys_go_both_or_neither(tmp_path, memory_keyring):
    service = ManagerService(tmp_path, Settings(terminal_id="T3"))
    with pytest.raises(SettingsError, match="currency"):
        service.save_settings({"currency": "EURO"}, "api-key-123", "secret-key-456")
    with pytest.raises(ValueError, match="secret_key"):
        service.save_settings({}, "api-key-123", "")
    with pytest.raises(PinError):
        service.save_settings({}, pin="12")
    for values, keys, pin in (({"branch_name": "Maadi"}, (), ""), ({}, ("api-key-123", "secret-key-456"), ""),
                              ({}, (), "2468")):
        with pytest.raises(ValidationError) as refused:  # any change needs the reason typed
            service.save_settings(values, *(keys or ("", "")), pin=pin, reason=" ")
        assert refused.value.field == "reason"
    assert memory_keyring.values == {}  # nothing stored by a refused save
    assert service.changes({"currency": "USD"}) == () and service.save_settings({"currency": "USD"}).changed == ()
    assert service.changes({"branch_name": "Maadi"}, replace_keys=True, pin="2468") == ("branch_name", "keys", "pin")

    saved = service.save_settings({"branch_name": "Maadi", "currency": "USD"}, "api-key-123", "secret-key-456",
                                  "2468", reason="new branch")
    assert saved.changed == ("branch_name",) and saved.keys and saved.pin
    assert secrets.load_credentials(env={}).secret_key == "secret-key-456"
    with pytest.raises(PinError, match="already set"):
        service.set_first_pin("1357")
    service.close()
    with Store.open_in(tmp_path) as store:
        entries = {e.action: e for e in store.audit_entries()}
    assert {"keys.set", "pin.set", "settings.set"} <= set(entries)
    assert entries["settings.set"].terminal_id == "T3"
    assert entries["settings.set"].detail == {"keys": ["branch_name", "pin"], "reason": "new branch"}
    assert entries["keys.set"].detail["reason"] == "new branch"


@pytest.mark.parametrize("front_end", [FrontEnd.UI, FrontEnd.CLI, FrontEnd.BRIDGE])
def test_a_settings_change_is_one_audited_write_naming_the_front_end_that_asked(tmp_path, front_end):
    service = ManagerService.offline(tmp_path, front_end)
    with pytest.raises(SettingsError, match="currency"):
        service.set_settings({"merchant_id": "M2", "currency": "EURO"}, "rollout")  # one bad value: nothing written
    with pytest.raises(ValidationError, match="reason"):
        service.set_settings({"merchant_id": "M2"}, "")
    service.set_settings({"merchant_id": "M2", "branch_id": "B2"}, "rollout")
    service.close()
    with Store.open_in(tmp_path) as store:
        assert store.all_settings()["merchant_id"] == "M2" and store.all_settings()["branch_id"] == "B2"
        [entry] = store.audit_entries()
    assert (entry.actor, entry.action, entry.detail) == (front_end.value, "settings.set",
                                                         {"keys": ["branch_id", "merchant_id"], "reason": "rollout"})


def test_setup_requires_a_terminal_id(tmp_path, memory_keyring):
    service = ManagerService(tmp_path, Settings())
    with pytest.raises(SettingsError) as refused:
        service.complete_setup({"merchant_id": "M1", "branch_id": "B1"}, "api-key-123", "secret-key-456", "2468")
    assert refused.value.field == "terminal_id"
    assert memory_keyring.values == {}
    service.close()


def test_two_installs_configured_alike_make_different_order_ids(tmp_path):
    with Store.open_in(tmp_path / "a") as first, Store.open_in(tmp_path / "b") as second:
        ids = {first.install_id(), second.install_id()}
        assert first.install_id() in ids  # kept: made once per database
    assert len(ids) == 2
    with Store.open_in(tmp_path / "a") as again:
        assert again.install_id() in ids


def test_retry_import_keys_and_rotation_need_a_reason_and_audit_it(tmp_path, memory_keyring):
    service = ManagerService(tmp_path, Settings(terminal_id="T3"))
    toml = "[terminal]\nterminal_id = \"T3\"\nmerchant_id = \"M9\"\n"
    refused = (lambda: service.retry(1, ""), lambda: service.import_settings(toml, "fleet.toml", reason=" "),
               lambda: service.set_keys("api-key-123", "secret-key-456", ""), lambda: service.rotate_bridge_token(""))
    for action in refused:
        with pytest.raises(ValidationError) as error:
            action()
        assert error.value.field == "reason"
    assert memory_keyring.values == {} and service.settings.merchant_id == ""  # nothing done
    service.import_settings(toml, "fleet.toml", reason="chain rollout")
    service.set_keys("api-key-123", "secret-key-456", "new keys from Gameball")
    service.rotate_bridge_token("token seen on a screenshot")
    service.close()
    with Store.open_in(tmp_path) as store:
        entries = {e.action: e for e in store.audit_entries()}
    assert entries["settings.import"].detail == {"file": "fleet.toml", "reason": "chain rollout"}
    assert entries["keys.set"].detail["reason"] == "new keys from Gameball"
    assert entries["bridge_token.rotate"].detail == {"reason": "token seen on a screenshot"}
    assert {entries[a].terminal_id for a in ("settings.import", "keys.set", "bridge_token.rotate")} == {"T3"}
