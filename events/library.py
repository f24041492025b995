"""The knowledge library's reads: who may see an item, what a search finds (words through the stored search vector,
facets by topic, kind and language), its counts, and what a topic's shelf holds — its items, the materials of its
past events (read from the events themselves, never copied) and its upcoming events.

`LibraryItem.objects.visible_to(user)` is the one policy of which items a person sees; `library_item_visible` asks
it of one item. Pages, downloads and the open-data API call them.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, TextField, Value

from .choices import LIBRARY_LANGUAGES, SEAT_HOLDING, LibraryKind, LibraryVisibility, Visibility
from .library_cache import library_cached
from .library_services import SEARCH_CONFIG
from .models import Event, LibraryItem, Material, Registration, Topic

PAGE_SIZE = 20
MAX_WORDS = 200  # characters of a search kept
FACETS = ("topic", "kind", "language")
LANGUAGE_CODES = {code for code, _name in LIBRARY_LANGUAGES}


def library_item_visible(user, item: LibraryItem) -> bool:
    """May this person see (and download) this item: the same rule as LibraryItem.objects.visible_to."""
    return getattr(user, "is_authenticated", False) or item.visibility == LibraryVisibility.PUBLIC


@dataclass
class LibrarySearch:
    """A search of the library as the query string gave it; unknown facet values are dropped, never an error."""

    q: str = ""
    facets: dict[str, str] = field(default_factory=dict)  # topic: slug, kind, language
    page: int = 1

    @classmethod
    def from_query(cls, params, topic_slugs: set[str]) -> "LibrarySearch":
        q = " ".join(str(params.get("q", "")).replace("\x00", " ").split())[:MAX_WORDS]
        allowed = {"topic": topic_slugs, "kind": set(LibraryKind.values), "language": LANGUAGE_CODES}
        facets = {name: params.get(name) for name in FACETS if params.get(name) in allowed[name]}
        page = str(params.get("page", ""))
        return cls(q=q, facets=facets, page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1)


def _words(q: str) -> SearchQuery:
    return SearchQuery(
        Func(Value(q), function="portal_fold", output_field=TextField()), config=SEARCH_CONFIG, search_type="websearch"
    )


def library_matches(user, search: LibrarySearch, topics: dict[str, Topic]) -> QuerySet[LibraryItem]:
    """The items the person may see that match the search's words and facets, best first (newest without words)."""
    items = LibraryItem.objects.visible_to(user)
    if "topic" in search.facets:
        items = items.filter(topic_id=topics[search.facets["topic"]].pk)
    if "kind" in search.facets:
        items = items.filter(kind=search.facets["kind"])
    if "language" in search.facets:
        items = items.filter(language=search.facets["language"])
    if not search.q:
        return items.order_by("-date", "-pk")
    query = _words(search.q)
    return (
        items.filter(search_vector=query)
        .annotate(score=SearchRank(F("search_vector"), query))
        .order_by("-score", "-date", "-pk")
    )


_SUMMARY = """
SELECT GROUPING(topic_id), GROUPING(kind), GROUPING(language), topic_id, kind, language, count(*)
FROM ({matches}) AS matches
GROUP BY GROUPING SETS ((), (topic_id), (kind), (language))
"""
HEAVY = ("text", "search_vector")  # never read by a page: the text of a file, its vector
SUMMARY_VERSION = "summary-2"  # changed with the summary's shape: a new release never reads an older one's
RANKED = 5_000  # matches of a search kept in rank order in its summary: 250 pages; later pages are read directly


def library_summary(user, search: LibrarySearch, topics: dict[str, Topic]) -> dict:
    """The number of matches, the facet counts (topic id, kind, language → n) in one query, and — for a search with
    words — the ids of the best RANKED matches in rank order (ranking reads every match's vector: done once per
    search, not on every page), cached until the library changes."""

    def compute() -> dict:
        matches = library_matches(user, search, topics)
        sql, params = matches.order_by().values("topic_id", "kind", "language").query.sql_with_params()
        summary = {"total": 0, "topic": {}, "kind": {}, "language": {}, "ranked": None}
        with connection.cursor() as cursor:
            cursor.execute(_SUMMARY.format(matches=sql), params)
            for no_topic, no_kind, no_language, topic, kind, language, n in cursor.fetchall():
                if not no_topic:
                    summary["topic"][topic] = n
                elif not no_kind:
                    summary["kind"][kind] = n
                elif not no_language:
                    summary["language"][language] = n
                else:
                    summary["total"] = n
        if search.q and summary["total"]:
            summary["ranked"] = list(matches.values_list("pk", flat=True)[:RANKED])
        return summary

    audience = "signed-in" if getattr(user, "is_authenticated", False) else "public"
    facets = "&".join(f"{k}={v}" for k, v in sorted(search.facets.items()))
    return library_cached([SUMMARY_VERSION, audience, search.q, facets], compute)


def library_page(items: QuerySet[LibraryItem], page: int, summary: dict) -> tuple[list[LibraryItem], int, int]:
    """One page of the matches (the page number kept within the pages there are): items, page, pages. A search's
    page within its ranked ids is read by primary key; any other page from the ordered matches."""
    pages = max(1, -(-summary["total"] // PAGE_SIZE))
    page = min(page, pages)
    start = (page - 1) * PAGE_SIZE
    ranked = summary.get("ranked")
    if ranked is not None and start < len(ranked):
        # the person's matches, ranked for their audience (the summary's key): read by primary key alone
        ids = ranked[start : start + PAGE_SIZE]
        found = {item.pk: item for item in LibraryItem.objects.filter(pk__in=ids).select_related("topic").defer(*HEAVY)}
        return [found[pk] for pk in ids if pk in found], page, pages
    return list(items.select_related("topic").defer(*HEAVY)[start : start + PAGE_SIZE]), page, pages


def labelled(items) -> list[LibraryItem]:
    """The items with their kind's and language's labels (`kind_label`, `language_label`), translated once per page:
    Django's get_FOO_display translates every choice of the field again for each row."""
    kinds = {value: str(label) for value, label in LibraryKind.choices}
    languages = {code: str(name) for code, name in LIBRARY_LANGUAGES}
    items = list(items)
    for item in items:
        item.kind_label, item.language_label = kinds.get(item.kind, item.kind), languages.get(item.language, "")
    return items


def past_event_materials(user, topic: Topic, limit: int = 100) -> QuerySet[Material]:
    """The materials of the topic's past events that the person may see: public ones, and participants-only ones
    of the events where they held a seat (as the event's own page shows them)."""
    materials = Material.objects.filter(event__in=Event.objects.past().filter(topics=topic).values("pk"))
    if getattr(user, "is_authenticated", False):
        seat = Registration.objects.filter(event=OuterRef("event"), user=user, status__in=SEAT_HOLDING)
        materials = materials.filter(Q(visibility=Visibility.PUBLIC) | Exists(seat))
    else:
        materials = materials.filter(visibility=Visibility.PUBLIC)
    return materials.select_related("event").order_by("-event__starts_at", "event", "kind", "title")[:limit]


def upcoming_events(topic: Topic, limit: int = 10) -> QuerySet[Event]:
    return Event.objects.upcoming().filter(topics=topic).only("title", "slug", "starts_at", "timezone")[:limit]
