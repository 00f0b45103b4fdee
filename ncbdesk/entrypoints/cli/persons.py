"""Persons: import and export (FollowTheMoney JSON lines), and screening."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ncbdesk.entrypoints.cli.common import (
    ParsedFileT,
    _settings,
    cli_errors,
    err,
    progress,
    unreadable,
)
from ncbdesk.entrypoints.cli.groups import (
    app,
)


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
    from ncbdesk.services.context import Actor
    from ncbdesk.services.persons import import_persons

    with cli_errors():
        settings = _settings()
        bureau = (owner or settings.bureau).upper()
        parsed = _read_entities(file, "", bureau, skip_invalid, ("import", "imported"))
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


def _read_entities(
    path: Path, label: str, bureau: str, skip_invalid: bool, verb: tuple[str, str]
) -> ParsedFileT:
    """Parse an FtM file, print each bad line, and stop unless `skip_invalid`.

    `verb` names what the command does with the lines, e.g. ("screen", "screened").
    """
    from ncbdesk.adapters.ftm import parse_persons

    try:
        with path.open(encoding="utf-8", errors="strict") as fh:
            parsed = parse_persons(fh, bureau)
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(path, exc) from None
    for line_error in parsed.errors:
        err.print(f"  {label}{line_error}", markup=False, highlight=False)
    if parsed.errors and not skip_invalid:
        err.print(
            f"[bold red]error:[/] {len(parsed.errors)} bad line(s); nothing "
            f"{verb[1]} (use --skip-invalid to {verb[0]} the rest)",
            highlight=False,
        )
        raise typer.Exit(1)
    return parsed


SCREEN_VERB = ("screen", "screened")


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
        parsed_queries = _read_entities(
            queries, f"query {queries.name} ", settings.bureau, skip_invalid, SCREEN_VERB
        )
        if list_file is not None:
            parsed_list = _read_entities(
                list_file, f"list {list_file.name} ", settings.bureau, skip_invalid, SCREEN_VERB
            )
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
