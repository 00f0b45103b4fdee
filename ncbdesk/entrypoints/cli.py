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
user_app = typer.Typer(help="Accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for machine clients.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
notices_app = typer.Typer(help="Notices and diffusions.", no_args_is_help=True)
requests_app = typer.Typer(help="The request registry.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(audit_app, name="audit")
app.add_typer(notices_app, name="notices")
app.add_typer(requests_app, name="requests")

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
            uow.commit()
            err.print(f"demo data: {len(data.persons)} persons, {len(data.notices)} notices loaded")
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
    """Export every person as FollowTheMoney JSON lines.

    Records of other bureaus whose handling code forbids forwarding are withheld
    and listed on stderr with the reason.
    """
    from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
    from ncbdesk.adapters.ftm import person_to_ftm, write_jsonl
    from ncbdesk.services.context import Actor
    from ncbdesk.services.persons import Export, export_persons

    with cli_errors():
        settings = _settings()
        engine = make_engine(settings.sqlalchemy_url)
        run = Export()
        with SqlUnitOfWork(engine) as uow:
            total = uow.persons.count()
            out = output.open("w", encoding="utf-8") if output else sys.stdout
            try:
                with progress() as bar:
                    task = bar.add_task("export", total=total)

                    def entities() -> Iterator[dict[str, Any]]:
                        for person in export_persons(uow, Actor.system(settings.bureau), run):
                            bar.advance(task)
                            yield person_to_ftm(person)

                    write_jsonl(entities(), out)
            finally:
                if output:
                    out.close()
        for person_id, reason in run.withheld:
            err.print(f"  withheld {person_id}: {reason}", markup=False, highlight=False)
        err.print(f"exported {run.exported} person(s); withheld {len(run.withheld)}")


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


def _engine(settings: Settings) -> Any:
    from ncbdesk.adapters.db.engine import make_engine

    return make_engine(settings.sqlalchemy_url)


def _read_password(username: str) -> str:
    """From stdin when piped (`echo … | ncbdesk user create`), else prompted twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first: str = typer.prompt(f"Password for {username}", hide_input=True)
    second: str = typer.prompt("Repeat it", hide_input=True)
    if first != second:
        err.print("[bold red]error:[/] the passwords differ", highlight=False)
        raise typer.Exit(1)
    return first


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, .-_")],
    role: Annotated[
        list[str],
        typer.Option(
            "--role",
            help="duty_officer, case_officer, analyst, legal_reviewer, supervisor or "
            "administrator; repeat for several.",
        ),
    ],
    bureau: Annotated[str | None, typer.Option(help="Country code (default: this bureau).")] = None,
    name: Annotated[str, typer.Option(help="Display name.")] = "",
) -> None:
    """Create an account; the password comes from stdin or a prompt."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.adapters.passwords import Argon2Hasher
    from ncbdesk.domain.security import Role
    from ncbdesk.services.auth import create_user
    from ncbdesk.services.context import Actor

    with cli_errors():
        settings = _settings()
        roles = set()
        for r in role:
            try:
                roles.add(Role(r.strip().lower()))
            except ValueError:
                known = ", ".join(x.value for x in Role)
                err.print(f"[bold red]error:[/] --role {r!r}: not one of {known}", highlight=False)
                raise typer.Exit(1) from None
        password = _read_password(username)
        user = create_user(
            SqlUnitOfWork(_engine(settings)),
            Actor.system(settings.bureau),
            Argon2Hasher(),
            username,
            password,
            roles,
            (bureau or settings.bureau),
            name,
        )
        err.print(f"created {user.username} ({', '.join(sorted(roles))}) for {user.bureau}")


@user_app.command("list")
def user_list() -> None:
    """List accounts with their roles."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork

    with cli_errors():
        settings = _settings()
        with SqlUnitOfWork(_engine(settings)) as uow:
            for u in uow.users.list():
                state = "active" if u.active else "inactive"
                roles = ",".join(sorted(r.value for r in u.roles))
                typer.echo(f"{u.username}\t{u.bureau}\t{roles}\t{state}")


def parse_duration(text: str) -> Any:
    """'30d', '12h', '90m' → timedelta."""
    from datetime import timedelta

    units = {"d": "days", "h": "hours", "m": "minutes"}
    raw = text.strip().lower()
    if len(raw) < 2 or raw[-1] not in units or not raw[:-1].isdigit() or int(raw[:-1]) <= 0:
        raise typer.BadParameter(f"'{text}' is not a duration like 30d, 12h or 90m")
    return timedelta(**{units[raw[-1]]: int(raw[:-1])})


@token_app.command("create")
def token_create(
    username: Annotated[str, typer.Argument(help="The user the token acts as.")],
    expires: Annotated[
        str | None, typer.Option(help="Lifetime such as 30d, 12h or 90m (default: none).")
    ] = None,
    role: Annotated[
        list[str] | None, typer.Option("--role", help="Limit the token to these roles.")
    ] = None,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "",
) -> None:
    """Print a new API token (shown once; send it as 'Authorization: Bearer …')."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.domain.security import Role
    from ncbdesk.services.auth import create_token
    from ncbdesk.services.context import Actor

    with cli_errors():
        settings = _settings()
        lifetime = parse_duration(expires) if expires else None
        try:
            roles = {Role(r.strip().lower()) for r in role} if role else None
        except ValueError:
            err.print("[bold red]error:[/] --role: unknown role", highlight=False)
            raise typer.Exit(1) from None
        secret, token = create_token(
            SqlUnitOfWork(_engine(settings)),
            Actor.system(settings.bureau),
            username,
            name,
            lifetime,
            roles,
        )
        typer.echo(secret)
        until = token.expires_at.isoformat() if token.expires_at else "never"
        err.print(f"token {token.id} for {username}; expires {until}; shown once")


@token_app.command("revoke")
def token_revoke(token_id: Annotated[str, typer.Argument(help="The token's id.")]) -> None:
    """Revoke an API token at once."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.services.auth import revoke_token
    from ncbdesk.services.context import Actor

    with cli_errors():
        settings = _settings()
        revoke_token(SqlUnitOfWork(_engine(settings)), Actor.system(settings.bureau), token_id)
        err.print(f"token {token_id} revoked")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the hash chain: finds any edited, deleted or reordered entry."""
    from ncbdesk.adapters.db.security_repos import SqlAuditLog
    from ncbdesk.services.audit import verify

    with cli_errors():
        settings = _settings()
        count, problems = verify(SqlAuditLog(_engine(settings)))
        for p in problems:
            err.print(f"  {p}", markup=False, highlight=False)
        if problems:
            err.print(
                f"[bold red]audit trail damaged:[/] {len(problems)} problem(s) in {count} entries",
                highlight=False,
            )
            raise typer.Exit(1)
        err.print(f"audit trail intact: {count} entries")


ASSESS_TEXT_FIELDS = ("offence", "legal_provisions", "facts", "person_status")
ASSESS_FLAG_FIELDS = ("refugee_status_against_requester", "election_period")


def _assess_input(obj: Any, number: int) -> tuple[Any, Any]:
    """One JSON line of `ncbdesk assess` → (id, NeutralityInput); ValidationFailed if wrong."""
    from ncbdesk.domain.errors import FieldError, ValidationFailed
    from ncbdesk.domain.neutrality import NeutralityInput

    problems: list[FieldError] = []
    if not isinstance(obj, dict):
        raise ValidationFailed("not an object", [FieldError("", "expected a JSON object", number)])
    ident = obj.get("id")
    if not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident).strip() == "":
        problems.append(FieldError("id", "a string or number id is required", number))
    values: dict[str, Any] = {}
    for name in (*ASSESS_TEXT_FIELDS, "requester_restrictions"):
        value = obj.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(FieldError(name, "must be a string", number))
        elif len(value) > 100_000:
            problems.append(FieldError(name, "longer than 100,000 characters", number))
        else:
            values[name] = value
    for name in ASSESS_FLAG_FIELDS:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            problems.append(FieldError(name, "must be true or false", number))
        else:
            values[name] = value
    if problems:
        raise ValidationFailed("bad line", problems)
    return ident, NeutralityInput(**values)


@app.command()
def assess(
    file: Annotated[Path, typer.Argument(help="JSON lines of notice or diffusion requests.")],
    skip_invalid: Annotated[
        bool, typer.Option(help="Assess the good lines; report the bad ones on stderr.")
    ] = False,
) -> None:
    """Article 3 and human-rights assessment, one JSON line per request.

    Input lines: {"id", "offence", "legal_provisions", "facts", "person_status",
    "refugee_status_against_requester": bool}. Output lines: {"id", "risk":
    "low"|"medium"|"high", "needs_review": bool, "reasons": [...]}. The
    assessment never refuses: flagged requests go to a legal reviewer.
    """
    from ncbdesk.adapters.ftm import LineError, read_jsonl_entities
    from ncbdesk.domain.errors import NcbError
    from ncbdesk.domain.neutrality import assess as run_assessment
    from ncbdesk.domain.neutrality import assessment_to_json

    cases: list[tuple[Any, Any]] = []
    bad = 0
    try:
        with file.open(encoding="utf-8", errors="strict") as fh:
            for number, obj in read_jsonl_entities(fh):
                if isinstance(obj, LineError):
                    err.print(f"  {obj}", markup=False, highlight=False)
                    bad += 1
                    continue
                try:
                    cases.append(_assess_input(obj, number))
                except NcbError as exc:
                    detail = "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
                    err.print(f"  line {number}: {detail}", markup=False, highlight=False)
                    bad += 1
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[bold red]error:[/] cannot read {file}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    if bad and not skip_invalid:
        err.print(
            f"[bold red]error:[/] {bad} bad line(s); nothing assessed "
            "(use --skip-invalid to assess the rest)",
            highlight=False,
        )
        raise typer.Exit(1)
    for ident, case in cases:
        typer.echo(json.dumps(assessment_to_json(ident, run_assessment(case)), ensure_ascii=False))


@notices_app.command("import")
def notices_import(
    files: Annotated[list[Path], typer.Argument(help="INTERPOL public notice JSON files.")],
    kind: Annotated[
        str | None, typer.Option(help="red, yellow or un, when the file does not say.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option(help="Owning bureau when a record names no country.")
    ] = None,
) -> None:
    """Import INTERPOL's public Red, Yellow and UN notices (list pages, details, JSON lines).

    Every file is checked before anything is written; re-importing updates the
    notices an earlier import created instead of duplicating them.
    """
    from datetime import date

    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.adapters.interpol import parse_interpol_file
    from ncbdesk.services.context import Actor
    from ncbdesk.services.interpol_import import import_interpol

    with cli_errors():
        settings = _settings()
        parsed = []
        bad = 0
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                err.print(f"[bold red]error:[/] cannot read {path}: {exc}", highlight=False)
                raise typer.Exit(1) from None
            result = parse_interpol_file(text, kind, owner=owner, today=date.today())
            for e in result.errors:
                err.print(f"  {path.name}: {e}", markup=False, highlight=False)
            bad += len(result.errors)
            parsed.append((path, result))
        if bad:
            err.print(f"[bold red]error:[/] {bad} problem(s); nothing imported", highlight=False)
            raise typer.Exit(1)
        engine = _engine(settings)
        for path, result in parsed:
            done = import_interpol(
                SqlUnitOfWork(engine), Actor.system(settings.bureau), result.records, str(path)
            )
            err.print(
                f"imported {done.created} new and updated {done.updated} notice(s) from {path}"
            )


@notices_app.command("expire")
def notices_expire() -> None:
    """Expire published notices whose five-year validity has ended (run daily)."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.services.context import Actor
    from ncbdesk.services.notices import expire_notices

    with cli_errors():
        settings = _settings()
        expired = expire_notices(SqlUnitOfWork(_engine(settings)), Actor.system(settings.bureau))
        err.print(f"{len(expired)} notice(s) expired")


@requests_app.command("import")
def requests_import(
    files: Annotated[list[Path], typer.Argument(help="CSV, JSON lines (.jsonl) or .eml files.")],
    screen: Annotated[
        bool, typer.Option(help="Screen the persons incoming requests name (builds the index).")
    ] = False,
) -> None:
    """Register requests from files: all or nothing, bad lines reported by number and field.

    CSV has a header row of field names; JSON lines one object a line (the same
    names); an .eml file is one incoming e-mail request with its attachments.
    """
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.adapters.intake import parse_file
    from ncbdesk.adapters.storage import FolderStorage
    from ncbdesk.domain.errors import ValidationFailed
    from ncbdesk.services.context import Actor
    from ncbdesk.services.requests import RegistryConfig, import_requests

    with cli_errors():
        settings = _settings()
        config = RegistryConfig.from_settings(settings)
        parsed = []
        bad = 0
        for path in files:
            result = parse_file(path, settings.eml_max_bytes, settings.attachment_max_bytes)
            for e in result.errors:
                err.print(f"  {path.name}: {e}", markup=False, highlight=False)
            bad += len(result.errors)
            parsed.extend(result.items)
        if bad:
            err.print(f"[bold red]error:[/] {bad} problem(s); nothing imported", highlight=False)
            raise typer.Exit(1)
        engine = _engine(settings)
        index = None
        if screen:
            from ncbdesk.adapters.index_store import IndexStore

            index = IndexStore(settings.index_dir, engine).get()
        try:
            done = import_requests(
                SqlUnitOfWork(engine),
                Actor.system(settings.bureau),
                [p.request for p in parsed],
                config,
                index,
                source=", ".join(str(f) for f in files)[:300],
                storage=FolderStorage(settings.data_dir / "attachments"),
                files=[[(f.file_name, f.data) for f in p.files] for p in parsed],
            )
        except ValidationFailed as exc:
            # The service names records by position; say which file and line.
            for e in exc.errors:
                head, _, rest = e.field.partition("].")
                i = int(head[len("requests[") :]) if head.startswith("requests[") else -1
                where = (
                    f"{parsed[i].source}: line {parsed[i].line}: " if 0 <= i < len(parsed) else ""
                )
                err.print(f"  {where}{rest or e.field}: {e.message}", markup=False, highlight=False)
            err.print(f"[bold red]error:[/] {exc.message}", highlight=False)
            raise typer.Exit(1) from None
        hits = sum(len(r.hits) for r in done)
        err.print(f"imported {len(done)} request(s); {hits} possible hit(s)")


@requests_app.command("escalate")
def requests_escalate() -> None:
    """Escalate every open request past its deadline (run every few minutes)."""
    from ncbdesk.adapters.db.engine import SqlUnitOfWork
    from ncbdesk.services.context import Actor
    from ncbdesk.services.requests import escalate_overdue

    with cli_errors():
        settings = _settings()
        done = escalate_overdue(SqlUnitOfWork(_engine(settings)), Actor.system(settings.bureau))
        for r in done:
            typer.echo(f"{r.id}\t{r.assignee or r.queue or '-'}\t{r.subject}")
        err.print(f"{len(done)} request(s) escalated")


@app.command("config")
def config() -> None:
    """List every setting with its environment variable and help."""
    for name, help_text in Settings.help().items():
        typer.echo(f"{name}\n    {help_text}")


def main() -> None:
    app()
