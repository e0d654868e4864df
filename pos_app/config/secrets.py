"""API keys and the bridge token: environment (headless/IT) or the OS credential store, nothing else.

Secrets never go to SQLite, logs or files in the clear (DESIGN.md rule 6). The keyring backend is chosen
explicitly (frozen builds lose entry-point discovery), and a backend that is not secure is refused for storing.
The per-machine Windows install keeps them for the machine, not for one Windows user (config/machine_vault.py).
"""

from __future__ import annotations

import logging
import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from pos_app.config import machine_vault, paths
from pos_app.config.logs import redactor

log = logging.getLogger(__name__)

SERVICE = "pos-app"
API_KEY, SECRET_KEY, BRIDGE_TOKEN = "gameball-api-key", "gameball-secret-key", "bridge-token"
ENV_API_KEY, ENV_SECRET_KEY, ENV_BRIDGE_TOKEN = "GAMEBALL_API_KEY", "GAMEBALL_SECRET_KEY", "POS_APP_BRIDGE_TOKEN"

# Backends that keep secrets in clear or not at all.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyring(RuntimeError):
    """There is no secure credential store on this machine; keys cannot be stored."""


class CredentialStoreUnavailable(NoSecureKeyring):
    """The credential store is there but refused the call (e.g. no logon session); the message says why."""


class KeysNeedAdministrator(CredentialStoreUnavailable):
    """The per-machine install's keys and PIN: this account may read them, only an administrator may change them."""


# Windows error numbers the credential manager gives when it cannot serve this session at all.
_WINDOWS_REASONS = {
    1312: "no logon session: Windows keeps no credential store for this session (WinRM, SSH, a service or a "
          "scheduled task without a loaded profile)",
    5: "access denied by Windows",
    1004: "the Windows credential store refused the call (invalid flags)",
}


def _is_store_error(error: BaseException) -> bool:
    """keyring's own errors and WinVault's `pywintypes.error` (pywin32's or pywin32-ctypes', recognised by
    class and module name, so Linux never imports them), and the OS errors other backends raise."""
    if isinstance(error, (keyring.errors.KeyringError, OSError)):
        return True
    return any(cls.__name__ == "error" and cls.__module__.rpartition(".")[2] == "pywintypes"
               for cls in type(error).__mro__)


def describe_store_error(error: BaseException) -> str:
    """What a credential-store failure means, without the secret and with what to do instead."""
    number = getattr(error, "winerror", None)
    if number is None and error.args and isinstance(error.args[0], int):
        number = error.args[0]
    reason = _WINDOWS_REASONS.get(number) if isinstance(number, int) else None
    if reason is None:
        detail = getattr(error, "strerror", None) or (error.args[-1] if error.args else "")
        reason = f"{type(error).__name__}{f' {number}' if number is not None else ''}: {detail}".strip(": ")
    return (f"the credential store cannot be used ({reason}); for headless runs set {ENV_API_KEY}, "
            f"{ENV_SECRET_KEY} and {ENV_BRIDGE_TOKEN}, or run as a logged-on user")


@dataclass(frozen=True)
class Credentials:
    api_key: str
    secret_key: str | None

    def __repr__(self) -> str:
        return f"Credentials(api_key=[set], secret_key={'[set]' if self.secret_key else None})"


# The backend a caller installed on purpose (tests, an embedding host); choose_backend keeps it.
_installed: keyring.backend.KeyringBackend | None = None
# keyring's own variable naming a backend; a child process of a test is pointed away from the real store by it.
ENV_KEYRING_BACKEND = "PYTHON_KEYRING_BACKEND"


def install_backend(backend: keyring.backend.KeyringBackend | None) -> keyring.backend.KeyringBackend | None:
    """Use `backend` for every secret in this process, whatever choose_backend would pin; returns the one
    installed before (None: none was). `None` forgets the choice, so choose_backend pins the platform's again."""
    global _installed
    previous, _installed = _installed, backend
    if backend is not None:
        keyring.set_keyring(backend)
    return previous


def choose_backend() -> keyring.backend.KeyringBackend:
    """Pin the platform's secure backend where we know it, so a frozen build does not fall back silently.

    A backend chosen on purpose wins over the pin: one installed with install_backend (from then on the
    process's keyring is left alone), or the one keyring loaded from PYTHON_KEYRING_BACKEND.
    """
    if _installed is not None or os.environ.get(ENV_KEYRING_BACKEND):
        return keyring.get_keyring()
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        keyring.set_keyring(_machine_vault(WinVaultKeyring()) if paths.machine_install() else WinVaultKeyring())
    elif sys.platform == "darwin":
        from keyring.backends.macOS import Keyring as MacKeyring

        keyring.set_keyring(MacKeyring())
    return keyring.get_keyring()


def _machine_vault(legacy: keyring.backend.KeyringBackend) -> machine_vault.MachineVault:
    """The per-machine install's store: the boot-time engine (LocalService) and every cashier's till read the
    same keys, which no one Windows user's Credential Manager can give them."""
    return machine_vault.MachineVault(machine_vault.vault_path(paths.machine_data_dir()),
                                      machine_vault.dpapi_machine_cipher(), legacy=legacy)


def backend_name(backend: keyring.backend.KeyringBackend | None = None) -> str:
    backend = backend or keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure(backend: keyring.backend.KeyringBackend | None = None) -> bool:
    backend = backend or keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULES):
        return False
    if module == "keyring.backends.chainer":
        return any(is_secure(b) for b in getattr(backend, "backends", []))
    return True


def _read(name: str) -> str | None:
    """The stored value; CredentialStoreUnavailable when the store refuses the call."""
    try:
        value = keyring.get_password(SERVICE, name)
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        raise CredentialStoreUnavailable(describe_store_error(exc)) from None
    redactor.add([value])
    return value


def _get(name: str) -> str | None:
    try:
        return _read(name)
    except CredentialStoreUnavailable as exc:
        log.warning("%s: %s", name, exc)
        return None


def _set(name: str, value: str) -> None:
    if not is_secure():
        raise NoSecureKeyring(
            f"no secure credential store on this machine ({backend_name()}); keys are not stored in files. "
            f"Use {ENV_API_KEY}/{ENV_SECRET_KEY} for headless runs."
        )
    redactor.add([value])
    try:
        keyring.set_password(SERVICE, name, value)
    except machine_vault.VaultWriteDenied as exc:
        raise KeysNeedAdministrator(str(exc)) from None
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        raise CredentialStoreUnavailable(describe_store_error(exc)) from None


def _delete(name: str) -> None:
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass  # not there: nothing to delete
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        raise CredentialStoreUnavailable(describe_store_error(exc)) from None


def keys_state(env: Mapping[str, str] = os.environ) -> str:
    """For `config show`: whether keys are set, saying so when the store cannot be read."""
    if env.get(ENV_API_KEY):
        return f"from {ENV_API_KEY}"
    try:
        return "stored" if _read(API_KEY) else "not set"
    except CredentialStoreUnavailable as exc:
        return f"unknown: {exc}"


def round_trip() -> str:
    """Store, read back and delete a throwaway entry: proves this session can use the store, not just that a
    backend was chosen. Raises NoSecureKeyring / CredentialStoreUnavailable with the reason."""
    name, value = f"self-test-{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    _set(name, value)
    try:
        if _read(name) != value:
            raise CredentialStoreUnavailable("the credential store gave back something else than was stored")
    finally:
        _delete(name)
    if _read(name) is not None:
        raise CredentialStoreUnavailable("the credential store kept an entry that was deleted")
    return f"{backend_name()}: stored, read and deleted a test entry"


def get_secret(name: str) -> str | None:
    """A value from the credential store (None if absent or the store is unavailable)."""
    return _get(name)


def read_secret(name: str) -> str | None:
    """Like get_secret, but a store that cannot be read raises CredentialStoreUnavailable: for what must fail
    closed (the manager PIN's hash: an unreadable store is not "no PIN")."""
    return _read(name)


def put_secret(name: str, value: str) -> None:
    """Store a value in the credential store; refused without a secure backend."""
    _set(name, value)


def load_credentials(env: Mapping[str, str] = os.environ) -> Credentials | None:
    """Environment first (headless deployments and tests), then the credential store."""
    api_key = env.get(ENV_API_KEY) or _get(API_KEY)
    secret_key = env.get(ENV_SECRET_KEY) or _get(SECRET_KEY)
    redactor.add([api_key, secret_key])
    if not api_key:
        return None
    return Credentials(api_key, secret_key)


def validate_key(field: str, value: str | None) -> str:
    """The key as it is stored (stripped, and without a byte-order mark a file or pipe may have put before it);
    ValueError naming the field (never the value) if it is empty or has spaces or other invisible characters
    inside. The wizard checks a page with it before anything is stored."""
    value = (value or "").strip().removeprefix("\ufeff").strip()
    if not value or not value.isprintable() or any(c.isspace() for c in value):
        raise ValueError(f"{field}: empty or contains spaces")
    return value


def store_credentials(api_key: str, secret_key: str) -> None:
    api_key, secret_key = validate_key("api_key", api_key), validate_key("secret_key", secret_key)
    _set(API_KEY, api_key)
    _set(SECRET_KEY, secret_key)


def bridge_token(env: Mapping[str, str] = os.environ, *, create: bool = True) -> str | None:
    """The bridge's bearer token: environment, else the credential store, else a new one stored there."""
    token = env.get(ENV_BRIDGE_TOKEN) or _get(BRIDGE_TOKEN)
    if token or not create:
        redactor.add([token])
        return token
    return rotate_bridge_token()


def rotate_bridge_token() -> str:
    token = secrets.token_urlsafe(32)
    _set(BRIDGE_TOKEN, token)
    return token
