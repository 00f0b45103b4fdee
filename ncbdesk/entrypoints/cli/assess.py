"""The Article 3 and human-rights assessment on JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ncbdesk.entrypoints.cli.common import (
    err,
    unreadable,
)
from ncbdesk.entrypoints.cli.groups import (
    app,
)

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
        raise unreadable(file, exc) from None
    if bad and not skip_invalid:
        err.print(
            f"[bold red]error:[/] {bad} bad line(s); nothing assessed "
            "(use --skip-invalid to assess the rest)",
            highlight=False,
        )
        raise typer.Exit(1)
    for ident, case in cases:
        typer.echo(json.dumps(assessment_to_json(ident, run_assessment(case)), ensure_ascii=False))
