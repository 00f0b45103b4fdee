"""The `ncbdesk` command and its groups; the commands register themselves in the modules."""

from __future__ import annotations

import typer

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
