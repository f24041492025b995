"""The partner search's pages (issue 21): the searchable list, an idea, posting, editing and closing one, expressing
interest, and "my ideas" with the people interested. Thin: reads through idea_policy, writes through idea_services.
Turning an idea into an application is a page of projects (projects/views/ideas.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from programmes.models import Country

from .idea_cache import cached_counts
from .idea_forms import IdeaForm, InterestForm, add_service_error, idea_initial
from .idea_models import IdeaInterest, IdeaStatus, ProjectIdea
from .idea_policy import (
    edit_refusal,
    ideas_visible_to,
    interest_refusal,
    interests_of,
    interests_visible_to,
    is_owner,
)
from .idea_search import PAGE_SIZE, IdeaSearchForm, facet_groups, idea_matches, idea_summary
from .idea_services import idea_close, idea_create, idea_update, interest_express

_COUNTRIES = Prefetch("countries_sought", queryset=Country.objects.order_by("name"))


def idea_list(request):
    state = IdeaSearchForm(request.GET).state()
    matches = idea_matches(state)
    summary = cached_counts(state.q, state.facets, lambda: idea_summary(matches))
    pages = max(1, -(-summary.total // PAGE_SIZE))
    page = min(state.page, pages)
    ideas = list(
        matches.select_related("programme", "organisation").prefetch_related(_COUNTRIES)[
            (page - 1) * PAGE_SIZE : page * PAGE_SIZE
        ]
    )
    context = {
        "state": state,
        "ideas": ideas,
        "total": summary.total,
        "facet_groups": facet_groups(state, summary),
        "page": page,
        "pages": pages,
        "query": state.query(),
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
    }
    return render(request, "partnerships/ideas/list.html", context)


def _idea_or_404(request, pk: int) -> ProjectIdea:
    visible = ideas_visible_to(request.user).select_related("programme", "priority", "call", "organisation")
    return get_object_or_404(visible.prefetch_related(_COUNTRIES), pk=pk)


def idea_detail(request, pk: int):
    idea = _idea_or_404(request, pk)
    context = {
        "idea": idea,
        "owner": is_owner(request.user, idea),
        "interests": list(interests_visible_to(request.user, idea)),
        "interest_refusal": interest_refusal(request.user, idea),
        "edit_refusal": edit_refusal(request.user, idea),
    }
    return render(request, "partnerships/ideas/detail.html", context)


@login_required
def idea_new(request):
    form = IdeaForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data, countries = form.service_data()
        try:
            idea = idea_create(owner=request.user, data=data, countries=countries)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your idea is posted: people can now find it in the partner search."))
            return redirect("ideas:detail", pk=idea.pk)
    status = 400 if form.is_bound else 200
    return render(request, "partnerships/ideas/form.html", {"form": form, "idea": None}, status=status)


def _own_idea_or_404(request, pk: int) -> ProjectIdea:
    idea = _idea_or_404(request, pk)
    if not is_owner(request.user, idea):
        raise Http404
    return idea


@login_required
def idea_edit(request, pk: int):
    idea = _own_idea_or_404(request, pk)
    if refusal := edit_refusal(request.user, idea):
        return render(request, "partnerships/ideas/refused.html", {"idea": idea, "reason": refusal}, status=403)
    form = IdeaForm(request.POST if request.method == "POST" else None, user=request.user, initial=idea_initial(idea))
    if request.method == "POST" and form.is_valid():
        data, countries = form.service_data()
        try:
            idea_update(idea=idea, by=request.user, data=data, countries=countries)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your idea is saved."))
            return redirect("ideas:detail", pk=idea.pk)
    status = 400 if form.is_bound else 200
    return render(request, "partnerships/ideas/form.html", {"form": form, "idea": idea}, status=status)


@require_POST
@login_required
def idea_close_view(request, pk: int):
    idea = _own_idea_or_404(request, pk)
    try:
        idea_close(idea=idea, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Your idea is closed: it no longer appears in the partner search."))
    return redirect("ideas:mine")


@login_required
def idea_interest(request, pk: int):
    idea = _idea_or_404(request, pk)
    if refusal := interest_refusal(request.user, idea):
        return render(request, "partnerships/ideas/refused.html", {"idea": idea, "reason": refusal}, status=403)
    form = InterestForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            interest_express(
                idea=idea,
                person=request.user,
                body=form.cleaned_data["body"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your message was sent to the idea's owner."))
            return redirect("ideas:detail", pk=idea.pk)
    status = 400 if form.is_bound else 200
    return render(request, "partnerships/ideas/interest.html", {"form": form, "idea": idea}, status=status)


@login_required
def my_ideas(request):
    interests = IdeaInterest.objects.select_related("person", "organisation").order_by("created_at", "pk")
    ideas = (
        ProjectIdea.objects.filter(owner=request.user)
        .select_related("programme", "project")
        .annotate(interest_count=Count("interests"))
        .prefetch_related(Prefetch("interests", queryset=interests))
        .order_by("-created_at", "-pk")
    )
    mine = interests_of(request.user).select_related("idea__programme", "organisation").order_by("-created_at")
    context = {"ideas": ideas, "interests": mine, "open": IdeaStatus.OPEN}
    return render(request, "partnerships/ideas/mine.html", context)
