"""`ncbdesk audit verify` finds an edited, a deleted and a reordered entry in a tampered copy."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ncbdesk.adapters.db.engine import make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.security_repos import SqlAuditLog
from ncbdesk.domain.audit import AuditEntry
from ncbdesk.domain.persons import utcnow
from ncbdesk.entrypoints.cli import app


@pytest.fixture
def original(tmp_path: Path) -> Path:
    data = tmp_path / "original"
    data.mkdir()
    engine = make_engine(f"sqlite:///{data / 'ncbdesk.db'}")
    upgrade(engine)
    log = SqlAuditLog(engine)
    for i in range(6):
        log.append(AuditEntry(utcnow(), f"officer{i}", "RU", "person.read", "person", f"p{i}"))
    engine.dispose()
    return data


def tampered(original: Path, tmp_path: Path, sql: Callable[[sqlite3.Connection], None]) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    with sqlite3.connect(copy / "ncbdesk.db") as conn:
        sql(conn)
    return copy


def run_verify(data: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("NCBDESK_DATA_DIR", str(data))
    result = CliRunner().invoke(app, ["audit", "verify"])
    return result.exit_code, result.output


def test_untouched_trail_verifies(original: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run_verify(original, monkeypatch)
    assert code == 0 and "intact: 6 entries" in out


def test_edited_entry(original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tampered(
        original, tmp_path, lambda c: c.execute("UPDATE audit_log SET actor='nobody' WHERE seq=3")
    )
    code, out = run_verify(copy, monkeypatch)
    assert code == 1 and "entry 3: content does not match its hash (edited)" in out


def test_deleted_entry(original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tampered(original, tmp_path, lambda c: c.execute("DELETE FROM audit_log WHERE seq=4"))
    code, out = run_verify(copy, monkeypatch)
    assert code == 1 and "entry 5: expected entry 4" in out
    assert "entry 5: does not follow the previous entry's hash" in out


def test_reordered_entries(original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def swap(c: sqlite3.Connection) -> None:
        c.execute("UPDATE audit_log SET seq=100 WHERE seq=2")
        c.execute("UPDATE audit_log SET seq=2 WHERE seq=5")
        c.execute("UPDATE audit_log SET seq=5 WHERE seq=100")

    copy = tampered(original, tmp_path, swap)
    code, out = run_verify(copy, monkeypatch)
    assert code == 1 and "entry 2:" in out and "entry 5:" in out


def test_last_entry_rewritten_with_a_fresh_hash_still_breaks_nothing_before(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone who rewrites an entry and recomputes its hash must also rewrite
    # every later one: the next entry no longer follows it.
    def rewrite(c: sqlite3.Connection) -> None:
        c.execute("UPDATE audit_log SET hash='" + "f" * 64 + "' WHERE seq=2")

    copy = tampered(original, tmp_path, rewrite)
    code, out = run_verify(copy, monkeypatch)
    assert code == 1 and "entry 3: does not follow the previous entry's hash" in out
