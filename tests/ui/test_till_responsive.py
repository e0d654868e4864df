"""The till never waits on the network: with Gameball answering in 2 s, the GUI thread keeps ticking."""

import time

from PySide6.QtCore import QTimer
from till_helpers import PHONE

from pos_app.ui.sale import PreviewSource


def test_gui_thread_never_stalls_while_gameball_is_slow(qtbot, window, sandbox):
    sale = window.sale
    sandbox.faults.latency(2000)
    gaps, last = [], [time.monotonic()]

    def beat():
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    started = time.monotonic()
    sale.identify(PHONE)  # a lookup: 2 s at Gameball
    sale.add_code("P-1004")  # a live preview: behind it, and gives up after its own short deadline
    assert sale.preview.source is not PreviewSource.LIVE  # the estimate needs no answer
    qtbot.waitUntil(lambda: sale.customer is not None and not sale.live_pending, timeout=10_000)
    heartbeat.stop()

    assert time.monotonic() - started >= 2.0  # the calls really were slow ...
    assert len(gaps) > 100 and max(gaps) < 0.1, f"longest GUI stall {max(gaps) * 1000:.0f} ms"  # ... the GUI was not
    assert sale.customer.live and sale.customer.balance.available_points == 1000
