"""Request intake from files: CSV, JSON lines and e-mail (.eml), chosen by extension."""

from __future__ import annotations

from pathlib import Path

from ncbdesk.adapters.intake.eml import parse_eml
from ncbdesk.adapters.intake.records import IncomingFile, Parsed, ParseResult
from ncbdesk.adapters.intake.tabular import parse_csv, parse_jsonl
from ncbdesk.domain.errors import FieldError

SUFFIXES = (".csv", ".jsonl", ".ndjson", ".eml")


def parse_file(
    path: Path, max_eml_bytes: int = 25 * 1024 * 1024, max_file: int = 10 * 1024 * 1024
) -> ParseResult:
    """Read one intake file; every problem comes back as a FieldError with its line."""
    suffix = path.suffix.lower()
    source = path.name
    if suffix not in SUFFIXES:
        return ParseResult(
            errors=[FieldError("file", f"use {', '.join(SUFFIXES)} (got '{suffix}')", 1)]
        )
    try:
        if suffix == ".eml":
            if path.stat().st_size > max_eml_bytes:
                size = path.stat().st_size
                return ParseResult(
                    errors=[
                        FieldError(
                            "file",
                            f"{size} bytes; an e-mail file may be at most {max_eml_bytes} bytes",
                            1,
                        )
                    ]
                )
            return parse_eml(path.read_bytes(), source, max_eml_bytes, max_file)
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return ParseResult(errors=[FieldError("file", f"cannot read: {exc}", 1)])
    return parse_csv(text, source) if suffix == ".csv" else parse_jsonl(text, source)


__all__ = ["IncomingFile", "ParseResult", "Parsed", "parse_csv", "parse_eml", "parse_file"]
