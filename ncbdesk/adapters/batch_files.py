"""Batch screening files: CSV or FtM JSON lines, checked whole before anything runs.

A batch file is read from bytes, never from a path a user named. Its type is
decided by its content (a JSON object on the first line, or a CSV header row),
not by its file name. Every bad row is reported by line and column, so the
sender can fix the file in one go.

The CSV columns are those of `COLUMNS`; a header row is required, UTF-8 with or
without a byte-order mark, separated by commas or semicolons (spreadsheets in
much of Europe save with semicolons).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date
from typing import Literal

from ncbdesk.adapters.ftm import LineError, ParsedFile, parse_persons
from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import FieldError, NcbError, Problems, ValidationFailed
from ncbdesk.domain.persons import DocumentType, IdentityDocument, Person, PersonName, Sex

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_FIELD = 1000  # characters in one cell; a name or a date is far shorter
COLUMNS = (
    "id",
    "name",
    "given",
    "family",
    "patronymic",
    "birth_date",
    "nationality",
    "sex",
    "document",
)
NAME_COLUMNS = ("name", "given", "family", "patronymic")
BOM = "\ufeff"
FileKind = Literal["csv", "ftm"]

_SEX = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "u": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
}
_LIST = re.compile(r"[\s|/,;]+")
# Where a domain error on the query person belongs among the file's columns.
_DOMAIN_TO_COLUMN = {
    "names": "name",
    "birth_dates": "birth_date",
    "nationalities": "nationality",
    "documents": "document",
    "sex": "sex",
}


def query_person(fields: Mapping[str, str], owner_bureau: str, today: date | None) -> Person:
    """A person to screen from the columns of `COLUMNS` (a CSV row or the screening form).

    Raises ValidationFailed with each error under the column it came from.
    """
    p = Problems()

    def get(column: str) -> str:
        value = fields.get(column, "") or ""
        if len(value) > MAX_FIELD:
            p.add(column, f"longer than {MAX_FIELD} characters")
            return ""
        return value.strip()

    name, given, family, patronymic = (get(c) for c in NAME_COLUMNS)
    if not (name or given or family):
        p.add("name", "a name is required (or a given or family name)")
    birth_dates: list[PartialDate] = []
    raw_date = get("birth_date")
    if raw_date:
        try:
            birth_dates.append(PartialDate.parse(raw_date))
        except PartialDateError as exc:
            p.add("birth_date", str(exc))
    nationalities: list[str] = []
    for code in _LIST.split(get("nationality")):
        if not code:
            continue
        cleaned = clean_country(code)
        if cleaned is None:
            p.add("nationality", f"'{code[:40]}' is not an ISO 3166 country code")
        else:
            nationalities.append(cleaned)
    raw_sex = get("sex").lower()
    sex = _SEX.get(raw_sex, Sex.UNKNOWN)
    if raw_sex and raw_sex not in _SEX:
        p.add("sex", f"'{raw_sex[:20]}' is not one of male, female, unknown (or m, f, u)")
    number = get("document")
    documents = [IdentityDocument(number=number, type=DocumentType.OTHER)] if number else []
    p.raise_if_any("The query is not valid.")

    person = Person(
        owner_bureau=owner_bureau,
        names=[PersonName(full=name, given=given, family=family, patronymic=patronymic)],
        birth_dates=birth_dates,
        nationalities=nationalities,
        sex=sex,
        documents=documents,
        external_id=get("id") or None,
    )
    try:
        person.validate(today=today)
    except ValidationFailed as exc:
        raise ValidationFailed(
            "The query is not valid.", [_to_column(e) for e in exc.errors]
        ) from None
    return person


def _to_column(error: FieldError) -> FieldError:
    head = error.field.split("[")[0].split(".")[0]
    return FieldError(_DOMAIN_TO_COLUMN.get(head, "name"), error.message, error.line)


def _file_error(message: str) -> ValidationFailed:
    return ValidationFailed(message, [FieldError("file", message)])


def decode(data: bytes) -> str:
    """UTF-8 text without a byte-order mark; a file-level ValidationFailed otherwise."""
    if len(data) > MAX_BYTES:
        raise _file_error(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise _file_error("The file is empty.")
    if b"\x00" in data[:8192]:
        raise _file_error("The file is not a text file (CSV or JSON lines).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(
            f"The file is not UTF-8 (byte {exc.start + 1}); save it as UTF-8 and try again."
        ) from None
    return text.removeprefix(BOM)


def detect(text: str) -> FileKind:
    """FtM JSON lines if the first non-blank line is a JSON object, else CSV."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "ftm" if first.lstrip().startswith("{") else "csv"


def parse_batch(data: bytes, owner_bureau: str, today: date | None = None) -> ParsedFile:
    """Every query of a batch file, and every bad row by its line.

    Raises ValidationFailed (field "file") when the file as a whole cannot be
    read: too large, not UTF-8 text, no header, too many rows.
    """
    text = decode(data)
    if detect(text) == "ftm":
        lines = text.splitlines()
        if sum(1 for line in lines if line.strip()) > MAX_ROWS:
            raise _file_error(f"The file has more than {MAX_ROWS:,} queries.")
        parsed = parse_persons(lines, owner_bureau, today)
    else:
        parsed = parse_csv(text, owner_bureau, today)
    if not parsed.persons and not parsed.errors:
        raise _file_error("The file holds no queries.")
    return parsed


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _header(row: list[str]) -> list[str]:
    names = [c.strip().lower() for c in row]
    unknown = [c for c in names if c and c not in COLUMNS]
    if unknown or not any(c in NAME_COLUMNS for c in names):
        shown = ", ".join(repr(c[:30]) for c in unknown[:5])
        raise _file_error(
            "The first row must be a header naming the columns "
            f"({', '.join(COLUMNS)}); at least one name column is required"
            + (f"; unknown: {shown}" if shown else "")
            + "."
        )
    seen = [c for c in names if c]
    if len(seen) != len(set(seen)):
        raise _file_error("The header names a column twice.")
    return names


def parse_csv(text: str, owner_bureau: str, today: date | None = None) -> ParsedFile:
    """Parse CSV text (header row required), collecting every bad row."""
    text = text.removeprefix(BOM)
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    parsed = ParsedFile()
    header: list[str] | None = None
    seen: dict[str, int] = {}
    rows = 0
    line = 0
    while True:
        start = reader.line_num + 1  # the line a (possibly multi-line) record starts on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problem = FieldError("", f"not valid CSV: {exc}", start)
            parsed.errors.append(LineError(start, (problem,)))
            break
        line = start
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = _header(row)
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise _file_error(f"The file has more than {MAX_ROWS:,} rows.")
        if len(row) > len(header):
            parsed.errors.append(
                LineError(
                    line,
                    (FieldError("", f"{len(row)} cells, the header has {len(header)}", line),),
                )
            )
            continue
        fields = {header[i]: cell for i, cell in enumerate(row) if header[i]}
        fields["id"] = fields.get("id", "").strip() or f"line-{line}"
        try:
            person = query_person(fields, owner_bureau, today)
        except NcbError as exc:
            parsed.errors.append(
                LineError(line, tuple(FieldError(e.field, e.message, line) for e in exc.errors))
            )
            continue
        query_id = person.external_id or f"line-{line}"
        if query_id in seen:
            parsed.errors.append(
                LineError(line, (FieldError("id", f"the same id as line {seen[query_id]}", line),))
            )
            continue
        seen[query_id] = line
        parsed.persons.append(person)
        parsed.lines.append(line)
    if header is None:
        raise _file_error("The file has no header row.")
    return parsed
