"""`ncbdesk notices import` and `notices expire` on real files and SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.entrypoints.cli import app
from ncbdesk.services.ports import NoticeFilter

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interpol"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("NCBDESK_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    return runner


def notice_count(tmp_path: Path) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / 'ncbdesk.db'}")
    with SqlUnitOfWork(engine) as uow:
        n = uow.notices.list(NoticeFilter(), 0, 1000).total
    engine.dispose()
    return n


def test_import_then_reimport_updates(cli: CliRunner, tmp_path: Path) -> None:
    files = [str(FIXTURES / "red-list.json"), str(FIXTURES / "yellow-detail.json")]
    first = cli.invoke(app, ["notices", "import", *files])
    assert first.exit_code == 0, first.output
    count = notice_count(tmp_path)
    assert count >= 2
    again = cli.invoke(app, ["notices", "import", *files])
    assert again.exit_code == 0 and "imported 0 new" in again.output
    assert notice_count(tmp_path) == count


def test_bad_file_imports_nothing_even_beside_a_good_one(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(
        app, ["notices", "import", str(FIXTURES / "red-list.json"), str(FIXTURES / "bad-list.json")]
    )
    assert result.exit_code == 1
    assert "bad-list.json: _embedded.notices[1].date_of_birth" in result.output
    assert "nothing imported" in result.output
    assert notice_count(tmp_path) == 0


def test_expire_runs(cli: CliRunner) -> None:
    result = cli.invoke(app, ["notices", "expire"])
    assert result.exit_code == 0 and "0 notice(s) expired" in result.output
