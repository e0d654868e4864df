"""`pos-app outbox ...`, `pos-app config ...` and `--self-test`, run in-process through cli.main."""

import csv
import io
import socket
import subprocess
import sys
import time
from decimal import Decimal

import httpx
import keyring
import pytest

from pos_app import cli
from pos_app.config import secrets
from pos_app.sandbox import DEMO_API_KEY, DEMO_SECRET_KEY
from pos_app.store.debits import ExpiredRedemption
from pos_app.store.records import DebitState
from pos_app.store.store import Store

BODY = b'{"customerId":"c1","orderId":"O-1","orderDate":"2026-11-27T10:00:00.000Z","totalPaid":10}'


@pytest.fixture
def data_dir(tmp_path):
    with Store.open_in(tmp_path) as store:
        store.accept_order("O-1", BODY, "c1", "2026-11-27T10:00:00.000Z", Decimal(10), "USD")
        store.accept_order("O-2", BODY.replace(b"O-1", b"O-2"), "c1", "2026-11-27T10:00:00.000Z", Decimal(10), "USD")
        item = store.due(limit=1)[0]
        store.mark_failed(item.id, {"class": "failed", "status": 422, "code": 3003, "message": "Invalid value",
                                    "requestId": "req-9"})
    return tmp_path


def test_outbox_list_shows_states_and_the_failure(data_dir, capsys):
    assert cli.main(["outbox", "list", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "O-1" in out and "failed" in out and "3003 Invalid value (requestId req-9)" in out
    assert "O-2" in out and "queued" in out and "pending 1, failed 1" in out


def test_outbox_retry_requeues_a_failed_item(data_dir, capsys):
    with Store.open_in(data_dir) as store:
        failed_id = store.failed_list()[0].id
    assert cli.main(["outbox", "retry", "--reason=test", str(failed_id), "--data-dir", str(data_dir)]) == 0
    with Store.open_in(data_dir) as store:
        assert store.failed_count() == 0 and store.pending_count() == 2
        assert store.audit_entries()[0].actor == "cli"
    assert cli.main(["outbox", "retry", "--reason=test", "999", "--data-dir", str(data_dir)]) == 1
    assert "999" in capsys.readouterr().err


def test_outbox_export_writes_csv(data_dir, tmp_path, capsys):
    target = tmp_path / "outbox.csv"
    assert cli.main(["outbox", "export", str(target), "--data-dir", str(data_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["ref_id"] for r in rows} == {"O-1", "O-2"}
    assert "2 row(s)" in capsys.readouterr().out


def test_config_set_validates_and_names_the_field(tmp_path, capsys):
    assert cli.main(["config", "set", "--reason=test", "merchant_id=M9", "currency=egp",
                     "--data-dir", str(tmp_path)]) == 0
    assert cli.main(["config", "set", "--reason=test", "currency=EURO", "--data-dir", str(tmp_path)]) == 2
    assert "currency" in capsys.readouterr().err
    assert cli.main(["config", "set", "--reason=test", "bridge_port=http", "--data-dir", str(tmp_path)]) == 2
    assert cli.main(["config", "show", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "merchant_id = M9" in out and "currency = EGP" in out


def test_set_keys_reads_stdin_into_the_credential_store(tmp_path, memory_keyring, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("api-key-123\nsecret-key-456\n"))
    assert cli.main(["config", "set-keys", "--reason=test", "--data-dir", str(tmp_path)]) == 0
    assert secrets.load_credentials(env={}) == secrets.Credentials("api-key-123", "secret-key-456")
    database = (tmp_path / "pos-app.sqlite3").read_bytes()
    assert b"secret-key-456" not in database and b"api-key-123" not in database
    assert "secret-key-456" not in capsys.readouterr().out


def test_keys_are_refused_without_a_secure_store(tmp_path, monkeypatch, capsys):
    from keyring.backends.fail import Keyring as FailKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("a-key\nb-key\n"))
        assert cli.main(["config", "set-keys", "--reason=test", "--data-dir", str(tmp_path)]) == 2
        assert "no secure credential store" in capsys.readouterr().err
    finally:
        keyring.set_keyring(previous)


def test_self_test_passes_here(tmp_path, capsys):
    assert cli.main(["--self-test", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "self-test passed" in out and "credential store" in out


def test_self_test_verifies_the_queue_and_outbox_check_reads_every_page(data_dir, capsys):
    assert cli.main(["outbox", "check", "--data-dir", str(data_dir)]) == 0
    assert "database healthy" in capsys.readouterr().out
    with Store.open_in(data_dir) as store:
        # A queued body altered behind the store's back (the frozen-body trigger stops the store itself).
        store.db.conn.execute("DROP TRIGGER outbox_body_frozen")
        store.db.conn.execute("UPDATE outbox SET body = X'7B7D' WHERE state = 'queued'")
    assert cli.main(["--self-test", "--data-dir", str(data_dir)]) == 1
    assert "frozen body is missing or altered" in capsys.readouterr().out
    assert cli.main(["outbox", "check", "--data-dir", str(data_dir)]) == 1


def test_config_export_then_import_on_another_terminal(tmp_path, capsys):
    first, second, file = tmp_path / "t1", tmp_path / "t2", tmp_path / "fleet.toml"
    assert cli.main(["config", "set", "--reason=test", "merchant_id=M7", "branch_name=Mall of Egypt",
                     "batch_enabled=false",
                     "terminal_id=T1", "--data-dir", str(first)]) == 0
    assert cli.main(["config", "export", str(file), "--data-dir", str(first)]) == 0
    text = file.read_text(encoding="utf-8")
    assert 'merchant_id = "M7"' in text and "batch_enabled = false" in text and "key" not in text.split("\n", 1)[1]
    assert "terminal_id" not in text  # a file copied to every till must not name them all alike
    # A till without its own terminal id is refused, naming the field; once named, the import goes in.
    assert cli.main(["config", "import", "--reason=test", str(file), "--data-dir", str(second)]) == 2
    assert "terminal_id: required" in capsys.readouterr().err
    assert cli.main(["config", "set", "--reason=test", "terminal_id=T2", "--data-dir", str(second)]) == 0
    assert cli.main(["config", "import", "--reason=test", str(file), "--data-dir", str(second)]) == 0
    capsys.readouterr()
    assert cli.main(["config", "show", "--data-dir", str(second)]) == 0
    out = capsys.readouterr().out
    assert "branch_name = Mall of Egypt" in out and "batch_enabled = False" in out and "terminal_id = T2" in out


@pytest.mark.parametrize(("content", "field"), [
    ('[terminal]\napi_key = "abc"\n', "api_key"),
    ('[terminal]\ncurrency = "dollars"\n', "currency"),
    ('[terminal]\nfavourite_colour = "red"\n', "favourite_colour"),
    ("[terminal\n", "file"),
])
def test_config_import_refuses_bad_files_and_changes_nothing(tmp_path, capsys, content, field):
    data = tmp_path / "data"
    assert cli.main(["config", "set", "--reason=test", "merchant_id=KEEP", "terminal_id=T1",
                     "--data-dir", str(data)]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    assert cli.main(["config", "import", "--reason=test", str(bad), "--data-dir", str(data)]) == 2
    assert f"{field}:" in capsys.readouterr().err
    assert cli.main(["config", "show", "--data-dir", str(data)]) == 0
    assert "merchant_id = KEEP" in capsys.readouterr().out


FLEET = """[terminal]
merchant_id = "M7"
branch_id = "B1"

[[terminals]]
terminal_id = "T1"

[[terminals]]
terminal_id = "T2"
branch_id = "B2"
"""


def test_config_import_of_a_fleet_file_takes_this_tills_entry(tmp_path, capsys):
    data, file = tmp_path / "data", tmp_path / "fleet.toml"
    file.write_text(FLEET, encoding="utf-8")
    # A file listing several tills cannot guess which one this is.
    assert cli.main(["config", "import", "--reason=test", str(file), "--data-dir", str(data)]) == 2
    assert "terminal_id: the file lists the tills T1, T2" in capsys.readouterr().err
    assert cli.main(["config", "import", "--reason=test", str(file), "--terminal", "T9", "--data-dir", str(data)]) == 2
    assert "'T9' is not in the file's tills (T1, T2)" in capsys.readouterr().err
    assert cli.main(["config", "import", "--reason=test", str(file), "--terminal", "T2", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert cli.main(["config", "show", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "merchant_id = M7" in out and "terminal_id = T2" in out and "branch_id = B2" in out


def test_config_import_names_a_shared_file_s_till_from_the_command_line(tmp_path, capsys):
    data, file = tmp_path / "data", tmp_path / "shared.toml"
    file.write_text('[terminal]\nmerchant_id = "M7"\n', encoding="utf-8")
    assert cli.main(["config", "import", "--reason=test", str(file), "--terminal", "T4", "--data-dir", str(data)]) == 0
    file.write_text('[terminal]\nterminal_id = "T5"\n', encoding="utf-8")
    assert cli.main(["config", "import", "--reason=test", str(file), "--terminal", "T4", "--data-dir", str(data)]) == 2
    assert "terminal_id: the file names this till 'T5', not 'T4'" in capsys.readouterr().err
    assert cli.main(["config", "show", "--data-dir", str(data)]) == 0
    assert "terminal_id = T4" in capsys.readouterr().out


@pytest.mark.parametrize(("entries", "message"), [
    # The same name twice, even in different branches: the terminal id names a till across the account.
    ('[[terminals]]\nterminal_id = "T1"\n[[terminals]]\nterminal_id = "T2"\n'
     '[[terminals]]\nterminal_id = "T1"\nbranch_id = "B2"\n',
     "terminals[2].terminal_id: terminals[0] and terminals[2] both have terminal_id 'T1'"),
    ('[[terminals]]\nterminal_id = "T1"\n[[terminals]]\nbranch_id = "B2"\n',
     "terminals[1].terminal_id: required"),
    ('[[terminals]]\nterminal_id = "T1"\nsecret_key = "x"\n', "terminals[0].secret_key: secrets do not belong"),
    ('terminals = "T1"\n', "terminals: must be a list"),
])
def test_config_import_refuses_a_fleet_file_naming_two_tills_alike(tmp_path, capsys, entries, message):
    data, file = tmp_path / "data", tmp_path / "fleet.toml"
    assert cli.main(["config", "set", "--reason=test", "merchant_id=KEEP", "terminal_id=T1",
                     "--data-dir", str(data)]) == 0
    file.write_text('merchant_id = "M7"\n' + entries, encoding="utf-8")
    assert cli.main(["config", "import", "--reason=test", str(file), "--terminal", "T1", "--data-dir", str(data)]) == 2
    assert message in capsys.readouterr().err
    assert cli.main(["config", "show", "--data-dir", str(data)]) == 0
    assert "merchant_id = KEEP" in capsys.readouterr().out


def test_bridge_token_show_and_rotate_need_the_manager_pin(tmp_path, memory_keyring, monkeypatch, capsys):
    from pos_app.config.pin import ManagerGuard

    with Store.open_in(tmp_path) as store:
        ManagerGuard(store).set_pin("2468")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "2468")
    assert cli.main(["config", "bridge-token", "--data-dir", str(tmp_path)]) == 0
    first = capsys.readouterr().out.strip()
    assert cli.main(["config", "bridge-token", "--rotate", "--reason=test", "--data-dir", str(tmp_path)]) == 0
    second = capsys.readouterr().out.strip()
    assert len(first) >= 32 and second != first and secrets.bridge_token(env={}) == second
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "0000")
    assert cli.main(["config", "bridge-token", "--data-dir", str(tmp_path)]) == 1
    assert second not in capsys.readouterr().out


def test_sandbox_command_serves_with_the_demo_keys():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    process = subprocess.Popen([sys.executable, "-m", "pos_app", "sandbox", "--port", str(port), "--demo"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v4.0/integrations/customers/demo-amira/balance",
                                   headers={"APIKey": DEMO_API_KEY, "SecretKey": DEMO_SECRET_KEY})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.05)  # a separate process: nothing to wait on but its port
        assert answer.status_code == 200 and answer.json()["availablePointsBalance"] == 2400
    finally:
        process.terminate()
        assert process.wait(10) == 0


def test_a_database_from_a_newer_version_is_refused_with_a_message_not_a_traceback(tmp_path, capsys, monkeypatch):
    import logging
    import sqlite3

    import pos_app.ui.start_error as start_error
    from pos_app.app import DATABASE_TOO_NEW_EXIT_CODE
    from pos_app.store.db import DB_FILENAME, SCHEMA_VERSION

    with Store.open_in(tmp_path):
        pass
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:  # what a newer pos_app leaves after its migration
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = (tmp_path / DB_FILENAME).read_bytes()
    dialogs = []
    monkeypatch.setattr(start_error, "show_database_too_new", lambda *versions: dialogs.append(versions))

    # The window (no command) sets up its log file before it opens the store: removed again below.
    root = logging.getLogger()
    try:
        # A command names the problem itself (exit 2); the window also shows it in a dialog (exit 3).
        for args, code, window in ((["config", "show"], 2, False), ([], DATABASE_TOO_NEW_EXIT_CODE, True)):
            assert cli.main([*args, "--data-dir", str(tmp_path)]) == code
            output = capsys.readouterr()
            said = output.out + output.err
            assert f"database schema version {SCHEMA_VERSION + 1} is newer than this program supports" in said
            assert "Traceback" not in said
            assert ("install that version, or a newer one, again" in said) == window
            assert dialogs == ([(SCHEMA_VERSION + 1, SCHEMA_VERSION)] if window else [])
            dialogs.clear()
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(logging.WARNING)
    assert (tmp_path / DB_FILENAME).read_bytes() == before


@pytest.mark.parametrize("argv", [
    ["outbox", "retry", "1"],
    ["config", "set", "merchant_id=M2"],
    ["config", "set-keys"],
    ["config", "import", "fleet.toml"],
    ["config", "bridge-token", "--rotate"],
], ids=" ".join)
def test_every_manual_retry_and_setting_change_needs_a_reason(argv, data_dir, memory_keyring, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("api-key-123\nsecret-key-456\n"))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked before the reason was checked"))
    if argv[-1] == "--rotate":  # --reason is optional for showing the token, so it is checked by the command
        assert cli.main([*argv, "--data-dir", str(data_dir)]) == 2
    else:  # required by argparse, which names it
        with pytest.raises(SystemExit) as missing:
            cli.main([*argv, "--data-dir", str(data_dir)])
        assert missing.value.code == 2
    assert "--reason" in capsys.readouterr().err
    assert cli.main([*argv, "--reason", "  ", "--data-dir", str(data_dir)]) == 2
    assert "--reason: type why" in capsys.readouterr().err
    with Store.open_in(data_dir) as store:
        assert store.failed_count() == 1 and store.audit_entries() == []  # nothing changed, nothing audited
    assert memory_keyring.values == {}


def test_the_day_report_lists_retries_and_changes_with_their_reasons(data_dir, memory_keyring, capsys):
    with Store.open_in(data_dir) as store:
        failed_id = store.failed_list()[0].id
    assert cli.main(["outbox", "retry", str(failed_id), "--reason", "fixed the price", "--data-dir",
                     str(data_dir)]) == 0
    assert cli.main(["config", "set", "merchant_id=M2", "--reason", "store renamed", "--data-dir",
                     str(data_dir)]) == 0
    assert cli.main(["config", "bridge-token", "--rotate", "--reason", "token leaked", "--data-dir",
                     str(data_dir)]) == 0
    capsys.readouterr()
    assert cli.main(["report", "day", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Notices (3)" in out
    assert "outbox.requeue O-1 at till ?: fixed the price" in out
    assert "settings.set merchant_id at till ?: store renamed" in out
    assert "bridge_token.rotate at till ?: token leaked" in out


def test_report_shortfalls_lists_sales_whose_points_could_not_be_taken(tmp_path, capsys):
    with Store.open_in(tmp_path) as store:
        store.record_hold("H-1", "c1", 300, Decimal("3.00"))
        store.accept_order("O-9", BODY.replace(b"O-1", b"O-9"), "c1", "2026-11-27T10:00:00.000Z", Decimal(10), "USD",
                           hold_reference="H-1")
        expired = ExpiredRedemption("H-1", 300, b'{"d": 1}')
        store.split_expired_redemption(store.due(limit=1)[0].id, b'{"r": 1}', expired)
        store.mark_debit("O-9", DebitState.REFUSED, "discount given, points could not be taken: code 9008 gone")
    assert cli.main(["report", "shortfalls", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "O-9" in out and "300" in out and "3.00 USD" in out and "code 9008 gone" in out
    assert "1 sale(s): discount given, points could not be taken; 300 points" in out
    assert cli.main(["report", "shortfalls", "--date", "2026-11-28", "--data-dir", str(tmp_path)]) == 0
    assert "0 sale(s)" in capsys.readouterr().out
    assert cli.main(["report", "day", "--date", "2026-11-27", "--data-dir", str(tmp_path)]) == 0
    assert "Discount given, points not taken   1" in capsys.readouterr().out
