; pos_app installer (NSIS 3, Modern UI 2): per-machine install of the PyInstaller bundle.
;
;   makensis -WX -DDIST_DIR=installer\dist\pos-app installer\pos_app.nsi
;
; Defines (all optional):
;   DIST_DIR     the one-folder bundle to install (default: dist\pos-app beside this script)
;   VERSION_NSH  the version defines written by pos_app.spec (default: <DIST_DIR>\..\pos-app-version.nsh)
;   OUT_FILE     the installer to write (default: <DIST_DIR>\..\pos-app-<version>-setup.exe)
;   RUNNING_PROBE  the command whose exit code 0 means the till still runs (default: tasklist piped to find).
;                Only the Linux check sets it, for its logic-only build: Wine's tasklist lists no processes.
;   SIGN_CMD     a command that signs the file given as its last argument (the uninstaller, then the installer)
;   SCHTASKS     the Task Scheduler command (default: Sysnative\schtasks.exe). Only the Linux check sets it, to a
;                recorder: Wine's schtasks cannot register a task, so the check proves which calls are made.
;
; Command line of the installer:
;   /S             silent        /D=<dir>       install directory (must be last; default Program Files\pos-app,
;                                               or the previous install's directory when upgrading)
;   /AUTOSTART=1|0 start the till at logon for every user (HKLM Run key). Without it: a fresh silent install
;                  does not autostart, an interactive one offers it ticked, an upgrade keeps the previous choice.
;   /SERVICE=1|0   run the headless engine and bridge at boot, before anyone logs on, as LocalService (a scheduled
;                  task, TASK_NAME). Without it: a fresh install does not (silent or not: the box is unticked),
;                  an upgrade keeps the previous choice.
; Exit codes: 0 installed; 2 refused: a bad switch or 32-bit Windows; 3 refused: a newer version is installed
; (its database may be too new for this one; uninstall it first, which keeps the data); 4 failed: the boot-time
; task could not be registered or started (the program files are installed; the log says what schtasks answered).
; Command line of the uninstaller (uninstall.exe in the install directory):
;   /S             silent        /PURGE=1       also delete the data directories (the queue, database, logs and
;                                               the machine's keys) and the stored keys and PIN of the user running it
; The uninstaller stops and deletes the boot-time task first; exit code 4 if it cannot (nothing is removed then).
;
; The data directory is machine-wide (%ProgramData%\pos-app; each user's %LOCALAPPDATA%\pos-app from before is
; moved in by the app's first start) and is never touched unless /PURGE=1 (or the unticked-by-default
; uninstaller option) asks for it: it holds orders not yet delivered. The keys are the machine's too, in its keys\
; folder (pos_app/config/machine_vault.py: DPAPI machine scope; users and LocalService read, administrators
; write). Credentials earlier versions kept per Windows user: the uninstaller can only purge those of the user it
; runs as (the admin who elevated it), and other users' old per-user directories stay. README.md "Install on
; store terminals" says so too.

Unicode true
Target x86-unicode  ; what the official Windows NSIS builds, and what the Linux check runs under 32-bit Wine
SetCompressor /SOLID lzma

!ifndef DIST_DIR
  !define DIST_DIR "dist\pos-app"
!endif
!ifndef VERSION_NSH
  !define VERSION_NSH "${DIST_DIR}\..\pos-app-version.nsh"
!endif
!include "${VERSION_NSH}"  ; APP_VERSION, APP_VERSION_QUAD: from pyproject.toml through the spec
!ifndef OUT_FILE
  !define OUT_FILE "${DIST_DIR}\..\pos-app-${APP_VERSION}-setup.exe"
!endif
!ifdef SIGN_CMD
  ; Code signing (build-windows.ps1 passes the command when the signing secrets exist; %1 is the file). The
  ; uninstaller is written inside the installer, so it can only be signed here, before it is packed.
  !uninstfinalize `${SIGN_CMD} "%1"` = 0
  !finalize `${SIGN_CMD} "%1"` = 0
!endif

!define APP_NAME "pos_app"
!define APP_ID "pos-app"                 ; registry key names, Run value name, default directory
!define PUBLISHER "pos_app"
!define CLI_EXE "pos-app.exe"            ; console: self-test, config, outbox (IT)
!define GUI_EXE "pos-app-gui.exe"        ; windowed: Start menu and logon (cashiers)
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define SHORTCUT "$SMPROGRAMS\${APP_NAME}.lnk"
!define DATA_DIR "$LOCALAPPDATA\${APP_ID}"  ; valid only after SetShellVarContext current
!define MACHINE_DATA_DIR "$APPDATA\${APP_ID}"  ; %ProgramData%\pos-app: valid only after SetShellVarContext all
!define MACHINE_MARKER "pos-app-machine-install"  ; pos_app/config/paths.py: its presence selects MACHINE_DATA_DIR
!define KEYS_DIR "${MACHINE_DATA_DIR}\keys"  ; pos_app/config/machine_vault.py KEYS_FOLDER
!define TASK_NAME "${APP_ID}-headless"   ; the boot-time engine's scheduled task
; scripts/make_icon.py draws the icon. makensis works in this script's folder; "/" suits both of its ports.
!define ICON "../resources/icons/pos-app.ico"
; The installer is 32-bit and the app 64-bit: process tools run from Sysnative (64-bit System32, which .onInit
; guarantees exists), so they see and end 64-bit processes whatever the tools' own bitness rules (Wine's 32-bit
; taskkill finds no 64-bit process at all).
!define SYSTOOLS "$WINDIR\Sysnative"
!ifndef SCHTASKS
  !define SCHTASKS `"${SYSTOOLS}\schtasks.exe"`
!endif
!ifndef RUNNING_PROBE
  !define RUNNING_PROBE `"${SYSTOOLS}\cmd.exe" /C tasklist /NH /FI "IMAGENAME eq ${GUI_EXE}" | find "${GUI_EXE}"`
!endif

!include MUI2.nsh
!include FileFunc.nsh
!include WordFunc.nsh
!include LogicLib.nsh
!include Sections.nsh
!include x64.nsh

Name "${APP_NAME} ${APP_VERSION}"
OutFile "${OUT_FILE}"
RequestExecutionLevel admin
InstallDir "$PROGRAMFILES64\${APP_ID}"
ShowInstDetails show
ShowUninstDetails show
; A file that cannot be replaced (still locked by a process we could not end) fails the install, with a
; non-zero exit code in silent mode, instead of being skipped and leaving an old exe beside new libraries.
AllowSkipFiles off
ManifestDPIAware true
BrandingText "${APP_NAME} ${APP_VERSION}"

VIProductVersion "${APP_VERSION_QUAD}"
VIFileVersion "${APP_VERSION_QUAD}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${APP_VERSION}"
VIAddVersionKey "FileVersion" "${APP_VERSION}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${APP_NAME} ${APP_VERSION} setup"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

Var PrevDir        ; install directory of the version already installed ("" if none)
Var PrevAutostart  ; "1" if the installed version starts at logon

!define MUI_ABORTWARNING
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_NOAUTOCLOSE
; No "run now" box on the finish page: the installer is elevated, and the till must run as the cashier.
!define MUI_FINISHPAGE_TEXT "${APP_NAME} ${APP_VERSION} is installed. Start it from the Start menu.$\r$\n$\r$\nIT: \
  $\"$INSTDIR\${CLI_EXE}$\" --self-test checks the terminal."
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "The program files are removed. Orders not yet delivered, the database and \
  the logs stay in this user's data folder unless you tick the option on the next page."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; ---------------------------------------------------------------------------------------------------------------
; Close every running copy before files are replaced or removed: a running exe and its DLLs are locked on
; Windows. The till gets a polite close (WM_CLOSE) first so it can finish its current write; the console exe
; (headless engine, a config command) has no window to close, so what is still running after the wait is ended
; by force. SQLite (WAL, synchronous=FULL) keeps every acknowledged order through that.
!macro CLOSE_RUNNING_APP un
Function ${un}CloseRunningApp
  Push $0
  Push $1
  Push $2
  nsExec::ExecToLog '"${SYSTOOLS}\taskkill.exe" /IM "${GUI_EXE}"'
  Pop $0
  StrCpy $1 0
  ${Do}
    ; The probe (find) exits 0 while a matching process is still listed. ExecToStack leaves the exit code on top
    ; of the stack and the output under it: the code goes to $0 and is compared as a number (<>), the output to
    ; $2 and is not used. (Plain switches only: Wine's tasklist, find and taskkill reject /I and /T.) "error" (cmd
    ; could not start) counts as 0: the till then gets the whole 5 s before the force.
    nsExec::ExecToStack '${RUNNING_PROBE}'
    Pop $0
    Pop $2
    ${If} $0 <> 0
    ${OrIf} $1 >= 10
      ${Break}
    ${EndIf}
    Sleep 500
    IntOp $1 $1 + 1
  ${Loop}
  DetailPrint "Waited $1 x 0.5 s for ${GUI_EXE} to close"
  nsExec::ExecToLog '"${SYSTOOLS}\taskkill.exe" /F /IM "${GUI_EXE}"'
  Pop $0
  nsExec::ExecToLog '"${SYSTOOLS}\taskkill.exe" /F /IM "${CLI_EXE}"'
  Pop $0
  Sleep 500  ; let Windows release the file handles of the processes just ended
  Pop $2
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING_APP ""
!insertmacro CLOSE_RUNNING_APP "un."

; ---------------------------------------------------------------------------------------------------------------
; The boot-time engine (/SERVICE=1): a scheduled task that runs pos-app.exe --headless at startup, before anyone
; logs on, as LocalService (no password to keep, no person's profile, no network identity; it reads the machine's
; keys and writes the machine's data directory, which the users group it belongs to may). A task rather than a
; Windows service: a service must answer the service control manager, which pos-app.exe does not.
!macro BOOT_TASK un
; $0 = 1 if the task is registered, else 0: /Query succeeds and names it. Exit code 0 alone is not enough (Wine's
; schtasks answers 0 to every /Query); a schtasks that could not start counts as "no task".
Function ${un}BootTaskExists
  nsExec::ExecToStack '${SCHTASKS} /Query /TN "${TASK_NAME}"'
  Pop $0
  Pop $1
  ${If} $0 == 0
    ClearErrors
    ${WordFind} "$1" "${TASK_NAME}" "E#" $1
    ${IfNot} ${Errors}
      StrCpy $0 1
      Return
    ${EndIf}
  ${EndIf}
  StrCpy $0 0
FunctionEnd

; Before files are replaced or removed: disable the task (so neither its restart on failure nor its 5-minute
; watchdog starts the engine again from half-replaced files) and end the running engine.
Function ${un}StopBootTask
  Call ${un}BootTaskExists
  ${If} $0 == 1
    DetailPrint "Stopping the boot-time task ${TASK_NAME}"
    nsExec::ExecToLog '${SCHTASKS} /Change /TN "${TASK_NAME}" /DISABLE'
    Pop $0
    nsExec::ExecToLog '${SCHTASKS} /End /TN "${TASK_NAME}"'
    Pop $0
  ${EndIf}
FunctionEnd

; Delete the task if there is one; on failure, says why and quits with exit code 4 (a task left behind would
; start a removed or unwanted engine at every boot).
Function ${un}DeleteBootTask
  Call ${un}BootTaskExists
  ${If} $0 == 1
    DetailPrint "Deleting the boot-time task ${TASK_NAME}"
    nsExec::ExecToLog '${SCHTASKS} /Delete /TN "${TASK_NAME}" /F'
    Pop $0
    ${If} $0 != 0
      MessageBox MB_ICONSTOP "The scheduled task ${TASK_NAME} (the engine at boot) could not be deleted: schtasks \
        exit code $0. It is disabled; delete it with: schtasks /Delete /TN ${TASK_NAME} /F" /SD IDOK
      SetErrorLevel 4
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd
!macroend
!insertmacro BOOT_TASK ""
!insertmacro BOOT_TASK "un."

; Register (or replace, on upgrade) the task and start it now, so the queue drains without waiting for a reboot.
; Task Scheduler XML, because schtasks' switches cannot say what the engine needs: no run-time limit (by default a
; task is ended after 72 hours), restart on failure, started late if the boot start was missed, not stopped on
; battery, and a watchdog: the boot trigger repeats every 5 minutes, which starts the engine again if it has died
; and does nothing while it runs (IgnoreNew). Any failure quits with exit code 4, naming schtasks' exit code.
Function RegisterBootTask
  InitPluginsDir
  ${WordReplace} "$INSTDIR" "&" "&amp;" "+" $1  ; the only XML-special character a Windows path may hold
  StrCpy $2 "$PLUGINSDIR\boot-task.xml"
  FileOpen $3 $2 w
  FileWriteUTF16LE /BOM $3 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $3 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $3 '  <RegistrationInfo><Description>${APP_NAME}: sync engine and bridge, from boot, before \
    anyone logs on</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $3 '  <Triggers><BootTrigger><Enabled>true</Enabled><Repetition><Interval>PT5M</Interval>\
    <StopAtDurationEnd>false</StopAtDurationEnd></Repetition></BootTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $3 '  <Principals><Principal id="Author"><UserId>S-1-5-19</UserId>\
    <RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWriteUTF16LE $3 '  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries><StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\
    <StartWhenAvailable>true</StartWhenAvailable><AllowStartOnDemand>true</AllowStartOnDemand>\
    <Enabled>true</Enabled><ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\
    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure></Settings>$\r$\n'
  FileWriteUTF16LE $3 '  <Actions Context="Author"><Exec><Command>"$1\${CLI_EXE}"</Command>\
    <Arguments>--headless</Arguments><WorkingDirectory>$1</WorkingDirectory></Exec></Actions>$\r$\n'
  FileWriteUTF16LE $3 '</Task>$\r$\n'
  FileClose $3
  DetailPrint "Registering the boot-time task ${TASK_NAME}: $\"$INSTDIR\${CLI_EXE}$\" --headless as LocalService"
  nsExec::ExecToLog '${SCHTASKS} /Create /F /TN "${TASK_NAME}" /XML "$2"'
  Pop $0
  StrCpy $1 "registered"
  ${If} $0 == 0
    nsExec::ExecToLog '${SCHTASKS} /Run /TN "${TASK_NAME}"'
    Pop $0
    StrCpy $1 "started"
  ${EndIf}
  ${If} $0 != 0
    MessageBox MB_ICONSTOP "The engine at boot (scheduled task ${TASK_NAME}) could not be $1: schtasks exit code \
      $0. ${APP_NAME} itself is installed; run the installer again with /SERVICE=1, or with /SERVICE=0 to do \
      without it." /SD IDOK
    SetErrorLevel 4
    Abort
  ${EndIf}
FunctionEnd

; A 32-bit installer (the official NSIS target) must use the 64-bit registry view, or its keys land under
; WOW6432Node where 64-bit tools and our upgrade check would not look. .onInit has refused 32-bit Windows, and
; the uninstaller only exists where an install succeeded, so the 64-bit view is always there.
!macro USE_MACHINE_VIEWS
  SetShellVarContext all
  SetRegView 64
!macroend

; ---------------------------------------------------------------------------------------------------------------
Section "!${APP_NAME} (required)" SEC_APP
  SectionIn RO
  !insertmacro USE_MACHINE_VIEWS
  Call StopBootTask
  Call CloseRunningApp

  ; Upgrading into another directory (/D= or the directory page): remove the old copy with its own uninstaller,
  ; run in place (_?=) so ExecWait really waits. It keeps the data directory, as any uninstall without /PURGE.
  ${If} $PrevDir != ""
  ${AndIf} $PrevDir != $INSTDIR
  ${AndIf} ${FileExists} "$PrevDir\${UNINSTALLER}"
    DetailPrint "Removing the previous installation in $PrevDir"
    ExecWait '"$PrevDir\${UNINSTALLER}" /S _?=$PrevDir'
    Delete "$PrevDir\${UNINSTALLER}"
    RMDir "$PrevDir"
  ${EndIf}

  ; Upgrading in place: the old bundle's libraries go first, so no stale DLL or extension of an older version
  ; is left next to the new ones. Only our own subfolder, only where our exe proves it is our install.
  ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}

  SetOutPath "$INSTDIR"
  SetOverwrite on
  File /r "${DIST_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; One data directory for the terminal, whoever is logged in: the app finds this marker next to its exe and uses
  ; %ProgramData%\pos-app (moving the first user's per-user directory in on its first start). Only the terminal's
  ; users (Modify), administrators and SYSTEM (Full) may use it: inheritance from ProgramData (where every user
  ; may create files that others cannot change) is replaced. Existing contents keep working: /T re-applies.
  FileOpen $0 "$INSTDIR\${MACHINE_MARKER}" w
  FileWrite $0 "Per-machine install: data in ${MACHINE_DATA_DIR}$\r$\n"
  FileClose $0
  CreateDirectory "${MACHINE_DATA_DIR}"
  nsExec::ExecToLog 'icacls "${MACHINE_DATA_DIR}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F \
    *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)M /T /Q'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls could not set the permissions of ${MACHINE_DATA_DIR} (exit code $0)"
  ${EndIf}
  ; The machine's keys (pos_app/config/machine_vault.py): every account that runs the till or the engine reads them
  ; (users, LocalService), only administrators and SYSTEM change them. After the data directory, whose /T has just
  ; given this folder the users' Modify.
  CreateDirectory "${KEYS_DIR}"
  nsExec::ExecToLog 'icacls "${KEYS_DIR}" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F \
    *S-1-5-32-545:(OI)(CI)RX *S-1-5-19:(OI)(CI)RX /T /Q'
  Pop $0
  ${If} $0 != 0
    DetailPrint "icacls could not set the permissions of ${KEYS_DIR} (exit code $0)"
  ${EndIf}
SectionEnd

Section "Start menu shortcut" SEC_SHORTCUT
  !insertmacro USE_MACHINE_VIEWS
  CreateShortcut "${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0 SW_SHOWNORMAL "" \
    "${APP_NAME}: Gameball loyalty at the till"
SectionEnd

Section /o "Start at logon (every user)" SEC_AUTOSTART
  ; The state is written in the last section, which also removes it when this box is unticked on upgrade.
SectionEnd

Section /o "Sync and bridge at boot, before anyone logs on" SEC_SERVICE
  ; Registered at the end of the last section, once the uninstaller and its registry entry exist.
SectionEnd

Section "-Register" SEC_REGISTER
  !insertmacro USE_MACHINE_VIEWS
  ${If} ${SectionIsSelected} ${SEC_AUTOSTART}
    WriteRegStr HKLM "${RUN_KEY}" "${APP_ID}" '"$INSTDIR\${GUI_EXE}"'
  ${Else}
    DeleteRegValue HKLM "${RUN_KEY}" "${APP_ID}"
  ${EndIf}
  ${IfNot} ${SectionIsSelected} ${SEC_SHORTCUT}
    Delete "${SHORTCUT}"
  ${EndIf}

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "VersionQuad" "${APP_VERSION_QUAD}"  ; what a later installer compares
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0  ; in KB, as Add/Remove Programs expects

  ${If} ${SectionIsSelected} ${SEC_SERVICE}
    Call RegisterBootTask
  ${Else}
    Call DeleteBootTask  ; unticked on upgrade (or /SERVICE=0): no engine at boot any more
  ${EndIf}
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_APP} "The till application and its command line (pos-app.exe)."
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_SHORTCUT} "A Start menu entry for all users."
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_AUTOSTART} "Start the till when any user logs on."
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_SERVICE} "Send queued orders and answer the host POS from boot, \
    before anyone logs on (a scheduled task running pos-app.exe --headless as LocalService)."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} needs 64-bit Windows (the bundle is win_amd64)." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  !insertmacro USE_MACHINE_VIEWS

  ReadRegStr $PrevDir HKLM "${UNINST_KEY}" "InstallLocation"
  ; Never over a newer version: its database may have a schema this one refuses (SchemaTooNew). Installs from
  ; before VersionQuad existed are older by construction.
  ReadRegStr $0 HKLM "${UNINST_KEY}" "VersionQuad"
  ${If} $0 != ""
    ${VersionCompare} "${APP_VERSION_QUAD}" $0 $1  ; 2: this installer is older
    ${If} $1 == 2
      ReadRegStr $0 HKLM "${UNINST_KEY}" "DisplayVersion"
      MessageBox MB_ICONSTOP "${APP_NAME} $0 is installed, which is newer than ${APP_VERSION}. To go back to \
        ${APP_VERSION}, uninstall $0 first (its data stays), knowing that a database a newer version has \
        upgraded may not open in an older one." /SD IDOK
      SetErrorLevel 3
      Quit
    ${EndIf}
  ${EndIf}
  ${If} $PrevDir != ""
    ; No /D= given (the installer still holds its default): upgrade where the previous version lives.
    ${If} $INSTDIR == "$PROGRAMFILES64\${APP_ID}"
      StrCpy $INSTDIR $PrevDir
    ${EndIf}
    ReadRegStr $PrevAutostart HKLM "${RUN_KEY}" "${APP_ID}"
    ${If} $PrevAutostart != ""
      StrCpy $PrevAutostart 1
      !insertmacro SelectSection ${SEC_AUTOSTART}
    ${EndIf}
    Call BootTaskExists
    ${If} $0 == 1
      !insertmacro SelectSection ${SEC_SERVICE}  ; the upgrade keeps the engine at boot
    ${EndIf}
  ${ElseIfNot} ${Silent}
    !insertmacro SelectSection ${SEC_AUTOSTART}  ; a fresh interactive install offers autostart ticked
  ${EndIf}

  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/AUTOSTART=" $1
  ${IfNot} ${Errors}
    ${If} $1 == "1"
      !insertmacro SelectSection ${SEC_AUTOSTART}
    ${ElseIf} $1 == "0"
      !insertmacro UnselectSection ${SEC_AUTOSTART}
    ${Else}
      ; A typo in a fleet deployment must fail loudly, not install with a silent default.
      MessageBox MB_ICONSTOP "/AUTOSTART takes 1 or 0, not '$1'." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/SERVICE=" $1
  ${IfNot} ${Errors}
    ${If} $1 == "1"
      !insertmacro SelectSection ${SEC_SERVICE}
    ${ElseIf} $1 == "0"
      !insertmacro UnselectSection ${SEC_SERVICE}
    ${Else}
      MessageBox MB_ICONSTOP "/SERVICE takes 1 or 0, not '$1'." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------------------------------------------------------
!macro DELETE_CREDENTIAL target
  nsExec::ExecToLog 'cmdkey /delete:${target}'
  Pop $0
  nsExec::ExecToLog 'cmdkey "/delete:LegacyGeneric:target=${target}"'
  Pop $0
!macroend

Section "-un.Program files" SEC_UN_APP
  !insertmacro USE_MACHINE_VIEWS
  Call un.StopBootTask
  Call un.CloseRunningApp
  Call un.DeleteBootTask  ; before any file goes: if it fails, the install stays whole
  DeleteRegValue HKLM "${RUN_KEY}" "${APP_ID}"
  Delete "${SHORTCUT}"
  ; Only what the installer put there: a folder the admin also used for other files keeps them.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  Delete "$INSTDIR\${MACHINE_MARKER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"
SectionEnd

Section /o "un.Delete the data (undelivered orders, database, logs), the keys and the PIN" SEC_UN_PURGE
  ; The machine-wide data directory (with the machine's keys), then the current user's per-user one from before
  ; (or never moved).
  SetShellVarContext all
  DetailPrint "Deleting ${MACHINE_DATA_DIR}"
  RMDir /r "${MACHINE_DATA_DIR}"
  SetShellVarContext current
  DetailPrint "Deleting ${DATA_DIR}"
  RMDir /r "${DATA_DIR}"
  ; The keys, the bridge token and the manager PIN's hash live in this user's Windows Credential Manager as
  ; generic credentials, named the way keyring's WinVault backend names them: the first name written under the
  ; service name itself, every other one as <name>@<service> (and a name once stored plain keeps a second,
  ; <name>@<service> entry after a later write). So the service entry and every name the app writes
  ; (config/secrets.py, config/pin.py; tests/unit/test_installer_script.py keeps this list complete) in the
  ; @ form. cmdkey lists generic credentials as "LegacyGeneric:target=<name>", so both spellings are tried;
  ; an entry that does not exist just makes cmdkey say so. Plain "<name>" targets are not ours and stay.
  !insertmacro DELETE_CREDENTIAL "${APP_ID}"
  !insertmacro DELETE_CREDENTIAL "gameball-api-key@${APP_ID}"
  !insertmacro DELETE_CREDENTIAL "gameball-secret-key@${APP_ID}"
  !insertmacro DELETE_CREDENTIAL "bridge-token@${APP_ID}"
  !insertmacro DELETE_CREDENTIAL "manager-pin-hash@${APP_ID}"
  SetShellVarContext all
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SEC_UN_PURGE} "Also delete the terminal's data folder and keys, this \
    Windows user's old data folder, keys and PIN. Orders still waiting in the queue are lost."
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PURGE=" $1
  ${IfNot} ${Errors}
    ${If} $1 == "1"
      !insertmacro SelectSection ${SEC_UN_PURGE}
    ${ElseIf} $1 != "0"
      MessageBox MB_ICONSTOP "/PURGE takes 1 or 0, not '$1'." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
FunctionEnd
