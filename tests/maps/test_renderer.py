"""The generic choropleth renderer (interact_portal/core/maps.py): valid SVG, one path per area with figures,
classes, links and titles escaped, the licence's attribution, and the vendored boundaries themselves."""

import hashlib
import re
import xml.etree.ElementTree as ET

import pytest

from interact_portal.core import maps
from interact_portal.core.maps import ATTRIBUTION, Area, choropleth, classes, geometry

SVG = "{http://www.w3.org/2000/svg}"


def draw(areas, level=2, **options):
    return choropleth(
        areas, level=level, map_id="m", title="Projects", description="A map", label=lambda a, b: f"{a}-{b}", **options
    )


def parsed(result) -> ET.Element:
    return ET.fromstring(str(result.svg))  # noqa: S314 - the portal's own output


def test_the_vendored_boundaries_are_the_files_of_the_readme():
    readme = (maps.DATA / "README.md").read_text()
    for name in ("cntrg.json", "nutsrg_0.json", "nutsrg_2.json"):
        digest = hashlib.sha256((maps.DATA / name).read_bytes()).hexdigest()
        assert f"`{digest}`" in readme, name
    assert ATTRIBUTION in readme


def test_every_country_and_nuts_2_region_has_a_closed_path_inside_the_frame():
    shapes = geometry()
    assert len(shapes.regions) == 289 and {"EL", "UK", "BA", "MD", "XK", "UA"} <= set(shapes.countries)
    assert "XJL" not in shapes.countries and "UK" in shapes.outside and "DE" not in shapes.outside
    for shape in [*shapes.regions.values(), *shapes.countries.values()]:
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", shape.d), shape.code
    for shape in shapes.regions.values():  # NUTS regions lie inside the frame (background countries may not)
        x0, y0, x1, y1 = shape.box
        assert 0 <= x0 <= x1 <= maps.WIDTH and 0 <= y0 <= y1 <= maps.HEIGHT, shape.code
    # Ceuta and Melilla are smaller than the grid: still drawn, as small squares where they are
    assert shapes.regions["ES63"].d.count("M") == 1 and shapes.regions["ES64"].box[2] - shapes.regions["ES64"].box[0]


def test_the_svg_parses_and_has_one_link_with_a_title_per_area_with_figures():
    areas = [Area("AT13", 5, "Wien: 5 projects", "/projects/?region=AT13"), Area("EL30", 1, "Attiki: 1", "/x?a=1&b=2")]
    svg = parsed(draw(areas))
    links = svg.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/x?a=1&b=2", "/projects/?region=AT13"]  # light class first
    assert [a.find(f"{SVG}title").text for a in links] == ["Attiki: 1", "Wien: 5 projects"]
    assert all(len(a.findall(f"{SVG}path")) == 1 for a in links)
    # every other region is one grey path without a link: 289 region paths in all, each region once
    grey = [p for g in svg.findall(f"{SVG}g") if g.get("fill") == maps.NO_DATA for p in g.findall(f"{SVG}path")]
    assert len(grey) == 289 - 2
    assert svg.get("role") is None and svg.get("aria-labelledby") == "m-title m-desc"  # no "img": it has links
    assert svg.find(f"{SVG}title").text == "Projects" and svg.find(f"{SVG}desc").text == "A map"
    assert svg.find(f"{SVG}text").text == ATTRIBUTION


def test_a_country_map_draws_countries_outside_nuts_and_reports_unknown_codes():
    result = draw(
        [Area("UK", 2, "United Kingdom", "/?country=GB"), Area("EL", 1, "Greece", "/?country=GR"), Area("ZZ", 9, "?")],
        level=0,
    )
    assert result.drawn == 2 and result.missing == ["ZZ"]
    assert len(parsed(result).findall(f".//{SVG}a")) == 2
    assert [c.label for c in result.legend] == ["1-1", "2-2"]  # only the drawn areas are classed


def test_titles_and_links_are_escaped():
    result = draw([Area("AT13", 1, 'Wien <b>&"', '/p/?q="><script>')])
    svg = str(result.svg)
    assert "<script>" not in svg and "<b>" not in svg
    link = parsed(result).find(f".//{SVG}a")
    assert link.get("href") == '/p/?q="><script>' and link.find(f"{SVG}title").text == 'Wien <b>&"'


def test_classes_are_distinct_values_when_few_and_quantiles_when_many():
    assert classes([3, 1, 3, 2]) == [1, 2, 3]
    assert classes(list(range(1, 101))) == [20, 40, 60, 80, 100]
    assert classes([1] * 90 + list(range(2, 12))) == [1, 4, 7, 9, 11]  # skewed: the many ones fill one class
    assert classes([]) == []


def test_areas_are_coloured_by_class_from_light_to_dark_with_a_legend():
    codes = ["AT11", "AT12", "AT13", "AT21", "AT22", "AT31"]
    areas = [Area(code, value, code, f"/r/{code}") for value, code in enumerate(codes)]
    result = draw(areas)
    assert [c.colour for c in result.legend] == list(maps.PALETTE)
    assert [c.label for c in result.legend] == ["0-1", "2-2", "3-3", "4-4", "5-5"]
    fills = {
        a.find(f"{SVG}title").text: g.get("fill") for g in parsed(result).iter(f"{SVG}g") for a in g.findall(f"{SVG}a")
    }
    assert fills["AT11"] == fills["AT12"] == maps.PALETTE[0] and fills["AT31"] == maps.PALETTE[-1]


def test_context_countries_are_drawn_beneath_and_a_zoomed_map_frames_the_areas():
    result = draw(
        [Area("AT13", 1, "Wien", "/r")], context=[Area("SK", 1, "Slovakia", "/c")], context_label="ctx", zoom=True
    )
    svg = parsed(result)
    assert result.legend[0] == maps.LegendClass(maps.CONTEXT, "ctx")
    assert [a.find(f"{SVG}title").text for a in svg.iter(f"{SVG}a")] == ["Slovakia", "Wien"]
    x, y, w, h = map(int, svg.get("viewBox").split())
    assert w < maps.WIDTH / 2 and x >= 0 and x + w <= maps.WIDTH and y >= 0 and y + h <= maps.HEIGHT
    wien = geometry().regions["AT13"].box
    assert x <= wien[0] and wien[2] <= x + w and y <= wien[1] and wien[3] <= y + h


def test_a_level_other_than_countries_or_nuts_2_is_refused():
    with pytest.raises(ValueError):
        draw([], level=3)


def test_an_empty_map_still_has_europe_and_the_attribution():
    result = draw([])
    assert result.legend == [] and ATTRIBUTION in result.svg and parsed(result).findall(f".//{SVG}a") == []
