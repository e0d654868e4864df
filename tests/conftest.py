import os

# Must be set before any QApplication exists (FIELD-NOTES: Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
