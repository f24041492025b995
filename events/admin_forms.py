"""The event admin's forms: every time of an event and of its sessions is typed in the event's own time zone.

Django's admin reads a typed time in the server's zone (and its script warns "You are N hours behind server
time"); calls already use their own zone (programmes.forms.CallForm), and these forms do the same for events.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programmes.staff import staff_programmes

from .models import Event, Session
from .services import capacity_problem

EVENT_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
SESSION_TIMES = ("starts_at", "ends_at")


class ZonedSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, labelled with the event's zone. The label carries the class the admin's
    script looks for, so it does not add its note about the browser's offset from the server."""

    template_name = "events/widgets/zoned_split_datetime.html"
    zone = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["zone"] = self.zone
        return context


class WallClockDateTimeField(forms.SplitDateTimeField):
    """A date and a time as typed, without a zone: the form makes it aware in the event's zone."""

    widget = ZonedSplitDateTime

    def compress(self, data_list):
        if not data_list:
            return None
        if data_list[0] in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if data_list[1] in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return datetime.combine(*data_list)


class ZonedTimesMixin:
    """Show the stored times on the zone's clock and read the typed ones in that zone."""

    time_fields: tuple[str, ...] = ()

    def _use_zone(self, zone_name: str) -> None:
        zone = ZoneInfo(zone_name) if zone_name else None
        for name in self.time_fields:
            if name not in self.fields:
                continue
            field = self.fields[name]
            self.fields[name] = WallClockDateTimeField(
                label=field.label, required=field.required, help_text=field.help_text, disabled=field.disabled
            )
            self.fields[name].widget.zone = zone_name
            value = getattr(self.instance, name, None) if self.instance.pk else None
            if value is not None and zone is not None:  # shown, and compared with what is typed, on its clock
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def _zoned(self, data: dict, zone_name: str | None) -> dict:
        if not zone_name:
            return data
        for name in self.time_fields:
            if isinstance(data.get(name), datetime) and timezone.is_naive(data[name]):
                data[name] = timezone.make_aware(data[name], ZoneInfo(zone_name))
        return data


class EventAdminForm(ZonedTimesMixin, forms.ModelForm):
    """The event's times in its own zone, and the capacity guard."""

    time_fields = EVENT_TIMES

    class Meta:
        model = Event
        fields = [  # the admin's fieldsets choose; these are the editable ones
            "title",
            "slug",
            "type",
            "format",
            "description",
            "organising_office",
            "timezone",
            *EVENT_TIMES,
            "venue",
            "online_url",
            "capacity",
            "topics",
            "audiences",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._use_zone(self.instance.timezone if self.instance.pk else "")

    user = None  # set by EventAdmin.get_form: whose programmes' offices may organise

    def clean_organising_office(self):
        """An event's participants belong to its organising programme's staff (events.permissions): a person may
        hand an event only to an office of a programme they are staff of, or else anyone could read its
        registrants by pointing it at their own office."""
        office = self.cleaned_data.get("organising_office")
        if office is None or self.user is None or self.user.is_superuser:
            return office
        if office.programme_id not in set(staff_programmes(self.user).values_list("pk", flat=True)):
            raise ValidationError(_("Choose an office of a programme you work for."))
        return office

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        problem = capacity_problem(self.instance, capacity) if self.instance.pk else None
        if problem:
            raise ValidationError(problem)
        return capacity

    def clean(self):
        data = super().clean()
        zone = data.get("timezone") or self.instance.timezone
        return self._zoned(data, zone)


class SessionForm(ZonedTimesMixin, forms.ModelForm):
    """A session's times in its event's zone: given by the inline's event, or the event chosen in the form."""

    time_fields = SESSION_TIMES

    class Meta:
        model = Session
        fields = ["event", "title", *SESSION_TIMES, "description"]

    def __init__(self, *args, zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        if not zone and self.instance.pk:
            self.zone = Event.objects.values_list("timezone", flat=True).get(pk=self.instance.event_id)
        self._use_zone(self.zone)

    def clean(self):
        data = super().clean()
        event = data.get("event")
        zone = event.timezone if isinstance(event, Event) else self.zone
        return self._zoned(data, zone)


class SessionInlineFormSet(BaseInlineFormSet):
    """Each session form gets the event's zone (as submitted, when the event's zone changes in the same form)."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "zone": self.instance.timezone}
