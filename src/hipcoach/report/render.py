"""The report page: a :class:`~hipcoach.report.view.ReportView` as one HTML document.

The page skeleton is ``template.html`` (stdlib ``string.Template``, so no template engine to
install) and the style ``report.css``; both are package data, inlined into the page with the
exercise drawings and the charts, so the file needs nothing else to display: no network, no
fonts, no scripts. Every text from the model is escaped here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from importlib.resources import files
from string import Template

from hipcoach import __version__
from hipcoach.programme.progression import PAIN_HOLD_ABOVE, PAIN_REGRESS_ABOVE
from hipcoach.report.charts import Bar, bar_chart, point_chart
from hipcoach.report.pictures import available, picture_svg
from hipcoach.report.view import DayView, ExerciseView, ReportView, RunView, SessionView

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RUN_LABELS = {"long": "long run", "race": "race", "workout": "quality run", "easy": "run"}
DECISIONS = {
    "start": "start",
    "progress": "progress",
    "hold": "hold",
    "deload": "deload",
    "step_down": "step down",
    "pause": "pause",
    "maintain": "maintain",
}


def _resource(name: str) -> str:
    return files("hipcoach.report").joinpath(name).read_text(encoding="utf-8")


def render_report(view: ReportView) -> str:
    """The whole page as a string."""
    template = Template(_resource("template.html"))
    days = (view.end - view.start).days + 1
    return template.substitute(
        version=escape(__version__),
        title=escape(f"hipcoach · hip plan {_span(view.start, view.end)}"),
        css=_resource("report.css").strip(),
        subtitle=escape(
            f"{_span(view.start, view.end)} · level {view.level} · "
            f"{len(view.sessions)} hip session{'s' if len(view.sessions) != 1 else ''}"
        ),
        warning=f'<p class="warning" role="alert">{escape(view.warning)}</p>'
        if view.warning
        else "",
        next=_next_session(view.sessions),
        days=days,
        calendar=_calendar(view),
        legend=_legend(),
        sessions=_sessions(view.sessions),
        progression=_progression(view),
        exercises=_exercises(view.exercises),
        charts=_charts(view),
        disclaimer=escape(view.disclaimer),
        generated=escape(f"{view.generated_on:%A %d %B %Y}"),
    )


def _span(start: date, end: date) -> str:
    return f"{start:%a %d %b} – {end:%a %d %b %Y}"


def _next_session(sessions: Sequence[SessionView]) -> str:
    if not sessions:
        return (
            '<p class="next">No hip session fits these days under the scheduling rules '
            "(races, long runs, blocked days).</p>"
        )
    first = sessions[0]
    light = " (light)" if first.light else ""
    return (
        f'<p class="next"><strong>Next session{light}: {first.date:%A %d %B}</strong>, about '
        f"{first.estimated_minutes} minutes: {len(first.exercises)} exercises. "
        f"Why that day: {escape(first.reason)}.</p>"
    )


# -- calendar ------------------------------------------------------------------------------


def _calendar(view: ReportView) -> str:
    head = "".join(f'<th scope="col">{d}</th>' for d in WEEKDAYS)
    rows = "".join("<tr>" + "".join(_day(d) for d in week) + "</tr>" for week in view.calendar)
    return (
        '<table class="calendar">'
        f"<caption>Runs and hip sessions, {_span(view.start, view.end)}; greyed days are "
        "outside the plan.</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _day(day: DayView) -> str:
    classes = [c for c, on in (("out", not day.in_window), ("today", day.is_today)) if on]
    today = '<span class="today-label">today</span>' if day.is_today else ""
    label = f"{day.date:%d %b}" if day.date.day == 1 or not day.in_window else f"{day.date:%d}"
    weekday = f'<span class="weekday">{day.date:%a} </span>'  # shown where the calendar is a list
    parts = [f'<span class="daynum">{weekday}{label.lstrip("0")}{today}</span>']
    parts += [_run_chip(r) for r in day.runs]
    if day.session is not None:
        s = day.session
        light = " light" if s.light else ""
        marker = " · light" if s.light else ""
        parts.append(
            f'<a class="chip hip{light}" href="#session-{escape(s.key)}" '
            f'data-session="{escape(s.key)}">Hip session{marker} · {s.estimated_minutes} min</a>'
        )
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f'<td{cls} data-date="{day.date.isoformat()}">{"".join(parts)}</td>'


def _run_chip(run: RunView) -> str:
    label = RUN_LABELS.get(run.kind, run.kind)
    if run.planned is not None:
        kind = escape(run.kind)
        text = escape(f"planned: {run.planned}")
        return f'<span class="chip run run-{kind} run-expected run-planned">{text}</span>'
    if run.expected:
        text = f"{label} (planned)" if run.kind == "race" else f"{label} expected"
        return f'<span class="chip run run-{escape(run.kind)} run-expected">{escape(text)}</span>'
    km = f" {run.distance_km:.0f} km" if run.distance_km is not None else ""
    return f'<span class="chip run run-{escape(run.kind)}">{escape(label)}{km}</span>'


def _legend() -> str:
    items = [
        '<span class="chip hip">Hip session</span>',
        '<span class="chip hip light">Hip session · light (a lighter dose)</span>',
        '<span class="chip run run-long">long run</span>',
        '<span class="chip run run-long run-expected">long run expected</span>',
        '<span class="chip run run-race">race</span>',
    ]
    return (
        '<ul class="legend" aria-label="Legend">'
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ul>"
    )


# -- sessions ------------------------------------------------------------------------------


def _sessions(sessions: Sequence[SessionView]) -> str:
    if not sessions:
        return "<p>No session in these days.</p>"
    return '<div class="session-list">' + "".join(_session(s) for s in sessions) + "</div>"


def _session(s: SessionView) -> str:
    light = ' <span class="tag">light</span>' if s.light else ""
    doses = "".join(f"<li>{escape(e.name)}: {escape(e.dose)}</li>" for e in s.exercises)
    return (
        f'<article class="session{" light" if s.light else ""}" id="session-{escape(s.key)}" '
        f'data-session="{escape(s.key)}">'
        f'<h3>{s.date:%a %d %b} · <span class="key">{escape(s.key)}</span>{light}</h3>'
        f'<p class="meta">{escape(s.title)} · about {s.estimated_minutes} min</p>'
        f'<p class="why"><strong>Why this day:</strong> {escape(s.reason)}</p>'
        f"<ul>{doses}</ul></article>"
    )


# -- exercises -----------------------------------------------------------------------------


def _progression(view: ReportView) -> str:
    p = view.progression
    tip = _tip(view)
    if p is None:
        return tip
    decision = DECISIONS.get(p.decision, p.decision)
    return (
        f'<p class="progression">Programme week {p.week} ({escape(p.iso_week)}, '
        f"{escape(p.phase)}): <strong>{escape(decision)}</strong>: {escape(p.why)}.</p>{tip}"
    )


def _tip(view: ReportView) -> str:
    """The week's education tip, with its source."""
    tip = view.tip
    if tip is None:
        return ""
    return (
        f'<aside class="tip" aria-label="This week\'s tip"><p><strong>Tip: '
        f"{escape(tip.title)}.</strong> {escape(tip.text)}</p>"
        f'<p class="source">Source: {escape(tip.source)}</p></aside>'
    )


def _exercises(exercises: Sequence[ExerciseView]) -> str:
    if not exercises:
        return "<p>No exercises this week.</p>"
    return '<div class="exercise-list">' + "".join(_exercise(e) for e in exercises) + "</div>"


def _exercise(e: ExerciseView) -> str:
    figure = (
        f"<figure>{picture_svg(e.picture)}</figure>"
        if e.picture in available()
        else '<figure><p class="no-picture">No drawing for this exercise yet.</p></figure>'
    )
    rows = [
        ("Variant", e.variant),
        ("Load", e.load + (f" ({', '.join(e.equipment)})" if e.equipment else "")),
        ("Dose", e.dose),
        ("Rest", f"{e.rest_seconds} s between sets"),
    ]
    details = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    source = "From the article: " if e.from_article else "How: "
    return (
        f'<article class="exercise" id="exercise-{escape(e.key)}" data-exercise="{escape(e.key)}">'
        f"{figure}<div><h3>{escape(e.name)}</h3><dl>{details}</dl>"
        f'<p class="cues">{escape(e.cues)}</p>'
        f'<p class="instructions">{source}{escape(e.instructions)}</p></div></article>'
    )


# -- charts --------------------------------------------------------------------------------


def _charts(view: ReportView) -> str:
    figures = []
    if view.weekly_distance:
        current = view.weekly_distance[-1].start
        bars = [
            Bar(f"{w.start:%d %b}", w.km, note="this week" if w.start == current else "")
            for w in view.weekly_distance
        ]
        figures.append(
            _figure(
                bar_chart(bars, title="Weekly running distance", unit="km", css_class="distance"),
                "Weekly running distance (km), Monday to Sunday; the last bar is this week so far.",
            )
        )
    if view.adherence:
        bars = [Bar(f"{w.start:%d %b}", w.planned, second=w.done, note="") for w in view.adherence]
        figures.append(
            _figure(
                bar_chart(
                    bars,
                    title="Hip sessions done",
                    unit="sessions",
                    css_class="adherence",
                    integer=True,
                ),
                "Hip sessions per week: outlined = planned, solid = done.",
            )
        )
    if view.pain:
        points = [(f"{p.date:%d %b}", float(p.pain)) for p in view.pain]
        figures.append(
            _figure(
                point_chart(
                    points,
                    title="Knee pain check-ins",
                    unit="/10",
                    top=10,
                    limits=[
                        (PAIN_HOLD_ABOVE, f"above {PAIN_HOLD_ABOVE}: hold"),
                        (PAIN_REGRESS_ABOVE, f"above {PAIN_REGRESS_ABOVE}: step back"),
                    ],
                    css_class="pain",
                ),
                f"Knee pain (0–10) at each check-in; above {PAIN_HOLD_ABOVE} holds progression, "
                f"above {PAIN_REGRESS_ABOVE} steps back.",
            )
        )
    if not view.adherence and not view.pain:
        figures.append(
            '<p class="no-data">Pain and adherence charts appear once there are check-ins '
            '(<span class="key">hipcoach checkin --pain N</span>).</p>'
        )
    return '<div class="charts">' + "".join(figures) + "</div>"


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"
