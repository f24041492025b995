"""The project database's maps: partner countries or NUTS 2 regions coloured by projects or budget.

The figures come from the search summary (projects/facets.py: every partner country and region of the matching
projects, counted in the same query as the facets), so a map costs no query of its own; the project page's map is
drawn from its prefetched partners. Each coloured area links to the search filtered by it. The HTML is cached by
the templates under the search's generation key, like the facet list.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from html import escape  # the standard library's: a quarter of the cost of Django's lazy-aware one, per cell

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from interact_portal.core.formatting import format_count, format_money
from interact_portal.core.maps import ATTRIBUTION, ISO_TO_NUTS, Area, Choropleth, choropleth, geometry

from .facets import PlaceTotal
from .filters import MAP_VIEWS, MEASURES, SearchState

LEVEL = {"country": 0, "region": 2}


@dataclass(frozen=True)
class Switch:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Row:
    name: str
    url: str
    cells: tuple[str, ...]


@dataclass
class ProjectMap:
    """What the map template shows; ``table`` is the table alternative's body, written here: hundreds of rows cost
    ~40 µs each through the template language and ~3 µs here."""

    map_id: str
    title: str
    choropleth: Choropleth | None  # None when the visitor hid the map
    note: str = ""
    columns: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    views: list[Switch] = field(default_factory=list)
    measures: list[Switch] = field(default_factory=list)
    attribution: str = ATTRIBUTION

    @property
    def table(self) -> SafeString:
        return mark_safe(  # noqa: S308 - every value is escaped
            "".join(
                f'<tr><th scope="row"><a href="{escape(row.url)}">{escape(row.name)}</a></th>'
                + "".join(f'<td class="num">{escape(cell)}</td>' for cell in row.cells)
                + "</tr>"
                for row in self.rows
            )
        )


def _count(n: int) -> str:
    return format_count(n)  # the reader's number format, without a template filter's cost per area


def _projects(n: int) -> str:
    return _projects_in(get_language(), n)


@lru_cache(maxsize=4096)
def _projects_in(language: str, n: int) -> str:
    """ "n projects" in the active ``language`` (ngettext's plural lookup costs ~20 µs; maps ask it per area)."""
    return ngettext("%(n)s project", "%(n)s projects", n) % {"n": _count(n)}


def _money(value) -> str:
    return format_money(value, decimals=0)


def _range(show: Callable) -> Callable[[float, float], str]:
    return lambda low, high: show(low) if low == high else f"{show(low)}–{show(high)}"


def search_map(state: SearchState, places: dict[str, list[PlaceTotal]], *, base: str = "", map_id: str = "map"):
    """The map of a search's partner countries or regions (the view and measure its state asks for).

    ``base`` is the address of the search page when the map is on another page (a programme's): the map's switches
    stay on the page, its areas link to the search, and it shows the programme's area rather than all of Europe.
    """
    view = state.map or "country"
    measure = state.measure or "projects"
    here = SearchState(map=state.map, measure=state.measure) if base else state  # what the switches keep
    views = [Switch(label, "?" + _switch(here, map=key), key == view) for key, label in MAP_VIEWS.items()]
    measures = [Switch(label, "?" + _switch(here, measure=key), key == measure) for key, label in MEASURES.items()]
    if view == "none":
        return ProjectMap(map_id, _("Map"), None, views=views)
    facet = view
    by_budget = measure == "budget"
    totals = places.get(facet, [])
    code = (lambda iso: ISO_TO_NUTS.get(iso, iso)) if facet == "country" else (lambda nuts: nuts)

    # the search's query string with this facet's value left to fill in: one urlencode, not one per area (search
    # words can hold no NUL, refused by the form, and codes need no escaping)
    template = f"{base}?{state.query(**{facet: chr(0)})}"
    links = {p.code: template.replace("%00", p.code) for p in totals}

    def title(place: PlaceTotal) -> str:
        if by_budget:
            return _("%(name)s: %(budget)s (%(projects)s)") % {
                "name": place.name,
                "budget": _money(place.budget),
                "projects": _projects(place.projects),
            }
        return f"{place.name}: {_projects(place.projects)}"

    areas = [
        Area(code(p.code), float(p.budget) if by_budget else p.projects, title(p), links[p.code])
        for p in totals
        if p.projects
    ]
    if facet == "country":
        heading = _("Budget by partner country") if by_budget else _("Projects by partner country")
        note = _("A project counts in every country of its partners, with its whole budget.")
    else:
        heading = _("Budget by partner region (NUTS 2)") if by_budget else _("Projects by partner region (NUTS 2)")
        note = _("A project counts in every NUTS 2 region of its partners, with its whole budget.")
    drawn = choropleth(
        areas,
        level=LEVEL[facet],
        map_id=map_id,
        title=heading,
        description=_describe(len(areas), facet, by_budget),
        label=_range(_money if by_budget else lambda v: _count(int(v))),
        zoom=bool(base),
    )
    if drawn.missing:
        note += " " + ngettext(
            "%(n)d place with projects is not on the map (outside its frame); the table lists it.",
            "%(n)d places with projects are not on the map (outside its frame); the table lists them.",
            len(drawn.missing),
        ) % {"n": len(drawn.missing)}
    rows = [Row(p.name, links[p.code], (_count(p.projects), format_money(p.budget))) for p in totals]
    columns = (_("Country") if facet == "country" else _("Region"), _("Projects"), _("Budget"))
    return ProjectMap(map_id, heading, drawn, note, columns, rows, views, measures)


def _switch(state: SearchState, **change) -> str:
    """The query string of the same search with the map's view or measure changed (defaults left out)."""
    defaults = {"map": "country", "measure": "projects"}
    params = {name: None if value == defaults[name] else value for name, value in change.items()}
    return state.query(**params)


def _describe(count: int, facet: str, by_budget: bool) -> str:
    if facet == "country":
        text = ngettext(
            "Map of Europe: %(n)d country has partners of these projects.",
            "Map of Europe: %(n)d countries have partners of these projects.",
            count,
        )
    else:
        text = ngettext(
            "Map of Europe: %(n)d NUTS 2 region has partners of these projects.",
            "Map of Europe: %(n)d NUTS 2 regions have partners of these projects.",
            count,
        )
    figure = _("their budget") if by_budget else _("the number of projects")
    return (
        text % {"n": count}
        + " "
        + _("The darker, the higher %(figure)s; grey: none. The table below gives every figure.") % {"figure": figure}
    )


def project_map(partners: Iterable, search: str) -> ProjectMap:
    """The NUTS 2 regions of a project's partners (and the countries of partners whose region is not recorded),
    from its prefetched partners with their organisations' country and region: no query. ``search`` is the
    search page's address, where each area links."""
    regions: dict[str, list] = {}
    countries: dict[str, list] = {}
    names: dict[str, str] = {}
    for partner in partners:
        organisation = partner.organisation
        region = organisation.nuts_region
        if region is not None and region.level >= 2:
            code = region.code[:4]
            regions.setdefault(code, []).append(partner)
            if region.level == 2:
                names[code] = region.name
        else:
            countries.setdefault(organisation.country_id, []).append(partner)
            names[organisation.country_id] = organisation.country.name
    shapes = geometry().regions

    def name(code: str) -> str:
        return names.get(code) or (shapes[code].name if code in shapes else code)

    def figures(code: str, group: list) -> tuple[str, Decimal]:
        budget = sum((p.budget for p in group), Decimal(0))
        partners = ngettext("%(n)d partner", "%(n)d partners", len(group)) % {"n": len(group)}
        return f"{name(code)}: {partners}, {format_money(budget)}", budget

    areas, context, rows = [], [], []
    for facet, places, into in (("region", regions, areas), ("country", countries, context)):
        for code, group in sorted(places.items(), key=lambda item: (-len(item[1]), name(item[0]))):
            url = f"{search}?{SearchState(facets={facet: code}).query()}"
            text, budget = figures(code, group)
            into.append(Area(ISO_TO_NUTS.get(code, code) if facet == "country" else code, len(group), text, url))
            rows.append(Row(name(code), url, (str(len(group)), format_money(budget))))
    heading = _("Partner regions")
    drawn = choropleth(
        areas,
        level=2,
        map_id="partner-map",
        title=heading,
        description=_("Map of Europe with the NUTS 2 regions of the project's partners; the table below lists them."),
        label=_range(lambda v: ngettext("%(n)d partner", "%(n)d partners", int(v)) % {"n": int(v)}),
        context=context,
        context_label=_("Country of a partner whose region is not recorded"),
        zoom=True,
    )
    return ProjectMap(
        "partner-map",
        heading,
        drawn,
        _("Each region links to the projects with a partner there."),
        (_("Region or country"), _("Partners"), _("Budget")),
        rows,
    )
