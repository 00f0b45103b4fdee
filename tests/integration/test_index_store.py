"""The screening index on disk: reused while current, rebuilt when stale or of another format."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from ncbdesk.adapters.index_store import MANIFEST, IndexStore
from ncbdesk.matching.index import FORMAT_VERSION


def test_an_index_saved_in_another_format_is_rebuilt_not_read(engine: Engine, tmp_path: Path):
    directory = tmp_path / "index"
    IndexStore(directory, engine).get()
    manifest = json.loads((directory / MANIFEST).read_text())
    assert manifest["format"] == FORMAT_VERSION

    marker = directory / "left-by-this-build"
    marker.write_text("")
    IndexStore(directory, engine).get()
    assert marker.exists(), "a current index is loaded, not rebuilt"

    manifest["format"] = FORMAT_VERSION - 1
    (directory / MANIFEST).write_text(json.dumps(manifest))
    index = IndexStore(directory, engine).get()
    assert not marker.exists(), "an index of an older format must be rebuilt"
    assert len(index) == 0
    assert json.loads((directory / MANIFEST).read_text())["format"] == FORMAT_VERSION


def test_warm_up_loads_the_index_before_the_first_request(engine: Engine, tmp_path: Path):
    store = IndexStore(tmp_path / "index", engine)
    assert store.loaded is None
    store.warm_up().join(timeout=120)
    assert store.loaded is not None, "the warm-up thread loads or builds the index"
    assert (tmp_path / "index" / MANIFEST).exists()
    assert store.get() is store.loaded, "a request then finds the index already loaded"
