"""`ncbdesk assess`: one JSON line per request, in order; bad lines named."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ncbdesk.entrypoints.cli import app

REQUESTS = [
    {
        "id": "political",
        "offence": "Insulting the President",
        "legal_provisions": "Criminal Code art. 319",
        "facts": "published a satirical cartoon of the head of state",
        "person_status": "blogger",
        "refugee_status_against_requester": False,
    },
    {
        "id": 2,
        "offence": "Убийство",
        "legal_provisions": "ст. 105 ч. 2 УК РФ",
        "facts": "застрелил двух человек в ходе ограбления",
        "person_status": "",
    },
    {
        "id": "refugee",
        "offence": "Fraud",
        "facts": "obtained loans with forged documents",
        "refugee_status_against_requester": True,
    },
]


def run(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, list[dict[str, object]], str]:
    path = tmp_path / "requests.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(path), *args])
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, out, result.stderr


def test_contract(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, [json.dumps(r, ensure_ascii=False) for r in REQUESTS])
    assert code == 0
    assert [o["id"] for o in out] == ["political", 2, "refugee"]
    for o in out:
        assert set(o) == {"id", "risk", "needs_review", "reasons"}
        assert o["needs_review"] == (o["risk"] != "low")
        assert o["reasons"] and all(isinstance(r, str) for r in o["reasons"])  # type: ignore[union-attr]
    assert out[0]["risk"] == "high"
    assert out[1]["risk"] == "low"
    assert out[2]["needs_review"] is True


def test_bad_lines_stop_everything(tmp_path: Path) -> None:
    lines = [
        json.dumps(REQUESTS[0]),
        '{"id": "x", "facts": 5, "refugee_status_against_requester": "yes"}',
        "{broken",
    ]
    code, out, err = run(tmp_path, lines)
    assert code == 1 and out == []
    assert "line 2: facts: must be a string; refugee_status_against_requester" in err
    assert "line 3: : malformed JSON" in err


def test_skip_invalid(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, ["[1, 2]", json.dumps(REQUESTS[1])], "--skip-invalid")
    assert code == 0 and [o["id"] for o in out] == [2]
    assert "line 1" in err
