"""The `ncbdesk` command line.

`groups` holds the Typer app and its groups; each module beside it adds its
commands when imported here.
"""

from __future__ import annotations

from ncbdesk.entrypoints.cli import (  # noqa: F401 - imported to register their commands
    accounts,
    assess,
    notices,
    persons,
    requests,
    server,
)
from ncbdesk.entrypoints.cli.groups import app

__all__ = ["app", "main"]


def main() -> None:
    app()
