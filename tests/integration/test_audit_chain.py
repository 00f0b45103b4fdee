"""The audit chain stays whole when several server processes append at once.

Each engine has its own audit writer (its own lock, head and connection), so
two engines in two threads are two independent writers to one database, as
two server processes are.
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine, text

from ncbdesk.adapters.db.engine import make_engine
from ncbdesk.adapters.db.security_repos import SqlAuditLog
from ncbdesk.domain.audit import AuditEntry
from ncbdesk.domain.persons import utcnow
from ncbdesk.services.audit import verify


def entry(actor: str, i: int) -> AuditEntry:
    return AuditEntry(utcnow(), actor, "RU", "person.read", "person", f"p{i}",
                      details={"n": i, "name": "Нурбагандов"})  # fmt: skip


def test_two_writers_appending_at_once_keep_one_chain(db_url: str) -> None:
    engines = [make_engine(db_url), make_engine(db_url)]
    per_writer = 60
    errors: list[BaseException] = []
    start = threading.Barrier(len(engines))

    def write(engine: Engine, name: str) -> None:
        log = SqlAuditLog(engine)
        try:
            start.wait()
            for i in range(per_writer):
                log.append(entry(name, i))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(e, f"writer{n}")) for n, e in enumerate(engines)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        count, problems = verify(SqlAuditLog(engines[0]))
        assert problems == []
        assert count == 2 * per_writer
        by_actor: dict[str, int] = {}
        for e in SqlAuditLog(engines[1]).iter_all():
            by_actor[e.actor] = by_actor.get(e.actor, 0) + 1
        assert by_actor == {"writer0": per_writer, "writer1": per_writer}
    finally:
        for e in engines:
            e.dispose()


def test_writer_whose_head_is_stale_continues_the_stored_chain(db_url: str) -> None:
    """Another process appended since this one's last entry: no fork, no gap."""
    a, b = make_engine(db_url), make_engine(db_url)
    try:
        log_a, log_b = SqlAuditLog(a), SqlAuditLog(b)
        log_a.append(entry("a", 1))
        log_b.append(entry("b", 1))
        log_b.append(entry("b", 2))
        last = log_a.append(entry("a", 2))  # a still believes entry 1 is the head
        assert (last.seq, last.actor) == (4, "a")
        count, problems = verify(log_a)
        assert (count, problems) == (4, [])
    finally:
        a.dispose()
        b.dispose()


def test_entries_lost_in_a_crash_do_not_leave_a_gap(db_url: str) -> None:
    """The newest entries vanish (asynchronous commit, server crash): the chain goes on
    from what is stored, so verification still passes."""
    engine = make_engine(db_url)
    try:
        log = SqlAuditLog(engine)
        for i in range(5):
            log.append(entry("officer", i))
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log WHERE seq > 3"))
        after = log.append(entry("officer", 99))
        assert after.seq == 4
        stored = list(log.iter_all())
        assert [e.seq for e in stored] == [1, 2, 3, 4]
        assert stored[-1].prev_hash == stored[-2].hash
        assert verify(log) == (4, [])
    finally:
        engine.dispose()


def test_details_survive_the_round_trip_so_the_hash_verifies(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        log = SqlAuditLog(engine)
        log.append(
            AuditEntry(
                utcnow(),
                "officer",
                "RU",
                "person.update",
                "person",
                "x",
                purpose="проверка",
                details={"names": ["محمد", "李"], "n": 3, "nested": {"ok": True}},
            )
        )
        (stored,) = list(log.iter_all())
        assert stored.details == {"names": ["محمد", "李"], "n": 3, "nested": {"ok": True}}
        assert verify(log) == (1, [])
    finally:
        engine.dispose()
