"""htmx fragments of the partnerships app."""

from django.shortcuts import render

from .forms import picker_context


def organisation_results(request):
    """The picker's search results, refreshed while the user types (the full page works without it)."""
    return render(request, "partnerships/partials/organisation_results.html", picker_context(request))
