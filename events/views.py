from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interact_portal.core.uploads import attachment, titled_name

from .choices import SEAT_HOLDING, RegistrationStatus, Visibility
from .forms import EventFilterForm, RegistrationForm
from .ical import calendar_for
from .models import Event, Registration, Speaker
from .services import registration_cancel, registration_create, registration_problem, waitlist_position
from .times import event_span


def event_list(request):
    form = EventFilterForm(request.GET)
    chosen = form.filters()
    events = Event.objects.past() if chosen.pop("when", "upcoming") == "past" else Event.objects.upcoming()
    if "topic" in chosen:
        events = events.filter(topics=chosen.pop("topic"))
    if "audience" in chosen:
        events = events.filter(audiences=chosen.pop("audience"))
    events = events.filter(**chosen).with_seats().prefetch_related("topics")
    page = Paginator(events, 12).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {"form": form, "page": page, "query": _query_without_page(request)})


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _event_for(request, slug: str) -> Event:
    return get_object_or_404(Event.objects.for_user(request.user).with_seats(), slug=slug)


def _registration(request, event: Event) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=request.user).first()


def _materials(event: Event, registration: Registration | None):
    """Participants (a seat held) see every material; everyone else the public ones."""
    if registration is not None and registration.status in SEAT_HOLDING:
        return event.materials.all()
    return event.materials.filter(visibility=Visibility.PUBLIC)


def material_download(request, slug: str, pk: int):
    event = _event_for(request, slug)
    material = get_object_or_404(_materials(event, _registration(request, event)).exclude(file=""), pk=pk)
    return attachment(material.file, titled_name(material.title, material.file.name, "material"))


def _detail_context(request, event: Event, form: RegistrationForm) -> dict:
    registration = _registration(request, event)
    materials = _materials(event, registration)
    return {
        "event": event,
        "sessions": event.sessions.prefetch_related(Prefetch("speakers", queryset=Speaker.objects.only("name"))),
        "speakers": event.speakers.all(),
        "materials": materials,
        "registration": registration,
        "position": waitlist_position(registration) if registration else None,
        "problem": registration_problem(event),
        "form": form,
    }


def event_detail(request, slug: str):
    event = _event_for(request, slug)
    return render(request, "events/detail.html", _detail_context(request, event, RegistrationForm(user=request.user)))


@require_POST
@login_required
def event_register(request, slug: str):
    event = _event_for(request, slug)
    form = RegistrationForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            registration = registration_create(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:detail", slug=slug)
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are registered: your seat is confirmed."))
        else:
            messages.warning(
                request,
                _("The event is full: you are on the waiting list, position %(n)d.")
                % {"n": waitlist_position(registration)},
            )
        return redirect("events:detail", slug=slug)
    return render(request, "events/detail.html", _detail_context(request, event, form), status=400)


@require_http_methods(["GET", "POST"])
@login_required
def event_cancel_registration(request, slug: str):
    """GET asks for confirmation (a page with a POST form, no one-click cancel); POST gives the seat back."""
    event = _event_for(request, slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    if request.method == "GET":
        if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
            return redirect("events:detail", slug=slug)
        context = {
            "event": event,
            "registration": registration,
            "when": event_span(event),
            "decline": request.GET.get("reason") == "decline",
        }
        return render(request, "events/cancel.html", context)
    try:
        registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Your registration is cancelled. Your seat went to the next person waiting."
                if request.POST.get("reason") == "decline"
                else "Your registration is cancelled."
            ),
        )
    return redirect("events:detail", slug=slug)


def event_calendar(request, slug: str):
    event = _event_for(request, slug)
    return _ics(calendar_for([event], event.title), f"{event.slug}.ics")


def events_feed(request):
    return _ics(calendar_for(Event.objects.upcoming(), _("Interact learning events")), "interact-events.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
