"""The knowledge library's public pages: the search, a topic's shelf, an item and its download (events.library)."""

from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from interact_portal.core.uploads import attachment, titled_name

from .choices import LIBRARY_LANGUAGES, LibraryKind
from .library import (
    FACETS,
    HEAVY,
    LibrarySearch,
    labelled,
    library_item_visible,
    library_matches,
    library_page,
    library_summary,
    past_event_materials,
    upcoming_events,
)
from .models import LibraryItem, Topic


def _facet_options(summary: dict, search: LibrarySearch, topics: dict[str, Topic]) -> list[dict]:
    """Each facet's choices with their counts: the values with matches, and the chosen one."""
    values = {
        "topic": [(slug, topic.name, summary["topic"].get(topic.pk, 0)) for slug, topic in topics.items()],
        "kind": [(value, label, summary["kind"].get(value, 0)) for value, label in LibraryKind.choices],
        "language": [(code, name, summary["language"].get(code, 0)) for code, name in LIBRARY_LANGUAGES],
    }
    return [
        {
            "name": name,
            "label": LibraryItem._meta.get_field(name).verbose_name,
            "chosen": search.facets.get(name, ""),
            "options": [(v, label, n) for v, label, n in values[name] if n or v == search.facets.get(name)],
        }
        for name in FACETS
    ]


def library_search(request):
    topics = {topic.slug: topic for topic in Topic.objects.only("name", "slug")}
    search = LibrarySearch.from_query(request.GET, set(topics))
    summary = library_summary(request.user, search, topics)
    items, page, pages = library_page(library_matches(request.user, search, topics), search.page, summary)
    query = urlencode({"q": search.q, **search.facets} if search.q else search.facets)
    context = {
        "search": search,
        "total": summary["total"],
        "facets": _facet_options(summary, search, topics),
        "items": labelled(items),
        "page": page,
        "pages": pages,
        "query": query,
        "topics": list(topics.values()),
    }
    return render(request, "events/library/search.html", context)


TOPIC_ITEMS = 50  # the newest on the topic's page; "Search this topic" lists them all


def library_topic(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    items = LibraryItem.objects.visible_to(request.user).filter(topic=topic).defer(*HEAVY)
    items = items.order_by("-date", "-pk")[:TOPIC_ITEMS]
    context = {
        "topic": topic,
        "items": labelled(items),
        "materials": past_event_materials(request.user, topic),
        "events": upcoming_events(topic),
    }
    return render(request, "events/library/topic.html", context)


def _item_for(request, pk: int):
    """The item, or the login page for a signed-in-only item asked for anonymously."""
    item = get_object_or_404(LibraryItem.objects.select_related("topic").defer(*HEAVY), pk=pk)
    return item if library_item_visible(request.user, item) else None


def library_item(request, pk: int):
    item = _item_for(request, pk)
    if item is None:
        return redirect_to_login(request.get_full_path())
    return render(request, "events/library/item.html", {"item": item})


def library_download(request, pk: int):
    item = _item_for(request, pk)
    if item is None:
        return redirect_to_login(request.get_full_path())
    if not item.file:
        raise Http404
    return attachment(item.file, titled_name(item.title, item.file.name, "library-item"))
