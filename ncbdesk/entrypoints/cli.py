"""The `ncbdesk` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ncbdesk.domain.errors import NcbError
from ncbdesk.settings import Settings

app = typer.Typer(
    help="ncbdesk: the working system of an INTERPOL National Central Bureau.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")

err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])
ParsedFileT = Any  # ncbdesk.adapters.ftm.ParsedFile, imported lazily


def _settings(**overrides: Any) -> Settings:
    return Settings.from_env(**overrides)


def report_error(exc: NcbError) -> None:
    err.print(f"[bold red]error:[/] {exc.message}", highlight=False)
    for e in exc.errors:
        err.print(f"  {e}", highlight=False, markup=False)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn our errors into a message on stderr and exit code 1, never a traceback."""
    try:
        yield
    except NcbError as exc:
        report_error(exc)
        raise typer.Exit(1) from None


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


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


def load_demo(settings: Settings, count: int, seed: int, if_empty: bool) -> None:
    """Generate demo persons and notices and store them in one transaction."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
    from ncbdesk.adapters.demo import generate_demo

    engine = make_engine(settings.sqlalchemy_url)
    with SqlUnitOfWork(engine) as uow:
        if if_empty and uow.persons.count() > 0:
            err.print("demo data: the database already holds persons; nothing loaded")
            return
        data = generate_demo(persons=count, seed=seed, bureau=settings.bureau)
        with progress() as bar:
            task = bar.add_task("demo persons", total=len(data.persons))
            for start in range(0, len(data.persons), 500):
                chunk = data.persons[start : start + 500]
                uow.persons.add_many(chunk)
                bar.advance(task, len(chunk))
        uow.notices.add_many(data.notices)
        uow.commit()
    err.print(f"demo data: {len(data.persons)} persons, {len(data.notices)} notices loaded")


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


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="FollowTheMoney Person entities, JSON lines.")],
    skip_invalid: Annotated[
        bool, typer.Option(help="Import the good lines and write a report of the bad ones.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="Where --skip-invalid writes its report (JSON lines).")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Owning bureau of the records (default: this bureau).")
    ] = None,
) -> None:
    """Import persons; all-or-nothing unless --skip-invalid."""
    from ncbdesk.adapters.db.engine import make_engine
    from ncbdesk.adapters.ftm import parse_persons
    from ncbdesk.services.context import Actor
    from ncbdesk.services.persons import import_persons

    with cli_errors():
        settings = _settings()
        bureau = (owner or settings.bureau).upper()
        try:
            with file.open(encoding="utf-8", errors="strict") as fh:
                parsed = parse_persons(fh, bureau)
        except (OSError, UnicodeDecodeError) as exc:
            err.print(f"[bold red]error:[/] cannot read {file}: {exc}", highlight=False)
            raise typer.Exit(1) from None
        for line_error in parsed.errors:
            err.print(f"  {line_error}", markup=False, highlight=False)
        if parsed.errors and not skip_invalid:
            err.print(
                f"[bold red]error:[/] {len(parsed.errors)} bad line(s); nothing imported "
                "(use --skip-invalid to import the rest)",
                highlight=False,
            )
            raise typer.Exit(1)
        if parsed.errors:
            target = report or file.with_name(file.name + ".errors.jsonl")
            with target.open("w", encoding="utf-8") as out:
                for line_error in parsed.errors:
                    out.write(json.dumps(line_error.as_dict(), ensure_ascii=False) + "\n")
            err.print(f"{len(parsed.errors)} bad line(s) skipped; report in {target}")
        engine = make_engine(settings.sqlalchemy_url)
        from ncbdesk.adapters.db.engine import SqlUnitOfWork

        result = import_persons(SqlUnitOfWork(engine), Actor.system(bureau), parsed.persons)
        err.print(
            f"imported {result.created} new and updated {result.updated} person(s) from {file}"
        )


@app.command("export")
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export every person as FollowTheMoney JSON lines."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
    from ncbdesk.adapters.ftm import person_to_ftm, write_jsonl

    with cli_errors():
        settings = _settings()
        engine = make_engine(settings.sqlalchemy_url)
        with SqlUnitOfWork(engine) as uow:
            total = uow.persons.count()
            out = output.open("w", encoding="utf-8") if output else sys.stdout
            try:
                with progress() as bar:
                    task = bar.add_task("export", total=total)

                    def entities() -> Iterator[dict[str, Any]]:
                        for person in uow.persons.iter_all():
                            bar.advance(task)
                            yield person_to_ftm(person)

                    n = write_jsonl(entities(), out)
            finally:
                if output:
                    out.close()
        err.print(f"exported {n} person(s)")


def _read_entities(path: Path, label: str, bureau: str, skip_invalid: bool) -> ParsedFileT:
    from ncbdesk.adapters.ftm import parse_persons

    try:
        with path.open(encoding="utf-8", errors="strict") as fh:
            parsed = parse_persons(fh, bureau)
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[bold red]error:[/] cannot read {path}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    for line_error in parsed.errors:
        err.print(f"  {label} {path.name} {line_error}", markup=False, highlight=False)
    if parsed.errors and not skip_invalid:
        err.print(
            f"[bold red]error:[/] {len(parsed.errors)} bad line(s) in {path}; nothing screened "
            "(use --skip-invalid to screen the rest)",
            highlight=False,
        )
        raise typer.Exit(1)
    return parsed


@app.command()
def screen(
    queries: Annotated[Path, typer.Argument(help="Persons to screen: FtM Person JSON lines.")],
    list_file: Annotated[
        Path | None,
        typer.Option("--list", help="Screen against this FtM file instead of the database."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="Candidates per query.")] = 10,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Alert at this score (default: calibrated)."),
    ] = None,
    skip_invalid: Annotated[
        bool, typer.Option(help="Screen the good lines; report the bad ones on stderr.")
    ] = False,
) -> None:
    """Screen persons; one JSON line per query on stdout, in input order.

    Each line: {"query": ID, "matches": [{"id", "score", "alert", "reasons"}, ...]},
    best first, the top K candidates whatever their score.
    """
    from ncbdesk.matching import ScreeningIndex
    from ncbdesk.services.screening import subject_from_person

    with cli_errors():
        settings = _settings()
        parsed_queries = _read_entities(queries, "query", settings.bureau, skip_invalid)
        if list_file is not None:
            parsed_list = _read_entities(list_file, "list", settings.bureau, skip_invalid)
            with progress() as bar:
                task = bar.add_task("indexing list", total=len(parsed_list.persons))
                index = ScreeningIndex.build(
                    (subject_from_person(p, p.external_id) for p in parsed_list.persons),
                    progress=lambda n: bar.update(task, completed=n),
                )
                bar.update(task, completed=len(parsed_list.persons))
        else:
            from ncbdesk.adapters.db.engine import make_engine
            from ncbdesk.adapters.index_store import IndexStore

            index = IndexStore(settings.index_dir, make_engine(settings.sqlalchemy_url)).get()
        out = sys.stdout
        with progress() as bar:
            task = bar.add_task("screening", total=len(parsed_queries.persons))
            for person in parsed_queries.persons:
                subject = subject_from_person(person, person.external_id)
                matches = index.screen(subject, top_k=top, threshold=threshold)
                line = {
                    "query": person.external_id,
                    "matches": [
                        {
                            "id": m.id,
                            "score": round(m.score, 4),
                            "alert": m.alert,
                            "reasons": list(m.reasons),
                        }
                        for m in matches
                    ],
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                bar.advance(task)
        out.flush()


@app.command("config")
def config() -> None:
    """List every setting with its environment variable and help."""
    for name, help_text in Settings.help().items():
        typer.echo(f"{name}\n    {help_text}")


def main() -> None:
    app()
