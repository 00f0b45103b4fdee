"""The request registry: import and escalation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ncbdesk.entrypoints.cli.common import (
    _engine,
    _settings,
    cli_errors,
    err,
)
from ncbdesk.entrypoints.cli.groups import (
    requests_app,
)


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
