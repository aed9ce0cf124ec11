"""The page itself, read back with html.parser: structure, content, self-containment."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser

from hipcoach import DISCLAIMER
from hipcoach.report.render import render_report
from hipcoach.report.view import build_report
from tests.report.conftest import TODAY

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "area", "base", "wbr"}
SVG_LEAVES = {"line", "polyline", "polygon", "rect", "circle", "path"}


class Page(HTMLParser):
    """Collects tags, attributes and text, and checks that every element is closed."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]

    def with_attr(self, name: str) -> list[str | None]:
        return [a[name] for _, a in self.tags if name in a]

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def page_for(plan, **kwargs) -> tuple[str, Page]:
    html = render_report(build_report(plan, today=TODAY, **kwargs))
    return html, Page(html)


def test_well_formed_with_headings_in_order(plan):
    _, page = page_for(plan)
    assert page.errors == [] and page.stack == []
    assert [t for t, _ in page.tags if t in ("h1",)] == ["h1"]
    headings = [t for t, _ in page.tags if t in ("h1", "h2", "h3")]
    levels = [int(h[1]) for h in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert page.all("html")[0]["lang"] == "en"


def test_self_contained_nothing_fetched(plan, checkins, adherence):
    html, page = page_for(plan, checkins=checkins, adherence=adherence)
    assert not page.all("script") and not page.all("link") and not page.all("img")
    for attr in ("src", "href", "xlink:href"):
        for value in page.with_attr(attr):
            assert value is None or value.startswith("#"), (attr, value)
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "@import" not in html and "url(" not in html
    csp = page.all("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_every_session_with_date_key_and_reason(plan):
    _, page = page_for(plan)
    articles = [
        a["data-session"] for a in page.all("article") if a.get("class", "").startswith("session")
    ]
    assert articles == [s.session.key for s in plan.sessions]
    linked = [a["href"] for a in page.all("a") if "hip" in (a.get("class") or "")]
    assert linked == [f"#session-{s.session.key}" for s in plan.sessions]
    ids = Counter(v for v in page.with_attr("id"))
    assert all(n == 1 for n in ids.values()), ids
    for item in plan.sessions:
        assert item.reason in page.plain
        assert f"{item.date:%a %d %b} · {item.session.key}" in page.plain


def test_every_exercise_with_picture_dose_cues_and_instructions(plan):
    _, page = page_for(plan)
    first = plan.sessions[0].session
    exercises = [a["data-exercise"] for a in page.all("article") if a.get("data-exercise")]
    assert exercises == [p.key for p in first.prescriptions]
    pictures = page.all("svg", **{"class": "exercise-picture"})
    assert [p["data-picture"] for p in pictures] == exercises
    assert all(p["role"] == "img" for p in pictures)
    titles = [t for t, _ in page.tags].count("title")
    assert titles >= len(pictures) + 2  # the page's, each picture's, each chart's
    for p in first.prescriptions:
        assert p.dose_text() in page.plain
        assert p.exercise.cues in page.plain
        assert " ".join(p.exercise.instructions.split()) in page.plain


def test_charts_only_where_there_are_data(plan, checkins, adherence):
    _, bare = page_for(plan)
    charts = [a["class"] for a in bare.all("svg") if "chart" in (a.get("class") or "")]
    assert charts == ["chart distance"]
    assert "appear once there are check-ins" in bare.plain
    _, full = page_for(plan, checkins=checkins, adherence=adherence)
    charts = [a["class"] for a in full.all("svg") if "chart" in (a.get("class") or "")]
    assert charts == ["chart distance", "chart adherence", "chart pain"]
    assert "appear once" not in full.plain


def test_disclaimer_progression_and_warning(plan):
    view = build_report(plan, today=TODAY)
    page = Page(render_report(view))
    assert DISCLAIMER in page.plain
    assert "Programme week 1" in page.plain and "start" in page.plain
    assert not page.all("p", **{"class": "warning"})
    warned = Page(render_report(replace(view, warning="Knee pain 8/10 <today>")))
    assert "Knee pain 8/10 <today>" in warned.plain  # escaped, shown as text
    assert warned.all("p", **{"class": "warning", "role": "alert"})


def test_the_weeks_tip_with_its_source_and_the_pause_warning(plan):
    from hipcoach.models import CheckIn

    view = build_report(plan, today=TODAY)
    assert view.tip is not None
    page = Page(render_report(view))
    assert f"Tip: {view.tip.title}." in page.plain and view.tip.source in page.plain
    hurt = [CheckIn(date=TODAY, pain=8)]
    paused = build_report(plan, today=TODAY, checkins=hurt)
    assert paused.warning and "see a physiotherapist" in paused.warning
    assert "knee pain 8/10" in Page(render_report(paused)).plain


def test_a_rung_shows_its_own_positions_picture_never_another(plan):
    view = build_report(plan, today=TODAY)
    side = view.exercises[0]
    kneeling = replace(
        side, variant="Kneeling side-plank leg raise", picture="kneeling_side_plank_leg_raise"
    )
    page = Page(render_report(replace(view, exercises=(kneeling,))))
    pictures = page.all("svg", **{"class": "exercise-picture"})
    assert [p["data-picture"] for p in pictures] == ["kneeling_side_plank_leg_raise"]
    missing = Page(render_report(replace(view, exercises=(replace(side, picture=None),))))
    assert not missing.all("svg", **{"class": "exercise-picture"})
    assert "No drawing for this exercise yet" in missing.plain


def test_print_stylesheet_is_there(plan):
    html, _ = page_for(plan)
    assert "@media print" in html and "@page" in html and "break-inside: avoid" in html


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_contrast():
    from importlib.resources import files

    css = files("hipcoach.report").joinpath("report.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for text, background in [
        ("ink", "paper"),
        ("muted", "paper"),
        ("accent", "paper"),
        ("ink", "accent-soft"),
        ("paper", "accent"),  # white text on the session chips
        ("paper", "ink"),  # race chips
    ]:
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)
    assert contrast("#5c5c5c", "#f4f4f4") >= 4.5  # days outside the window
    assert contrast("#8c8c8c", "#ffffff") >= 3  # the far-side limbs (graphics: 3:1)
