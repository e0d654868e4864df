"""installer/pos_app.nsi against the code it must match, where Linux can read it (Wine runs the rest in
installer/check-linux.sh; the Credential Manager itself only exists on the Windows runner)."""

import ast
import re
from pathlib import Path

import pos_app
from pos_app.config import pin, secrets

ROOT = Path(__file__).resolve().parents[2]
NSI = (ROOT / "installer" / "pos_app.nsi").read_text("utf-8")
# The functions that write a credential, and which argument is its name.
WRITERS = {"put_secret": 0, "_set": 0, "set_password": 1}
NAMES = {"API_KEY": secrets.API_KEY, "SECRET_KEY": secrets.SECRET_KEY, "BRIDGE_TOKEN": secrets.BRIDGE_TOKEN,
         "PIN_HASH": pin.PIN_HASH}


def credential_names_written():
    """Every credential name pos_app's source writes, resolved from the constant it names."""
    found = set()
    for path in Path(pos_app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if func not in WRITERS or len(node.args) <= WRITERS[func]:
                continue
            arg = node.args[WRITERS[func]]
            label = arg.attr if isinstance(arg, ast.Attribute) else getattr(arg, "id", None)
            if label == "name":  # the writers passing their own parameter on
                continue
            assert label in NAMES, f"{path.name}:{node.lineno} writes a credential named by {ast.unparse(arg)}, " \
                                   "unknown to this test and maybe to the uninstaller's purge"
            found.add(NAMES[label])
    return found


def test_purge_deletes_every_credential_the_app_writes_in_both_winvault_spellings():
    written = credential_names_written()
    assert written == {secrets.API_KEY, secrets.SECRET_KEY, secrets.BRIDGE_TOKEN, pin.PIN_HASH}
    deleted = set(re.findall(r'^\s*!insertmacro DELETE_CREDENTIAL "([^"]+)"', NSI, re.M))
    app_id = re.search(r'^!define APP_ID "([^"]+)"', NSI, re.M)[1]
    assert app_id == secrets.SERVICE
    # keyring's WinVault: the first name under the service itself, the others (and older copies) as name@service.
    expected = {"${APP_ID}"} | {f"{name}@${{APP_ID}}" for name in written}
    assert expected <= deleted, f"not deleted by /PURGE=1: {sorted(expected - deleted)}"
    assert re.search(r'cmdkey /delete:\$\{target\}', NSI) and re.search(r'LegacyGeneric:target=\$\{target\}', NSI)



def test_the_keys_folder_the_installer_protects_is_the_one_the_app_uses():
    from pos_app.config import machine_vault

    keys_dir = re.search(r'^!define KEYS_DIR "\$\{MACHINE_DATA_DIR\}\\([^"]+)"', NSI, re.M)
    assert keys_dir and keys_dir[1] == machine_vault.KEYS_FOLDER
    # Readers: users and LocalService (every till and the engine at boot); writers: administrators and SYSTEM.
    acl = re.search(r"icacls \"\$\{KEYS_DIR\}\" (.*?)'", NSI, re.S)[1]
    assert "/inheritance:r" in acl
    grants = dict(re.findall(r"\*(S-[\d-]+):\(OI\)\(CI\)(\w+)", acl))
    assert grants == {"S-1-5-18": "F", "S-1-5-32-544": "F", "S-1-5-32-545": "RX", "S-1-5-19": "RX"}


def test_the_boot_time_task_is_the_headless_engine_as_localservice_and_the_windows_job_checks_that_name():
    task_name = re.search(r'^!define TASK_NAME "\$\{APP_ID\}-([^"]+)"', NSI, re.M)
    assert task_name, "TASK_NAME"
    ps1 = (ROOT / "installer" / "build-windows.ps1").read_text("utf-8")
    assert f'$TaskName = "{secrets.SERVICE}-{task_name[1]}"' in ps1
    register = NSI[NSI.index("Function RegisterBootTask"):]
    register = register[:register.index("FunctionEnd")]
    assert "<UserId>S-1-5-19</UserId>" in register and "<BootTrigger>" in register
    assert "<Arguments>--headless</Arguments>" in register and '"$1\\${CLI_EXE}"' in register
    assert "SetErrorLevel 4" in register
