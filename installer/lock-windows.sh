#!/usr/bin/env bash
# Re-resolve installer/requirements-windows.txt: pyproject.toml's runtime dependencies plus the build tools
# (requirements-windows.in), for win_amd64 / CPython 3.11, with hashes, as the Windows workflow installs them.
# uv resolves for the target platform's markers; `pip download --platform win_amd64` would evaluate markers
# for this host and miss Windows-only packages such as pywin32-ctypes (keyring's Windows backend).
#   installer/lock-windows.sh             keep current pins where still valid (after adding a dependency)
#   installer/lock-windows.sh --upgrade   move everything to the newest allowed versions
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-uv}
command -v "$UV" >/dev/null || { echo "uv not found: pip install uv (or set UV=/path/to/uv)" >&2; exit 1; }
"$UV" pip compile pyproject.toml installer/requirements-windows.in \
    --python-platform x86_64-pc-windows-msvc --python-version 3.11 \
    --generate-hashes --custom-compile-command "installer/lock-windows.sh" \
    --output-file installer/requirements-windows.txt "$@"
# keyring stores the Gameball keys in Windows Credential Manager through pywin32-ctypes: a lock without it
# builds an app that cannot keep keys.
grep -q '^pywin32-ctypes==' installer/requirements-windows.txt || { echo "pywin32-ctypes missing from the lock" >&2; exit 1; }
