"""A credential store that fails the way WinVault does in a session without a logon session (WinRM, SSH,
a service): `pywintypes.error(1312, 'CredRead', ...)`. The class is named and placed as pywin32's is, so the
product recognises it the way it will on Windows, and Linux never needs pywin32."""

import types

from keyring.backend import KeyringBackend

pywintypes = types.ModuleType("pywintypes")


class error(Exception):  # noqa: N801 - pywin32's own spelling
    def __init__(self, winerror, funcname, strerror):
        super().__init__(winerror, funcname, strerror)
        self.winerror, self.funcname, self.strerror = winerror, funcname, strerror


error.__module__ = "pywintypes"
pywintypes.error = error


class FakeWinVault(KeyringBackend):
    priority = 1

    def _fail(self, call):
        raise error(1312, call, "A specified logon session does not exist. It may already have been terminated.")

    def get_password(self, service, username):
        self._fail("CredRead")

    def set_password(self, service, username, password):
        self._fail("CredWrite")

    def delete_password(self, service, username):
        self._fail("CredDelete")
