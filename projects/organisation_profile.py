"""What the public page of an organisation shows (issue 21, item 3): its public projects across programmes, its
figures and the organisations it works with most, each in a constant number of queries.

An organisation has a page when it takes part in a public project or holds a seat in a programme body; one that is
only in unpublished applications does not exist for the public (404). The figures are public aggregates: cached
under the search index's generation (projects.search_cache), which every change of a public project bumps.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.shortcuts import get_object_or_404

from interact_portal.core.collation import by_name
from partnerships.choices import PartnerRole
from partnerships.models import Organisation, ProgrammeMembership, ProjectPartner

from .models import Project
from .search_cache import TIMEOUT, generation

CO_PARTNERS = 10  # "works most with": this many organisations


@dataclass(frozen=True)
class CoPartner:
    pk: int
    name: str
    shared: int  # public projects both take part in


@dataclass(frozen=True)
class ProgrammeShare:
    slug: str
    name: str
    projects: int
    budget: Decimal


@dataclass(frozen=True)
class OrganisationFigures:
    projects: int = 0
    budget: Decimal = Decimal(0)
    as_lead: int = 0
    programmes: list[ProgrammeShare] = field(default_factory=list)
    co_partners: list[CoPartner] = field(default_factory=list)


def public_partnerships():
    """Every partnership in a public project."""
    return ProjectPartner.objects.filter(project__in=Project.objects.public())


def public_organisations():
    """The organisations that have a public page (and are in the open-data API): those taking part in a public
    project or sitting in a programme body."""
    return Organisation.objects.select_related("country", "nuts_region", "legal_status").filter(
        Exists(public_partnerships().filter(organisation=OuterRef("pk")))
        | Exists(ProgrammeMembership.objects.filter(organisation=OuterRef("pk")))
    )


def public_organisation(pk: int) -> Organisation:
    """The organisation behind a public page, or 404."""
    return get_object_or_404(public_organisations(), pk=pk)


def organisation_partnerships(organisation):
    """Its partnerships in public projects, latest project first (the page's paginated table)."""
    return (
        public_partnerships()
        .filter(organisation=organisation)
        .select_related("project__programme")
        .order_by("-project__sort_date", "-project_id", "pk")
    )


def _figures(organisation) -> OrganisationFigures:
    """Three queries whatever the organisation's size: totals, per programme, and co-partners (one grouped SQL)."""
    mine = public_partnerships().filter(organisation=organisation)
    totals = mine.aggregate(
        projects=Count("project", distinct=True),
        budget=Sum("budget"),
        as_lead=Count("project", filter=Q(role=PartnerRole.LEAD), distinct=True),
    )
    programmes = [
        ProgrammeShare(row["project__programme__slug"], row["project__programme__name"], row["n"], row["budget"])
        for row in mine.values("project__programme__slug", "project__programme__name")
        .annotate(n=Count("project", distinct=True), budget=Sum("budget"))
        .order_by("-n", "project__programme__name")
    ]
    co_partners = [
        CoPartner(row["organisation_id"], row["organisation__name"], row["shared"])
        for row in ProjectPartner.objects.filter(project__in=mine.values("project_id"))
        .exclude(organisation=organisation)
        .values("organisation_id", "organisation__name")
        .annotate(shared=Count("project", distinct=True))
        .order_by("-shared", by_name("organisation__name"), "organisation_id")[:CO_PARTNERS]
    ]
    return OrganisationFigures(
        projects=totals["projects"],
        budget=totals["budget"] or Decimal(0),
        as_lead=totals["as_lead"],
        programmes=programmes,
        co_partners=co_partners,
    )


def organisation_figures(organisation) -> OrganisationFigures:
    """The figures, from the cache while the public index is unchanged."""
    key = f"organisation:{generation()}:{organisation.pk}:{organisation.created_at.timestamp()}"
    return cache.get_or_set(key, lambda: _figures(organisation), TIMEOUT)
