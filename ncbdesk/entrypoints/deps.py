"""What the API and web routes share: the app context and request dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.index_store import IndexStore
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services.context import Actor
from ncbdesk.settings import Settings


@dataclass
class AppContext:
    """Built once in create_app(); holds what lives as long as the process."""

    settings: Settings
    engine: Engine
    index_store: IndexStore

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)


def context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def uow(request: Request) -> SqlUnitOfWork:
    return context(request).uow()


def actor(request: Request) -> Actor:
    """The caller. Until accounts land every caller acts for this bureau."""
    return Actor("local", context(request).settings.bureau)


def index(request: Request) -> ScreeningIndex:
    """The screening index, loaded or built on first use."""
    return context(request).index_store.get()


def loaded_index(request: Request) -> ScreeningIndex | None:
    """The index only if loaded: changes to persons keep it in step."""
    return context(request).index_store.loaded
