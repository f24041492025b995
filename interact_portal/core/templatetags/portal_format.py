"""Template filters for times, amounts and statuses: `{% load portal_format %}`, see core/formatting.py.

{{ submission.submitted_at|when }}              10 December 2026, 15:25 CET
{{ call.closes_at|when:call.timezone }}         10 December 2026, 17:00 EET
{{ call.opens_at|day:call.timezone }}           1 October 2026
{{ partner.budget|money }}                      €400,000.00
{{ project|status_tag }}                        <span class="tag tag-submitted">Submitted</span>
"""

from django import template

from .. import formatting

register = template.Library()


@register.filter
def when(value, tz=None):
    return formatting.format_time(value, tz or None)


@register.filter
def day(value, tz=None):
    # a missing object's date reaches the template as "" (Django's string_if_invalid): shown as no date
    return formatting.format_date(value or None, tz or None)


@register.filter
def money(value):
    return formatting.format_money(value)


@register.filter
def amount(value):
    return formatting.format_amount(value)


@register.filter
def status_tag(obj):
    return formatting.object_status_tag(obj)


@register.simple_tag
def span(start, end, tz=None):
    """{% span event.starts_at event.ends_at event.timezone %} → 20 December 2026, 10:00–12:00 EET"""
    return formatting.format_span(start, end, tz or None)


@register.filter
def iso(value):
    """A machine-readable time for `<time datetime>`: ISO 8601 to the second (HTML allows at most milliseconds)."""
    return formatting.machine_time(value)
