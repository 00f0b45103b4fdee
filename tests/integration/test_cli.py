"""The `ncbdesk` command line on real files and a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ncbdesk.entrypoints.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("NCBDESK_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("NCBDESK_BUREAU", "RU")
    runner = CliRunner()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    return runner


def export(cli: CliRunner, tmp_path: Path) -> list[dict[str, object]]:
    out = tmp_path / "out.jsonl"
    result = cli.invoke(app, ["export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_import_then_export_round_trip(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["import", str(FIXTURES / "persons.ftm.jsonl")])
    assert result.exit_code == 0, result.output
    assert "imported 3 new" in result.output
    entities = {e["id"]: e for e in export(cli, tmp_path)}
    assert set(entities) == {"ru-mvd-001", "kz-002", "eg-003"}
    magomed = entities["ru-mvd-001"]["properties"]
    assert isinstance(magomed, dict)
    assert magomed["name"] == ["Магомед Нурбагандов"]
    assert magomed["fatherName"] == ["Валерьевич"]
    assert magomed["alias"] == ["Magomed Nurbagandov"]
    assert magomed["idNumber"] == ["8201 123456"]
    asel = entities["kz-002"]["properties"]
    assert isinstance(asel, dict)
    assert asel["name"] == ["Асель Нурланова"] and asel["birthDate"] == ["1990-07"]


def test_reimport_updates_instead_of_duplicating(cli: CliRunner, tmp_path: Path) -> None:
    path = str(FIXTURES / "persons.ftm.jsonl")
    assert cli.invoke(app, ["import", path]).exit_code == 0
    result = cli.invoke(app, ["import", path])
    assert result.exit_code == 0 and "imported 0 new and updated 3" in result.output
    assert len(export(cli, tmp_path)) == 3


def test_bad_file_is_all_or_nothing_with_line_numbers(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["import", str(FIXTURES / "persons-bad.ftm.jsonl")])
    assert result.exit_code == 1
    out = result.output
    assert "line 2: properties.birthDate[0]: day 30 does not exist" in out
    assert "line 3:" in out and "malformed JSON" in out
    assert "line 4: properties.nationality" in out and "'ATLANTIS'" in out
    assert "line 5: properties.name" in out
    assert "line 6: schema: expected 'Person'" in out
    assert "nothing imported" in out
    assert export(cli, tmp_path) == []


def test_skip_invalid_imports_the_rest_and_writes_a_report(cli: CliRunner, tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    result = cli.invoke(
        app,
        [
            "import",
            str(FIXTURES / "persons-bad.ftm.jsonl"),
            "--skip-invalid",
            "--report",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    assert {e["id"] for e in export(cli, tmp_path)} == {"ok-1", "ok-2"}
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in lines] == [2, 3, 4, 5, 6]
    assert lines[0]["errors"][0]["field"] == "properties.birthDate[0]"


def test_missing_file_is_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["import", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_binary_file_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xfe")
    result = cli.invoke(app, ["import", str(path)])
    assert result.exit_code == 1 and "cannot read" in result.output
    assert export(cli, tmp_path) == []


def test_bad_configuration_names_the_variable(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NCBDESK_BUREAU", "Atlantis")
    result = cli.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 1 and "NCBDESK_BUREAU" in result.output
