"""Batch screening pages: upload a file, watch its progress, download the results.

The upload is checked whole first (type by content, size, every row) and
nothing runs while a row is bad, unless the officer ticks "skip invalid rows".
The job then runs in a thread of this process (services/batch_screening.py)
and is kept in the database, so every server process shows it; its page polls
a progress fragment with htmx, and works without JavaScript by reloading. The
uploaded file's name is never used: not for storage, not for the download
(named after the random job id).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response
from starlette.datastructures import UploadFile

from ncbdesk.adapters.batch_files import MAX_BYTES, MAX_ROWS, parse_batch
from ncbdesk.adapters.ftm import LineError
from ncbdesk.domain.batch_jobs import BatchJob
from ncbdesk.domain.errors import Conflict, NotFound, Problems, ValidationFailed
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, FormValues, text_value, values_from_pairs
from ncbdesk.entrypoints.web.rendering import render, see_other
from ncbdesk.entrypoints.web.screening import PURPOSES, TOP_CHOICES, stated_purpose, top_value
from ncbdesk.services.batch_screening import BatchJobs
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/screening/batch", include_in_schema=False)

Screener = Annotated[Actor, Depends(deps.requires(Permission.SCREEN))]
MAX_ERRORS_SHOWN = 200
FORM_FIELDS = ("file", "purpose", "purpose_detail", "skip_invalid", "top")
_registry_lock = threading.Lock()


def jobs(request: Request) -> BatchJobs:
    """The process's job registry (its worker threads), made on first use and kept on the app."""
    state = request.app.state
    with _registry_lock:
        registry: BatchJobs | None = getattr(state, "batch_jobs", None)
        if registry is None:
            ctx = deps.context(request)
            registry = BatchJobs(ctx.settings.data_dir / "batches", ctx.index_store.get, ctx.uow)
            state.batch_jobs = registry
    return registry


Jobs = Annotated[BatchJobs, Depends(jobs)]


def upload_limit(request: Request) -> int:
    """The largest file this page takes (multipart bodies have room for it: see limits.py)."""
    return MAX_BYTES


@dataclass(frozen=True)
class Upload:
    values: FormValues
    data: bytes | None  # None: no file chosen
    too_large: bool = False


async def upload(request: Request) -> Upload:
    """The form's fields and the file's bytes, read no further than the size limit."""
    # The context closes the uploaded file's spool, whatever happens here.
    async with request.form() as form:
        values = values_from_pairs(form.multi_items())
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or (not sent.filename and not sent.size):
            return Upload(values, None)
        data = await sent.read(MAX_BYTES + 1)
    return Upload(values, data, len(data) > MAX_BYTES)


Uploaded = Annotated[Upload, Depends(upload)]


def _page(
    request: Request,
    actor: Actor,
    registry: BatchJobs,
    form: FormState,
    line_errors: list[LineError] | None = None,
    status: int = 200,
) -> Response:
    line_errors = line_errors or []
    return render(
        request,
        "screening/batch.html",
        {
            "mode": "batch",
            "form": form,
            "purposes": PURPOSES,
            "tops": [(t, t) for t in TOP_CHOICES],
            "line_errors": line_errors[:MAX_ERRORS_SHOWN],
            "more_errors": max(0, len(line_errors) - MAX_ERRORS_SHOWN),
            "jobs": registry.mine(actor),
            "max_bytes": upload_limit(request),
            "max_mb": f"{upload_limit(request) / (1024 * 1024):.3g}",
            "max_rows": MAX_ROWS,
        },
        status=status,
        actor=actor,
    )


@router.get("")
def batch_form(request: Request, actor: Screener, registry: Jobs) -> Response:
    return _page(request, actor, registry, FormState(values={"top": TOP_CHOICES[0]}))


@router.post("")
def submit(request: Request, actor: Screener, registry: Jobs, sent: Uploaded) -> Response:
    values = sent.values
    p = Problems()
    purpose = stated_purpose(values, p)
    skip_invalid = bool(text_value(values, "skip_invalid"))
    line_errors: list[LineError] = []
    persons = []
    if sent.data is None:
        p.add("file", "choose a CSV or FtM JSON-lines file")
    elif sent.too_large:
        p.add("file", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    else:
        try:
            parsed = parse_batch(sent.data, actor.bureau, date.today())
        except ValidationFailed as exc:
            p.extend(exc.errors)
        else:
            persons, line_errors = parsed.persons, parsed.errors
            if line_errors and not skip_invalid:
                p.add("file", f"{len(line_errors)} row(s) are not valid; nothing was screened")
            elif not persons:
                p.add("file", "no valid row to screen")
    if p:
        failed = ValidationFailed("", p.items)
        message = "Nothing was screened: correct the file or the fields marked."
        state = FormState.failed(values, FORM_FIELDS, failed, message)
        return _page(request, actor, registry, state, line_errors, status=failed.status)
    try:
        job = registry.submit(
            actor, persons, purpose, skipped=len(line_errors), top_k=top_value(values)
        )
    except Conflict as exc:
        state = FormState.failed(values, FORM_FIELDS, None, exc.message)
        return _page(request, actor, registry, state, status=exc.status)
    return see_other(f"/screening/batch/{job.id}")


def _job_context(job: BatchJob) -> dict[str, Any]:
    # The job's summary holds the rows the page lists: alerts first, then by best score.
    return {"job": job, "rows": job.rows, "more_rows": job.more_rows}


@router.get("/{job_id}")
def job_page(request: Request, actor: Screener, registry: Jobs, job_id: str) -> Response:
    job = registry.get(actor, job_id)
    return render(
        request,
        "screening/batch_job.html",
        {"mode": "batch", **_job_context(job)},
        actor=actor,
    )


@router.get("/{job_id}/progress")
def progress(request: Request, actor: Screener, registry: Jobs, job_id: str) -> Response:
    """The progress fragment htmx polls; opened directly, the whole job page."""
    job = registry.get(actor, job_id)
    name = "screening/_progress.html"
    if request.headers.get("hx-request") != "true":
        name = "screening/batch_job.html"
    return render(request, name, {"mode": "batch", **_job_context(job)}, actor=actor)


def _download(registry: BatchJobs, actor: Actor, job_id: str, kind: str, media: str) -> Response:
    job = registry.get(actor, job_id)
    path = registry.result_file(job, kind)
    if not path.is_file():
        raise NotFound("The results file is no longer on the server.")
    return FileResponse(path, media_type=media, filename=f"screening-{job.id}.{kind}")


@router.get("/{job_id}/results.csv")
def results_csv(actor: Screener, registry: Jobs, job_id: str) -> Response:
    return _download(registry, actor, job_id, "csv", "text/csv; charset=utf-8")


@router.get("/{job_id}/results.jsonl")
def results_jsonl(actor: Screener, registry: Jobs, job_id: str) -> Response:
    return _download(registry, actor, job_id, "jsonl", "application/x-ndjson; charset=utf-8")
