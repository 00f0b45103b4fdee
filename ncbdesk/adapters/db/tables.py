"""The relational schema. Alembic migrations under `migrations/` create it."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = 32  # uuid4 hex

persons = Table(
    "persons",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("external_id", String(200), unique=True, nullable=True),
    Column("owner_bureau", String(2), nullable=False, index=True),
    Column("sex", String(10), nullable=False),
    Column("place_of_birth", String(300), nullable=False, default=""),
    Column("description", JSON, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    # Folded and transliterated text of every name, for "name contains" lists.
    Column("handling_codes", JSON, nullable=False, default=list),
    Column("restrictions", Text, nullable=False, default=""),
    Column("review_on", Date, nullable=True, index=True),
    Column("search_text", Text, nullable=False, default=""),
    Column("sort_name", String(300), nullable=False, default="", index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

person_names = Table(
    "person_names",
    metadata,
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("full", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("given", String(300), nullable=False),
    Column("family", String(300), nullable=False),
    Column("patronymic", String(300), nullable=False),
    Column("script", String(20), nullable=False),
    Column("scheme", String(100), nullable=False),
)

person_birth_dates = Table(
    "person_birth_dates",
    metadata,
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("value", String(10), nullable=False),
)

person_nationalities = Table(
    "person_nationalities",
    metadata,
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("country", String(2), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_person_nationalities_country", "country"),
)

person_documents = Table(
    "person_documents",
    metadata,
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("type", String(30), nullable=False),
    Column("number", String(64), nullable=False),
    Column("number_norm", String(64), nullable=False, index=True),
    Column("issuing_country", String(2), nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_until", Date, nullable=True),
)

notices = Table(
    "notices",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("type", String(10), nullable=False, index=True),
    Column("kind", String(10), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("owner_bureau", String(2), nullable=False, index=True),
    Column("title", String(300), nullable=False),
    Column("summary", Text, nullable=False),
    Column("reference", String(100), unique=True, nullable=True),
    Column("recipient_countries", JSON, nullable=False),
    Column("judicial", JSON, nullable=True),
    Column("handling_codes", JSON, nullable=False, default=list),
    Column("restrictions", Text, nullable=False, default=""),
    Column("context", JSON, nullable=True),
    Column("assessment", JSON, nullable=True),
    Column("published_on", Date, nullable=True),
    Column("valid_until", Date, nullable=True, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

notice_subjects = Table(
    "notice_subjects",
    metadata,
    Column("notice_id", String(ID), ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    Index("ix_notice_subjects_person_id", "person_id"),
)

notice_history = Table(
    "notice_history",
    metadata,
    Column("notice_id", String(ID), ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("status", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(100), nullable=False),
    Column("reason", Text, nullable=False),
)

notice_reviews = Table(
    "notice_reviews",
    metadata,
    Column("notice_id", String(ID), ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(100), nullable=False),
    Column("decision", String(10), nullable=False),
    Column("reasons", Text, nullable=False),
    Column("risk", String(20), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("username", String(40), nullable=False, unique=True),
    Column("bureau", String(2), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("roles", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", String(ID), ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("source", String(100), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column(
        "seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    ),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("actor", String(100), nullable=False, index=True),
    Column("bureau", String(2), nullable=False),
    Column("action", String(60), nullable=False, index=True),
    Column("object_type", String(40), nullable=False),
    Column("object_id", String(200), nullable=False, index=True),
    Column("outcome", String(10), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("source", String(100), nullable=False),
    Column("details", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# Possible matches found when a wanted or missing notice is published: the
# notice's subject screened against the persons already held (issue: notices).
possible_hits = Table(
    "possible_hits",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("notice_id", String(ID), ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", String(ID), nullable=False),
    # NULL when the query came from outside (a border check): see `query`.
    Column("person_id", String(ID), ForeignKey("persons.id", ondelete="CASCADE"), nullable=True),
    Column("score", Float, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("source", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The hit workflow (issue 7, migration 0006); NULL on rows written before it.
    Column("query", JSON, nullable=True),
    Column("location", String(300), nullable=True),
    Column("raised_by", String(100), nullable=True),
    Column("methods", JSON, nullable=True),
    Column("note", Text, nullable=True),
    Column("discard_reason", Text, nullable=True),
    Column("decided_by", String(100), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Index("ix_possible_hits_notice_id", "notice_id"),
    Index("ix_possible_hits_status", "status"),
)

# The request registry (issue 6): requests, their threads, attachments, the
# possible hits found by screening their subjects, and the routing rules.
# Full-text search lives beside them per dialect (migration 0005): an FTS5
# table `request_fts` on SQLite, GIN expression indexes on PostgreSQL.
requests = Table(
    "requests",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("direction", String(10), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("type", String(20), nullable=False),
    Column("priority", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("counterpart_country", String(2), nullable=True),
    Column("counterpart_agency", String(200), nullable=False),
    Column("reference", String(200), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # "YYYY-MM" of receipt (UTC): the statistics group by it without a
    # dialect's date functions.
    Column("received_ym", String(7), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=True),
    Column("assignee", String(100), nullable=True),
    Column("queue", String(200), nullable=False),
    Column("person_ids", JSON, nullable=False),
    Column("notice_ids", JSON, nullable=False),
    Column("handling_codes", JSON, nullable=False),
    Column("restrictions", Text, nullable=False),
    Column("owner_bureau", String(2), nullable=False),
    Column("history", JSON, nullable=False),
    Column("escalated_at", DateTime(timezone=True), nullable=True),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("handled_seconds", Integer, nullable=True),
    Column("answered_in_time", Boolean, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    # Forwarding (migration 0009): whose information it is (NULL on older rows:
    # the sender of an incoming request, else the owner), the request it passes
    # on, and the owner's permission to forward it.
    Column("data_owner", String(2), nullable=True),
    Column("forwarded_from", String(ID), nullable=True),
    Column("forward_permission", JSON, nullable=True),
    Index("ix_requests_forwarded_from", "forwarded_from"),
    # An officer's queue, a team's queue, the supervisor's overdue list.
    Index("ix_requests_assignee_status_due", "assignee", "status", "due_at"),
    Index("ix_requests_queue_status_due", "queue", "status", "due_at"),
    Index("ix_requests_status_due", "status", "due_at"),
    # Lists, newest first, with or without a filter on type or country.
    Index("ix_requests_received_at", "received_at"),
    Index("ix_requests_type_received", "type", "received_at"),
    Index("ix_requests_country_received", "counterpart_country", "received_at"),
    # Covers every statistics query, so a year is counted from the index alone.
    Index(
        "ix_requests_stats",
        "received_ym",
        "type",
        "direction",
        "counterpart_country",
        "answered_in_time",
        "handled_seconds",
    ),
)

request_messages = Table(
    "request_messages",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("request_id", String(ID), ForeignKey("requests.id", ondelete="CASCADE"), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("author", String(200), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_request_messages_request_id", "request_id", "sent_at"),
)

request_attachments = Table(
    "request_attachments",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("request_id", String(ID), ForeignKey("requests.id", ondelete="CASCADE"), nullable=False),
    Column("message_id", String(ID), nullable=True),
    Column("file_name", String(200), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("storage_key", String(64), nullable=False),
    Column("added_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_request_attachments_request_id", "request_id"),
)

request_hits = Table(
    "request_hits",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("request_id", String(ID), ForeignKey("requests.id", ondelete="CASCADE"), nullable=False),
    Column("subject_id", String(ID), nullable=False),
    Column("person_id", String(ID), nullable=False),
    Column("score", Float, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_request_hits_request_id", "request_id"),
)

routing_rules = Table(
    "routing_rules",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("priority", Integer, nullable=False),
    Column("type", String(20), nullable=True),
    Column("country", String(2), nullable=True),
    Column("agency", String(200), nullable=False),
    Column("words", JSON, nullable=False),
    Column("queue", String(200), nullable=False),
    Column("assignee", String(100), nullable=True),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

# The registry's statistics, kept in the same transaction as every write to
# `requests` (migration 0007): a year is read from a few thousand rows instead
# of counted from a million. Slots (`edge`) are explained in
# ncbdesk.domain.request_totals.
request_totals = Table(
    "request_totals",
    metadata,
    Column("ym", String(7), primary_key=True),  # UTC month of receipt
    Column("edge", Integer, primary_key=True),
    Column("type", String(20), primary_key=True),
    Column("direction", String(10), primary_key=True),
    Column("country", String(2), primary_key=True),  # "" for a national agency
    Column("received", Integer, nullable=False),
    Column("answered", Integer, nullable=False),
    Column("answered_due", Integer, nullable=False),  # answered, and had a deadline
    Column("in_time", Integer, nullable=False),
)

request_handling_times = Table(
    "request_handling_times",
    metadata,
    Column("ym", String(7), primary_key=True),
    Column("edge", Integer, primary_key=True),
    Column("bucket", Integer, primary_key=True),  # lower bound in minutes
    Column("answered", Integer, nullable=False),
)

# Hits and extradition (issue 7). The owner's notification of a confirmed hit
# is shaped as an outgoing request, so the registry can take it over
# (`request_id`); an extradition case's stages are rows of their own, so the
# board lists cases by stage without reading every case.
hit_notifications = Table(
    "hit_notifications",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column(
        "hit_id", String(ID), ForeignKey("possible_hits.id", ondelete="CASCADE"), nullable=False
    ),
    Column("notice_id", String(ID), nullable=False),
    Column("to_bureau", String(2), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("body", Text, nullable=False),
    Column("proposed_action", Text, nullable=False),
    Column("person_ids", JSON, nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("status", String(10), nullable=False),
    Column("request_id", String(ID), nullable=True),
    Column("created_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_hit_notifications_hit_id", "hit_id"),
    Index("ix_hit_notifications_status_due", "status", "due_at"),
)

extradition_cases = Table(
    "extradition_cases",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("direction", String(10), nullable=False),
    Column("person_name", String(300), nullable=False),
    Column("person_id", String(ID), nullable=True),
    Column("notice_id", String(ID), nullable=True),
    Column("hit_id", String(ID), nullable=True),
    Column("warrant_reference", String(300), nullable=False),
    Column("offence", Text, nullable=False),
    Column("requesting_state", String(2), nullable=False),
    Column("requested_state", String(2), nullable=False),
    Column("legal_basis", String(80), nullable=False),
    Column("owner_bureau", String(2), nullable=False),
    # Derived from the stages, kept for the board and the statistics.
    Column("current_stage", String(30), nullable=True),
    Column("opened_on", Date, nullable=False),
    Column("outcome", String(20), nullable=True),
    Column("outcome_on", Date, nullable=True),
    Column("outcome_reason", Text, nullable=False),
    Column("outcome_documents", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_extradition_cases_direction_stage", "direction", "current_stage"),
    Index("ix_extradition_cases_outcome", "outcome"),
    Index("ix_extradition_cases_opened_on", "opened_on"),
)

extradition_stages = Table(
    "extradition_stages",
    metadata,
    Column(
        "case_id",
        String(ID),
        ForeignKey("extradition_cases.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("stage", String(30), primary_key=True),
    Column("happened_on", Date, nullable=False),
    Column("note", Text, nullable=False),
    Column("documents", JSON, nullable=False),
    Column("recorded_by", String(100), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

# A person's access, correction or deletion request (issue: security and audit).
subject_requests = Table(
    "subject_requests",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("bureau", String(2), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("requester", String(300), nullable=False),
    Column("subject_name", String(300), nullable=False),
    Column("subject_birth_date", String(10), nullable=False),
    Column("identity_checks", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("due_on", Date, nullable=False, index=True),
    Column("person_ids", JSON, nullable=False),
    Column("steps", JSON, nullable=False),
    Column("outcome", String(20), nullable=True, index=True),
    Column("outcome_note", Text, nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("registered_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

# Batch screening jobs (services/batch_screening.py, migration 0010): written by
# the process that runs the job, read by every process. The results themselves
# are files, DATA_DIR/batches/<id>.jsonl and .csv; `summary` holds the rows the
# job's page shows (SummaryRow), so the page needs no file.
batch_jobs = Table(
    "batch_jobs",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("owner_id", String(100), nullable=False, index=True),
    Column("owner_bureau", String(2), nullable=False),
    Column("purpose", Text, nullable=False),
    Column("state", String(10), nullable=False, index=True),
    Column("total", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("top_k", Integer, nullable=False),
    Column("done", Integer, nullable=False),
    Column("alerts", Integer, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("runner", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)
