"""What writing the audit entry adds to a request, on SQLite and PostgreSQL.

For each database: the p50/p95/p99 of `SqlAuditLog.append` alone (the time the
audit entry adds to a request: it is written on its own connection after the
request's work), and of a whole authenticated `GET /api/v1/persons/{id}`
through the app for scale. Target (issue: security and audit): p95 added
<= 2 ms.

    .venv/bin/python benchmarks/audit.py [--entries 2000] [--requests 500]
        [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

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
from ncbdesk.services.context import Actor
from ncbdesk.settings import Settings


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100)
    return f"p50 {q[49]:.3f} ms  p95 {q[94]:.3f} ms  p99 {q[98]:.3f} ms  (n={len(ms)})"


def bench(url: str, label: str, entries: int, requests: int, data_dir: Path) -> None:
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
        for _ in range(requests):
            t = time.perf_counter()
            r = client.get(f"/api/v1/persons/{pid}", headers=headers)
            samples.append(time.perf_counter() - t)
            assert r.status_code == 200
    print(f"{label:<10} GET person (all)  {percentiles(samples)}")
    app.state.ctx.engine.dispose()
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench(f"sqlite:///{tmp}/bench.db", "sqlite", args.entries, args.requests, Path(tmp))
    if args.postgres:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            sep = "&" if "?" in args.postgres else "?"
            url = f"{args.postgres}{sep}options=-csearch_path%3D{schema}"
            with tempfile.TemporaryDirectory() as tmp:
                bench(url, "postgresql", args.entries, args.requests, Path(tmp))
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
