"""Accounts, API tokens and the audit trail."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from ncbdesk.entrypoints.cli.common import (
    _engine,
    _settings,
    cli_errors,
    err,
)
from ncbdesk.entrypoints.cli.groups import (
    audit_app,
    token_app,
    user_app,
)


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
