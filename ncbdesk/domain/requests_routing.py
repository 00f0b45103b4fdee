"""Routing rules: which queue or officer a newly registered request goes to.

Rules are data kept in the database and edited by a supervisor. Each rule
matches on any of type, counterpart country, agency and words in the subject;
an empty condition matches everything. Rules are tried by `priority` (lower
first, then by name); the first match wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.persons import new_id, utcnow
from ncbdesk.domain.requests import MAX_NAME_LENGTH, Request, RequestType, clean_line, fold_words

MAX_WORDS = 50


@dataclass
class RoutingRule:
    name: str
    priority: int = 100
    type: RequestType | None = None
    country: str | None = None
    agency: str = ""  # contained in the counterpart agency, case-blind
    words: list[str] = field(default_factory=list)  # any of them in the subject
    queue: str = ""
    assignee: str | None = None
    active: bool = True
    id: str = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def problems(self) -> Problems:
        p = Problems()
        self.name = clean_line(self.name)
        self.agency = clean_line(self.agency)
        self.queue = clean_line(self.queue)
        self.assignee = clean_line(self.assignee or "") or None
        self.words = [w for w in (clean_line(w) for w in self.words) if w]
        if not self.name:
            p.add("name", "required")
        for name in ("name", "agency", "queue"):
            if len(getattr(self, name)) > MAX_NAME_LENGTH:
                p.add(name, f"at most {MAX_NAME_LENGTH} characters")
        if not self.queue and not self.assignee:
            p.add("queue", "a rule sends requests to a queue or an officer; name one")
        if self.country:
            code = clean_country(self.country)
            if code is None:
                p.add("country", f"'{self.country}' is not a country code")
            self.country = code
        else:
            self.country = None
        if len(self.words) > MAX_WORDS:
            p.add("words", f"at most {MAX_WORDS} words")
        if not -1_000_000 <= self.priority <= 1_000_000:
            p.add("priority", "between -1000000 and 1000000")
        return p

    def validate(self) -> None:
        self.problems().raise_if_any("The routing rule is not valid.")

    def matches(self, request: Request) -> bool:
        if not self.active:
            return False
        if self.type is not None and request.type != self.type:
            return False
        if self.country and request.counterpart_country != self.country:
            return False
        if self.agency and fold_words(self.agency) not in fold_words(request.counterpart_agency):
            return False
        if self.words:
            subject = set(fold_words(request.subject).split())
            if not any(set(fold_words(w).split()) <= subject for w in self.words):
                return False
        return True


def route(rules: Iterable[RoutingRule], request: Request) -> RoutingRule | None:
    """The first active rule, by priority then name, that matches the request."""
    for rule in sorted(rules, key=lambda r: (r.priority, r.name, r.id)):
        if rule.matches(request):
            return rule
    return None
