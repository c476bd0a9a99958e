"""Programme and audit reports: progress figures "as of" any date, waves, charts and exports."""

from .figures import Figures, GroupSnapshot, ReportFilter, burnup, compute_figures, group_snapshots

__all__ = ["Figures", "GroupSnapshot", "ReportFilter", "burnup", "compute_figures", "group_snapshots"]
