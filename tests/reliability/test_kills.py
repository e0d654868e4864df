"""SIGKILL at random moments while orders stream in through the bridge and while the queue drains.

Every acknowledged order must end up rewarded exactly once at the sandbox, and the database must stay
sound. `--kills N` (or POS_APP_KILLS=N) sets the number of kills; the default is 50. The schedule (when
each kill falls, the sandbox's latency, the tills' pace) comes from one seed, printed with every run and in
the figures; `--seed S` (or POS_APP_KILL_SEED=S) replays it. The processes' own timing is not replayed, so
a replay retraces the same schedule rather than the same interleaving.
"""

import random
import time

import pytest
from reliability_harness import Streamer, rewarded

# Sandbox and sender sped up alike, so the 30/s and 360/30 s limits do not make the drain the slow part.
TIME_SCALE = 10
# The sandbox's answer takes this long (real milliseconds), so many kills land while a request is out.
LATENCY_MS = (5, 20)
# Host tills posting at once, and the mean pause between two orders of one till: at times faster than
# the sender drains, so a backlog builds and batches are killed too.
TILLS = 3
ORDER_PACE = 0.04
# Share of the kills made while the till still sends orders; the rest fall while the queue drains.
STREAMING_SHARE = 0.7
# Share of the kills made before the bridge answers: during start-up, recovery and the first probe.
EARLY_SHARE = 0.2
DRAIN_TIMEOUT = 90.0


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_duplicates_nothing(kills, kill_seed, sandbox_factory, headless_factory,
                                                                report):
    rng = random.Random(kill_seed)
    sandbox = sandbox_factory(time_scale=TIME_SCALE)
    terminal = headless_factory(sandbox.url, time_scale=TIME_SCALE)
    tills = [Streamer(terminal, ORDER_PACE, random.Random(rng.random())) for _ in range(TILLS)]
    started = time.monotonic()
    mid_send = in_flight = backlog_kills = 0
    streaming_kills = max(1, int(kills * STREAMING_SHARE))
    for till in tills:
        till.start()  # each retries while the bridge is down, as a till would
    try:
        for kill in range(kills):
            if kill == streaming_kills:
                for till in tills:
                    till.finish()
            sandbox.faults.clear()
            sandbox.faults.latency(rng.uniform(*LATENCY_MS))
            if kill > 0 and rng.random() < EARLY_SHARE:
                terminal.spawn()
                time.sleep(rng.uniform(0.05, 0.5))  # a random moment of start-up, not a wait for a condition
            else:
                terminal.start()
                time.sleep(rng.uniform(0.0, 1.0))  # a random moment of running
            terminal.kill()
            # What the kill interrupted, read from the dead process's database.
            sending, pending = terminal.outbox_counts()
            mid_send += sending > 0
            in_flight += sending
            backlog_kills += pending > 0
            if terminal.database.exists():
                assert terminal.integrity() == ["ok"], f"database damaged after kill {kill + 1}"
        for till in tills:
            if till.is_alive():
                till.finish()

        sandbox.faults.clear()
        terminal.start()
        terminal.wait_drained(timeout=DRAIN_TIMEOUT)
        assert terminal.stop() == 0, terminal.console()
    finally:
        for till in tills:
            till.stopping.set()

    acknowledged = [o for till in tills for o in till.acknowledged]
    posted = [o for till in tills for o in till.posted]
    states = terminal.order_states()
    books = rewarded(sandbox)
    delivered = [o for o in acknowledged if books.get(o) == 1 and states.get(o) == "delivered"]
    lost = [o for o in acknowledged if books.get(o, 0) == 0]
    duplicates = {o: n for o, n in books.items() if n > 1}
    unacknowledged = set(posted) - set(acknowledged)
    stats = sandbox.stats()
    resent = terminal.log_text().count("Gameball has this id already (code 9004)")
    report(f"kill test (seed {kill_seed}): {kills} kills in {time.monotonic() - started:.1f} s ({mid_send} mid-send "
           f"with {in_flight} items in flight, {backlog_kills} with a backlog); orders acknowledged "
           f"{len(acknowledged)}, delivered {len(delivered)}, lost {len(lost)}, duplicates {len(duplicates)}; "
           f"not acknowledged {len(unacknowledged)} "
           f"(delivered anyway {sum(books.get(o, 0) for o in unacknowledged)}); re-sent and answered 9004 {resent}; "
           f"till POSTs unanswered (bridge down or killed mid-request) {sum(t.unanswered for t in tills)}; "
           f"sandbox over-limit 429s {stats['rate_limited']}, buckets over the limits {stats['exceeded']}")

    assert not lost, f"acknowledged but never rewarded: {lost[:10]}"
    assert not duplicates, f"rewarded more than once: {duplicates}"
    assert len(delivered) == len(acknowledged), "acknowledged orders not delivered locally"
    assert all(state == "delivered" for state in states.values()), "an order was left undelivered"
    assert set(books) == set(states), "the sandbox and the terminal disagree on which orders exist"
    assert terminal.integrity() == ["ok"]
    assert acknowledged, "no order was acknowledged: the test proved nothing"
