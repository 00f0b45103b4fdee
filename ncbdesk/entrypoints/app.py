"""create_app(settings): the one place the web application is assembled."""

from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import text

from ncbdesk.adapters.db.engine import make_engine
from ncbdesk.adapters.index_store import IndexStore
from ncbdesk.entrypoints import errors
from ncbdesk.entrypoints.api import admin as admin_api
from ncbdesk.entrypoints.api import docs as api_docs
from ncbdesk.entrypoints.api import extradition as extradition_api
from ncbdesk.entrypoints.api import hits as hits_api
from ncbdesk.entrypoints.api import notices as notices_api
from ncbdesk.entrypoints.api import persons as persons_api
from ncbdesk.entrypoints.api import requests as requests_api
from ncbdesk.entrypoints.api import requests_forward as requests_forward_api
from ncbdesk.entrypoints.api import retention as retention_api
from ncbdesk.entrypoints.api import screening as screening_api
from ncbdesk.entrypoints.api.schemas import Health
from ncbdesk.entrypoints.deps import AppContext, public
from ncbdesk.entrypoints.limits import BodySizeLimit, upload_body_limit
from ncbdesk.entrypoints.security import SecurityHeaders
from ncbdesk.settings import Settings

API_PREFIX = "/api/v1"


def create_app(settings: Settings) -> FastAPI:
    """Build the app; nothing here runs at import time (STYLE 8)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.sqlalchemy_url)
    ctx = AppContext(
        settings=settings, engine=engine, index_store=IndexStore(settings.index_dir, engine)
    )
    app = FastAPI(
        title="ncbdesk",
        version="0.1.0",
        description=(
            "The working system of an INTERPOL National Central Bureau: persons, notices, "
            "screening. Errors share one shape: `{error: {code, message, details[]}}`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.ctx = ctx
    errors.install(app)

    api = APIRouter(prefix=API_PREFIX)
    api.include_router(persons_api.router)
    api.include_router(notices_api.router)
    api.include_router(screening_api.router)
    api.include_router(admin_api.router)
    api.include_router(hits_api.router)
    api.include_router(extradition_api.router)
    api.include_router(requests_forward_api.router)  # first: /requests/export.csv
    api.include_router(requests_api.router)
    api.include_router(retention_api.router)
    app.include_router(api)

    @app.get("/healthz", response_model=Health, tags=["health"], dependencies=[Depends(public)])
    def healthz() -> Health:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        with ctx.uow() as uow:
            return Health(
                status="ok",
                database=engine.dialect.name,
                persons=uow.persons.count(),
                notices=uow.notices.count(),
            )

    from ncbdesk.entrypoints.web.routes import install as install_web

    install_web(app)
    api_docs.install(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        upload_max_bytes=upload_body_limit(settings),
    )
    app.add_middleware(SecurityHeaders)
    return app
