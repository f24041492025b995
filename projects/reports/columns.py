"""Per-application figures as correlated subqueries: one row per application, no GROUP BY fan-out."""

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateTimeField,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from partnerships.choices import PartnerRole, Sector
from partnerships.models import ProjectPartner

from ..models import Assessment, AssessmentKind, Decision, DecisionOutcome, Submission


def labelled(field: str, choices) -> Case:
    """A code column as people read it: each code replaced by its translated label in SQL (for COPY and XLSX)."""
    whens = [When(**{field: code}, then=Value(str(label))) for code, label in choices]
    return Case(*whens, default=F(field), output_field=CharField())


def yes_no(field: str) -> Case:
    return Case(
        When(**{field: True}, then=Value(_("Yes"))),
        When(**{field: False}, then=Value(_("No"))),
        default=None,
        output_field=CharField(),
    )


def local_time(field: str, zone: str) -> Func:
    """An aware time as the wall-clock time in `zone` (PostgreSQL's `timezone(zone, t)`); the header names the zone."""
    return Func(Value(zone), F(field), function="timezone", output_field=DateTimeField())


def time_header(label: str, zone: str) -> str:
    return _("%(label)s (%(zone)s time)") % {"label": label, "zone": zone}


EU_CONTRIBUTION = ExpressionWrapper(
    F("budget") * F("cofinancing_rate") / 100, output_field=DecimalField(max_digits=16, decimal_places=2)
)


def partner_columns(project_label: str) -> list[tuple[str, object]]:
    """The columns of a partners sheet (one row per partner), for ProjectPartner querysets."""
    return [
        (project_label, "project_id"),
        (_("Acronym"), "project__acronym"),
        (_("Partner"), "abbreviation"),
        (_("Role"), labelled("role", PartnerRole.choices)),
        (_("Organisation"), "organisation__name"),
        (_("Country"), "organisation__country__code"),
        (_("NUTS region"), "organisation__nuts_region__code"),
        (_("Public or private"), labelled("organisation__sector", Sector.choices)),
        (_("Budget (EUR)"), "budget"),
        (_("Co-financing rate (%)"), "cofinancing_rate"),
        (_("EU funding (EUR)"), EU_CONTRIBUTION),
    ]


def _per_project(queryset, **aggregate):
    (name,) = aggregate
    rows = queryset.filter(project=OuterRef("pk")).order_by().values("project").annotate(**aggregate)
    return Subquery(rows.values(name))


def partner_count():
    return _per_project(ProjectPartner.objects.all(), n=Count("pk"))


def partner_budget():
    return _per_project(ProjectPartner.objects.all(), total=Sum("budget"))


def requested_funding():
    return _per_project(ProjectPartner.objects.all(), total=Sum(EU_CONTRIBUTION))


def partner_countries():
    return _per_project(
        ProjectPartner.objects.all(), countries=StringAgg("organisation__country__code", "; ", distinct=True)
    )


def lead(field: str):
    leads = ProjectPartner.objects.filter(project=OuterRef("pk"), role=PartnerRole.LEAD)
    return Subquery(leads.values(field)[:1])


def eligibility_passed():
    checks = Assessment.objects.filter(project=OuterRef("pk"), kind=AssessmentKind.ELIGIBILITY)
    passed = checks.filter(completed_at__isnull=False).annotate(shown=yes_no("passed"))
    return Subquery(passed.values("shown")[:1], output_field=CharField())


def quality(aggregate: str):
    done = Assessment.objects.filter(kind=AssessmentKind.QUALITY, completed_at__isnull=False)
    if aggregate == "count":
        return _per_project(done, n=Count("pk"))
    return _per_project(done, average=Avg("total_score"))


def latest_decision(field: str):
    decisions = Decision.objects.filter(project=OuterRef("pk")).order_by("-decided_on", "-pk")
    if field == "outcome":
        decisions = decisions.annotate(shown=labelled("outcome", DecisionOutcome.choices))
        return Subquery(decisions.values("shown")[:1], output_field=CharField())
    return Subquery(decisions.values(field)[:1])


def submitted(*path: str, amount: bool = False):
    """A figure of what was submitted: a key of the overview of the application's latest snapshot (schema 2;
    empty for older snapshots), e.g. submitted("by_category", "staff") or submitted("work_packages")."""
    latest = Submission.objects.filter(project=OuterRef("pk")).order_by("-number")
    field = DecimalField(max_digits=16, decimal_places=2) if amount else IntegerField()
    value = Cast(KT("__".join(["snapshot", "overview", *path])), field)
    return Subquery(latest.annotate(value=value).values("value")[:1], output_field=field)
