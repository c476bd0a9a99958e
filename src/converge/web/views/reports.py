"""Blueprint "reports": programme progress (as of any date), drill-down, exports, audit log and waves.

Everyone signed in may read reports (committees and auditors are viewers); only governance leads and
administrators create or plan waves.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from converge.core.errors import ConvergeError, NotFound
from converge.reports import exports
from converge.reports.audit import audit_entries
from converge.reports.dashboard import build_dashboard
from converge.reports.figures import ReportFilter, compute_figures, end_of_day, select_groups
from converge.reports.waves import create_wave, get_wave, plan_groups, plan_specialty, specialties, wave_name
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.forms import fail, refused_form, reshow
from converge.workflow.actors import NotPermitted
from converge.workflow.library import parse_day

bp = Blueprint("reports", __name__)
FILTER_KEYS = ("as_of", "trust", "specialty", "wave")
DRILL_KEYS = (
    "status",
    "category",
    "gap",
    "group_trust",
    "group_specialty",
    "group_wave",
    "converged",
    "divergent",
)
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _date_arg(name: str, form: str = "filters") -> date | None:
    """A date from the query string, typed 31/03/2027 or 2027-03-31; a bad one is shown on its form
    (converge.web.forms) and ignored, so the page still answers."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    label = {"as_of": "the as-of date", "from": "the first day", "to": "the last day"}.get(name, name)
    try:
        day = parse_day(value, name)
    except ConvergeError:
        fail(form, f"{label} must be a real date, for example 31/03/2027", name, request.args)
        return None
    if len(day) != 10:
        fail(form, f"{label} must be a whole date, for example 31/03/2027", name, request.args)
        return None
    return date.fromisoformat(day)


def _status() -> int:
    return 400 if refused_form() is not None else 200


def _request_filter() -> tuple[datetime, ReportFilter, dict[str, str]]:
    """The report date and filter from the query string, and the same as link arguments."""
    day = _date_arg("as_of")
    moment = end_of_day(day) if day and day < date.today() else datetime.now(UTC)
    flt = ReportFilter(
        trust=request.args.get("trust", "")[:32],
        specialty=request.args.get("specialty", "")[:200],
        wave=wave_name(get_session(), request.args["wave"][:200]) if request.args.get("wave") else "",
    )
    args = {k: request.args[k] for k in FILTER_KEYS if request.args.get(k)}
    if flt.wave:
        args["wave"] = flt.wave  # a wave asked for by its number is shown, and linked, by its name
    return moment, flt, args


def _drill(args: dict[str, str]):
    def link(endpoint: str = "reports.groups", **kw: Any) -> str:
        return url_for(endpoint, **{**args, **{k: v for k, v in kw.items() if v not in (None, "")}})

    return link


@bp.route("/")
def index():
    moment, flt, args = _request_filter()
    board = build_dashboard(get_session(), moment, flt)
    return render_template(
        "reports/index.html",
        board=board,
        fig=board.figures,
        flt=flt,
        args=args,
        link=_drill(args),
        today=date.today().isoformat(),
    ), _status()


@bp.route("/groups")
def groups():
    moment, flt, args = _request_filter()
    crit = {k: request.args.get(k, "") for k in DRILL_KEYS}
    fig = compute_figures(get_session(), moment, flt)
    rows = select_groups(
        fig,
        status=crit["status"],
        category=crit["category"],
        gap=crit["gap"],
        trust=crit["group_trust"],
        specialty=crit["group_specialty"],
        wave=crit["group_wave"],
        converged=crit["converged"] == "1",
        divergent=crit["divergent"] == "1",
    )
    return render_template(
        "reports/groups.html",
        fig=fig,
        rows=rows,
        crit={k: v for k, v in crit.items() if v},
        args=args,
        link=_drill({**args, **{k: v for k, v in crit.items() if v}}),
    )


@bp.route("/export.<fmt>")
def export(fmt: str):
    """The figures (csv, xlsx), the group list (?what=groups) or the board report (docx)."""
    if fmt not in MEDIA:
        abort(404)
    moment, flt, _ = _request_filter()
    session = get_session()
    stamp = moment.date().isoformat()
    if fmt == "docx":
        data: bytes = exports.board_report_docx(exports.build_board_report(session, moment, flt))
        name = f"converge-board-report-{stamp}.docx"
    else:
        fig = compute_figures(session, moment, flt)
        what = "groups" if request.args.get("what") == "groups" else "figures"
        if what == "groups":
            data = (
                exports.groups_csv(fig.groups).encode() if fmt == "csv" else exports.groups_xlsx(fig.groups)
            )
        else:
            data = exports.figures_csv(fig).encode() if fmt == "csv" else exports.figures_xlsx(fig)
        name = f"converge-{what}-{stamp}.{fmt}"
    return send_file(io.BytesIO(data), mimetype=MEDIA[fmt], as_attachment=True, download_name=name)


@bp.route("/audit")
def audit():
    """The audit log of a period on screen (latest first), or downloaded with ?format=csv|xlsx."""
    first, last = _date_arg("from", "audit"), _date_arg("to", "audit")
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC) if first else None
    end = end_of_day(last) if last else None
    entries = audit_entries(get_session(), start, end)
    fmt = request.args.get("format", "")
    if fmt in ("csv", "xlsx"):
        data = exports.audit_csv(entries).encode() if fmt == "csv" else exports.audit_xlsx(entries)
        return send_file(
            io.BytesIO(data),
            mimetype=MEDIA[fmt],
            as_attachment=True,
            download_name=f"converge-audit-log.{fmt}",
        )
    return render_template(
        "reports/audit.html",
        entries=list(reversed(entries))[:500],
        total=len(entries),
        start=request.args.get("from", ""),
        end=request.args.get("to", ""),
    ), _status()


@bp.route("/waves")
def waves():
    session = get_session()
    fig = compute_figures(session, datetime.now(UTC))
    return render_template(
        "reports/waves.html",
        waves=fig.waves,
        specialties=specialties(session),
        can_plan=current_user.role in ("admin", "lead"),
        form={},
    )


@bp.route("/waves", methods=["POST"])
@require_role("admin", "lead")
def add_wave():
    form = request.form
    session = get_session()
    try:
        target = int(form["target"]) if form.get("target", "").strip() else None
        wave = create_wave(
            session,
            form.get("name", ""),
            current_user.actor(),
            starts_on=form.get("starts_on"),
            target_date=form.get("target_date"),
            target_converged=target,
            specialties=form.getlist("specialty"),
            notes=form.get("notes", ""),
        )
        planned = sum(
            plan_specialty(session, wave, s, current_user.actor()) for s in form.getlist("specialty")
        )
    except (ConvergeError, ValueError) as exc:
        session.rollback()
        if isinstance(exc, ConvergeError):
            fail("wave", str(exc), exc.field)
        else:
            fail("wave", "the target must be a whole number, for example 12", "target")
        fig = compute_figures(session, datetime.now(UTC))
        return render_template(
            "reports/waves.html",
            waves=fig.waves,
            specialties=specialties(session),
            can_plan=True,
            form=form,
        ), 403 if isinstance(exc, NotPermitted) else 400
    session.commit()
    flash(f"Wave {wave.name} created; {planned} groups planned into it.", "success")
    return redirect(url_for("reports.wave", wave_id=wave.id))


def get_wave_or_404(wave_id: int):
    try:
        return get_wave(get_session(), wave_id)
    except NotFound:
        abort(404, description="No such wave.")


@bp.route("/waves/<int:wave_id>")
def wave(wave_id: int):
    row = get_wave_or_404(wave_id)
    session = get_session()
    fig = compute_figures(session, datetime.now(UTC), ReportFilter(wave=row.name))
    unplanned = [s for s in compute_figures(session, datetime.now(UTC)).groups if s.wave != row.name]
    return render_template(
        "reports/wave.html",
        wave=row,
        fig=fig,
        progress=fig.waves[0] if fig.waves else None,
        unplanned=unplanned,
        specialties=specialties(session),
        can_plan=current_user.role in ("admin", "lead"),
    )


@bp.route("/waves/<int:wave_id>/plan", methods=["POST"])
@require_role("admin", "lead")
@reshow(wave, "plan", {"specialty": "specialty"})
def plan_wave(wave_id: int):
    row = get_wave_or_404(wave_id)
    session = get_session()
    ids = [int(v) for v in request.form.getlist("group") if v.isdigit()]
    specialty = request.form.get("specialty", "")
    if not ids and not specialty:
        raise ConvergeError("choose a specialty or some groups to plan into the wave", field="specialty")
    n = plan_groups(session, row, ids, current_user.actor()) if ids else 0
    if specialty:
        n += plan_specialty(
            session, row, specialty, current_user.actor(), move=request.form.get("move") == "1"
        )
    session.commit()
    flash(f"{n} groups planned into {row.name}.", "success")
    return redirect(url_for("reports.wave", wave_id=wave_id), 303)


@bp.app_template_filter("uk_date")
def uk_date_filter(value: str | None) -> str:
    """An ISO date as people here write it (31/03/2027); anything else as typed."""
    import re

    value = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value


@bp.app_template_filter("days")
def days_filter(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"
