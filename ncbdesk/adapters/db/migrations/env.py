"""Alembic environment: uses the connection handed in by `migrate.upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from ncbdesk.adapters.db.tables import metadata

config = context.config
target_metadata = metadata

# Full-text objects made by hand in migration 0005 (SQLite's FTS5 table and its
# shadow tables, PostgreSQL's GIN indexes) are not in the metadata; without
# this filter autogenerate would propose dropping them.
HAND_MADE = ("request_fts", "ix_requests_fts", "ix_request_messages_fts")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (reflected and compare_to is None and (name or "").startswith(HAND_MADE))


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run()
