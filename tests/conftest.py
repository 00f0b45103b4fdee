"""Shared fixtures: settings in a temporary data folder, migrated databases, the app.

Integration tests take `db_url`, which runs each test on SQLite and, when
NCBDESK_TEST_POSTGRES_URL is set, on PostgreSQL as well (in a schema of its
own, emptied between tests).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.tables import metadata
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.app import create_app
from ncbdesk.services import auth
from ncbdesk.services.context import Actor
from ncbdesk.settings import Settings

POSTGRES_URL = os.environ.get("NCBDESK_TEST_POSTGRES_URL", "")


@contextmanager
def _own_schema(prefix: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("NCBDESK_TEST_POSTGRES_URL is not set")
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, migrated once."""
    with _own_schema("t") as url:
        _migrate(url)
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (not migrated), to migrate step by step."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    with _own_schema("m") as url:
        yield url


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each integration test runs on a migrated SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        _migrate(url)
        yield url
        return
    url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    _empty(engine)
    yield url
    _empty(engine)
    engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """SQLite in a temporary data folder; this bureau is RU."""
    return Settings.from_env({}, data_dir=tmp_path / "var", bureau="RU")


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _migrate(settings.sqlalchemy_url)
    application = create_app(settings)
    yield application
    application.state.ctx.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


# Real Argon2id at a low cost, so the suite stays quick.
TEST_HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
TEST_PASSWORD = "correct horse battery"


@pytest.fixture
def headers(app: FastAPI) -> Callable[..., dict[str, str]]:
    """headers(role, ..., bureau="RU") → an Authorization header for a new user with those roles."""
    made: dict[tuple[tuple[Role, ...], str], dict[str, str]] = {}

    def make(*roles: Role, bureau: str = "RU") -> dict[str, str]:
        key = (tuple(sorted(roles)), bureau)
        if key not in made:
            engine = app.state.ctx.engine
            name = f"u{len(made)}.{bureau.lower()}"
            system = Actor.system("RU")
            auth.create_user(
                SqlUnitOfWork(engine), system, TEST_HASHER, name, TEST_PASSWORD, set(roles), bureau
            )
            secret, _ = auth.create_token(SqlUnitOfWork(engine), system, name)
            made[key] = {"Authorization": f"Bearer {secret}"}
        return made[key]

    return make
