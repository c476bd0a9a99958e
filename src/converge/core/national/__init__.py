"""Each local policy held against the national guidance it adapts (NICE, royal colleges, ...).

Here, pure (no store): departures, the clinically significant departures and uncovered national
recommendations. On the database, converge.workflow.national: linking (which national document a local one
adapts, lead-confirmed), deviations (justified deviations, the per-trust register, outdated references) and
beside (the national wording beside each difference of a group's review). converge.reports.national writes
the XLSX/DOCX appendix; converge.cli.national holds the commands.
"""

from converge.core.national.departures import Alignment, Departure, HoldSettings, Omission, hold_against

__all__ = ["Alignment", "Departure", "HoldSettings", "Omission", "hold_against"]
