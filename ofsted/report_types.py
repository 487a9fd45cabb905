"""The kinds of document the library holds: one key each, and how each reads in a filter, a table and a
reference. `ingest.metadata` gives every document one of REPORT_TYPES."""
from __future__ import annotations

from ofsted.grades import grade_label

REPORT_TYPES: tuple[str, ...] = (
    "ilacs_standard",                # inspection of local authority children's services, two weeks (2018-)
    "ilacs_short",                   # the same, one week
    "focused_visit",
    "monitoring_visit",
    "jtai",                          # joint targeted area inspection
    "sif",                           # single inspection framework, 2013-2018, incl. re-inspections
    "lscb_review",                   # SIF review of a Local Safeguarding Children Board on its own
    "safeguarding_lac",              # safeguarding and looked after children inspections, 2009-2013
    "unannounced_contact_referral",  # unannounced inspection of contact, referral and assessment, 2009-2012
    "committee_paper",
    "press_article",
    "other",
)
ILACS_TYPES = ("ilacs_standard", "ilacs_short")
NOT_OFSTED = ("committee_paper", "press_article", "other")   # documents about inspections, not Ofsted's reports
# Frameworks Ofsted no longer inspects under (ILACS replaced them in 2018): their reports say how a service was.
SUPERSEDED = ("sif", "lscb_review", "safeguarding_lac", "unannounced_contact_referral")
# The trade press that reports on children's services inspections, as an article's own pages name it (its masthead,
# its subscription box): the publisher a reference gives, only when the text prints it.
TRADE_PRESS = ("Children & Young People Now", "CYP Now", "Community Care", "Local Government Chronicle", "The MJ")

# In the order a filter lists them: current frameworks first, then older ones, then documents that are not inspections.
LABELS = {
    "ilacs_standard": "ILACS standard inspection",
    "ilacs_short": "ILACS short inspection",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection (JTAI)",
    "sif": "SIF inspection (2013–2018)",
    "lscb_review": "LSCB review (2013–2018)",
    "safeguarding_lac": "Safeguarding and looked after children inspection (2009–2013)",
    "unannounced_contact_referral": "Contact, referral and assessment inspection (2009–2012)",
    "committee_paper": "Council committee paper",
    "press_article": "Press article",
    "other": "Other document",
}
# Where a table has little room (the Compare page's "Report" column).
SHORT_LABELS = {"ilacs_standard": "ILACS standard", "ilacs_short": "ILACS short", "sif": "SIF (2013–18)"}
# How a report type reads in a reference, after the council's name.
TITLES = {
    "ilacs_standard": "inspection of local authority children’s services",
    "ilacs_short": "inspection of local authority children’s services",
    "focused_visit": "focused visit to local authority children’s services",
    "monitoring_visit": "monitoring visit to local authority children’s services",
    "jtai": "joint targeted area inspection",
    "sif": "inspection of services for children in need of help and protection, children looked after and care leavers",
    "safeguarding_lac": "inspection of safeguarding and looked after children services",
    "unannounced_contact_referral": "unannounced inspection of contact, referral and assessment arrangements",
}
# The kinds a question can ask for by name, in the plural ("Dudley's committee papers").
PLURALS = {"committee_paper": "committee papers", "press_article": "press articles"}


def label(report_type: str) -> str:
    """'ilacs_short' -> 'ILACS short inspection'; an unknown key in plain words."""
    return LABELS.get(report_type, grade_label(report_type.replace("_", " ")))
