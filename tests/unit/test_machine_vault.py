"""The per-machine install's key store (issue 16.4): one encrypted file for the terminal, read by the boot-time
engine and every cashier's till, written by administrators only. DPAPI itself only exists on Windows: here the
cipher is injected, and the real one is round-tripped on the Windows runner (the last test)."""

import base64
import os
import stat
import sys

import keyring
import pytest

from pos_app.config import machine_vault, paths, pin, secrets
from pos_app.config.machine_vault import Cipher, MachineVault

SEAL = b"sealed-for-this-machine:"


def _protect(data):
    return SEAL + base64.b64encode(data[::-1])


def _unprotect(blob):
    if not blob.startswith(SEAL):
        raise OSError(13, "The data is invalid")  # what CryptUnprotectData says of another machine's blob
    return base64.b64decode(blob[len(SEAL):])[::-1]


FAKE = Cipher(_protect, _unprotect)


@pytest.fixture
def vault(tmp_path):
    """The vault, installed as the process's store the way choose_backend installs it on a per-machine install."""
    vault = MachineVault(machine_vault.vault_path(tmp_path / "ProgramData" / "pos-app"), FAKE)
    previous = secrets.install_backend(vault)
    yield vault
    secrets.install_backend(previous)


def _deny_writes(monkeypatch, vault):
    """What Windows answers a cashier's account: the keys folder's list gives it read, not write."""
    real_open = open

    def guarded_open(file, mode="r", *args, **kwargs):
        if str(file).startswith(str(vault.path.parent)) and any(m in mode for m in "wax+"):
            raise PermissionError(13, "Access is denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)


def test_keys_token_and_pin_round_trip_encrypted_never_in_the_clear(vault):
    secrets.store_credentials("api-KEY-1234", "secret-KEY-5678")
    token = secrets.rotate_bridge_token()
    secrets.put_secret(pin.PIN_HASH, pin.hash_pin("2468"))
    assert secrets.load_credentials() == secrets.Credentials("api-KEY-1234", "secret-KEY-5678")
    assert secrets.bridge_token(create=False) == token
    assert pin.verify_pin("2468", secrets.read_secret(pin.PIN_HASH))
    blob = vault.path.read_bytes()
    assert blob.startswith(SEAL)
    for clear in (b"api-KEY-1234", b"secret-KEY-5678", token.encode(), secrets.API_KEY.encode()):
        assert clear not in blob
    assert secrets.round_trip().startswith("pos_app.config.machine_vault.MachineVault")
    assert secrets.is_secure(vault)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; on Windows the installer's access list decides")
def test_the_file_and_its_folder_are_private(vault):
    secrets.store_credentials("api-key", "secret-key")
    assert stat.S_IMODE(vault.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(vault.path.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in vault.path.parent.iterdir()) == [machine_vault.KEYS_FILE]  # no staging left


def test_a_cashier_account_reads_the_keys_but_cannot_change_them(vault, monkeypatch):
    secrets.store_credentials("api-key", "secret-key")
    before = vault.path.read_bytes()
    _deny_writes(monkeypatch, vault)
    assert secrets.load_credentials() == secrets.Credentials("api-key", "secret-key")
    with pytest.raises(secrets.CredentialStoreUnavailable, match="only an administrator .* config set-keys"):
        secrets.store_credentials("other-key", "other-secret")
    with pytest.raises(secrets.NoSecureKeyring, match="only an administrator"):
        secrets.rotate_bridge_token()  # what a boot-time engine without a token says, instead of a traceback
    assert vault.path.read_bytes() == before


def test_a_failed_write_leaves_the_previous_keys(vault, monkeypatch):
    secrets.store_credentials("api-key", "secret-key")
    monkeypatch.setattr(machine_vault.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(secrets.CredentialStoreUnavailable):
        secrets.store_credentials("new-key", "new-secret")
    assert secrets.load_credentials() == secrets.Credentials("api-key", "secret-key")


def test_a_blob_from_another_machine_fails_closed(vault):
    vault.path.parent.mkdir(parents=True)
    vault.path.write_bytes(b"another terminal's DPAPI blob")
    assert secrets.get_secret(secrets.API_KEY) is None
    with pytest.raises(secrets.CredentialStoreUnavailable, match="does not decrypt on this machine"):
        secrets.read_secret(pin.PIN_HASH)  # never "no PIN set": the manager screens stay locked
    assert "unknown" in secrets.keys_state({})
    with pytest.raises(secrets.CredentialStoreUnavailable, match="an administrator deletes it"):
        secrets.store_credentials("api-key", "secret-key")  # not silently over what it may still hold
    assert vault.path.read_bytes() == b"another terminal's DPAPI blob"


def test_a_blob_that_decrypts_to_something_else_is_refused(vault):
    vault.path.parent.mkdir(parents=True)
    vault.path.write_bytes(_protect(b'["not", "a", "map"]'))
    with pytest.raises(secrets.CredentialStoreUnavailable, match="does not hold a map"):
        secrets.read_secret(secrets.API_KEY)


def test_deleting_a_name_that_is_not_stored_is_keyrings_error(vault):
    with pytest.raises(keyring.errors.PasswordDeleteError):
        vault.delete_password(secrets.SERVICE, "missing")


def test_an_administrator_copies_per_user_keys_from_before_into_the_vault(tmp_path, memory_keyring):
    memory_keyring.set_password(secrets.SERVICE, secrets.API_KEY, "old-user-key")
    vault = MachineVault(machine_vault.vault_path(tmp_path), FAKE, legacy=memory_keyring)
    assert vault.get_password(secrets.SERVICE, secrets.API_KEY) == "old-user-key"
    assert MachineVault(vault.path, FAKE).get_password(secrets.SERVICE, secrets.API_KEY) == "old-user-key"
    assert memory_keyring.values == {(secrets.SERVICE, secrets.API_KEY): "old-user-key"}  # left as it was
    vault.set_password(secrets.SERVICE, secrets.API_KEY, "machine-key")
    assert vault.get_password(secrets.SERVICE, secrets.API_KEY) == "machine-key"  # the machine's wins


def test_a_cashier_keeps_using_their_own_keys_until_an_administrator_stores_them(tmp_path, memory_keyring,
                                                                                 monkeypatch):
    memory_keyring.set_password(secrets.SERVICE, secrets.API_KEY, "cashier-key")
    vault = MachineVault(machine_vault.vault_path(tmp_path), FAKE, legacy=memory_keyring)
    _deny_writes(monkeypatch, vault)
    assert vault.get_password(secrets.SERVICE, secrets.API_KEY) == "cashier-key"
    assert not vault.path.exists()


def test_a_boot_time_account_without_a_user_store_just_has_no_per_user_keys(tmp_path):
    class NoLogonSession(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            raise OSError(1312, "A specified logon session does not exist")

        def set_password(self, service, username, password):
            raise AssertionError("never written")

        def delete_password(self, service, username):
            raise AssertionError("never deleted")

    vault = MachineVault(machine_vault.vault_path(tmp_path), FAKE, legacy=NoLogonSession())
    assert vault.get_password(secrets.SERVICE, secrets.API_KEY) is None


def test_keyrings_discovery_never_picks_the_vault():
    assert not MachineVault.viable


@pytest.mark.parametrize("machine", [True, False])
def test_the_per_machine_install_on_windows_selects_the_vault(monkeypatch, tmp_path, machine):
    from keyring.backends.Windows import WinVaultKeyring

    previous = secrets.install_backend(None)
    monkeypatch.delenv(secrets.ENV_KEYRING_BACKEND)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(paths, "machine_install", lambda: machine)
    monkeypatch.setattr(paths, "machine_data_dir", lambda: tmp_path / "ProgramData" / "pos-app")
    chosen = []
    monkeypatch.setattr(keyring, "set_keyring", chosen.append)  # only looked at, never used
    try:
        secrets.choose_backend()
    finally:
        secrets.install_backend(previous)
    backend = chosen[0]
    if machine:
        assert isinstance(backend, MachineVault)
        assert backend.path == tmp_path / "ProgramData" / "pos-app" / "keys" / "pos-app.keys"
        assert isinstance(backend._legacy, WinVaultKeyring)  # the upgrade from per-user keys
    else:
        assert type(backend) is WinVaultKeyring


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has DPAPI")
def test_dpapi_outside_windows_is_an_error_not_a_clear_file(tmp_path):
    cipher = machine_vault.dpapi_machine_cipher()
    with pytest.raises(OSError, match="only on Windows"):
        cipher.protect(b"secret")
    vault = MachineVault(machine_vault.vault_path(tmp_path), cipher)
    with pytest.raises(OSError):
        vault.set_password(secrets.SERVICE, secrets.API_KEY, "secret")
    assert not vault.path.exists()


@pytest.mark.skipif(sys.platform != "win32", reason="DPAPI exists only on Windows (the Windows workflow runs it)")
def test_real_dpapi_machine_scope_round_trip(tmp_path):
    cipher = machine_vault.dpapi_machine_cipher()
    blob = cipher.protect(b"api-key \xd9\x85")
    assert b"api-key" not in blob
    assert cipher.unprotect(blob) == b"api-key \xd9\x85"
    with pytest.raises(OSError):
        cipher.unprotect(blob[:-8] + b"tampered")
    vault = MachineVault(machine_vault.vault_path(tmp_path), cipher)
    vault.set_password(secrets.SERVICE, secrets.API_KEY, "key")
    assert MachineVault(vault.path, cipher).get_password(secrets.SERVICE, secrets.API_KEY) == "key"


def test_set_keys_as_an_administrator_leaves_the_terminal_complete_with_a_bridge_token(vault, tmp_path):
    # The window and the engine at boot, run by accounts that cannot create the token, tell IT to run set-keys.
    from pos_app.config.settings import Settings
    from pos_app.services.manager import ManagerService

    service = ManagerService(tmp_path / "data", Settings())
    try:
        service.set_keys("api-key", "secret-key", "new terminal")
        token = secrets.bridge_token(create=False)
        assert token
        service.set_keys("api-key-2", "secret-key-2", "keys rotated at Gameball")
        assert secrets.bridge_token(create=False) == token  # an existing token is kept: the host POS has it
    finally:
        service.close()


def test_a_reader_holding_the_file_delays_a_write_but_is_not_taken_for_a_missing_right(vault, monkeypatch):
    real_replace = os.replace
    refusals = iter([PermissionError(13, "in use by another process")] * 3)

    def replace_when_free(source, target):
        refusal = next(refusals, None)
        if refusal is not None:
            raise refusal
        real_replace(source, target)

    monkeypatch.setattr(machine_vault, "_REPLACE_PAUSE_S", 0)
    monkeypatch.setattr(machine_vault.os, "replace", replace_when_free)
    secrets.store_credentials("api-key", "secret-key")
    assert secrets.load_credentials() == secrets.Credentials("api-key", "secret-key")

    monkeypatch.setattr(machine_vault.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "in use")))
    with pytest.raises(secrets.CredentialStoreUnavailable) as refused:
        secrets.store_credentials("new-key", "new-secret")
    assert not isinstance(refused.value, secrets.KeysNeedAdministrator)
    assert secrets.load_credentials() == secrets.Credentials("api-key", "secret-key")
