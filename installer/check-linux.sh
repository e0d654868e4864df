#!/usr/bin/env bash
# The Windows installer, checked as far as Linux allows (issue 7). Called by .ci/run after the tests.
#
#  1. the Windows lock covers every runtime dependency of pyproject.toml, and keyring's Windows backend;
#  2. installer/pos_app.spec builds a Linux bundle (PyInstaller does not cross-compile) whose --self-test
#     passes offscreen, with the resources and translations in it and none of the excluded Qt modules;
#  3. makensis -WX compiles installer/pos_app.nsi as shipped (x86-unicode, solid LZMA) against a Windows-like
#     staging of that bundle, and 7-Zip's listing of the installer matches the staged files, name and size;
#  4. under 32-bit Wine (Debian's wine32:i386 in a 64-bit prefix), the installer exactly as shipped (x86-unicode,
#     solid LZMA, the Windows job's defines) and a newer build of it (only the version differs): silent install,
#     Add/Remove Programs keys, shortcut, autostart, a bad switch refused, upgrade in place over a running copy,
#     a downgrade refused (exit code 3), upgrade into another directory, uninstall that keeps the data
#     directory, /PURGE=1 that deletes it; then a logic-only build (tiny payload, RUNNING_PROBE standing in for
#     tasklist, which lists nothing under Wine; SCHTASKS standing in for schtasks, which cannot register a task
#     under Wine) shows the close step waits 5 s for a till that stays and stops waiting when it goes, and that
#     /SERVICE=1 (and only it) registers the boot-time task with the right definition, keeps it on upgrade,
#     fails the install with exit code 4 when registration fails, and that /SERVICE=0 and the uninstaller delete
#     it. What Wine cannot show (Credential Manager: Wine has no cmdkey; a real till window's polite close; the
#     task really registered, running as LocalService from boot; DPAPI) the Windows workflow checks.
#
# Environment: VENV (default .venv, the CI venv with the package installed), POS_APP_CHECK_DIR (work folder,
# default installer/build/linux-check, which .gitignore covers).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-$ROOT/.venv}
WORK=${POS_APP_CHECK_DIR:-$ROOT/installer/build/linux-check}
export QT_QPA_PLATFORM=offscreen
STARTED=$SECONDS

step() { printf '\n== installer check: %s (%ds)\n' "$*" "$((SECONDS - STARTED))"; }
fail() { printf 'installer check FAILED: %s\n' "$*" >&2; exit 1; }

# Debian packages this check needs, installed when missing. CI runs as root with apt; elsewhere say what to do.
need() {  # need COMMAND PACKAGE...
    local cmd=$1; shift
    command -v "$cmd" >/dev/null && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        step "installing $* (Debian) for $cmd"
        if [[ -z ${APT_UPDATED:-} ]]; then apt-get update -q >/dev/null; APT_UPDATED=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
        command -v "$cmd" >/dev/null || fail "$cmd still missing after installing $*"
    else
        fail "$cmd is missing: install the Debian package(s) $* (apt-get install $*), or run as root with apt"
    fi
}

# The shipped installer is 32-bit: Wine needs its 32-bit side, from Debian's i386 architecture (multiarch).
need_wine32() {
    dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q 'ok installed' && command -v wine >/dev/null \
        && return 0
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null \
        || fail "32-bit Wine is missing: dpkg --add-architecture i386 && apt-get update && apt-get install wine wine64 wine32:i386"
    step "installing 32-bit Wine (Debian: i386 architecture, wine wine64 wine32:i386)"
    dpkg --add-architecture i386  # idempotent; the package lists must be read again after it
    apt-get update -q >/dev/null
    APT_UPDATED=1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wine wine64 wine32:i386 >/dev/null
    dpkg-query -W -f='${Status}' wine32:i386 | grep -q 'ok installed' || fail "wine32:i386 still missing"
}

rm -rf "$WORK"
mkdir -p "$WORK"

step "tools"
need makensis nsis
need 7z p7zip-full
need_wine32
need pgrep procps
[[ -x $VENV/bin/python ]] || fail "no virtual environment at $VENV (VENV=...): it must have pos-app installed"
# PyInstaller at the version the Windows build is locked to, so both platforms freeze with the same tool.
mapfile -t PYI_PINS < <(grep -oE '^pyinstaller(-hooks-contrib)?==[^ ]+' installer/requirements-windows.txt)
[[ ${#PYI_PINS[@]} -eq 2 ]] || fail "pyinstaller pins not found in installer/requirements-windows.txt"
"$VENV/bin/pip" install -q "${PYI_PINS[@]}"

step "Windows lock"
"$VENV/bin/python" - installer/requirements-windows.txt pyproject.toml <<'EOF'
# Every runtime dependency of pyproject.toml must be locked for Windows at a version its specifier allows:
# a dependency added to pyproject without re-running installer/lock-windows.sh fails here, not on the runner.
import re, sys, tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

lock_path, pyproject_path = sys.argv[1:]
locked = {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", open(lock_path).read(), re.M)}
problems = []
for spec in tomllib.load(open(pyproject_path, "rb"))["project"]["dependencies"]:
    req = Requirement(spec)
    have = locked.get(canonicalize_name(req.name))
    if have is None:
        problems.append(f"{req.name} is not in the lock")
    elif not req.specifier.contains(have, prereleases=True):
        problems.append(f"{req.name}=={have} does not satisfy {spec}")
for name in ("pywin32-ctypes", "pyinstaller"):  # keyring's Windows backend; the freezer itself
    if name not in locked:
        problems.append(f"{name} is not in the lock")
if "--hash=sha256:" not in open(lock_path).read():
    problems.append("the lock has no hashes (pip --require-hashes needs them)")
if problems:
    sys.exit("installer/requirements-windows.txt is stale (run installer/lock-windows.sh):\n  " + "\n  ".join(problems))
print(f"{len(locked)} packages locked for win_amd64, pywin32-ctypes {locked['pywin32-ctypes']}")
EOF

step "PyInstaller: Linux bundle from installer/pos_app.spec"
build_started=$SECONDS
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/build" \
    installer/pos_app.spec 2>&1 | grep -vE "Library not found: could not resolve|required via ctypes not found" || true
BUNDLE=$WORK/dist/pos-app
[[ -x $BUNDLE/pos-app && -x $BUNDLE/pos-app-gui ]] || fail "PyInstaller did not produce $BUNDLE/pos-app{,-gui}"
echo "PyInstaller took $((SECONDS - build_started)) s; bundle $(du -sh "$BUNDLE" | cut -f1)"

step "frozen self-test (offscreen)"
"$BUNDLE/pos-app" --self-test --data-dir "$WORK/selftest-data"
"$BUNDLE/pos-app-gui" --version
# UTF-8 mode is built into the exe as a run-time option (pos_app.spec); read it back from the exe's archive, so a
# misspelt option (the bootloader ignores unknown names silently) fails here rather than on a till.
"$VENV/bin/python" - "$BUNDLE/pos-app" <<'EOF'
import sys
from PyInstaller.archive.readers import CArchiveReader
options = CArchiveReader(sys.argv[1]).options
if "X utf8" not in options:
    sys.exit(f"the frozen exe does not run in UTF-8 mode: run-time options {options}")
EOF

step "bundle contents"
# What the app needs at run time, where pos_app/resources.py and Qt look for it.
VERSION=$(sed -n 's/^!define APP_VERSION "\(.*\)"$/\1/p' "$WORK/dist/pos-app-version.nsh")
[[ $VERSION == "$("$BUNDLE/pos-app" --version | awk '{print $2}')" ]] || fail "version file and exe disagree"
for f in resources/gameball/openapi.json resources/demo/customers.json resources/bridge/openapi.json \
         "pos_app-$VERSION.dist-info/METADATA"; do
    [[ -f $BUNDLE/_internal/$f ]] || fail "missing from the bundle: $f"
done
for qm in resources/translations/*.qm; do
    [[ -f $BUNDLE/_internal/$qm ]] || fail "missing from the bundle: $qm"
    lang=${qm##*_}; lang=${lang%.qm}
    [[ $lang == en || -f $BUNDLE/_internal/PySide6/Qt/translations/qtbase_$lang.qm ]] \
        || fail "Qt's own qtbase_$lang.qm is missing (dialog buttons stay English)"
done
# Lean: nothing of the Qt modules, plugins and data the app does not use.
leaked=$(cd "$BUNDLE/_internal" && find . \( -path './PySide6/Qt*Qml*' -o -path './PySide6/Qt*Quick*' \
    -o -path './PySide6/Qt/qml' -o -path '*/plugins/tls' -o -path '*/plugins/networkinformation' \
    -o -path '*/plugins/sqldrivers' -o -path '*/plugins/qmltooling' -o -name 'qt_help_*' -o -path './phonenumbers/geodata' \) -print)
[[ -z $leaked ]] || fail "unused Qt or data files in the bundle: $leaked"

step "NSIS: staging the bundle as Windows would see it"
# The payload is the Linux bundle (PyInstaller builds Windows exes only on Windows); the exes get their Windows
# names so the script is compiled exactly as shipped. Hard links: no copy of 180 MB.
STAGE=$WORK/stage
mkdir -p "$STAGE"
cp -al "$BUNDLE" "$STAGE/pos-app"
mv "$STAGE/pos-app/pos-app" "$STAGE/pos-app/pos-app.exe"
rm "$STAGE/pos-app/pos-app-gui"  # on Linux a link to pos-app (pos_app.spec); Windows has two exes
ln "$STAGE/pos-app/pos-app.exe" "$STAGE/pos-app/pos-app-gui.exe"
cp "$WORK/dist/pos-app-version.nsh" "$STAGE/"

step "makensis -WX, as shipped (x86-unicode, solid LZMA)"
nsis_started=$SECONDS
SETUP=$STAGE/pos-app-$VERSION-setup.exe
makensis -V2 -WX -DDIST_DIR="$STAGE/pos-app" installer/pos_app.nsi
[[ -f $SETUP ]] || fail "makensis wrote no $SETUP"
echo "makensis took $((SECONDS - nsis_started)) s; installer $(du -h "$SETUP" | cut -f1) (Linux payload)"

step "installer contents (7-Zip listing vs the staged files)"
7z l -slt "$SETUP" > "$WORK/setup-listing.txt"
"$VENV/bin/python" - "$WORK/setup-listing.txt" "$STAGE/pos-app" <<'EOF'
# Every staged file is in the installer with its size, nothing else is but the uninstaller NSIS writes and
# its own plugins; so the File /r line, the paths and the payload are right, not just "it compiled".
import os, sys
listing, stage = sys.argv[1:]
entries, current = {}, {}
for line in open(listing, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("Path = "):
        current = {"path": line[7:]}
    elif line.startswith("Size = ") and "path" in current:  # no size: written at install time (uninstaller)
        entries[current["path"]] = int(line[7:]) if line[7:] else None
entries = {p: s for p, s in entries.items() if not p.startswith("$PLUGINSDIR/") and not p.endswith("-setup.exe")}
staged = {}
for folder, _, files in os.walk(stage, followlinks=True):
    for name in files:
        full = os.path.join(folder, name)
        staged[os.path.relpath(full, stage).replace(os.sep, "/")] = os.stat(full).st_size
missing = sorted(set(staged) - set(entries))
extra = sorted(set(entries) - set(staged) - {"uninstall.exe"})
wrong = sorted(p for p in staged if p in entries and entries[p] != staged[p])
for label, items in (("missing", missing), ("unexpected", extra), ("wrong size", wrong)):
    if items:
        sys.exit(f"installer content {label}: {items[:10]}")
for required in ("pos-app.exe", "pos-app-gui.exe", "uninstall.exe", "_internal/resources/gameball/openapi.json"):
    if required not in entries:
        sys.exit(f"installer lacks {required}")
print(f"{len(staged)} files match, plus uninstall.exe")
EOF

# ---------------------------------------------------------------------------------------------------------------
step "Wine: a newer build of the shipped script (for the upgrade and the refused downgrade)"
# Only the version differs from the Windows job's build: the same script, target, compressor and payload.
QUAD=$(sed -n 's/^!define APP_VERSION_QUAD "\(.*\)"$/\1/p' "$WORK/dist/pos-app-version.nsh")
NEW_VERSION=$VERSION+upgrade-test
printf '!define APP_VERSION "%s"\n!define APP_VERSION_QUAD "%s"\n' "$NEW_VERSION" "${QUAD%.*}.$(( ${QUAD##*.} + 1 ))" \
    > "$WORK/v-new.nsh"
makensis -V1 -WX -DDIST_DIR="$STAGE/pos-app" -DVERSION_NSH="$WORK/v-new.nsh" -DOUT_FILE="$WORK/setup-new.exe" \
    installer/pos_app.nsi

export WINEPREFIX=$WORK/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64  # 64-bit Windows
unset DISPLAY  # silent installs need no window; a developer's display would only slow Wine down
trap 'wineserver -k 2>/dev/null || true' EXIT
wineboot -i >/dev/null 2>&1
wineserver -w
C=$WINEPREFIX/drive_c
UNINST='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\pos-app'
RUN='HKLM\Software\Microsoft\Windows\CurrentVersion\Run'
SHORTCUT="$C/ProgramData/Microsoft/Windows/Start Menu/Programs/pos_app.lnk"

winrun() {  # run a Windows program, wait for it and for anything it started (the uninstaller re-launches itself)
    local rc=0
    wine "$@" >/dev/null 2>&1 || rc=$?
    wineserver -w
    return "$rc"
}
reg_value() {  # reg_value KEY NAME -> the value, or nothing (status 1) if absent; 64-bit view, as the installer
    # writes it (with wine32, `wine reg` is the 32-bit reg.exe, which would see WOW6432Node)
    wine reg query "$1" /v "$2" /reg:64 2>/dev/null | tr -d '\r' | awk -v n="$2" '$1 == n { sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+/, ""); print; f=1 } END { exit !f }'
}
expect_value() {  # expect_value KEY NAME EXPECTED
    local got
    got=$(reg_value "$1" "$2") || fail "registry: $1 $2 is missing"
    [[ $got == "$3" ]] || fail "registry: $1 $2 is '$got', expected '$3'"
}
installed_ok() {  # installed_ok WINDOWS_DIR UNIX_DIR VERSION
    cmp -s "$2/pos-app.exe" "$STAGE/pos-app/pos-app.exe" || fail "$1\\pos-app.exe is not the staged one"
    cmp -s "$2/_internal/resources/gameball/openapi.json" "$ROOT/resources/gameball/openapi.json" \
        || fail "$1: resources not installed"
    [[ -f $2/uninstall.exe ]] || fail "$1\\uninstall.exe missing"
    [[ -f $2/pos-app-machine-install ]] || fail "$1: no per-machine marker (the app would keep per-user data)"
    [[ -d $DATA ]] || fail "the installer did not create the machine-wide data directory"
    [[ -d $DATA/keys ]] || fail "the installer did not create the folder of the machine's keys"
    expect_value "$UNINST" DisplayName pos_app
    expect_value "$UNINST" DisplayVersion "$3"
    expect_value "$UNINST" Publisher pos_app
    expect_value "$UNINST" InstallLocation "$1"
    expect_value "$UNINST" UninstallString "\"$1\\uninstall.exe\""
    expect_value "$UNINST" QuietUninstallString "\"$1\\uninstall.exe\" /S"
    expect_value "$UNINST" NoModify 0x1
    expect_value "$UNINST" NoRepair 0x1
    local size
    size=$(reg_value "$UNINST" EstimatedSize) || fail "EstimatedSize missing"
    (( size > 10000 )) || fail "EstimatedSize $size KB is implausible"
    [[ -f $SHORTCUT ]] || fail "Start menu shortcut missing"
}
uninstall_quietly() {  # run the QuietUninstallString as registered ("<exe>" /S), the way IT tooling does
    local cmdline exe args
    cmdline=$(reg_value "$UNINST" QuietUninstallString) || fail "no QuietUninstallString"
    [[ $cmdline =~ ^\"([^\"]+)\"\ (.*)$ ]] || fail "QuietUninstallString is not '\"<exe>\" <switches>': $cmdline"
    exe=${BASH_REMATCH[1]}; args=${BASH_REMATCH[2]}
    # shellcheck disable=SC2086  # the switches are words
    winrun "$exe" $args || fail "silent uninstall failed"
}
DATA=$C/ProgramData/pos-app  # the per-machine install's data (pos_app/config/paths.py: the marker selects it)
USER_DATA=$(wine cmd /c echo '%LOCALAPPDATA%' 2>/dev/null | tr -d '\r')
USER_DATA=$(winepath -u "$USER_DATA" 2>/dev/null)/pos-app  # per-user data from before, or never moved
I=$C/pos-app-test

step "Wine: silent install with /AUTOSTART=1 /D="
winrun "$SETUP" /S /AUTOSTART=1 '/D=C:\pos-app-test' || fail "silent install failed"
installed_ok 'C:\pos-app-test' "$I" "$VERSION"
expect_value "$RUN" pos-app '"C:\pos-app-test\pos-app-gui.exe"'

step "Wine: a bad switch is refused (exit code 2), nothing installed"
rc=0; winrun "$SETUP" /S /AUTOSTART=yes '/D=C:\pos-app-bad' || rc=$?
[[ $rc -eq 2 && ! -e $C/pos-app-bad ]] || fail "/AUTOSTART=yes: exit $rc, expected 2 and no install"

step "Wine: upgrade in place while the app runs"
# Windows processes named pos-app.exe and pos-app-gui.exe (Wine's ping, looping on loopback) stand in for a
# running headless engine and till: their exes are locked, so the upgrade only succeeds if the installer ends
# them first. (The prefix's system32\ping.exe is only a stub that names the builtin, so the real PE comes from
# Wine's lib dir.)
echo stale > "$I/_internal/stale-from-old-version.txt"
PING=
for candidate in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ping.exe /usr/lib/wine/x86_64-windows/ping.exe; do
    [[ -f $candidate ]] && { PING=$candidate; break; }
done
[[ -n $PING ]] || fail "Wine's ping.exe not found (the stand-in for a running app)"
for exe in pos-app.exe pos-app-gui.exe; do
    cp "$PING" "$I/$exe"
    wine "C:\\pos-app-test\\$exe" -n 120 127.0.0.1 >/dev/null 2>&1 &  # bounded: 2 minutes at most
done
running() { pgrep -f 'pos-app-test.pos-app(-gui)?\.exe' >/dev/null; }  # pgrep, unlike ps | grep, never finds itself
for _ in 1 2 3 4 5 6 7 8 9 10; do [[ $(pgrep -fc 'pos-app-test.pos-app(-gui)?\.exe') -ge 2 ]] && break; sleep 1; done
running || fail "the stand-ins for a running app did not start"
winrun "$WORK/setup-new.exe" /S || fail "silent upgrade failed"
for _ in 1 2 3 4 5 6 7 8 9 10; do running || break; sleep 1; done  # the Linux process outlives Wine's view briefly
! running || fail "the upgrade left the running app running"
wait  # reap the stand-ins' wine launchers
installed_ok 'C:\pos-app-test' "$I" "$NEW_VERSION"
[[ ! -e $I/_internal/stale-from-old-version.txt ]] || fail "upgrade left the old _internal files behind"
expect_value "$RUN" pos-app '"C:\pos-app-test\pos-app-gui.exe"'  # the autostart choice survives an upgrade

step "Wine: a downgrade is refused (exit code 3), the newer version stays"
rc=0; winrun "$SETUP" /S || rc=$?
[[ $rc -eq 3 ]] || fail "installing $VERSION over $NEW_VERSION: exit $rc, expected 3"
installed_ok 'C:\pos-app-test' "$I" "$NEW_VERSION"

step "Wine: uninstall keeps the data directories"
mkdir -p "$DATA/logs" "$USER_DATA"
echo "queued order" > "$DATA/marker.txt"
echo "an old per-user queue" > "$USER_DATA/marker.txt"
uninstall_quietly
[[ -f $DATA/marker.txt ]] || fail "uninstall deleted the machine-wide data directory"
[[ -f $USER_DATA/marker.txt ]] || fail "uninstall deleted the per-user data directory"
[[ ! -e $I ]] || fail "uninstall left $I: $(ls -A "$I")"
! reg_value "$UNINST" DisplayName >/dev/null || fail "uninstall left the Add/Remove Programs key"
! reg_value "$RUN" pos-app >/dev/null || fail "uninstall left the autostart entry"
[[ ! -e $SHORTCUT ]] || fail "uninstall left the Start menu shortcut"

step "Wine: upgrade into another directory removes the old copy"
winrun "$SETUP" /S /AUTOSTART=0 '/D=C:\pos-app-a' || fail "install into C:\\pos-app-a failed"
! reg_value "$RUN" pos-app >/dev/null || fail "/AUTOSTART=0 still wrote the autostart entry"
winrun "$WORK/setup-new.exe" /S '/D=C:\pos-app-b' || fail "upgrade into C:\\pos-app-b failed"
installed_ok 'C:\pos-app-b' "$C/pos-app-b" "$NEW_VERSION"
[[ ! -e $C/pos-app-a ]] || fail "the previous install in C:\\pos-app-a was left behind"

step "Wine: uninstall /PURGE=1 deletes the data (keys: Wine has no cmdkey, so the Windows workflow checks them)"
winrun 'C:\pos-app-b\uninstall.exe' /S /PURGE=1 || fail "uninstall /PURGE=1 failed"
[[ ! -e $DATA ]] || fail "/PURGE=1 kept $DATA"
[[ ! -e $USER_DATA ]] || fail "/PURGE=1 kept $USER_DATA"
[[ ! -e $C/pos-app-b ]] || fail "uninstall left C:\\pos-app-b"

step "Wine: the close step waits 5 s for a till that stays, and no longer once it has gone"
# A logic-only build of the same script: a two-file payload, and RUNNING_PROBE answers "still running" while
# C:\till-running.txt exists, since Wine's tasklist lists no processes. The wait is what issue 18 found broken:
# the exit code and the output of ExecToStack were popped the wrong way round, so the loop ended at once and the
# till was killed after 0.3 s. Timed around the whole silent install. SCHTASKS is the recorder of the next step.
mkdir -p "$WORK/probe/pos-app"
echo "not a program" > "$WORK/probe/pos-app/pos-app.exe"
# The stand-in for schtasks: logs every call, keeps the task's XML, and answers /Query (naming the task, as
# schtasks does) from whether /Create (and no /Delete since) ran; C:\schtasks-fails.txt makes /Create or /Delete
# fail. Arguments as the script passes them: /Create /F /TN "<name>" /XML "<file>", so the file is %6.
printf '%s\r\n' '@echo off' 'echo %*>>C:\schtasks.log' \
    'if /I "%1"=="/Query" (if exist C:\task-registered.txt (echo TaskName: \pos-app-headless& exit /b 0) else (exit /b 1))' \
    'if exist C:\schtasks-fails.txt if /I "%1"=="/Create" exit /b 5' \
    'if exist C:\schtasks-fails.txt if /I "%1"=="/Delete" exit /b 5' \
    'if /I "%1"=="/Create" (copy /Y %6 C:\boot-task.xml >nul & echo registered>C:\task-registered.txt)' \
    'if /I "%1"=="/Delete" del C:\task-registered.txt' \
    'exit /b 0' > "$C/schtasks-recorder.cmd"
makensis -V1 -WX -DDIST_DIR="$WORK/probe/pos-app" -DVERSION_NSH="$WORK/dist/pos-app-version.nsh" \
    -DOUT_FILE="$WORK/setup-probe.exe" '-DRUNNING_PROBE=cmd /C if exist C:\till-running.txt (exit 0) else (exit 1)' \
    '-DSCHTASKS=cmd /C C:\schtasks-recorder.cmd' installer/pos_app.nsi
timed_probe_install() {  # -> seconds the silent install took
    local t0=$SECONDS
    winrun "$WORK/setup-probe.exe" /S '/D=C:\pos-app-probe' || fail "logic-only install failed"
    echo $((SECONDS - t0))
}
gone=$(timed_probe_install)
touch "$C/till-running.txt"
stays=$(timed_probe_install)
(sleep 2; rm -f "$C/till-running.txt") &
leaves=$(timed_probe_install)
wait
echo "silent install: ${gone} s with no till, ${stays} s with a till that stays, ${leaves} s with one leaving after 2 s"
(( stays >= gone + 5 )) || fail "the close step did not wait 5 s for a running till (${stays} s vs ${gone} s)"
(( leaves < stays - 1 )) || fail "the close step kept waiting after the till had gone (${leaves} s vs ${stays} s)"
winrun 'C:\pos-app-probe\uninstall.exe' /S /PURGE=1 || fail "logic-only uninstall failed"

step "Wine: /SERVICE=1 registers the engine at boot (recorded schtasks calls), nothing registers it without"
SCHTASKS_LOG=$C/schtasks.log
calls() { [[ -f $SCHTASKS_LOG ]] && tr -d '\r' < "$SCHTASKS_LOG" | awk '{print $1}' | paste -sd' ' - || true; }
registered() { [[ -f $C/task-registered.txt ]]; }
[[ $(calls) != *"/Create"* ]] && ! registered || fail "installs without /SERVICE=1 registered a task: $(calls)"
rm -f "$SCHTASKS_LOG"
PROBE='C:\pos&app-probe'  # '&' must be escaped in the task's XML (no space: Wine would quote the /D= switch)
PROBE_UNIX="$C/pos&app-probe"
winrun "$WORK/setup-probe.exe" /S /SERVICE=1 "/D=$PROBE" || fail "install with /SERVICE=1 failed"
registered || fail "/SERVICE=1 did not register the task: $(calls)"
[[ $(calls) == *"/Create /Run" ]] || fail "/SERVICE=1: the task was not started after registering it: $(calls)"
grep -q '^/Create /F /TN "pos-app-headless" /XML ' "$SCHTASKS_LOG" || fail "not the /Create expected: $(cat "$SCHTASKS_LOG")"
"$VENV/bin/python" - "$C/boot-task.xml" "$PROBE" <<'EOF'
# The definition Task Scheduler gets: the engine, from boot, as LocalService, never ended, started again.
import sys, xml.etree.ElementTree as ET
path, install_dir = sys.argv[1:]
raw = open(path, "rb").read()
if not raw.startswith(b"\xff\xfe"):
    sys.exit("the task XML is not UTF-16 with a byte-order mark, as its declaration says")
ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
task = ET.fromstring(raw.decode("utf-16"))
def text(p):
    node = task.find(p, ns)
    return None if node is None else node.text
expected = {
    "t:Principals/t:Principal/t:UserId": "S-1-5-19",  # NT AUTHORITY\LocalService
    "t:Principals/t:Principal/t:RunLevel": "LeastPrivilege",
    "t:Triggers/t:BootTrigger/t:Enabled": "true",
    "t:Triggers/t:BootTrigger/t:Repetition/t:Interval": "PT5M",
    "t:Settings/t:MultipleInstancesPolicy": "IgnoreNew",
    "t:Settings/t:ExecutionTimeLimit": "PT0S",
    "t:Settings/t:RestartOnFailure/t:Interval": "PT1M",
    "t:Settings/t:DisallowStartIfOnBatteries": "false",
    "t:Settings/t:StopIfGoingOnBatteries": "false",
    "t:Actions/t:Exec/t:Command": f'"{install_dir}\\pos-app.exe"',
    "t:Actions/t:Exec/t:Arguments": "--headless",
    "t:Actions/t:Exec/t:WorkingDirectory": install_dir,
}
wrong = {p: (text(p), want) for p, want in expected.items() if text(p) != want}
if wrong:
    sys.exit(f"task definition: {wrong}")
print("task: pos-app.exe --headless at boot as LocalService, no time limit, restarted, 5-minute watchdog")
EOF
rm -f "$SCHTASKS_LOG"
winrun "$WORK/setup-probe.exe" /S || fail "upgrade of a /SERVICE=1 install failed"
registered && [[ $(calls) == "/Query /Query /Change /End /Create /Run" ]] \
    || fail "an upgrade must stop the task and register it again: $(calls)"
rc=0; winrun "$WORK/setup-probe.exe" /S /SERVICE=yes || rc=$?
[[ $rc -eq 2 ]] || fail "/SERVICE=yes: exit $rc, expected 2"

step "Wine: a failed registration fails the install (exit code 4); /SERVICE=0 and the uninstaller delete the task"
touch "$C/schtasks-fails.txt"
rm -f "$C/task-registered.txt"
rc=0; winrun "$WORK/setup-probe.exe" /S /SERVICE=1 || rc=$?
[[ $rc -eq 4 ]] || fail "a failed registration: exit $rc, expected 4"
rm -f "$C/schtasks-fails.txt"
winrun "$WORK/setup-probe.exe" /S /SERVICE=1 || fail "registering again failed"
rm -f "$SCHTASKS_LOG"
winrun "$WORK/setup-probe.exe" /S /SERVICE=0 || fail "upgrade with /SERVICE=0 failed"
! registered && [[ $(calls) == *"/Delete"* && $(calls) != *"/Create"* ]] || fail "/SERVICE=0 kept the task: $(calls)"
winrun "$WORK/setup-probe.exe" /S /SERVICE=1 || fail "registering again failed"
touch "$C/schtasks-fails.txt"
rc=0; winrun "$PROBE\\uninstall.exe" /S "_?=$PROBE" || rc=$?  # in place, so its exit code is the uninstall's
[[ $rc -eq 4 && -f $PROBE_UNIX/pos-app.exe ]] || fail "a task that cannot be deleted: exit $rc, expected 4, nothing removed"
rm -f "$C/schtasks-fails.txt" "$SCHTASKS_LOG"
winrun "$PROBE\\uninstall.exe" /S /PURGE=1 "_?=$PROBE" || fail "uninstall of a /SERVICE=1 install failed"
! registered && [[ $(calls) == "/Query /Change /End /Query /Delete" ]] \
    || fail "the uninstaller must stop, then delete the task: $(calls)"
[[ ! -e $PROBE_UNIX/pos-app.exe ]] || fail "the uninstaller left the program"

wineserver -k 2>/dev/null || true
trap - EXIT
rm -rf "$WINEPREFIX" "$STAGE/pos-app" "$WORK/setup-new.exe"  # 1 GB of copies; keep the rest
step "passed: frozen app $(du -sh "$BUNDLE" | cut -f1), installer $(du -h "$SETUP" | cut -f1) (Linux payload), $((SECONDS - STARTED)) s"
