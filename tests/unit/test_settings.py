from pathlib import Path

import pytest

from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_configuration() -> None:
    s = Settings.from_env({})
    assert s.port == 8000
    assert s.sqlalchemy_url.startswith("sqlite:///") and s.sqlalchemy_url.endswith("ncbdesk.db")


def test_reads_typed_values() -> None:
    s = Settings.from_env(
        {"NCBDESK_PORT": "9000", "NCBDESK_DEMO": "yes", "NCBDESK_DATA_DIR": "/tmp/x"}
    )
    assert (s.port, s.demo, s.data_dir) == (9000, True, Path("/tmp/x"))


def test_bad_values_fail_loudly_naming_the_variable() -> None:
    with pytest.raises(ValidationFailed) as exc:
        Settings.from_env(
            {
                "NCBDESK_PORT": "eighty",
                "NCBDESK_BUREAU": "Atlantis",
                "NCBDESK_TIMEZONE": "Mars/Olympus",
                "NCBDESK_DEMO": "maybe",
            }
        )
    assert {e.field for e in exc.value.errors} == {
        "NCBDESK_PORT",
        "NCBDESK_BUREAU",
        "NCBDESK_TIMEZONE",
        "NCBDESK_DEMO",
    }


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.help() if f"`{name}`" not in readme]
    assert missing == []
