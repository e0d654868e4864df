<#
.SYNOPSIS
  Builds the Windows installer: locked dependencies, PyInstaller bundle, its self-test, NSIS installer, and
  (unless -SkipInstallTest) a silent install / self-test / uninstall round trip on this machine.

.DESCRIPTION
  Run from anywhere on Windows with Python 3.11 (x64) and NSIS 3 (makensis on PATH or in Program Files):
    powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
  Output: installer\dist\pos-app\ (the bundle) and installer\dist\pos-app-<version>-setup.exe.

  Code signing happens only when SIGNING_PFX_BASE64 and SIGNING_PFX_PASSWORD are set (the workflow maps them
  from repository secrets); SIGNING_TIMESTAMP_URL overrides the RFC 3161 timestamp server. Without them the
  build is unsigned and says so.

  The install test changes this machine (Program Files entry, HKLM keys, the current user's data folder and
  credentials): it is meant for CI runners and throwaway VMs. Use -SkipInstallTest elsewhere.
#>
param(
    [string]$Python = "python",           # the interpreter that creates the build venv (3.11 x64)
    [string]$TestDir = "C:\pos-app-test",  # where the install test installs
    [switch]$SkipInstallTest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$Venv = Join-Path $Root "installer\build\win-venv"
$Dist = Join-Path $Root "installer\dist"
$Bundle = Join-Path $Dist "pos-app"
$UninstKey = "HKLM:\Software\Microsoft\Windows\CurrentVersion\Uninstall\pos-app"
$RunKey = "HKLM:\Software\Microsoft\Windows\CurrentVersion\Run"
$DataDir = Join-Path $env:ProgramData "pos-app"       # the per-machine install's (platformdirs.site_data_dir)
$KeysFile = Join-Path $DataDir "keys\pos-app.keys"    # its keys: DPAPI machine scope (config/machine_vault.py)
$TaskName = "pos-app-headless"                        # the engine at boot (/SERVICE=1)
$UserDataDir = Join-Path $env:LOCALAPPDATA "pos-app"  # a development run's, and the one moved in on first start

function Step([string]$Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

# PowerShell does not stop on a failing native command: every exe call goes through this.
function Exec([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Assert([bool]$Condition, [string]$Message) { if (-not $Condition) { throw "check failed: $Message" } }

function Size-MB([string]$Path) {
    $bytes = (Get-ChildItem $Path -Recurse -File | Measure-Object Length -Sum).Sum
    "{0:N1} MB" -f ($bytes / 1MB)
}

# ------------------------------------------------------------------------------------------------------------
Step "Python environment from the lock (installer\requirements-windows.txt)"
if (Test-Path $Venv) { Remove-Item $Venv -Recurse -Force }
Exec $Python @("-m", "venv", $Venv)
$Py = Join-Path $Venv "Scripts\python.exe"
Exec $Py @("-c", "import struct, sys; assert sys.version_info[:2] == (3, 11) and struct.calcsize('P') == 8, sys.version")
# Hashes pin every artifact; the package itself then goes in without resolving anything (--no-deps) and is
# built with the locked setuptools (--no-build-isolation), so nothing unlocked enters the bundle.
Exec $Py @("-m", "pip", "install", "--disable-pip-version-check", "--require-hashes", "-r", "installer\requirements-windows.txt")
Exec $Py @("-m", "pip", "install", "--disable-pip-version-check", "--no-deps", "--no-build-isolation", ".")
Exec $Py @("-m", "pip", "check")
# The names the checks below look for, from the package itself rather than copied here (one place: db.py).
$Database = Join-Path $DataDir (& $Py -c "from pos_app.store.db import DB_FILENAME; print(DB_FILENAME)")
Assert ($LASTEXITCODE -eq 0 -and $Database.EndsWith(".sqlite3")) "cannot read DB_FILENAME from pos_app.store.db"
$PinHash = & $Py -c "from pos_app.config.pin import PIN_HASH; print(PIN_HASH)"  # the purge must delete it too
Assert ($LASTEXITCODE -eq 0 -and $PinHash) "cannot read PIN_HASH from pos_app.config.pin"

Step "PyInstaller bundle (installer\pos_app.spec)"
Exec $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", $Dist,
           "--workpath", (Join-Path $Root "installer\build\pyinstaller"), "installer\pos_app.spec")
$Version = (Select-String -Path (Join-Path $Dist "pos-app-version.nsh") -Pattern '^!define APP_VERSION "(.*)"$').Matches[0].Groups[1].Value
Assert ($Version -ne "") "no version in pos-app-version.nsh"
$exeVersion = (Get-Item (Join-Path $Bundle "pos-app.exe")).VersionInfo.ProductVersion
Assert ($exeVersion -eq $Version) "pos-app.exe carries version '$exeVersion', expected '$Version'"

Step "Frozen self-test (offscreen)"
$env:QT_QPA_PLATFORM = "offscreen"
Exec (Join-Path $Bundle "pos-app.exe") @("--self-test", "--data-dir", (Join-Path $Root "installer\build\selftest-data"))
Remove-Item Env:\QT_QPA_PLATFORM

# ------------------------------------------------------------------------------------------------------------
$signCmd = $null
$signThumb = $null
if ($env:SIGNING_PFX_BASE64 -and $env:SIGNING_PFX_PASSWORD) {
    Step "Code signing: on"
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1
    Assert ($null -ne $signtool) "signtool.exe not found (Windows SDK)"
    $timestamp = if ($env:SIGNING_TIMESTAMP_URL) { $env:SIGNING_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    # The certificate goes into this user's store and signtool picks it by thumbprint, so the PFX password
    # never appears on a command line (signtool's, or makensis's log of its !finalize command).
    $pfx = Join-Path ([IO.Path]::GetTempPath()) "pos-app-signing-$PID.pfx"
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:SIGNING_PFX_BASE64))
    try {
        $password = ConvertTo-SecureString $env:SIGNING_PFX_PASSWORD -AsPlainText -Force
        $signThumb = (Import-PfxCertificate -FilePath $pfx -CertStoreLocation Cert:\CurrentUser\My -Password $password).Thumbprint
    } finally {
        Remove-Item $pfx -Force
    }
    $signArgs = @("sign", "/fd", "sha256", "/td", "sha256", "/tr", $timestamp, "/sha1", $signThumb)
    foreach ($exe in @("pos-app.exe", "pos-app-gui.exe")) {
        Exec $signtool.FullName ($signArgs + @((Join-Path $Bundle $exe)))
    }
    # makensis signs the uninstaller before packing it, and the installer at the end (!uninstfinalize/!finalize).
    # signtool goes on PATH so the command has no quoted path with spaces to survive two command-line parsers.
    $env:PATH = "$($signtool.DirectoryName);$env:PATH"
    $signCmd = "signtool.exe $($signArgs -join ' ')"
} else {
    Step "Code signing: skipped (SIGNING_PFX_BASE64 / SIGNING_PFX_PASSWORD not set)"
}

Step "NSIS installer (installer\pos_app.nsi)"
$makensis = Get-Command makensis -ErrorAction SilentlyContinue
if ($makensis) { $makensis = $makensis.Source } else {
    $makensis = @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
}
Assert ($null -ne $makensis) "makensis not found: install NSIS 3 (choco install nsis)"
$nsisArgs = @("/WX", "/DDIST_DIR=$Bundle")
if ($signCmd) { $nsisArgs += "/DSIGN_CMD=$signCmd" }
try {
    Exec $makensis ($nsisArgs + @("installer\pos_app.nsi"))
} finally {
    if ($signThumb) { Remove-Item "Cert:\CurrentUser\My\$signThumb" -Force }
}
$Setup = Join-Path $Dist "pos-app-$Version-setup.exe"
Assert (Test-Path $Setup) "makensis wrote no $Setup"
if ($signThumb) {
    $signature = Get-AuthenticodeSignature $Setup
    Assert ($signature.Status -eq "Valid") "installer signature: $($signature.Status)"
}
$sizes = "bundle $(Size-MB $Bundle) in $((Get-ChildItem $Bundle -Recurse -File).Count) files; installer $(Size-MB $Setup)"
Write-Host "pos_app $Version`: $sizes"
if ($env:GITHUB_STEP_SUMMARY) { "pos_app $Version`: $sizes" | Out-File $env:GITHUB_STEP_SUMMARY -Append -Encoding utf8 }

if ($SkipInstallTest) { Write-Host "`nInstall test skipped (-SkipInstallTest)."; exit 0 }

# ------------------------------------------------------------------------------------------------------------
function Install([string[]]$Switches, [string]$Installer = $Setup) {
    # /D= must be the last switch and unquoted, even with spaces.
    $p = Start-Process -FilePath $Installer -ArgumentList ($Switches + "/D=$TestDir") -Wait -PassThru
    Assert ($p.ExitCode -eq 0) "installer $($Switches -join ' ') exited with $($p.ExitCode)"
}

function Uninstall([string[]]$ExtraSwitches) {
    # The QuietUninstallString as Add/Remove Programs holds it. The NSIS uninstaller copies itself to %TEMP% and
    # returns at once, so wait until the copy has removed the key and the program files.
    $quiet = (Get-ItemProperty $UninstKey).QuietUninstallString
    Assert ($quiet -match '^"([^"]+)" (.*)$') "QuietUninstallString '$quiet'"
    $p = Start-Process -FilePath $Matches[1] -ArgumentList (@($Matches[2]) + $ExtraSwitches) -Wait -PassThru
    Assert ($p.ExitCode -eq 0) "uninstaller exited with $($p.ExitCode)"
    $deadline = (Get-Date).AddSeconds(180)
    while ((Test-Path $UninstKey) -or (Test-Path "$TestDir\pos-app.exe")) {
        Assert ((Get-Date) -lt $deadline) "the uninstaller did not finish within 3 minutes"
        Start-Sleep -Seconds 1
    }
}

# Whether this user's Credential Manager holds any pos-app entry (keyring's WinVault targets contain "pos-app").
function Credentials { [bool]((& cmdkey /list) -match 'pos-app') }

function BootTask { Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue }

# The self-test's credential store line must say the machine's DPAPI store round-tripped: the check is only a
# warning in the self-test (headless terminals may use environment keys), so its exit code alone would not tell.
function SelfTest([string[]]$Arguments) {
    $out = & "$TestDir\pos-app.exe" @("--self-test") @Arguments
    $out | Write-Host
    Assert ($LASTEXITCODE -eq 0) "self-test exited with $LASTEXITCODE"
    Assert ([bool]($out -match '^\s*ok\s+credential store: pos_app\.config\.machine_vault\.MachineVault: stored, read and deleted')) `
        "the self-test did not round-trip the machine's DPAPI key store"
}

Step "Silent install: /S /AUTOSTART=0 /D=$TestDir"
if (Test-Path $UninstKey) { throw "pos-app is already installed on this machine: the install test needs a clean one" }
# This user's data from before the machine-wide directory: the first start must move it in.
New-Item -ItemType Directory -Force (Join-Path $UserDataDir "logs") | Out-Null
Set-Content (Join-Path $UserDataDir "logs\ci-old-user.log") "queued before the upgrade"
Install @("/S", "/AUTOSTART=0")
$reg = Get-ItemProperty $UninstKey
Assert ($reg.DisplayVersion -eq $Version) "DisplayVersion '$($reg.DisplayVersion)'"
Assert ($reg.InstallLocation -eq $TestDir) "InstallLocation '$($reg.InstallLocation)'"
Assert ($reg.QuietUninstallString -eq "`"$TestDir\uninstall.exe`" /S") "QuietUninstallString '$($reg.QuietUninstallString)'"
Assert ($reg.NoModify -eq 1 -and $reg.NoRepair -eq 1 -and $reg.EstimatedSize -gt 10000) "NoModify/NoRepair/EstimatedSize"
Assert (-not (Get-ItemProperty $RunKey -Name "pos-app" -ErrorAction SilentlyContinue)) "/AUTOSTART=0 wrote the Run value"
Assert (Test-Path "$env:ProgramData\Microsoft\Windows\Start Menu\Programs\pos_app.lnk") "Start menu shortcut"
Assert (Test-Path "$TestDir\pos-app-machine-install") "no per-machine marker next to the exe"
# Only the terminal's users, administrators and SYSTEM, nothing inherited from ProgramData (CREATOR OWNER...).
$acl = Get-Acl $DataDir
$who = ($acl.Access | ForEach-Object { $_.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value } | Sort-Object -Unique) -join ","
Assert ($acl.AreAccessRulesProtected) "$DataDir still inherits ProgramData's permissions"
Assert ($who -eq "S-1-5-18,S-1-5-32-544,S-1-5-32-545") "$DataDir is open to: $who"

Step "Installed app: self-test, configuration, keys"
Assert (Test-Path (Split-Path $KeysFile)) "the installer did not create $(Split-Path $KeysFile)"
# The keys folder: read for the terminal's users and LocalService, change for administrators and SYSTEM only.
$keysAcl = Get-Acl (Split-Path $KeysFile)
Assert ($keysAcl.AreAccessRulesProtected) "the keys folder inherits the data directory's permissions"
$keysRights = @{}
foreach ($rule in $keysAcl.Access) {
    $keysRights[$rule.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value] = "$($rule.FileSystemRights)"
}
$keysRules = ($keysRights.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join "; "
Assert (($keysRights.Keys | Sort-Object) -join "," -eq "S-1-5-18,S-1-5-19,S-1-5-32-544,S-1-5-32-545") "keys folder: $keysRules"
Assert ($keysRights["S-1-5-18"] -eq "FullControl" -and $keysRights["S-1-5-32-544"] -eq "FullControl") "keys folder: $keysRules"
foreach ($reader in @("S-1-5-19", "S-1-5-32-545")) {
    Assert ($keysRights[$reader] -match "ReadAndExecute" -and $keysRights[$reader] -notmatch "Write|Modify|FullControl|Delete") `
        "keys folder: $reader may change the keys ($keysRules)"
}
$env:QT_QPA_PLATFORM = "offscreen"
SelfTest @()  # the real DPAPI (machine scope) round trip, elevated as IT runs it
# And on a data directory whose path has spaces, Arabic and accents (a cashier's profile folder may).
$odd = Join-Path ([IO.Path]::GetTempPath()) ("pos app " + (-join [char[]](0x0628, 0x064A, 0x0627, 0x0646, 0x0627, 0x062A)) + " caf" + [char]0x00E9)
SelfTest @("--data-dir", $odd)
Assert (Test-Path (Join-Path $odd (Split-Path $Database -Leaf))) "the self-test wrote no database under $odd"
Remove-Item Env:\QT_QPA_PLATFORM
Exec "$TestDir\pos-app.exe" @("config", "set", "merchant_id=CI-STORE", "--reason", "CI install check")  # the first start: moves, then the database
Assert (Test-Path (Join-Path $DataDir "logs\ci-old-user.log")) "the per-user data was not moved into $DataDir"
Assert (-not (Test-Path $UserDataDir)) "the per-user data directory is still there after the move"
"ci-api-key`nci-secret-key" | & "$TestDir\pos-app.exe" config set-keys --reason "CI install check"
Assert ($LASTEXITCODE -eq 0) "config set-keys failed"
Assert (Test-Path $Database) "no database at $Database"
# The per-machine install keeps the keys for the machine, encrypted, not in this user's Credential Manager.
Assert (Test-Path $KeysFile) "set-keys (elevated) wrote no $KeysFile"
$blob = [IO.File]::ReadAllText($KeysFile, [Text.Encoding]::Latin1)
Assert (-not ($blob.Contains("ci-api-key") -or $blob.Contains("ci-secret-key"))) "$KeysFile holds a key in the clear"
Assert (-not (Credentials)) "set-keys of a per-machine install wrote to this user's Credential Manager"
$BridgeToken = & "$TestDir\pos-app.exe" config bridge-token  # made now, in the machine's store, for the engine
Assert ($LASTEXITCODE -eq 0 -and $BridgeToken) "config bridge-token failed"
Set-Content (Join-Path $DataDir "ci-marker.txt") "an order still in the queue"

Step "Upgrade in place (same version again, autostart on, while the till runs)"
# The till in demo mode, offscreen (the runner's desktop is not guaranteed): its exe is locked while it runs,
# so the upgrade only succeeds if the installer closes it first.
$env:QT_QPA_PLATFORM = "offscreen"
$till = Start-Process -FilePath "$TestDir\pos-app-gui.exe" -ArgumentList "--demo" -PassThru
Remove-Item Env:\QT_QPA_PLATFORM
Start-Sleep -Seconds 8
# ExitCode only exists once the process has ended (reading it earlier throws under ErrorActionPreference=Stop),
# so it is read only on that path, not in a message built before the check.
if ($till.HasExited) { throw "check failed: the till did not keep running (exit code $($till.ExitCode)); see $DataDir\demo\logs" }
$p = Start-Process -FilePath $Setup -ArgumentList @("/S", "/AUTOSTART=1") -Wait -PassThru  # no /D: the previous dir
Assert ($p.ExitCode -eq 0) "upgrade exited with $($p.ExitCode)"
Assert ($till.HasExited) "the upgrade did not close the running app"
# 0: the till closed on the installer's polite request (its shutdown ran); 1 would be taskkill /F after 5 s.
Assert ($till.ExitCode -eq 0) "the upgrade ended the till by force (exit code $($till.ExitCode)), not politely"
Assert ((Get-ItemProperty $UninstKey).InstallLocation -eq $TestDir) "the upgrade moved the install"
Assert ((Get-ItemProperty $RunKey -Name "pos-app")."pos-app" -eq "`"$TestDir\pos-app-gui.exe`"") "Run value"

Step "Engine at boot: /SERVICE=1 registers a task at startup as LocalService, restarted, and starts it"
Assert ($null -eq (BootTask)) "a task $TaskName exists without /SERVICE=1"
Install @("/S", "/SERVICE=1")
$task = BootTask
Assert ($null -ne $task) "/SERVICE=1 registered no task $TaskName"
$user = $task.Principal.UserId
$sid = if ($user -match '^S-1-') { $user } else { ([Security.Principal.NTAccount]$user).Translate([Security.Principal.SecurityIdentifier]).Value }
Assert ($sid -eq "S-1-5-19") "the task runs as '$user', not LocalService"
Assert ($task.Principal.RunLevel -eq "Limited") "the task runs elevated ($($task.Principal.RunLevel))"
Assert ([bool]($task.Triggers | Where-Object { $_.CimClass.CimClassName -eq "MSFT_TaskBootTrigger" -and $_.Enabled })) `
    "the task does not start at boot"
Assert ($task.Settings.ExecutionTimeLimit -eq "PT0S") "the task is ended after $($task.Settings.ExecutionTimeLimit)"
Assert ($task.Settings.RestartCount -ge 1 -and $task.Settings.MultipleInstances -eq "IgnoreNew") "restart settings"
Assert ($task.Actions[0].Execute.Trim('"') -eq "$TestDir\pos-app.exe" -and $task.Actions[0].Arguments -eq "--headless") `
    "the task runs '$($task.Actions[0].Execute) $($task.Actions[0].Arguments)'"
# Started by the installer, not only at the next boot: the engine runs as LocalService, reads the machine's keys
# (DPAPI under another account than the one that stored them) and answers the bridge with the token made above.
$deadline = (Get-Date).AddSeconds(60)
$status = $null
while (-not $status) {
    try {
        $status = Invoke-RestMethod "http://127.0.0.1:8741/v1/status" -Headers @{ Authorization = "Bearer $BridgeToken" } -TimeoutSec 5
    } catch {
        Assert ((Get-Date) -lt $deadline) "the engine of the task answers no /v1/status within 60 s: $_ (task state $((BootTask).State))"
        Start-Sleep -Seconds 2
    }
}
Write-Host "engine at boot: $($status | ConvertTo-Json -Compress)"
$engine = Get-CimInstance Win32_Process -Filter "Name = 'pos-app.exe'" | Select-Object -First 1
Assert ($null -ne $engine) "no pos-app.exe runs"
$owner = Invoke-CimMethod -InputObject $engine -MethodName GetOwner
Assert ("$($owner.Domain)\$($owner.User)" -eq "NT AUTHORITY\LOCAL SERVICE") "the engine runs as $($owner.Domain)\$($owner.User)"
# An upgrade keeps it (registered again over the stopped engine), /SERVICE=0 removes it.
Install @("/S")
Assert ($null -ne (BootTask) -and (BootTask).State -ne "Disabled") "an upgrade dropped or left disabled the task"
Install @("/S", "/SERVICE=0")
Assert ($null -eq (BootTask)) "/SERVICE=0 kept the task"
Install @("/S", "/SERVICE=1")

Step "Silent uninstall keeps the data directory and the keys, removes the task"
Uninstall @()
Assert ($null -eq (BootTask)) "the uninstall left the task $TaskName"
Assert (-not (Get-Process -Name "pos-app" -ErrorAction SilentlyContinue)) "the uninstall left the engine running"
Assert (Test-Path (Join-Path $DataDir "ci-marker.txt")) "the uninstall deleted the data directory"
Assert (Test-Path $KeysFile) "the uninstall deleted the machine's keys"
Assert (-not (Test-Path $TestDir)) "the uninstall left $TestDir"
Assert (-not (Get-ItemProperty $RunKey -Name "pos-app" -ErrorAction SilentlyContinue)) "the uninstall left the Run value"

Step "A downgrade is refused: exit code 3, the newer version stays"
# The same script and payload as a newer version (only the version defines differ), kept out of installer\dist
# so it is never uploaded.
$quad = (Select-String -Path (Join-Path $Dist "pos-app-version.nsh") -Pattern '^!define APP_VERSION_QUAD "(.*)"$').Matches[0].Groups[1].Value
$parts = $quad.Split("."); $parts[3] = [string]([int]$parts[3] + 1)
$newerNsh = Join-Path $Root "installer\build\newer-version.nsh"
$newer = Join-Path $Root "installer\build\pos-app-newer-setup.exe"
Set-Content $newerNsh "!define APP_VERSION `"$Version+newer`"`n!define APP_VERSION_QUAD `"$($parts -join '.')`"" -Encoding ascii
Exec $makensis @("/WX", "/DDIST_DIR=$Bundle", "/DVERSION_NSH=$newerNsh", "/DOUT_FILE=$newer", "installer\pos_app.nsi")
Install @("/S", "/AUTOSTART=0") $newer
$p = Start-Process -FilePath $Setup -ArgumentList @("/S", "/D=$TestDir") -Wait -PassThru
Assert ($p.ExitCode -eq 3) "installing $Version over $Version+newer exited with $($p.ExitCode), expected 3"
Assert ((Get-ItemProperty $UninstKey).DisplayVersion -eq "$Version+newer") "the refused downgrade changed the install"
Uninstall @()

Step "Uninstall /PURGE=1 deletes the machine's data and keys, and this user's keys and manager PIN"
Install @("/S", "/AUTOSTART=0")
# A PIN, set the way a version before the machine's key store set it (keyring's WinVault, through the app's own
# code run outside the install, so per user): the entry an earlier uninstaller left behind (manager-pin-hash@pos-app).
Exec $Py @("-c", "from pos_app.config import pin, secrets; secrets.choose_backend(); secrets.put_secret(pin.PIN_HASH, pin.hash_pin('2468'))")
Assert ([bool]((& cmdkey /list) -match $PinHash)) "setting the PIN stored no $PinHash credential"
Uninstall @("/PURGE=1")
Assert (-not (Test-Path $DataDir)) "/PURGE=1 kept $DataDir (and the machine's keys in it)"
Assert (-not (Test-Path $UserDataDir)) "/PURGE=1 kept $UserDataDir"
Assert (-not (Credentials)) "/PURGE=1 kept credentials: $((& cmdkey /list) -match 'pos-app')"

Write-Host "`nInstaller checks passed: $Setup ($sizes)" -ForegroundColor Green
