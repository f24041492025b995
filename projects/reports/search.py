"""The public project database's search as a workbook: the same rows and columns as the CSV/JSON exports."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from interact_portal.reports.registry import Scope, Sheet

from ..exports import FIELDS, with_computed
from ..filters import ProjectSearchForm
from ..search import public_matches

MAX_QUERY = 2000


def _state(query: str):
    return ProjectSearchForm(QueryDict(query[:MAX_QUERY])).state()


def scope(user, parameters: dict) -> Scope:
    """Anyone signed in may export a search (the data is public); the query is kept as it is normalised."""
    state = _state(str(parameters.get("query", "")))
    query = state.query()
    title = _("Project database: %(query)s") % {"query": query or _("all projects")}
    return Scope(title=title[:250], parameters={"query": query})


def sheets(parameters: dict) -> list[Sheet]:
    matches = with_computed(public_matches(_state(parameters.get("query", ""))))
    columns = [(name, path) for name, path, _ in FIELDS]
    return [Sheet(_("Projects"), columns, matches.order_by("-sort_date", "-id"))]
