"""Notices: INTERPOL public notice import, expiry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ncbdesk.entrypoints.cli.common import (
    _engine,
    _settings,
    cli_errors,
    err,
    unreadable,
)
from ncbdesk.entrypoints.cli.groups import (
    notices_app,
)


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
                raise unreadable(path, exc) from None
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
