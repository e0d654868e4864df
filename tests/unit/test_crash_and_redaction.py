import logging
import threading

from pos_app.config.logs import redactor, setup_logging
from pos_app.crash import CrashReporter
from pos_app.domain.cards import mask_card_numbers

SECRET = "sk-crash-test-5f4e3d2c"
CARD = "4111 1111 1111 1111"


def test_card_numbers_are_masked_but_other_numbers_stay():
    assert mask_card_numbers(f"paid with {CARD} at till 12") == "paid with [card number removed] at till 12"
    assert mask_card_numbers("order 1234567 for +201001234567") == "order 1234567 for +201001234567"


def test_a_crash_in_any_thread_is_logged_reported_once_and_scrubbed(tmp_path):
    log_file = setup_logging(tmp_path, logging.DEBUG, console=False)
    redactor.add([SECRET])
    shown = []
    reporter = CrashReporter(tmp_path, on_crash=lambda message, path: shown.append((message, path)))
    reporter.install()
    try:
        def boom():
            raise RuntimeError(f"key {SECRET} and card {CARD}")

        worker = threading.Thread(target=boom, name="worker-1")
        worker.start()
        worker.join()
    finally:
        reporter.uninstall()
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_pos_app", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(logging.WARNING)
    assert len(shown) == 1
    message, path = shown[0]
    assert message.startswith("RuntimeError") and "worker-1" in path.read_text(encoding="utf-8")
    for text in (message, path.read_text(encoding="utf-8"), log_file.read_text(encoding="utf-8")):
        assert SECRET not in text and CARD not in text
    assert "uncaught RuntimeError" in log_file.read_text(encoding="utf-8")
    assert threading.excepthook is not reporter._thread_hook
