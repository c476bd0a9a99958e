"""The shared policy draft of a match group: assembled from the reviewers' decisions, edited section by
section, exported as a Word document with a document-control front sheet and a version history.

Every clause (sentence) keeps links to the source clauses it came from, so a reviewer can check the shared
wording against each trust's original. One module assembles (`assemble`, on `clauses`), one stores
(`store`), one exports (`export`). Domain code: takes a Session, knows nothing of Flask.
"""

from converge.workflow.draft.assemble import (
    build_sections,
    choose_base,
    is_control_section,
    open_differences,
    undecided_text,
)
from converge.workflow.draft.clauses import HOW_LABELS, BaseChoice, Clause, ClauseSource, same_clause, section_text
from converge.workflow.draft.export import export_docx
from converge.workflow.draft.store import (
    EDITABLE,
    DraftState,
    VersionEntry,
    assemble_draft,
    can_edit,
    clauses_of,
    current_sections,
    draft_basis,
    draft_state,
    draft_summary,
    group_base,
    latest_draft_job,
    queue_draft,
    save_section,
    section_history,
    version_history,
)

__all__ = [
    "EDITABLE",
    "HOW_LABELS",
    "BaseChoice",
    "Clause",
    "ClauseSource",
    "DraftState",
    "VersionEntry",
    "assemble_draft",
    "build_sections",
    "can_edit",
    "choose_base",
    "clauses_of",
    "current_sections",
    "draft_basis",
    "draft_state",
    "draft_summary",
    "export_docx",
    "group_base",
    "is_control_section",
    "latest_draft_job",
    "open_differences",
    "queue_draft",
    "same_clause",
    "save_section",
    "section_history",
    "section_text",
    "undecided_text",
    "version_history",
]
