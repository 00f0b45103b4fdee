"""Full-text search over requests and their messages, newest first, on either dialect.

Text is indexed in one Latin spelling: every word goes through the screening
engine's transliteration and spelling key (`matching.translit.to_ascii`, then
`matching.keys.fine_key`), and so does the query. So "паспорт" finds
"passport", "Цой" finds "Tsoy", "délit" finds "delit", whatever the database
can do by itself (PostgreSQL needs no `unaccent`).

A search is for finding, not counting: it lists the newest `cap` matching
requests and says when there are more, so a very common word costs about as
much as a rare one.

- SQLite: the FTS5 table `request_fts` holds one row per request and per
  message, under a rowid made from the request's time of receipt, so
  `ORDER BY rowid DESC` is newest first and stops at the page. A word is
  matched as a prefix by expanding it to the words indexed
  (`request_fts_terms`): FTS5's own prefix query merges every posting of the
  prefix before returning the first row.
- PostgreSQL: the table `request_fts` holds the same documents as `tsvector`s
  ('simple': no stemming, which serves one language and spoils names in every
  other); requests are read newest first and the planner chooses between the
  GIN index (a rare word) and walking the newest requests (a common one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, String, column, select, text
from sqlalchemy.sql.elements import ColumnElement, TextClause

from ncbdesk.adapters.db.tables import requests
from ncbdesk.matching.keys import fine_key
from ncbdesk.matching.translit import to_ascii

MAX_QUERY_WORDS = 12
# SQLite: documents read per step while filtering, and at most this many in
# all (a common word under a rare filter), after which the count is "at least".
_STEP = 4_000
MAX_TEXT_SCAN = 200_000
# A word expanded to more indexed words than this is matched by FTS5's prefix
# query instead (correct, slower): a one- or two-letter search.
MAX_EXPANSION = 64
# Rowids: microseconds since 1970 times this, plus a free place for each of a
# request's documents received in the same microsecond.
_PLACES = 64
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_WORD = re.compile(r"\w+")


def key_of(token: str) -> str:
    """One word's indexed form: digits as they are, letters in one Latin spelling."""
    if token.isdigit():
        return token
    latin = to_ascii(token)
    # Scripts ICU cannot romanise keep their own (case-folded) spelling.
    return fine_key(latin).lower() if latin else token.casefold()


def search_text(value: str) -> str:
    """What is indexed for a text: its words' keys, in order."""
    return " ".join(key_of(t) for t in _TOKEN.findall(value))


def query_keys(q: str) -> list[str]:
    """The keys of a search's words (each matched as a prefix); nothing else passes."""
    keys: list[str] = []
    for word in _WORD.findall(q)[:MAX_QUERY_WORDS]:
        keys.extend(key_of(t) for t in _TOKEN.findall(word))
    return list(dict.fromkeys(k for k in keys if k))


def _rowid_base(received_at: datetime) -> int:
    return ((received_at.astimezone(UTC) - _EPOCH) // timedelta(microseconds=1)) * _PLACES


class TextIndex:
    """Keeps the full-text documents in step with the registry and searches them."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    # -- writing ---------------------------------------------------------

    def add(self, docs: Sequence[tuple[str, datetime, str]]) -> None:
        """(request id, the request's time of receipt, text) for each document."""
        if not docs:
            return
        rows = [(rid, at, search_text(t)) for rid, at, t in docs]
        if self.sqlite:
            self._add_sqlite(rows)
        else:
            self.conn.execute(
                text(
                    "INSERT INTO request_fts (request_id, doc) "
                    + "VALUES (:r, to_tsvector('simple', :t))"
                ),
                [{"r": r, "t": t} for r, _, t in rows],
            )

    def _add_sqlite(self, rows: list[tuple[str, datetime, str]]) -> None:
        taken: set[int] = set()
        out = []
        for rid, at, doc in rows:
            base = _rowid_base(at)
            used = taken | {
                r
                for (r,) in self.conn.execute(
                    text("SELECT rowid FROM request_fts WHERE rowid >= :a AND rowid < :b"),
                    {"a": base, "b": base + _PLACES * 16},
                )
            }
            rowid = base
            while rowid in used:
                rowid += 1
            taken.add(rowid)
            out.append((rowid, rid, doc))
        self.conn.execute(
            text("INSERT INTO request_fts (rowid, request_id, text) VALUES (:i, :r, :t)"),
            [{"i": i, "r": r, "t": t} for i, r, t in out],
        )
        terms = {w for _, _, t in out for w in t.split()}
        if terms:
            self.conn.execute(
                text("INSERT OR IGNORE INTO request_fts_terms (term) VALUES (:t)"),
                [{"t": t} for t in sorted(terms)],
            )

    # -- searching -------------------------------------------------------

    def newest(
        self, q: str, where: Sequence[ColumnElement[bool] | TextClause], cap: int
    ) -> tuple[list[str], bool]:
        """Ids of the newest requests matching `q` and `where`, at most `cap`, newest
        first; and whether more match."""
        keys = query_keys(q)
        if not keys:
            return [], False
        if self.sqlite:
            return self._newest_sqlite(keys, where, cap)
        tsq = " & ".join(f"{k}:*" for k in keys)
        matches = text(
            "SELECT request_id FROM request_fts WHERE doc @@ to_tsquery('simple', :q)"
        ).bindparams(q=tsq)
        ids = (
            self.conn.execute(
                select(requests.c.id)
                .where(*where, requests.c.id.in_(matches.columns(column("request_id", String))))
                .order_by(requests.c.received_at.desc(), requests.c.id)
                .limit(cap + 1)
            )
            .scalars()
            .all()
        )
        return list(ids[:cap]), len(ids) > cap

    def _match(self, keys: list[str]) -> str | None:
        """An FTS5 query: every key, each as any indexed word it begins; None if one
        begins none."""
        groups = []
        for k in keys:
            terms = (
                self.conn.execute(
                    text(
                        "SELECT term FROM request_fts_terms WHERE term >= :k AND term < :end "
                        "ORDER BY term LIMIT :n"
                    ),
                    {"k": k, "end": k + "\U0010ffff", "n": MAX_EXPANSION + 1},
                )
                .scalars()
                .all()
            )
            if not terms:
                return None
            if len(terms) > MAX_EXPANSION:
                groups.append(f'"{k}"*')
            else:
                groups.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
        return " AND ".join(groups)

    def _newest_sqlite(
        self, keys: list[str], where: Sequence[ColumnElement[bool] | TextClause], cap: int
    ) -> tuple[list[str], bool]:
        match = self._match(keys)
        if match is None:
            return [], False
        found: list[str] = []
        seen: set[str] = set()
        before: int | None = None
        scanned = 0
        while len(found) <= cap:
            sql = "SELECT rowid, request_id FROM request_fts WHERE request_fts MATCH :m"
            params: dict[str, Any] = {"m": match, "n": _STEP}
            if before is not None:
                sql += " AND rowid < :before"
                params["before"] = before
            rows = self.conn.execute(text(sql + " ORDER BY rowid DESC LIMIT :n"), params).all()
            if not rows:
                return found, False
            scanned += len(rows)
            before = rows[-1][0]
            fresh = []  # ids not met in an earlier step, in the order found
            for _, request_id in rows:
                if request_id not in seen:
                    seen.add(request_id)
                    fresh.append(request_id)
            if where and fresh:
                kept = set(
                    self.conn.execute(
                        select(requests.c.id).where(requests.c.id.in_(fresh), *where)
                    ).scalars()
                )
                fresh = [r for r in fresh if r in kept]
            found.extend(fresh)
            if len(rows) < _STEP:
                break
            if scanned >= MAX_TEXT_SCAN:
                return found[:cap], True
        return found[:cap], len(found) > cap
