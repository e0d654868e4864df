"""The look every window of the till shares: readable text and buttons a finger can hit.

Buttons are at least 44 px high (padding 6 + min-height 30 + 2 x 1 px border): the size touch
guidelines give for a fingertip, since many tills have touch screens. Spin boxes (the return's quantities)
get the same height and arrows wide enough for a finger.
"""

BASE_STYLE = """
QWidget { font-size: 11pt; }
QPushButton { padding: 6px 10px; min-height: 30px; }
QAbstractSpinBox { min-height: 40px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { width: 32px; }
"""
