; Inno Setup script: a Windows installer for the one-folder build made by installer/vigie.spec.
; Build: iscc installer\vigie.iss (after pyinstaller installer\vigie.spec).
#define AppVersion GetEnv("VIGIE_VERSION")

[Setup]
AppId={{6F1D2C7A-4B0E-4E52-9A31-7C5E2D8B9F10}
AppName=Vigie
AppVersion={#AppVersion}
AppPublisher=Vigie
DefaultDirName={autopf}\Vigie
DefaultGroupName=Vigie
OutputBaseFilename=vigie-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=admin
; The station's data live in each user's data folder, never in the program folder,
; and uninstalling never removes them: the service owns its data.

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "..\dist\vigie\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Vigie"; Filename: "{app}\vigie.exe"
Name: "{commondesktop}\Vigie"; Filename: "{app}\vigie.exe"

[Run]
Filename: "{app}\vigie.exe"; Description: "Lancer Vigie"; Flags: nowait postinstall skipifsilent
