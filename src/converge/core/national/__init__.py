"""Each local policy held against the national guidance it adapts (NICE, royal colleges, ...).

linking: which national document a local one adapts (cited codes, the matcher's score), lead-confirmed;
departures: clinically significant departures and uncovered national recommendations (pure, no store);
deviations: justified deviations, the per-trust register, outdated references; export: XLSX/DOCX appendix;
review: the national wording beside each difference between trusts in a group's review.
"""

from converge.core.national.departures import Alignment, Departure, HoldSettings, Omission, hold_against

__all__ = ["Alignment", "Departure", "HoldSettings", "Omission", "hold_against"]
