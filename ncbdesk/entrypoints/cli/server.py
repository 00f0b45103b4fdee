"""serve, db upgrade, demo data and the settings list."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ncbdesk.entrypoints.cli.common import (
    _settings,
    cli_errors,
    err,
    progress,
)
from ncbdesk.entrypoints.cli.groups import (
    app,
    db_app,
    demo_app,
)
from ncbdesk.settings import Settings


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Serve the web UI and the API."""
    import uvicorn

    from ncbdesk.entrypoints.app import create_app

    with cli_errors():
        settings = _settings()
        if settings.demo:
            load_demo(settings, settings.demo_persons, seed=1, if_empty=True)
        application = create_app(settings)
        application.state.ctx.index_store.warm_up()
    uvicorn.run(
        application,
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level,
        proxy_headers=False,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring it to the latest schema (SQLite or PostgreSQL)."""
    from ncbdesk.adapters.db.engine import make_engine
    from ncbdesk.adapters.db.migrate import upgrade

    with cli_errors():
        settings = _settings()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.sqlalchemy_url)
        upgrade(engine)
        err.print(f"database at the latest schema ({engine.dialect.name})")


# One demo account per role. The passwords are public on purpose: they exist
# only in demo mode and are printed at every demo start.
DEMO_USERS: tuple[tuple[str, str], ...] = (
    ("demo.duty", "duty_officer"),
    ("demo.case", "case_officer"),
    ("demo.analyst", "analyst"),
    ("demo.legal", "legal_reviewer"),
    ("demo.supervisor", "supervisor"),
    ("demo.admin", "administrator"),
)


def demo_password(role: str) -> str:
    return f"ncbdesk-demo-{role}"


def load_demo(settings: Settings, count: int, seed: int, if_empty: bool) -> None:
    """Generate demo persons, notices and accounts and store them."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
    from ncbdesk.adapters.demo import generate_demo
    from ncbdesk.adapters.demo.extradition import demo_casework
    from ncbdesk.adapters.demo.requests import demo_requests
    from ncbdesk.domain.extradition import local_day
    from ncbdesk.domain.persons import utcnow

    engine = make_engine(settings.sqlalchemy_url)
    with SqlUnitOfWork(engine) as uow:
        if if_empty and uow.persons.count() > 0:
            err.print("demo data: the database already holds persons; nothing loaded")
        else:
            data = generate_demo(persons=count, seed=seed, bureau=settings.bureau)
            with progress() as bar:
                task = bar.add_task("demo persons", total=len(data.persons))
                for start in range(0, len(data.persons), 500):
                    chunk = data.persons[start : start + 500]
                    uow.persons.add_many(chunk)
                    bar.advance(task, len(chunk))
            uow.notices.add_many(data.notices)
            rules, demo_reqs = demo_requests(data.persons, data.notices, settings.bureau, utcnow())
            for rule in rules:
                uow.requests.add_rule(rule)
            uow.requests.add_many(demo_reqs)
            day = local_day(utcnow(), settings.timezone)
            casework = demo_casework(data.persons, data.notices, settings.bureau, day)
            for hit in casework.hits:
                uow.hits.add(hit)
            for case in casework.cases:
                uow.extradition.add(case)
            uow.commit()
            err.print(
                f"demo data: {len(data.persons)} persons, {len(data.notices)} notices, "
                f"{len(demo_reqs)} requests, {len(casework.hits)} hits, "
                f"{len(casework.cases)} extradition cases loaded"
            )
    ensure_demo_users(settings, engine)


def ensure_demo_users(settings: Settings, engine: Any) -> None:
    """Create the demo accounts that are missing, and print how to sign in."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.adapters.passwords import Argon2Hasher
    from ncbdesk.domain.security import Role
    from ncbdesk.services.auth import create_user
    from ncbdesk.services.context import Actor

    hasher = Argon2Hasher()
    system = Actor.system(settings.bureau, source="demo")
    for username, role in DEMO_USERS:
        with SqlUnitOfWork(engine) as uow:
            exists = uow.users.by_username(username) is not None
        if not exists:
            create_user(
                SqlUnitOfWork(engine),
                system,
                hasher,
                username,
                demo_password(role),
                {Role(role)},
                settings.bureau,
                f"Demo {role.replace('_', ' ')}",
            )
    err.print("demo accounts (demo mode only) — username / password:", highlight=False)
    for username, role in DEMO_USERS:
        err.print(f"  {username:<16} {demo_password(role)}", markup=False, highlight=False)


@demo_app.command("load")
def demo_load(
    persons: Annotated[int, typer.Option(help="How many persons to generate.")] = 0,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 1,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing if the database holds persons.")
    ] = False,
) -> None:
    """Generate realistic demo persons and notices and store them."""
    with cli_errors():
        settings = _settings()
        load_demo(settings, persons or settings.demo_persons, seed, if_empty)


@app.command("config")
def config() -> None:
    """List every setting with its environment variable and help."""
    for name, help_text in Settings.help().items():
        typer.echo(f"{name}\n    {help_text}")
