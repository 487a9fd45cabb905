"""Password guessing is slowed per name and per client, on a fake clock."""
from app_ui.throttle import FREE_FAILURES, LONGEST_WAIT_S, SignInThrottle, in_words


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_waits_start_after_the_free_failures_and_double_up_to_the_longest():
    clock = Clock()
    throttle = SignInThrottle(clock)
    for _ in range(FREE_FAILURES - 1):
        throttle.attempt("rita", "10.0.0.7")
    assert throttle.wait_seconds("rita", "10.0.0.7") == 0
    throttle.attempt("rita", "10.0.0.7")
    assert throttle.wait_seconds("rita", "10.0.0.7") == 30
    clock.now += 31
    assert throttle.wait_seconds("rita", "10.0.0.7") == 0
    throttle.attempt("rita", "10.0.0.7")
    assert throttle.wait_seconds("rita", "10.0.0.7") == 60
    assert throttle.attempt("rita", "10.0.0.7") == 60  # refused while it waits, and not counted
    for _ in range(20):
        clock.now += LONGEST_WAIT_S + 1
        throttle.attempt("rita", "10.0.0.7")
    assert throttle.wait_seconds("rita", "10.0.0.7") == LONGEST_WAIT_S


def test_a_locked_name_is_locked_from_every_client_and_a_guessing_client_for_every_name():
    throttle = SignInThrottle(Clock())
    for attempt in range(FREE_FAILURES):
        throttle.attempt("rita", f"10.0.0.{attempt}")      # one name from many clients
        throttle.attempt(f"user{attempt}", "192.168.1.9")  # many names from one client
    assert throttle.wait_seconds("RITA ", "10.9.9.9") > 0
    assert throttle.wait_seconds("someone-else", "192.168.1.9") > 0
    assert throttle.wait_seconds("someone-else", "10.9.9.9") == 0


def test_a_success_clears_the_count_and_an_hour_of_quiet_forgets_it():
    clock = Clock()
    throttle = SignInThrottle(clock)
    for _ in range(FREE_FAILURES - 1):
        throttle.attempt("rita", None)
    throttle.succeeded("rita", None)
    throttle.attempt("rita", None)
    assert throttle.wait_seconds("rita", None) == 0
    for _ in range(FREE_FAILURES - 2):
        throttle.attempt("rita", None)
    clock.now += 2 * 60 * 60
    throttle.attempt("eddie", None)  # any failure sweeps out counts that have gone quiet
    throttle.attempt("rita", None)
    assert throttle.wait_seconds("rita", None) == 0


def test_waits_in_words():
    assert [in_words(s) for s in (1, 30, 60, 61, 900)] == ["1 second", "30 seconds", "1 minute", "2 minutes",
                                                           "15 minutes"]


def test_tries_made_at_the_same_moment_cannot_all_slip_past_the_count():
    import threading

    throttle, checked = SignInThrottle(Clock()), []
    start = threading.Barrier(50)

    def sign_in():
        start.wait()
        if not throttle.attempt("rita", None):
            checked.append(1)  # this try's password would be checked

    threads = [threading.Thread(target=sign_in) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == FREE_FAILURES


def test_the_log_tells_a_lockout_only_when_the_password_was_wrong(caplog):
    """Four wrong passwords, then the right one: the fifth try is counted before its password is checked, but
    nothing is locked out, so nothing may be logged as refused."""
    import logging

    from app_ui.throttle import FREE_FAILURES, SignInThrottle

    clock = [0.0]
    throttle = SignInThrottle(lambda: clock[0])
    with caplog.at_level(logging.WARNING):
        for _ in range(FREE_FAILURES - 1):
            assert throttle.attempt("ann", "10.0.0.1") == 0
            throttle.failed("ann", "10.0.0.1")
        assert throttle.attempt("ann", "10.0.0.1") == 0
        throttle.succeeded("ann", "10.0.0.1")
    assert "refused" not in caplog.text
    with caplog.at_level(logging.WARNING):
        for _ in range(FREE_FAILURES):
            throttle.attempt("bob", None)
            throttle.failed("bob", None)
    assert "5 failed tries in a row for name 'bob'; the next is refused for 30 s" in caplog.text
