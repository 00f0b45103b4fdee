"""Deadline rules of extradition, per legal basis: data, not code.

Each treaty is a list of rules; a rule says from which stage a period runs, how
long it is (days or calendar months), which stages answer it in time and what
the text says. Adding a treaty is adding an entry to `TREATIES`; nothing else
changes. `bilateral:<name>` bases look up an entry of that exact id: a
bilateral treaty without one is accepted, and its case lists no computed
deadlines (the officer reads the treaty).

How periods are counted: a period of N days "from" or "after" the day of arrest
ends on that day + N, the last day on which the act is still in time; a period
of N months ends on the same day N months later, or the month's last day when
it has none (31 January + 1 month = 28 or 29 February). Days are calendar days
in the bureau's time zone, not working days.

Sources (texts checked against the published treaty texts):
- European Convention on Extradition, Paris, 13 December 1957 (ETS No. 24),
  art. 16(4) and 18(4).
- Third Additional Protocol to it, Strasbourg, 10 November 2010 (CETS No. 209),
  in force 1 May 2012: art. 6(1) (consent stated within ten days of the
  provisional arrest — the Protocol's art. 4 is consent itself, the deadline
  is art. 6), art. 7 (decision within twenty days of consent), art. 9
  (surrender preferably within ten days of that decision).
- CIS Convention on Legal Assistance and Legal Relations in Civil, Family and
  Criminal Cases, Minsk, 22 January 1993, art. 62(1): release if the request
  is not received within one month of the arrest; the Protocol of 28 March
  1997 restated art. 62 with forty days, so parties bound by it use
  `cis-minsk-1993-protocol-1997`.
- Reciprocity: no treaty, so no treaty periods; national law governs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """The steps of an extradition (DESIGN §1), in their usual order."""

    HIT = "hit"
    PROVISIONAL_ARREST = "provisional_arrest"
    COURT_APPEARANCE = "court_appearance"
    CONSENT = "consent"  # the person consents to (simplified) extradition
    OPPOSITION = "opposition"  # the person opposes it
    FORMAL_REQUEST = "formal_request"  # the request with its documents (ECE art. 12)
    HEARING = "hearing"
    EXECUTIVE_DECISION = "executive_decision"
    APPEAL = "appeal"
    SURRENDER_DATE = "surrender_date"  # the date appointed for surrender (ECE art. 18(3))
    SURRENDER = "surrender"
    RELEASE = "release"


class Party(StrEnum):
    """Who must act before the deadline."""

    REQUESTING = "requesting"
    REQUESTED = "requested"


@dataclass(frozen=True)
class DeadlineRule:
    key: str  # stable id, e.g. "ece.16.4.release"
    name: str  # what an officer reads on the case
    starts: Stage  # the period runs from this stage's date
    rule: str  # the citation, with the gist of the text
    party: Party
    days: int = 0
    months: int = 0
    # Recording any of these stages on or before the due day answers the rule;
    # recorded later, the deadline was missed.
    answered_by: tuple[Stage, ...] = ()
    binding: bool = True  # False: "preferably", a target rather than a limit
    # The rule applies only once these stages are recorded too (the simplified
    # procedure's periods need the person's consent).
    requires: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class Treaty:
    id: str
    title: str
    rules: tuple[DeadlineRule, ...]
    note: str = ""


_ECE = "European Convention on Extradition 1957 (ETS No. 24)"
_TAP = "Third Additional Protocol to the ECE 2010 (CETS No. 209)"

ECE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        key="ece.16.4.may_release",
        name="Formal request due: provisional arrest may end after 18 days without it",
        starts=Stage.PROVISIONAL_ARREST,
        days=18,
        answered_by=(Stage.FORMAL_REQUEST, Stage.CONSENT),
        party=Party.REQUESTING,
        rule=f"{_ECE}, art. 16(4): provisional arrest may be terminated if, within 18 days "
        "after arrest, the requested Party has not received the request and the documents "
        "of art. 12",
    ),
    DeadlineRule(
        key="ece.16.4.release",
        name="Release: provisional arrest never exceeds 40 days without the formal request",
        starts=Stage.PROVISIONAL_ARREST,
        days=40,
        answered_by=(Stage.FORMAL_REQUEST, Stage.CONSENT),
        party=Party.REQUESTING,
        rule=f"{_ECE}, art. 16(4): provisional arrest shall not, in any event, exceed 40 days "
        "from the date of arrest",
    ),
    DeadlineRule(
        key="tap.6.1.consent",
        name="Consent or opposition stated to the requesting Party",
        starts=Stage.PROVISIONAL_ARREST,
        days=10,
        answered_by=(Stage.CONSENT, Stage.OPPOSITION, Stage.FORMAL_REQUEST),
        party=Party.REQUESTED,
        rule=f"{_TAP}, art. 6(1): the requested Party informs the requesting Party, no later "
        "than ten days after the provisional arrest, whether the person has consented",
    ),
    DeadlineRule(
        key="tap.7.decision",
        name="Decision on simplified extradition notified",
        starts=Stage.CONSENT,
        days=20,
        answered_by=(Stage.EXECUTIVE_DECISION,),
        party=Party.REQUESTED,
        rule=f"{_TAP}, art. 7: the decision is notified within twenty days of the date on "
        "which the person consented",
    ),
    DeadlineRule(
        key="tap.9.surrender",
        name="Surrender after simplified extradition (preferably)",
        starts=Stage.EXECUTIVE_DECISION,
        days=10,
        answered_by=(Stage.SURRENDER, Stage.RELEASE),
        requires=(Stage.CONSENT,),
        party=Party.REQUESTING,
        binding=False,
        rule=f"{_TAP}, art. 9: surrender as soon as possible, preferably within ten days of "
        "the notification of the decision",
    ),
    DeadlineRule(
        key="ece.18.4.may_release",
        name="Person not taken over: may be released 15 days after the surrender date",
        starts=Stage.SURRENDER_DATE,
        days=15,
        answered_by=(Stage.SURRENDER, Stage.RELEASE),
        party=Party.REQUESTING,
        rule=f"{_ECE}, art. 18(4): if the person is not taken over on the appointed date, "
        "he may be released after 15 days",
    ),
    DeadlineRule(
        key="ece.18.4.release",
        name="Person not taken over: released 30 days after the surrender date",
        starts=Stage.SURRENDER_DATE,
        days=30,
        answered_by=(Stage.SURRENDER, Stage.RELEASE),
        party=Party.REQUESTING,
        rule=f"{_ECE}, art. 18(4): he shall in any case be released after 30 days",
    ),
)

_MINSK = "CIS Minsk Convention 1993 on legal assistance"


def _minsk_release(days: int, months: int, text: str) -> DeadlineRule:
    return DeadlineRule(
        key="minsk.62.1.release",
        name="Release unless the request for extradition is received",
        starts=Stage.PROVISIONAL_ARREST,
        days=days,
        months=months,
        answered_by=(Stage.FORMAL_REQUEST,),
        party=Party.REQUESTING,
        rule=text,
    )


TREATIES: dict[str, Treaty] = {
    "ece": Treaty(
        id="ece",
        title=f"{_ECE} with its Additional Protocols",
        rules=ECE_RULES,
        note="The Third Additional Protocol's periods apply between its parties only.",
    ),
    "cis-minsk-1993": Treaty(
        id="cis-minsk-1993",
        title=_MINSK,
        rules=(
            _minsk_release(
                0,
                1,
                f"{_MINSK}, art. 62(1) (1993 text): the person taken into custody is released "
                "if the request for extradition is not received within one month of the arrest",
            ),
        ),
    ),
    "cis-minsk-1993-protocol-1997": Treaty(
        id="cis-minsk-1993-protocol-1997",
        title=f"{_MINSK}, as amended by the Protocol of 28 March 1997",
        rules=(
            _minsk_release(
                40,
                0,
                f"{_MINSK}, art. 62(1) as restated by the Protocol of 28 March 1997: released "
                "if the request with its documents (art. 58) is not received within forty days "
                "of the arrest",
            ),
        ),
    ),
    "reciprocity": Treaty(
        id="reciprocity",
        title="Reciprocity (no treaty)",
        rules=(),
        note="No treaty periods: the requested state's national law sets them.",
    ),
}
