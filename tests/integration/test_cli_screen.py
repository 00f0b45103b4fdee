"""`ncbdesk screen`: the contract other tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ncbdesk.entrypoints.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures"
LIST = FIXTURES / "persons.ftm.jsonl"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("NCBDESK_DATA_DIR", str(tmp_path / "var"))
    return CliRunner()


def write(tmp_path: Path, *entities: object) -> Path:
    path = tmp_path / "queries.jsonl"
    path.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8"
    )
    return path


def person(eid: str, **props: list[str]) -> dict[str, object]:
    return {"id": eid, "schema": "Person", "properties": props}


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_one_line_per_query_in_input_order(cli: CliRunner, tmp_path: Path) -> None:
    queries = write(
        tmp_path,
        person("b", name=["NURBAGANDOV Magomed"], birthDate=["1985-02-01"]),
        person("a", name=["Kolokoltsev Vladimir"]),
        person("c", firstName=["Асель"], lastName=["Нурланова"], birthDate=["1990-07"]),
    )
    result = cli.invoke(app, ["screen", "--list", str(LIST), str(queries), "--top", "2"])
    assert result.exit_code == 0, result.output
    out = lines(result.stdout)
    assert [o["query"] for o in out] == ["b", "a", "c"]
    for o in out:
        matches = o["matches"]
        # At most K: a query sharing no name key with anyone has no candidates.
        assert isinstance(matches, list) and len(matches) <= 2
        scores = [m["score"] for m in matches]
        assert scores == sorted(scores, reverse=True)
        for m in matches:
            assert set(m) == {"id", "score", "alert", "reasons"}
            assert 0.0 <= m["score"] <= 1.0
    assert len(out[0]["matches"]) == 2  # type: ignore[arg-type]
    top_b = out[0]["matches"][0]  # type: ignore[index]
    assert top_b["id"] == "ru-mvd-001" and top_b["alert"] is True and top_b["reasons"]
    assert out[2]["matches"][0]["id"] == "kz-002"  # type: ignore[index]


def test_threshold_sets_alerts(cli: CliRunner, tmp_path: Path) -> None:
    queries = write(tmp_path, person("q", name=["Magomed Nurbagandov"]))
    strict = cli.invoke(app, ["screen", "--list", str(LIST), str(queries), "--threshold", "1.0"])
    lax = cli.invoke(app, ["screen", "--list", str(LIST), str(queries), "--threshold", "0.0"])
    assert strict.exit_code == lax.exit_code == 0
    assert not any(m["alert"] for m in lines(strict.stdout)[0]["matches"])  # type: ignore[attr-defined]
    assert all(m["alert"] for m in lines(lax.stdout)[0]["matches"])  # type: ignore[attr-defined]


def test_bad_line_fails_before_any_output(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        json.dumps(person("ok", name=["Ivan Petrov"])) + "\n{not json\n", encoding="utf-8"
    )
    result = cli.invoke(app, ["screen", "--list", str(LIST), str(path)])
    assert result.exit_code == 1
    assert "line 2" in result.output and "malformed JSON" in result.output
    assert lines(result.stdout) == []


def test_skip_invalid_screens_the_rest(cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        "{not json\n" + json.dumps(person("ok", name=["Ivan Petrov"])) + "\n", encoding="utf-8"
    )
    result = cli.invoke(app, ["screen", "--list", str(LIST), str(path), "--skip-invalid"])
    assert result.exit_code == 0
    assert [o["query"] for o in lines(result.stdout)] == ["ok"]
    assert "line 1" in result.stderr


def test_screens_against_the_database_without_list(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert cli.invoke(app, ["import", str(LIST)]).exit_code == 0
    queries = write(tmp_path, person("q", name=["Мохамед Абдельрахман"], birthDate=["1979"]))
    result = cli.invoke(app, ["screen", str(queries), "--top", "1"])
    assert result.exit_code == 0, result.output
    (only,) = lines(result.stdout)
    assert len(only["matches"]) == 1  # type: ignore[arg-type]
    assert (tmp_path / "var" / "index").is_dir()
