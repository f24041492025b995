"""Choropleth maps of Europe as inline SVG, drawn on the server: regions → values → an SVG string.

The boundaries are Eurostat's generalised NUTS 2024 boundaries (1:60 million, via Nuts2json, vendored in ``nuts/``,
see its README), already projected in EPSG:3035 (metres). Each region's outline is turned once per process into an
SVG path: scaled down to ``SCALE`` metres per unit, rounded to integers, repeated and collinear points dropped,
written with relative moves. A map is then only a join of ready strings: no geometry work per request.

Codes are the boundary files' own: NUTS codes for regions and countries (``EL`` is Greece, ``UK`` the United
Kingdom), and for countries outside NUTS the ids of the background file (``BA``, ``MD``, ``UK``). A caller that keeps
ISO 3166 codes maps them first (``ISO_TO_NUTS``).

Every map carries the attribution the boundaries' licence requires (``ATTRIBUTION``), in the SVG itself.
"""

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html import escape  # the standard library's (Django's adds a lazy-string check per call)
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

DATA = Path(__file__).resolve().parent / "nuts"
SCALE = 3000  # metres of EPSG:3035 per SVG unit
# The drawn frame in EPSG:3035 metres (x min, y min, x max, y max): the NUTS regions' extent with a margin.
FRAME = (1_880_000, 880_000, 7_380_000, 5_780_000)
WIDTH = (FRAME[2] - FRAME[0]) // SCALE
HEIGHT = (FRAME[3] - FRAME[1]) // SCALE
# The licence's wording (README of nuts/); pages show it in the reader's language: {% translate map.attribution %}.
ATTRIBUTION = gettext_noop("© EuroGeographics for the administrative boundaries")
# Eurostat's country codes that differ from ISO 3166 (the portal's Country.code), both ways
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
ISO_TO_NUTS = {iso: nuts for nuts, iso in NUTS_TO_ISO.items()}

# Sequential blues (ColorBrewer "Blues", its 5 darker shades): light = few, dark = many; the lightest stands apart
# from the grey of "no figure".
PALETTE = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08429c")
CONTEXT = "#fdd49e"  # areas drawn for context beneath the classes (e.g. a partner's country without its region)
NO_DATA = "#e1e3e8"  # a NUTS region or country without figures
OUTSIDE = "#eef0f4"  # countries outside NUTS (background)
BORDER = "#ffffff"
LEVELS = (0, 2)
NO_REGION = "XJL"  # "No mans land" in the background file: never drawn


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str  # the SVG path data
    box: tuple[int, int, int, int]  # x min, y min, x max, y max in SVG units


@dataclass(frozen=True)
class Geometry:
    countries: dict[str, Shape]  # NUTS 0 countries, then the background's countries outside NUTS
    regions: dict[str, Shape]  # NUTS 2
    outside: frozenset[str]  # codes of ``countries`` that are not NUTS countries
    background: str  # the paths of the outside countries, beneath a region map


def _point(x: float, y: float) -> tuple[int, int]:
    return round((x - FRAME[0]) / SCALE), round((FRAME[3] - y) / SCALE)  # SVG y grows downwards


def _ring(coordinates: list) -> list[tuple[int, int]]:
    """A ring's points on the SVG grid without repeated or (exactly) collinear points; fewer than 3 if it vanishes."""
    points: list[tuple[int, int]] = []
    for x, y in coordinates:
        p = _point(x, y)
        if not points or points[-1] != p:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    while len(points) > 3:
        kept = [
            b
            for a, b, c in zip(points[-1:] + points[:-1], points, points[1:] + points[:1], strict=True)
            if (b[0] - a[0]) * (c[1] - a[1]) != (b[1] - a[1]) * (c[0] - a[0])
        ]
        if len(kept) == len(points) or len(kept) < 3:
            break
        points = kept
    return points


def _path(rings: Iterable[list[tuple[int, int]]]) -> str:
    parts = []
    for points in rings:
        moves = "".join(
            f"{'' if n == 0 else ' ' if dx >= 0 else ''}{dx}{' ' if dy >= 0 else ''}{dy}"
            for n, ((ax, ay), (bx, by)) in enumerate(zip(points[:-1], points[1:], strict=True))
            for dx, dy in [(bx - ax, by - ay)]
        )
        parts.append(f"M{points[0][0]} {points[0][1]}l{moves}z")
    return "".join(parts)


def _shape(feature: dict) -> Shape:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    rings = [_ring(ring) for polygon in polygons for ring in polygon]
    kept = [r for r in rings if len(r) >= 3]
    if not kept:  # too small for the grid (a city region): a small square where it is, so it can still be seen
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        x, y = round(sum(xs) / len(xs)), round(sum(ys) / len(ys))
        kept = [[(x - 2, y - 2), (x + 2, y - 2), (x + 2, y + 2), (x - 2, y + 2)]]
    properties = feature["properties"]
    xs, ys = [p[0] for r in kept for p in r], [p[1] for r in kept for p in r]
    return Shape(properties["id"], properties["na"].strip(), _path(kept), (min(xs), min(ys), max(xs), max(ys)))


def _features(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="ascii"))["features"]


@cache
def geometry() -> Geometry:
    """The shapes of every country and NUTS 2 region, computed once per process (~0.1 s)."""
    countries = {s.code: s for s in map(_shape, _features("nutsrg_0.json"))}
    outside = {
        s.code: s for s in map(_shape, _features("cntrg.json")) if s.code not in countries and s.code != NO_REGION
    }
    background = "".join(f'<path d="{s.d}"/>' for s in outside.values())  # beneath every region map: one string
    return Geometry(
        countries={**countries, **outside},
        regions={s.code: s for s in map(_shape, _features("nutsrg_2.json"))},
        outside=frozenset(outside),
        background=background,
    )


@dataclass(frozen=True)
class Area:
    """A region or country with a figure: ``code`` as in the boundary files (NUTS 2 code, or a country's code)."""

    code: str
    value: float
    title: str  # the path's <title>: its name and figure
    url: str = ""  # where it links (the search filtered by it); none when empty


@dataclass(frozen=True)
class LegendClass:
    colour: str
    label: str


@dataclass(frozen=True)
class Choropleth:
    svg: SafeString
    legend: list[LegendClass]
    drawn: int  # areas with figures that are on the map
    missing: list[str]  # codes with figures that have no shape here (outside the map's frame or not NUTS 2024)


def classes(values: list[float], count: int = len(PALETTE)) -> list[float]:
    """Upper bounds of up to ``count`` classes of ``values``: each distinct value when there are few, else quantiles.

    Each bound is the first quantile of the values above the previous bound for the classes still to fill, so a
    value shared by many areas (one project in most regions) fills one class and the others split the rest.
    """
    distinct = sorted(set(values))
    if len(distinct) <= count:
        return distinct
    ordered = sorted(values)
    bounds: list[float] = []
    while len(bounds) < count:
        rest = ordered if not bounds else [v for v in ordered if v > bounds[-1]]
        if not rest:
            break
        bounds.append(rest[math.ceil(len(rest) / (count - len(bounds))) - 1])
    return bounds


def _colours(n: int) -> list[str]:
    """n colours of the palette spread from light to dark (one class: a middle-dark shade)."""
    if n == 1:
        return [PALETTE[3]]
    last = len(PALETTE) - 1
    return [PALETTE[round(i * last / (n - 1))] for i in range(n)]


def _view(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """The viewBox (x, y, width, height) around ``boxes`` with a margin, in the map's proportions, inside it."""
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width = max((right - left) * 1.3, (bottom - top) * 1.3 * WIDTH / HEIGHT, WIDTH / 3)
    width = min(round(width), WIDTH)
    height = round(width * HEIGHT / WIDTH)
    x = min(max(round((left + right - width) / 2), 0), WIDTH - width)
    y = min(max(round((top + bottom - height) / 2), 0), HEIGHT - height)
    return x, y, width, height


def _link(area: Area, d: str) -> str:
    title = f"<title>{escape(area.title)}</title>"
    if not area.url:
        return f'<g class="map-area">{title}<path d="{d}"/></g>'
    return f'<a href="{escape(area.url)}" class="map-area">{title}<path d="{d}"/></a>'


def choropleth(
    areas: Iterable[Area],
    *,
    level: int,
    map_id: str,
    title: str,
    description: str,
    label: Callable[[float, float], str],
    context: Iterable[Area] = (),
    context_label: str = "",
    zoom: bool = False,
) -> Choropleth:
    """The SVG of ``areas`` coloured by class over the countries (``level`` 0) or NUTS 2 regions (``level`` 2).

    ``label(low, high)`` writes a class's range for the legend (the smallest and largest value in it). ``context``
    areas (countries, on a region map) are drawn in one colour beneath the classed ones, under ``context_label``.
    With ``zoom``, the map shows the areas with figures (at least a third of Europe's width), not all of Europe.
    Every area is one path: classed areas and context areas are links (or groups) with a <title>; the others are grey.
    The <svg> keeps its own role (graphics document), named by its <title> and <desc>: ``role="img"`` would make its
    links presentational (axe: nested-interactive), and the HTML checker allows no other role on <svg>.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    shapes = geometry()
    layer = shapes.countries if level == 0 else shapes.regions
    areas = [a for a in areas if a.value is not None]
    drawn = [a for a in areas if a.code in layer]
    missing = sorted(a.code for a in areas if a.code not in layer)
    bounds = classes([a.value for a in drawn])
    colours = _colours(len(bounds))
    members: list[list[Area]] = [[] for _ in bounds]
    for area in drawn:
        members[next(i for i, bound in enumerate(bounds) if area.value <= bound)].append(area)
    legend = [
        LegendClass(colour, label(min(a.value for a in group), max(a.value for a in group)))
        for colour, group in zip(colours, members, strict=True)
        if group
    ]
    coloured = {a.code for a in drawn}
    context = [a for a in context if a.code in shapes.countries and a.code not in coloured]
    if context:
        legend.insert(0, LegendClass(CONTEXT, context_label))
    taken = coloured | ({a.code for a in context} if level == 0 else set())
    rest = [(f'<path d="{s.d}"/>', code in shapes.outside) for code, s in layer.items() if code not in taken]
    grey = "".join(path for path, out in rest if not out)
    outside = "".join(path for path, out in rest if out)
    boxes = [layer[a.code].box for a in drawn] + [shapes.countries[a.code].box for a in context]
    x, y, w, h = _view(boxes) if zoom and boxes else (0, 0, WIDTH, HEIGHT)
    k = w / WIDTH  # strokes and lettering keep their size on the page when zoomed in
    g = f'stroke="{BORDER}" stroke-width="{1.5 * k:.2f}"'
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="{x} {y} {w} {h}" '
        f'aria-labelledby="{map_id}-title {map_id}-desc" id="{map_id}">',
        f'<title id="{map_id}-title">{escape(title)}</title><desc id="{map_id}-desc">{escape(description)}</desc>',
        f'<g fill="{OUTSIDE}" {g} aria-hidden="true">{shapes.background if level == 2 else outside}</g>',
        f'<g fill="{NO_DATA}" {g} aria-hidden="true">{grey}</g>',
    ]
    if context:
        parts.append(f'<g fill="{CONTEXT}" {g}>')
        parts += [_link(a, shapes.countries[a.code].d) for a in context]
        parts.append("</g>")
    for colour, group in zip(colours, members, strict=True):
        if group:
            parts.append(f'<g fill="{colour}" {g}>')
            parts += [_link(a, layer[a.code].d) for a in group]
            parts.append("</g>")
    parts.append(
        f'<text x="{x + w - 12 * k:.0f}" y="{y + h - 14 * k:.0f}" font-size="{28 * k:.1f}" text-anchor="end" '
        f'class="map-attribution" aria-hidden="true">{escape(gettext(ATTRIBUTION))}</text></svg>'
    )
    return Choropleth(mark_safe("".join(parts)), legend, len(drawn), missing)  # noqa: S308 - every text is escaped
