"""Windows' ways of stopping (issue 18.9): signals, and console close/logoff/shutdown through a console control
handler registered with a fake kernel32 (the real one exists only on Windows)."""

import os
import signal
import threading

from pos_app.stopping import CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, StopRequests


class FakeKernel32:
    def __init__(self):
        self.handlers = []

    def SetConsoleCtrlHandler(self, handler, add):  # noqa: N802 - Windows' name
        if add:
            self.handlers.append(handler)
        else:
            self.handlers.remove(handler)
        return 1


def test_sigterm_asks_for_the_stop_and_the_old_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)
    stops = StopRequests(platform="linux").install()
    os.kill(os.getpid(), signal.SIGTERM)
    stops.wait(poll=0.01)
    assert stops.requested.is_set()
    stops.finished()
    assert signal.getsignal(signal.SIGTERM) is before


def test_console_close_waits_for_the_stop_to_finish_before_windows_ends_the_process():
    kernel32 = FakeKernel32()
    stops = StopRequests(platform="win32", kernel32=kernel32, grace=10).install()
    try:
        [handler] = kernel32.handlers
        assert handler(CTRL_C_EVENT) == 0 and handler(CTRL_BREAK_EVENT) == 0  # Python's own SIGINT/SIGBREAK
        assert not stops.requested.is_set()
        answer = []
        windows_thread = threading.Thread(target=lambda: answer.append(handler(CTRL_CLOSE_EVENT)))
        windows_thread.start()
        assert stops.requested.wait(5)
        windows_thread.join(0.2)
        assert windows_thread.is_alive() and not answer  # still inside the handler: the process lives on
    finally:
        stops.finished()  # what the run mode calls once held points are released
    windows_thread.join(5)
    assert answer == [1] and kernel32.handlers == []


def test_logoff_is_given_up_on_after_the_grace_time():
    kernel32 = FakeKernel32()
    stops = StopRequests(platform="win32", kernel32=kernel32, grace=0.05).install()
    try:
        assert kernel32.handlers[0](CTRL_LOGOFF_EVENT) == 1 and stops.requested.is_set()
    finally:
        stops.finished()
