"""The wanted person several tests share: Germany's published Red Notice on Ruslan Aliev."""

from __future__ import annotations

from ncbdesk.domain.notices import JudicialData, Notice, NoticeStatus, NoticeType


def aliev_red_notice(subject_id: str, warrant_reference: str = "AG Berlin 351 Gs 12/24") -> Notice:
    """DE's published Red Notice 2024/7001 (robbery) on the person ``subject_id``."""
    return Notice(
        NoticeType.RED,
        "DE",
        "Red Notice — ALIEV, Ruslan",
        subject_ids=[subject_id],
        reference="2024/7001",
        status=NoticeStatus.PUBLISHED,
        judicial=JudicialData(offence="Robbery", warrant_reference=warrant_reference),
    )
