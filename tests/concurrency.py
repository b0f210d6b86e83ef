"""Running the same work in several threads at once, each with its own database connection:
how the tests of locks, unique constraints and double submissions (on PostgreSQL, outside a
test transaction) start simultaneous requests. The one helper every such test uses."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connections

THREADS = 6
JOIN_TIMEOUT_S = 60  # a thread stuck on a lock fails the test instead of hanging it


def _run_together(count: int, run: Callable[[int], None]) -> None:
    barrier = threading.Barrier(count)

    def thread_main(index: int) -> None:
        try:
            barrier.wait()
            run(index)
        finally:
            connections.close_all()  # this thread's connections

    threads = [threading.Thread(target=thread_main, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT_S)
    close_old_connections()


def in_parallel(work: Callable[[int], Any], count: int = THREADS) -> list[Any]:
    """Run `work(index)` in `count` threads released together (index 0 … count-1); what each
    returned, in the order they finished. An exception in any thread fails the test."""
    results: list[Any] = []
    errors: list[Exception] = []

    def run(index: int) -> None:
        try:
            results.append(work(index))
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)

    _run_together(count, run)
    assert not errors, errors
    return results


def outcomes_in_parallel(work: Callable[[int], Any], count: int = THREADS) -> list[Any]:
    """Like in_parallel, but an exception is an outcome: each thread's return value or the
    class of the exception it raised."""
    outcomes: list[Any] = []

    def run(index: int) -> None:
        try:
            outcomes.append(work(index))
        except Exception as error:  # the outcome is what the test looks at
            outcomes.append(type(error))

    _run_together(count, run)
    return outcomes
