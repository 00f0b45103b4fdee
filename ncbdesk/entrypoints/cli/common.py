"""What every command shares: settings, error reporting, progress bars, the engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ncbdesk.domain.errors import NcbError
from ncbdesk.settings import Settings

err = Console(stderr=True)
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


def _engine(settings: Settings) -> Any:
    from ncbdesk.adapters.db.engine import make_engine

    return make_engine(settings.sqlalchemy_url)


def unreadable(path: Path, exc: Exception) -> typer.Exit:
    """Say a file cannot be read, and why; the caller raises the returned exit."""
    err.print(f"[bold red]error:[/] cannot read {path}: {exc}", highlight=False)
    return typer.Exit(1)
