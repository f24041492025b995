"""Public pages of the programmes app: calls for proposals."""

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from interact_portal.core.uploads import attachment, titled_name

from .forms import CallFilterForm
from .models import Call, CallDocument, SpecificObjective


def call_list(request):
    form = CallFilterForm(request.GET)
    chosen = form.filters()
    calls = Call.objects.published().select_related("programme")
    if "programme" in chosen:
        calls = calls.filter(programme=chosen["programme"])
    if "status" in chosen:
        calls = {"open": calls.open_now, "upcoming": calls.upcoming, "closed": calls.closed}[chosen["status"]]()
    now = timezone.now()
    calls = calls.annotate(
        state_order=Case(
            When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
            When(opens_at__gt=now, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("state_order", "closes_at")
    page = Paginator(calls, 20).get_page(request.GET.get("page"))
    return render(request, "programmes/call_list.html", {"form": form, "page": page, "now": now})


def call_document(request, pk: int, document_pk: int):
    """A document of a published call, as an attachment (uploads are never served from a public folder)."""
    document = get_object_or_404(
        CallDocument.objects.filter(call__in=Call.objects.published()).exclude(file=""), call_id=pk, pk=document_pk
    )
    return attachment(document.file, titled_name(document.title, document.file.name, "document"))


def call_detail(request, pk: int):
    call = get_object_or_404(
        Call.objects.published()
        .select_related("programme")
        .prefetch_related(
            Prefetch("allowed_objectives", queryset=SpecificObjective.objects.select_related("priority")),
            "documents",
            "programme__countries",
        ),
        pk=pk,
    )
    return render(request, "programmes/call_detail.html", {"call": call, "now": timezone.now()})
