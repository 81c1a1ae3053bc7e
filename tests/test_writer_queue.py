"""SQLite writers of one process take turns on storage.db.WriterQueue: in order, re-entrant, never stuck for good."""

import os
import threading
from pathlib import Path

import pytest
from sqlmodel import select

from storage.db import Database, WriterQueue
from storage.models import Workspace
from tests.conftest import NOW

# libfaketime (CI's runs with the clock moved) fakes the clock a timed lock wait reads but not the wait itself, so
# a wait that must run out never does there; the other tests' waits end because a lock is let go
WAITS_RUN_OUT = pytest.mark.skipif(bool(os.environ.get("FAKETIME")), reason="timed waits never run out under libfaketime")


@WAITS_RUN_OUT
def test_a_second_writer_goes_in_when_the_first_is_done() -> None:
    queue, order = WriterQueue(), []

    def second() -> None:
        with queue as got:
            order.append(("second", got))

    with queue:
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=0.2)  # it waits for us
        order.append(("first", True))
    other.join(timeout=5)
    assert order == [("first", True), ("second", True)]


def test_a_writer_that_comes_back_queues_behind_the_one_waiting() -> None:
    queue, order = WriterQueue(), []

    def waiting() -> None:
        with queue:
            order.append("waiting")

    with queue:
        other = threading.Thread(target=waiting)
        other.start()
        for _ in range(5000):  # until it waits (a lock given back wakes it: no timed wait to run out)
            if queue.waiters:
                break
            other.join(timeout=0.001)
        assert queue.waiters == 1
    with queue:  # at once again: a plain lock would let this thread in first
        order.append("back")
    other.join(timeout=5)
    assert order == ["waiting", "back"]


def test_the_same_thread_may_nest_and_leaves_the_queue_free() -> None:
    queue = WriterQueue()
    with queue as outer, queue as inner:
        assert (outer, inner) == (True, True)
    got: list[bool] = []
    other = threading.Thread(target=lambda: got.append(queue.__enter__()))
    other.start()
    other.join(timeout=5)
    assert got == [True]


@WAITS_RUN_OUT
def test_a_writer_waiting_past_the_timeout_goes_on_to_sqlite() -> None:
    queue, got = WriterQueue(timeout=0.05), []

    def waiting() -> None:
        with queue as entered:
            got.append(entered)

    with queue:
        other = threading.Thread(target=waiting)
        other.start()
        other.join(timeout=5)
        assert got == [False]  # it did not wait for us for good
    with queue as entered:  # and the queue is free again
        assert entered


def test_writers_on_many_threads_all_commit(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'writers.db'}")
    db.migrate()

    def write(number: int) -> None:
        for turn in range(5):
            with db.transaction(now=NOW) as session:
                session.add(Workspace(key=f"test:{number}:{turn}", name="w"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with db.reading(now=NOW) as session:
        keys = {w.key for w in session.exec(select(Workspace)) if w.key.startswith("test:")}
    db.dispose()
    assert keys == {f"test:{n}:{t}" for n in range(8) for t in range(5)}
