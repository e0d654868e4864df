# Replaces pyinstaller-hooks-contrib's hook, which collects every phonenumbers submodule: the geocoder,
# carrier and time-zone tables are about 40 MB of the 48 MB package and pos_app never uses them (the spec
# excludes them and fails the build if pos_app starts importing them). What pos_app needs is the region
# metadata, which phonenumbers imports by name at run time, out of sight of PyInstaller's analysis.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("phonenumbers.data") + collect_submodules("phonenumbers.shortdata")
