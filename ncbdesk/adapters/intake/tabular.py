"""Bulk intake from CSV (a header row of field names) and JSON lines (one object a line)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ncbdesk.adapters.intake.records import Parsed, ParseResult, request_from_record
from ncbdesk.domain.errors import FieldError

MAX_LINE_CHARS = 1_000_000  # a request is a few KB; a longer line is not one
MAX_ERRORS = 1000  # report this many, then stop: the file is not what it should be


def _add(result: ParseResult, record: dict[str, Any], line: int, source: str) -> None:
    found = request_from_record(record, line)
    if isinstance(found, list):
        result.errors.extend(found)
    else:
        result.items.append(Parsed(found, line, source))


def parse_jsonl(text: str, source: str = "") -> ParseResult:
    result = ParseResult()
    for number, line in enumerate(text.splitlines(), start=1):
        if len(result.errors) >= MAX_ERRORS:
            break
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARS:
            result.errors.append(
                FieldError("line", f"longer than {MAX_LINE_CHARS} characters", number)
            )
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            result.errors.append(FieldError("json", f"not JSON: {exc.msg}", number))
            continue
        if not isinstance(obj, dict):
            result.errors.append(FieldError("json", "expected a JSON object", number))
            continue
        _add(result, obj, number, source)
    return result


def parse_csv(text: str, source: str = "") -> ParseResult:
    """CSV with a header row; lines are counted as in the file (header is line 1)."""
    result = ParseResult()
    csv.field_size_limit(MAX_LINE_CHARS)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\x00extra")
    end_of_last = 1  # the header row
    try:
        for row in reader:
            if len(result.errors) >= MAX_ERRORS:
                break
            # A quoted value may span lines: report the line the record starts on.
            line, end_of_last = end_of_last + 1, reader.line_num
            if "\x00extra" in row:
                result.errors.append(FieldError("csv", "more values than header columns", line))
                continue
            if all(v in (None, "") for v in row.values()):
                continue
            record = {k: v for k, v in row.items() if k is not None and v not in (None, "")}
            _add(result, record, line, source)
    except csv.Error as exc:
        result.errors.append(FieldError("csv", f"not CSV: {exc}", reader.line_num))
    return result
