"""The look every window of the till shares: readable text and buttons a finger can hit.

Buttons are at least 44 px high (padding 6 + min-height 30 + 2 x 1 px border): the size touch
guidelines give for a fingertip, since many tills have touch screens.
"""

BASE_STYLE = """
QWidget { font-size: 11pt; }
QPushButton { padding: 6px 10px; min-height: 30px; }
"""
