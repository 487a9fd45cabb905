"""Slow down password guessing: after repeated failed sign-ins for one name, or from one client, refuse
further tries for a while, and log it.

Each failure is counted twice, against the name typed (known or not, so a lockout never tells which names
exist) and against the client's address. From the `FREE_FAILURES`th failure in a row on either count, that
name or client waits before its next try: 30 s, then twice as long after each further failure, up to 15
minutes. A success clears both counts. While a wait runs the password is not checked at all, so even the
right one is refused: guessing cannot go on in the background. Counts live in the server's memory
(Streamlit serves every session from one process) and are forgotten on restart or after an hour of quiet.

No Streamlit here, so this is tested on its own with a fake clock.
"""
from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 5          # failures in a row before the first wait
FIRST_WAIT_S = 30.0
LONGEST_WAIT_S = 15 * 60.0
FORGET_AFTER_S = 60 * 60.0  # a count untouched this long starts again from nothing

log = logging.getLogger("inspectqa.signin")


@dataclass
class _Count:
    failures: int = 0
    blocked_until: float = 0.0
    last_failure: float = 0.0


class SignInThrottle:
    """Failure counts per name and per client, safe to share between the server's threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._counts: dict[str, _Count] = {}
        self._lock = threading.RLock()  # attempt() reads and counts under one hold

    def attempt(self, name: str, client: str | None) -> int:
        """Start a sign-in: the seconds this name or client must still wait (then nothing is counted), or 0
        with the try already counted as a failure, so that tries made at the same moment from many
        sessions cannot all slip past the count before it rises; `succeeded` clears it."""
        with self._lock:
            wait = self.wait_seconds(name, client)
            if not wait:
                self._count_failure(name, client)
            return wait

    def wait_seconds(self, name: str, client: str | None) -> int:
        """How long this name or client must still wait before a try is checked; 0 when it may try now."""
        now = self._clock()
        with self._lock:
            waits = [self._counts[key].blocked_until - now for key in self._keys(name, client) if key in self._counts]
        return max(0, math.ceil(max(waits, default=0.0)))

    def _count_failure(self, name: str, client: str | None) -> None:
        now = self._clock()
        self._forget_quiet(now)
        for key in self._keys(name, client):
            count = self._counts.setdefault(key, _Count())
            count.failures += 1
            count.last_failure = now
            if count.failures >= FREE_FAILURES:
                wait = min(LONGEST_WAIT_S, FIRST_WAIT_S * 2 ** (count.failures - FREE_FAILURES))
                count.blocked_until = now + wait

    def failed(self, name: str, client: str | None) -> None:
        """The try `attempt` counted was a wrong password: the log tells a lockout only now that it is true
        (the right password on the fifth try locks nothing out)."""
        now = self._clock()
        with self._lock:
            for key in self._keys(name, client):
                count = self._counts.get(key)
                if count is not None and count.blocked_until > now:
                    log.warning("sign-in: %d failed tries in a row for %s; the next is refused for %d s",
                                count.failures, key, math.ceil(count.blocked_until - now))

    def succeeded(self, name: str, client: str | None) -> None:
        with self._lock:
            for key in self._keys(name, client):
                self._counts.pop(key, None)

    @staticmethod
    def _keys(name: str, client: str | None) -> list[str]:
        keys = [f"name {name.strip().lower()!r}"]
        if client:
            keys.append(f"client {client}")
        return keys

    def _forget_quiet(self, now: float) -> None:
        for key in [k for k, c in self._counts.items() if now - c.last_failure > FORGET_AFTER_S
                    and c.blocked_until <= now]:
            del self._counts[key]


def in_words(seconds: int) -> str:
    """"30 seconds", "2 minutes": how long a refused user must wait."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
