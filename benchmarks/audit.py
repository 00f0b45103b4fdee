"""What writing the audit entry adds to a request, on SQLite and PostgreSQL.

For each database it prints p50/p95/p99 of:
- `audit append`: `SqlAuditLog.append` alone, one writer;
- `audit in request`: the time spent appending audit entries inside each
  authenticated `GET /api/v1/persons/{id}` served by the app (every append of
  that request summed: the token check's and the read's), i.e. what the audit
  trail adds to a request; the bar (issue: security and audit) is p95 <= 2 ms;
- `GET person (all)`: the whole request, for scale;
- `append, N processes`: with `--processes N` (N > 1), N processes appending
  at once to the same trail, each entry's latency; then the chain is verified.

    .venv/bin/python benchmarks/audit.py [--entries 2000] [--requests 500]
        [--processes 2] [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.security_repos import SqlAuditLog
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.audit import AuditEntry
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.app import create_app
from ncbdesk.services import auth
from ncbdesk.services.audit import verify
from ncbdesk.services.context import Actor
from ncbdesk.settings import Settings

# Time spent in SqlAuditLog.append since the last reset, across threads (the
# app serves each request on a worker thread; requests here run one at a time).
_spent: list[float] = [0.0, 0.0]
_spent_lock = threading.Lock()
_append = SqlAuditLog.append


def _timed_append(self: SqlAuditLog, entry: AuditEntry) -> AuditEntry:
    t = time.perf_counter()
    try:
        return _append(self, entry)
    finally:
        with _spent_lock:
            _spent[0] += time.perf_counter() - t
            _spent[1] += 1


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100)
    return f"p50 {q[49]:.3f} ms  p95 {q[94]:.3f} ms  p99 {q[98]:.3f} ms  (n={len(ms)})"


def bench(
    url: str, label: str, entries: int, requests: int, processes: int, data_dir: Path
) -> None:
    engine = make_engine(url)
    upgrade(engine)
    log = SqlAuditLog(engine)
    samples = []
    for i in range(entries):
        entry = AuditEntry(utcnow(), "bench", "RU", "person.read", "person", f"p{i}",
                           purpose="benchmark", source="127.0.0.1")  # fmt: skip
        t = time.perf_counter()
        log.append(entry)
        samples.append(time.perf_counter() - t)
    print(f"{label:<10} audit append      {percentiles(samples)}")
    if processes > 1:
        bench_processes(url, label, processes, entries // processes)

    settings = Settings.from_env({}, data_dir=data_dir, database_url=url, bureau="RU")
    app = create_app(settings)
    system = Actor.system("RU")
    name = f"bench{uuid.uuid4().hex[:6]}"
    hasher = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
    auth.create_user(SqlUnitOfWork(engine), system, hasher, name, "benchmark password 1",
                     {Role.DUTY_OFFICER}, "RU")  # fmt: skip
    secret, _ = auth.create_token(SqlUnitOfWork(engine), system, name)
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(app) as client:
        pid = client.post(
            "/api/v1/persons", json={"names": [{"full": "Иван Петров"}]}, headers=headers
        ).json()["id"]
        samples = []
        in_audit: list[float] = []
        appends = 0
        SqlAuditLog.append = _timed_append  # type: ignore[method-assign]
        try:
            for _ in range(requests):
                _spent[:] = [0.0, 0.0]
                t = time.perf_counter()
                r = client.get(f"/api/v1/persons/{pid}", headers=headers)
                samples.append(time.perf_counter() - t)
                in_audit.append(_spent[0])
                appends += int(_spent[1])
                assert r.status_code == 200
        finally:
            SqlAuditLog.append = _append  # type: ignore[method-assign]
    print(f"{label:<10} audit in request  {percentiles(in_audit)}  "
          f"{appends / requests:.1f} appends/request")  # fmt: skip
    print(f"{label:<10} GET person (all)  {percentiles(samples)}")
    app.state.ctx.engine.dispose()
    engine.dispose()


def _writer(url: str, entries: int, start: Any, out: Any) -> None:
    engine = make_engine(url)
    log = SqlAuditLog(engine)
    start.wait()
    samples = []
    for i in range(entries):
        entry = AuditEntry(utcnow(), "bench", "RU", "person.read", "person", f"c{i}")
        t = time.perf_counter()
        log.append(entry)
        samples.append(time.perf_counter() - t)
    engine.dispose()
    out.put(samples)


def bench_processes(url: str, label: str, processes: int, entries: int) -> None:
    """N processes append at once; every entry must land in one unbroken chain."""
    mp = multiprocessing.get_context("spawn")
    start, out = mp.Event(), mp.Queue()
    workers = [
        mp.Process(target=_writer, args=(url, entries, start, out)) for _ in range(processes)
    ]
    for w in workers:
        w.start()
    time.sleep(2)  # let every process import and connect before the start signal
    start.set()
    samples = [s for _ in workers for s in out.get()]
    for w in workers:
        w.join()
    engine = make_engine(url)
    count, problems = verify(SqlAuditLog(engine))
    engine.dispose()
    print(f"{label:<10} append, {processes} processes {percentiles(samples)}  "
          f"chain: {count} entries, {len(problems)} problems")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(f"sqlite:///{tmp}/bench.db", "sqlite", args.entries, args.requests,
              args.processes, Path(tmp))  # fmt: skip
    if args.postgres:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
            with tempfile.TemporaryDirectory() as tmp:
                bench(url, "postgresql", args.entries, args.requests, args.processes, Path(tmp))
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
