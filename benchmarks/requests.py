"""The request registry at a large bureau's scale, on SQLite and PostgreSQL.

Loads `--requests` requests (default 1,000,000: seven years of a bureau that
handles 140,000 a year) with `--messages-per` messages each, in bulk (SQLite:
executemany in batches; PostgreSQL: COPY), then prints p50/p95 of what an
officer waits for, through the services (permission check and audit entry
included):

- registering a request (target p95 <= 50 ms)
- the officer's queue page, a filtered list, a full-text search, the
  statistics of a year (each p95 <= 300 ms)

    .venv/bin/python benchmarks/requests.py [--requests 1000000] [--messages-per 3]
        [--db sqlite|postgres|both] [--postgres-url URL] [--samples 40]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text

from ncbdesk.adapters.db import requests_totals
from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.requests_search import _PLACES, _TOKEN, _rowid_base, key_of
from ncbdesk.adapters.db.tables import request_messages, requests
from ncbdesk.domain.requests import (
    Channel,
    Direction,
    Priority,
    Request,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Role
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_stats as stats
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import RequestFilter

NOW = datetime.now(UTC).replace(microsecond=0)
YEARS = 7
OFFICERS = [f"officer{i:02d}" for i in range(60)]
COUNTRIES = [
    "KZ",
    "UZ",
    "TJ",
    "KG",
    "AZ",
    "AM",
    "GE",
    "BY",
    "UA",
    "MD",
    "TR",
    "DE",
    "FR",
    "IT",
    "ES",
    "GB",
    "US",
    "CN",
    "IN",
    "AE",
    "IL",
    "EG",
    "PL",
    "CZ",
    "FI",
    "EE",
    "LV",
    "LT",
    "RS",
    "BG",
    "RO",
    "GR",
    "NL",
    "BE",
    "AT",
    "CH",
    "SE",
    "NO",
    "DK",
    "TM",
    "MN",
    "IR",
    "IQ",
    "SY",
    "TH",
    "VN",
    "KR",
    "JP",
    "BR",
    "AR",
    "CA",
]
AGENCIES = ["МВД России", "ФСБ России", "Генеральная прокуратура", "ФТС России", "СК России"]
TYPE_WEIGHTS = {
    RequestType.IDENTITY_CHECK: 30,
    RequestType.WANTED_SEARCH: 20,
    RequestType.INFORMATION: 20,
    RequestType.DOCUMENT_CHECK: 12,
    RequestType.MISSING_PERSON: 5,
    RequestType.NOTICE_REQUEST: 5,
    RequestType.EXTRADITION: 3,
    RequestType.OTHER: 5,
}
SUBJECTS = {
    RequestType.IDENTITY_CHECK: ("Установление личности: {name}", "Identity check: {latin}"),
    RequestType.WANTED_SEARCH: ("Розыск: {name}", "Wanted person search: {latin}"),
    RequestType.INFORMATION: ("Запрос информации о {name}", "Information request on {latin}"),
    RequestType.DOCUMENT_CHECK: ("Проверка паспорта {doc}", "Passport check {doc} ({latin})"),
    RequestType.MISSING_PERSON: ("Безвестно пропавший: {name}", "Missing person: {latin}"),
    RequestType.NOTICE_REQUEST: ("Запрос на красное уведомление: {name}", "Red Notice: {latin}"),
    RequestType.EXTRADITION: ("Экстрадиция: {name}", "Extradition of {latin}"),
    RequestType.OTHER: ("Разное: {name}", "Miscellaneous: {latin}"),
}
CYR = "бвгдзклмнпрстфхцчшщ"
VOW = "аеиоуыя"
LAT = dict(zip("бвгдзклмнпрстфаеиоуы", "bvgdzklmnprstfaeiouy", strict=True)) | {
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "я": "ya",
    "й": "y",
}
BODY_WORDS = [
    "просим",
    "проверить",
    "по",
    "учётам",
    "сообщить",
    "сведения",
    "о",
    "местонахождении",
    "лица",
    "please",
    "check",
    "your",
    "records",
    "and",
    "inform",
    "us",
    "about",
    "the",
    "whereabouts",
    "of",
    "the",
    "person",
    "документ",
    "паспорт",
    "гражданство",
    "дата",
    "рождения",
    "судимость",
    "ордер",
    "арест",
    "passport",
    "nationality",
    "date",
    "birth",
    "conviction",
    "warrant",
    "arrest",
    "request",
    "reply",
]


def surname(rng: random.Random) -> tuple[str, str]:
    """A made-up surname in Cyrillic and a rough Latin spelling: 19*7*19*7 = 17,689 stems."""
    stem = rng.choice(CYR) + rng.choice(VOW) + rng.choice(CYR) + rng.choice(VOW)
    cyr = (stem + rng.choice(("ов", "ев", "ин", "ский", "дзе", "ян"))).capitalize()
    lat = "".join(LAT.get(c, c) for c in cyr.lower()).capitalize()
    return cyr, lat


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=20)
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {q[18]:7.1f} ms   (n={len(ms)})"


def _types(rng: random.Random, n: int) -> list[RequestType]:
    return rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()), k=n)


def generate(n: int, messages_per: int, seed: int) -> Iterator[tuple[dict[str, Any], list[dict]]]:
    """Requests over seven years (oldest first) and their messages, as table rows."""
    rng = random.Random(seed)
    span = timedelta(days=365 * YEARS).total_seconds()
    types = _types(rng, n)
    for i in range(n):
        received = NOW - timedelta(seconds=span * (1 - (i + rng.random()) / n))
        t = types[i]
        urgent = rng.random() < 0.15
        due = received + timedelta(hours=12 if urgent else 24)
        cyr, lat = surname(rng)
        given = rng.choice(("Иван", "Магомед", "Руслан", "Асель", "Гиви", "Анна", "Олег"))
        name = f"{cyr} {given}"
        doc = f"{rng.randint(10, 99)} {rng.randint(1000000, 9999999)}"
        direction = Direction.INCOMING if rng.random() < 0.7 else Direction.OUTGOING
        subject = rng.choice(SUBJECTS[t]).format(name=name, latin=lat, doc=doc)
        body = " ".join(rng.choices(BODY_WORDS, k=25)) + f" {name} {lat} {doc}"
        agency = rng.random() < 0.25
        age = NOW - received
        history = [{"status": "registered", "at": received.isoformat(), "by": "duty", "reason": ""}]
        answered_at = closed_at = None
        assignee: str | None = rng.choice(OFFICERS)
        if age > timedelta(days=3):
            status = RequestStatus.CLOSED
            answered_at = received + timedelta(hours=rng.lognormvariate(2.3, 0.8))
            closed_at = answered_at + timedelta(hours=2)
        else:
            status = rng.choice(
                [
                    RequestStatus.REGISTERED,
                    RequestStatus.ASSIGNED,
                    RequestStatus.IN_PROGRESS,
                    RequestStatus.AWAITING_REPLY,
                    RequestStatus.ANSWERED,
                ]
            )
            if status == RequestStatus.REGISTERED:
                assignee = None
            if status == RequestStatus.ANSWERED:
                answered_at = received + timedelta(hours=rng.uniform(1, 30))
        rid = uuid.UUID(int=rng.getrandbits(128)).hex
        row = {
            "id": rid,
            "direction": direction.value,
            "channel": (Channel.AGENCY_LETTER if agency else Channel.I247).value,
            "type": t.value,
            "priority": (Priority.URGENT if urgent else Priority.NORMAL).value,
            "status": status.value,
            "subject": subject,
            "body": body,
            "counterpart_country": None if agency else rng.choice(COUNTRIES),
            "counterpart_agency": rng.choice(AGENCIES) if agency else "",
            "reference": f"REF-{i}",
            "received_at": received,
            "received_ym": received.strftime("%Y-%m"),
            "due_at": due,
            "assignee": assignee,
            "queue": "",
            "person_ids": [],
            "notice_ids": [],
            "handling_codes": [],
            "restrictions": "",
            "owner_bureau": "RU",
            "history": history,
            "escalated_at": None,
            "answered_at": answered_at,
            "closed_at": closed_at,
            "handled_seconds": int((answered_at - received).total_seconds())
            if answered_at
            else None,
            "answered_in_time": (answered_at <= due) if answered_at else None,
            "created_at": received,
            "updated_at": received,
            "version": 1,
        }
        # Columns added later and empty on a request registered here.
        row.update((c, None) for c in OPTIONAL_COLUMNS)
        msgs = []
        for k in range(messages_per):
            sent = received + timedelta(hours=k * 3)
            msgs.append(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128)).hex,
                    "request_id": rid,
                    "direction": ("incoming" if k % 2 == 0 else "outgoing"),
                    "author": "NCB" if k % 2 == 0 else rng.choice(OFFICERS),
                    "sent_at": sent,
                    "subject": f"Re: {subject}"[:300],
                    "body": " ".join(rng.choices(BODY_WORDS, k=30)),
                }
            )
        yield row, msgs


_KEYS: dict[str, str] = {}


def indexed(value: str) -> str:
    """requests_search.search_text with a plain dict in front (the load's hot loop)."""
    out = []
    for t in _TOKEN.findall(value):
        k = _KEYS.get(t)
        if k is None:
            k = _KEYS[t] = key_of(t)
        out.append(k)
    return " ".join(out)


REQUEST_COLUMNS = [c.name for c in requests.columns]
OPTIONAL_COLUMNS = ("data_owner", "forwarded_from", "forward_permission")
MESSAGE_COLUMNS = [c.name for c in request_messages.columns]
JSON_COLUMNS = {"person_ids", "notice_ids", "handling_codes", "history"}


def _sqlite_value(name: str, v: Any) -> Any:
    if isinstance(v, datetime):
        # SQLAlchemy's SQLite DateTime format (UTC wall time).
        return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if name in JSON_COLUMNS:
        return json.dumps(v)
    if isinstance(v, bool):
        return int(v)
    return v


def _pg_value(name: str, v: Any) -> Any:
    return json.dumps(v) if name in JSON_COLUMNS else v


def load_sqlite(engine: Engine, rows: Iterator[tuple[dict[str, Any], list[dict]]]) -> int:
    raw = engine.raw_connection()
    cur = raw.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA cache_size=-400000")  # 400 MB while loading
    req_sql = (
        f"INSERT INTO requests ({', '.join(REQUEST_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in REQUEST_COLUMNS)})"
    )
    msg_sql = (
        f"INSERT INTO request_messages ({', '.join(MESSAGE_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in MESSAGE_COLUMNS)})"
    )
    fts_sql = "INSERT INTO request_fts (rowid, request_id, text) VALUES (?, ?, ?)"
    n = 0
    batch: list[tuple[Any, ...]] = []
    mbatch: list[tuple[Any, ...]] = []
    fbatch: list[tuple[int, str, str]] = []
    terms: set[str] = set()

    def flush() -> None:
        cur.executemany(req_sql, batch)
        cur.executemany(msg_sql, mbatch)
        cur.executemany(fts_sql, fbatch)
        raw.commit()
        batch.clear()
        mbatch.clear()
        fbatch.clear()

    for row, msgs in rows:
        batch.append(tuple(_sqlite_value(c, row[c]) for c in REQUEST_COLUMNS))
        # What TextIndex.add writes: a rowid from the time of receipt, the words' keys.
        base = _rowid_base(row["received_at"])
        doc = indexed(f"{row['subject']} {row['body']} {row['counterpart_agency']}")
        fbatch.append((base, row["id"], doc))
        terms.update(doc.split())
        for k, m in enumerate(msgs, start=1):
            mbatch.append(tuple(_sqlite_value(c, m[c]) for c in MESSAGE_COLUMNS))
            doc = indexed(f"{m['subject']} {m['body']}")
            fbatch.append((base + k % _PLACES, row["id"], doc))
            terms.update(doc.split())
        n += 1
        if len(batch) >= 20_000:
            flush()
    flush()
    cur.executemany(
        "INSERT OR IGNORE INTO request_fts_terms (term) VALUES (?)", [(t,) for t in sorted(terms)]
    )
    raw.commit()
    cur.execute("ANALYZE")
    raw.commit()
    raw.close()
    return n


def load_postgres(engine: Engine, rows: Iterator[tuple[dict[str, Any], list[dict]]]) -> int:
    raw = engine.raw_connection()
    cur: Any = raw.cursor()
    # The full-text indexes are cheaper built once than kept up row by row.
    cur.execute("DROP INDEX IF EXISTS request_fts_doc")
    cur.execute("DROP INDEX IF EXISTS request_fts_request_id")
    cur.execute("CREATE TEMPORARY TABLE fts_load (request_id VARCHAR(32), text TEXT)")
    n = 0
    mbatch: list[tuple[Any, ...]] = []
    fbatch: list[tuple[str, str]] = []
    with cur.copy(f"COPY requests ({', '.join(REQUEST_COLUMNS)}) FROM STDIN") as copy:
        for row, msgs in rows:
            copy.write_row(tuple(_pg_value(c, row[c]) for c in REQUEST_COLUMNS))
            mbatch.extend(tuple(m[c] for c in MESSAGE_COLUMNS) for m in msgs)
            doc = f"{row['subject']} {row['body']} {row['counterpart_agency']}"
            fbatch.append((row["id"], indexed(doc)))
            fbatch.extend((row["id"], indexed(f"{m['subject']} {m['body']}")) for m in msgs)
            n += 1
    raw.commit()
    with cur.copy(f"COPY request_messages ({', '.join(MESSAGE_COLUMNS)}) FROM STDIN") as copy:
        for m in mbatch:
            copy.write_row(m)
    with cur.copy("COPY fts_load (request_id, text) FROM STDIN") as copy:
        for f in fbatch:
            copy.write_row(f)
    raw.commit()
    cur.execute(
        "INSERT INTO request_fts (request_id, doc) "
        "SELECT request_id, to_tsvector('simple', text) FROM fts_load"
    )
    cur.execute("DROP TABLE fts_load")
    cur.execute("SET maintenance_work_mem = '512MB'")
    cur.execute("CREATE INDEX request_fts_doc ON request_fts USING gin (doc)")
    cur.execute("CREATE INDEX request_fts_request_id ON request_fts (request_id)")
    raw.commit()
    # What autovacuum does soon after a load: statistics, and the visibility
    # map that lets the statistics queries read the covering index alone.
    raw.driver_connection.autocommit = True  # type: ignore[union-attr]
    cur.execute("VACUUM ANALYZE requests")
    cur.execute("VACUUM ANALYZE request_messages")
    cur.execute("VACUUM ANALYZE request_fts")
    raw.close()
    return n


def timed(fn: Callable[[int], object], samples: int) -> list[float]:
    out = []
    fn(0)  # warm the caches and the connection pool
    for i in range(samples):
        t = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - t)
    return out


def measure(engine: Engine, label: str, samples: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    uow = SqlUnitOfWork(engine)
    boss = Actor("boss", "RU", frozenset({Role.SUPERVISOR}))
    # Ten routing rules, as a bureau might keep.
    from ncbdesk.services import requests_rules as rules

    for i, country in enumerate(COUNTRIES[:9]):
        rules.create_rule(
            uow, boss, RoutingRule(f"desk {country}", i, country=country, queue=country)
        )
    rules.create_rule(uow, boss, RoutingRule("terror", 0, words=["терроризм"], queue="ctu"))

    def register(i: int) -> None:
        t = _types(rng, 1)[0]
        cyr, lat = surname(rng)
        r = Request(
            direction=Direction.INCOMING,
            channel=Channel.I247,
            type=t,
            subject=SUBJECTS[t][0].format(name=cyr, latin=lat, doc="12 3456789"),
            body="Просим проверить по учётам. " + lat,
            counterpart_country=rng.choice(COUNTRIES),
        )
        svc.register_request(SqlUnitOfWork(engine), officer(i), r)

    def officer(i: int) -> Actor:
        return Actor(OFFICERS[i % len(OFFICERS)], "RU", frozenset({Role.DUTY_OFFICER}))

    def queue(i: int) -> None:
        svc.queue(SqlUnitOfWork(engine), officer(i))

    filters = [
        RequestFilter(
            type=_types(rng, 1)[0],
            direction=Direction.INCOMING,
            country=rng.choice(COUNTRIES[:20]),
            received_from=NOW - timedelta(days=365),
        )
        for _ in range(samples + 1)
    ]

    def filtered(i: int) -> None:
        svc.list_requests(SqlUnitOfWork(engine), officer(i), filters[i])

    # Search for people the data holds: a surname from a random request, in
    # Cyrillic (subject) or Latin (body) spelling.
    with engine.connect() as conn:
        picked = conn.execute(
            text("SELECT subject, body FROM requests ORDER BY random() LIMIT :n"),
            {"n": samples + 1},
        ).all()
    words = [(body.split()[-5], body.split()[-3]) for _subject, body in picked]

    def search(i: int) -> None:
        cyr, lat = words[i]
        q = cyr if i % 2 else lat
        svc.list_requests(SqlUnitOfWork(engine), officer(i), RequestFilter(text=q))

    def search_common(i: int) -> None:
        # A word in a large share of all requests: the worst case for counting.
        q = ("паспорт", "warrant", "проверить")[i % 3]
        svc.list_requests(SqlUnitOfWork(engine), officer(i), RequestFilter(text=q))

    def search_filtered(i: int) -> None:
        cyr, _ = words[i]
        f = RequestFilter(text=cyr, direction=Direction.INCOMING)
        svc.list_requests(SqlUnitOfWork(engine), officer(i), f)

    years = [NOW.year - (i % YEARS) for i in range(samples + 1)]

    def year_stats(i: int) -> None:
        stats.statistics(SqlUnitOfWork(engine), boss, years[i])

    for name, fn in (
        ("register a request", register),
        ("officer's queue page", queue),
        ("filtered list", filtered),
        ("full-text search", search),
        ("full text + filter", search_filtered),
        ("full text, common word", search_common),
        ("statistics of a year", year_stats),
    ):
        print(f"{label:<10} {name:<24} {percentiles(timed(fn, samples))}", flush=True)
    with SqlUnitOfWork(engine) as u:
        found = [u.requests.list(RequestFilter(text=w[0]), 0, 1).total for w in words[:10]]
        common = u.requests.list(RequestFilter(text="паспорт"), 0, 1).total
    print(f"{label:<10} (a surname matches {statistics.median(found):.0f} requests, median; "
          f"'паспорт' {common:,})")  # fmt: skip


def run(url: str, label: str, args: argparse.Namespace) -> None:
    engine = make_engine(url)
    upgrade(engine)
    t = time.perf_counter()
    rows = generate(args.requests, args.messages_per, args.seed)
    loader = load_sqlite if label == "sqlite" else load_postgres
    n = loader(engine, rows)
    with engine.begin() as conn:
        requests_totals.rebuild(conn)  # what migration 0007 does for existing rows
    elapsed = time.perf_counter() - t
    print(
        f"{label:<10} loaded {n:,} requests and {n * args.messages_per:,} messages "
        f"in {elapsed:.1f} s ({n / elapsed:,.0f} requests/s, generation, search keys "
        "and totals included)",
        flush=True,
    )
    measure(engine, label, args.samples, args.seed)
    engine.dispose()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=1_000_000)
    p.add_argument("--messages-per", type=int, default=3)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    p.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "NCBDESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    p.add_argument("--samples", type=int, default=40)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--data-dir", type=Path, default=None, help="Keep the SQLite file here.")
    args = p.parse_args()
    print(f"{args.requests:,} requests, {args.messages_per} messages each", flush=True)
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.data_dir or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            db = folder / f"requests-bench-{uuid.uuid4().hex[:6]}.db"
            run(f"sqlite:///{db}", "sqlite", args)
    if args.db in ("postgres", "both"):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres_url)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in args.postgres_url else "?"
        try:
            run(f"{args.postgres_url}{sep}options=-csearch_path%3D{schema}", "postgres", args)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
