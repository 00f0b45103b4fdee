"""The screening index on disk: built from the database, saved, memory-mapped.

The index lives in DATA_DIR/index. A manifest records a fingerprint of the
persons table (count and latest change); when it no longer matches, the index
is rebuilt, as it is when it was saved in another index format. Several
server processes can load the same files: the arrays are memory-mapped
read-only, so they share the pages.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, func, select

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.db.tables import persons
from ncbdesk.matching import ScreeningIndex
from ncbdesk.matching.index import FORMAT_VERSION
from ncbdesk.services.screening import subjects_from_db

log = logging.getLogger("ncbdesk.index")
MANIFEST = "ncbdesk-manifest.json"


def fingerprint(engine: Engine) -> str:
    with engine.connect() as conn:
        count, latest = conn.execute(
            select(func.count(), func.max(persons.c.updated_at)).select_from(persons)
        ).one()
    return f"{count}|{latest}"


class IndexStore:
    """Loads, builds and keeps one screening index for a process."""

    def __init__(self, directory: Path, engine: Engine) -> None:
        self.directory = directory
        self.engine = engine
        self._index: ScreeningIndex | None = None
        self._lock = threading.Lock()

    def _manifest(self) -> dict[str, str]:
        try:
            data = json.loads((self.directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def build(self, progress: Callable[[int], None] | None = None) -> ScreeningIndex:
        """Build from every person in the database and save it."""
        fp = fingerprint(self.engine)
        with SqlUnitOfWork(self.engine) as uow:
            index = ScreeningIndex.build(subjects_from_db(uow.persons.iter_all()), progress)
        tmp = self.directory.with_name(self.directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        index.save(tmp)
        manifest = {"fingerprint": fp, "format": FORMAT_VERSION}
        (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        # Replace the old files only once the new ones are complete.
        shutil.rmtree(self.directory, ignore_errors=True)
        tmp.rename(self.directory)
        log.info("screening index built: %d persons", len(index))
        return ScreeningIndex.load(self.directory, mmap=True)

    @property
    def loaded(self) -> ScreeningIndex | None:
        """The index if this process has loaded it; None otherwise (nothing to keep in step)."""
        return self._index

    def warm_up(self) -> threading.Thread:
        """Load (or build) the index, make its name forms ready and screen once, in a thread.

        A server calls this as it starts, so that the first officer to screen
        does not wait for the index (a rebuild takes about a minute at
        1,000,000 persons) or for the compiled kernels to load (seconds, and
        longer on the first start after an install, when they compile), and
        the first queries do not each make the list's name forms
        (ScreeningIndex.warm: ~2 s at 1,000,000 persons).
        Requests that arrive meanwhile wait on the same lock as before.
        """

        def run() -> None:
            try:
                started = time.perf_counter()
                index = self.get()
                forms = index.warm()
                index.search("warm up")
                log.info(
                    "screening ready: %d persons, %d name forms, %.1f s",
                    len(index),
                    forms,
                    time.perf_counter() - started,
                )
            except Exception:  # the first request will try again and report it
                log.exception("screening warm-up failed")

        thread = threading.Thread(target=run, name="screening-warm-up", daemon=True)
        thread.start()
        return thread

    def get(self) -> ScreeningIndex:
        """The index, loaded from disk if current, otherwise rebuilt."""
        with self._lock:
            if self._index is None:
                manifest = self._manifest()
                # An index saved by another version of the engine is rebuilt:
                # its keys and stored forms may no longer be what this one computes.
                if manifest.get("fingerprint") == fingerprint(self.engine) and (
                    manifest.get("format") == FORMAT_VERSION
                ):
                    self._index = ScreeningIndex.load(self.directory, mmap=True)
                else:
                    self._index = self.build()
            return self._index
