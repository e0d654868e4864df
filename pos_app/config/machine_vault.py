"""The per-machine install's credential store: one DPAPI blob for the terminal, not one vault per Windows user.

A boot-time engine runs as LocalService, which cannot read a cashier's Credential Manager, and a terminal used
by several accounts should have one set of keys (issue 16.4). So the per-machine install keeps the API keys,
the bridge token and the manager PIN's hash in `%ProgramData%\\pos-app\\keys\\pos-app.keys`: a JSON map
encrypted with DPAPI in machine scope (CryptProtectData with CRYPTPROTECT_LOCAL_MACHINE), never in the clear
(DESIGN rule 6). Machine scope means any account on this terminal could decrypt the blob, so the folder's
access list is what decides who reads it: the installer lets the terminal's users and LocalService read it
(every process that runs the till or the engine needs the keys) and only administrators and SYSTEM write it.
A copy of the file taken to another machine does not decrypt.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
import keyring.errors
from keyring.compat import properties

from pos_app import private_files

log = logging.getLogger(__name__)

KEYS_FOLDER = "keys"  # inside the machine data directory; installer/pos_app.nsi sets its access list
KEYS_FILE = "pos-app.keys"
# Binds the blob to this use: another program calling DPAPI on the file without it gets nothing.
ENTROPY = b"pos-app machine vault v1"
_CRYPTPROTECT_UI_FORBIDDEN = 0x1
_CRYPTPROTECT_LOCAL_MACHINE = 0x4
_REPLACE_TRIES, _REPLACE_PAUSE_S = 20, 0.05


class VaultWriteDenied(keyring.errors.PasswordSetError):
    """This account may read the terminal's keys but not change them (only administrators may)."""


class VaultUnreadable(keyring.errors.KeyringError):
    """The blob exists but does not decrypt or parse here (another machine's, or damaged)."""


@dataclass(frozen=True)
class Cipher:
    """Encrypt and decrypt whole blobs; DPAPI on Windows, something injected in tests."""

    protect: Callable[[bytes], bytes]
    unprotect: Callable[[bytes], bytes]


def vault_path(machine_data_dir: Path) -> Path:
    return machine_data_dir / KEYS_FOLDER / KEYS_FILE


class MachineVault(keyring.backend.KeyringBackend):
    """keyring's interface over the encrypted file, so every caller of config.secrets works unchanged.

    `legacy` (the running user's Credential Manager) is read for a name the vault does not hold yet, the upgrade
    from a version that kept keys per user: an account that may write the vault (an administrator) copies what
    it finds into it, so the boot-time engine gets the same keys and bridge token; any other account keeps
    using its own until then. Nothing is ever written to or deleted from `legacy`.
    """

    def __init__(self, path: Path, cipher: Cipher, legacy: keyring.backend.KeyringBackend | None = None) -> None:
        super().__init__()
        self.path = path
        self._cipher = cipher
        self._legacy = legacy

    @properties.classproperty
    def priority(cls) -> float:
        # Never picked by keyring's discovery: config.secrets chooses it for the per-machine install only.
        raise RuntimeError("chosen explicitly for the per-machine install")

    def get_password(self, service: str, username: str) -> str | None:
        value = self._load().get(service, {}).get(username)
        if value is None and self._legacy is not None:
            value = self._legacy_value(service, username)
            if value is not None:
                self._adopt(service, username, value)
        return value

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries.setdefault(service, {})[username] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if username not in entries.get(service, {}):
            raise keyring.errors.PasswordDeleteError(f"{username} is not stored")
        del entries[service][username]
        self._save(entries)

    def _legacy_value(self, service: str, username: str) -> str | None:
        try:
            return self._legacy.get_password(service, username)
        except Exception as exc:  # a boot-time engine has no user vault at all: not an error here
            log.debug("no per-user %s from before the machine vault: %s", username, type(exc).__name__)
            return None

    def _adopt(self, service: str, name: str, value: str) -> None:
        try:
            self.set_password(service, name, value)
        except VaultWriteDenied:
            return  # a cashier's account: read-only here, an administrator's next start copies it
        log.info("%s copied from this user's credential store into the machine's %s", name, self.path)

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            blob = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            entries = json.loads(self._cipher.unprotect(blob).decode("utf-8"))
        except (OSError, ValueError) as exc:
            # Never overwritten by the next write: it may hold the PIN's hash and the host POS's token too.
            raise VaultUnreadable(f"{self.path} does not decrypt on this machine ({type(exc).__name__}): copied "
                                  "from another terminal or damaged; an administrator deletes it, then stores the "
                                  "keys and the PIN again (the host POS gets a new bridge token)") from None
        if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
            raise VaultUnreadable(f"{self.path} does not hold a map of keys")
        return entries

    def _save(self, entries: dict[str, dict[str, str]]) -> None:
        """Written whole to a temporary file beside it and renamed over it: a crash leaves the old or the new."""
        blob = self._cipher.protect(json.dumps(entries).encode("utf-8"))
        staging = self.path.with_name(self.path.name + ".new")
        try:
            private_files.make_directory(self.path.parent)
            handle = open(staging, "wb", opener=private_files.opener)
        except PermissionError:  # the folder's access list: this account reads the keys, it does not write them
            raise VaultWriteDenied(f"only an administrator can change this terminal's keys ({self.path}): run "
                                   "pos-app.exe config set-keys from an elevated prompt") from None
        with handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        self._replace(staging)

    def _replace(self, staging: Path) -> None:
        """Windows refuses to replace a file another process has open (a till or the engine reading the keys at
        that moment): such a refusal is tried again briefly, not taken for a missing right."""
        for attempt in range(_REPLACE_TRIES):
            try:
                os.replace(staging, self.path)
                return
            except PermissionError:
                if attempt == _REPLACE_TRIES - 1:
                    raise
                time.sleep(_REPLACE_PAUSE_S)


def dpapi_machine_cipher() -> Cipher:
    """DPAPI in machine scope through ctypes (Windows only; nothing is loaded until the first call)."""
    machine_scope = _CRYPTPROTECT_UI_FORBIDDEN | _CRYPTPROTECT_LOCAL_MACHINE
    return Cipher(lambda data: _dpapi("CryptProtectData", data, machine_scope),
                  lambda data: _dpapi("CryptUnprotectData", data, _CRYPTPROTECT_UI_FORBIDDEN))


def _dpapi(function: str, data: bytes, flags: int) -> bytes:
    """Both DPAPI calls take (in blob, description, entropy, reserved, prompt, flags, out blob); OSError on
    failure, with Windows' own error."""
    if sys.platform != "win32":
        raise OSError(f"{function} exists only on Windows")
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob_of(raw: bytes) -> tuple[Blob, ctypes.Array]:
        buffer = ctypes.create_string_buffer(raw, len(raw))  # kept alive by the caller while the blob is used
        return Blob(len(raw), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    call = getattr(crypt32, function)
    call.argtypes = [ctypes.POINTER(Blob), ctypes.c_void_p, ctypes.POINTER(Blob), ctypes.c_void_p, ctypes.c_void_p,
                     wintypes.DWORD, ctypes.POINTER(Blob)]
    call.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    kernel32.LocalFree.restype = ctypes.c_void_p
    source, source_buffer = blob_of(data)
    entropy, entropy_buffer = blob_of(ENTROPY)
    result = Blob()
    if not call(ctypes.byref(source), None, ctypes.byref(entropy), None, None, flags, ctypes.byref(result)):
        raise ctypes.WinError(ctypes.get_last_error())
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        kernel32.LocalFree(ctypes.cast(result.pbData, ctypes.c_void_p))
