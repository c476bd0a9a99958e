"""What the reports page shows, gathered in one call: figures, trend, charts (SVG) and filter choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.store.models import Trust

from .charts import burnup_chart, status_bars_chart, to_svg, value_bars_chart
from .figures import BurnupPoint, Figures, ReportFilter, burnup, compute_figures
from .waves import list_waves, specialties


@dataclass(frozen=True, slots=True)
class Choices:
    trusts: list[str]
    specialties: list[str]
    waves: list[str]


@dataclass(frozen=True, slots=True)
class Dashboard:
    figures: Figures
    trend: list[BurnupPoint]
    charts: dict[str, str]  # name -> inline SVG
    choices: Choices


def filter_choices(session: Session) -> Choices:
    return Choices(
        trusts=list(session.scalars(select(Trust.code).order_by(Trust.code))),
        specialties=specialties(session),
        waves=[w.name for w in list_waves(session)],
    )


def build_dashboard(session: Session, as_of: datetime, flt: ReportFilter) -> Dashboard:
    fig = compute_figures(session, as_of, flt)
    trend = burnup(session, fig.as_of, flt)
    charts = {"burnup": to_svg(burnup_chart(trend), "chart-burnup")}
    if fig.by_specialty:
        charts["status"] = to_svg(status_bars_chart(fig.by_specialty), "chart-status")
    if fig.divergence_by_specialty:
        charts["divergence"] = to_svg(value_bars_chart(fig.divergence_by_specialty), "chart-divergence")
    return Dashboard(fig, trend, charts, filter_choices(session))
