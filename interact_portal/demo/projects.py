"""Demo organisations, projects with cross-border partnerships, and the Interact monitoring committee."""

from datetime import date
from decimal import Decimal

from partnerships.choices import MemberCategory, OrganisationType, PartnerRole, Sector
from partnerships.models import Organisation, ProgrammeMembership, ProjectPartner
from programmes.choices import BodyKind
from programmes.models import Country, LegalStatus, NutsRegion, Programme, ProgrammeBody, SpecificObjective
from projects.models import CollaboratorLevel, Project, ProjectCollaborator, ProjectStatusChange
from projects.workflow import Status

ORGANISATIONS = [
    # name, type, sector, country, NUTS3, PIC
    (
        "City of Vienna – Urban Innovation",
        OrganisationType.LOCAL_AUTHORITY,
        Sector.PUBLIC,
        "AT",
        "AT130",
        "900000001",
    ),
    (
        "South Moravian Innovation Centre",
        OrganisationType.BUSINESS_SUPPORT,
        Sector.PUBLIC,
        "CZ",
        "CZ010",
        "900000002",
    ),
    (
        "Technical University of Munich",
        OrganisationType.HIGHER_EDUCATION,
        Sector.PUBLIC,
        "DE",
        "DE212",
        "900000003",
    ),
    ("Budapest Climate Agency", OrganisationType.SECTORAL_AGENCY, Sector.PUBLIC, "HU", "HU110", "900000004"),
    (
        "Ljubljana Energy Cooperative",
        OrganisationType.INTEREST_GROUP,
        Sector.PRIVATE,
        "SI",
        "SI041",
        "900000005",
    ),
    ("Warsaw Mobility Lab", OrganisationType.SME, Sector.PRIVATE, "PL", "PL911", "900000006"),
    (
        "Bratislava Self-Governing Region",
        OrganisationType.REGIONAL_AUTHORITY,
        Sector.PUBLIC,
        "SK",
        "SK010",
        "900000007",
    ),
    (
        "Zagreb Development Agency",
        OrganisationType.REGIONAL_AUTHORITY,
        Sector.PUBLIC,
        "HR",
        "HR050",
        "900000008",
    ),
    (
        "Lombardy Green Enterprises Network",
        OrganisationType.BUSINESS_SUPPORT,
        Sector.PRIVATE,
        "IT",
        "ITC4C",
        "900000009",
    ),
    (
        "Valencia Port Foundation",
        OrganisationType.INFRASTRUCTURE_PROVIDER,
        Sector.PUBLIC,
        "ES",
        "ES523",
        "900000010",
    ),
]

PROJECTS = [
    # programme, acronym, title, status, objective, start, months, partners (org index, role, abbr, budget, rate)
    (
        "interreg-central-europe",
        "GREENHEAT",
        "Green district heating for central European cities",
        Status.CONTRACTED,
        "2.1",
        date(2024, 3, 1),
        36,
        [
            (0, PartnerRole.LEAD, "VIE", "420000", "80"),
            (3, PartnerRole.PARTNER, "BCA", "310000", "80"),
            (4, PartnerRole.PARTNER, "LEC", "250000", "80"),
            (1, PartnerRole.ASSOCIATED, "SMIC", "0", "0"),
        ],
    ),
    (
        "interreg-central-europe",
        "CLIMAREADY",
        "Climate-ready public spaces in small towns",
        Status.APPROVED,
        "2.2",
        date(2025, 1, 1),
        30,
        [
            (7, PartnerRole.LEAD, "ZDA", "380000", "80"),
            (6, PartnerRole.PARTNER, "BSK", "290000", "80"),
            (2, PartnerRole.PARTNER, "TUM", "350000", "80"),
        ],
    ),
    (
        "interreg-at-cz",
        "INNOBORDER",
        "Cross-border innovation vouchers for SMEs",
        Status.CLOSED,
        "1.1",
        date(2022, 6, 1),
        24,
        [(0, PartnerRole.LEAD, "VIE", "210000", "80"), (1, PartnerRole.PARTNER, "SMIC", "190000", "80")],
    ),
    (
        "interreg-europe",
        "PORTSHIFT",
        "Policies for greener port cities",
        Status.CONTRACTED,
        "ISO1",
        date(2023, 4, 1),
        48,
        [
            (9, PartnerRole.LEAD, "VPF", "300000", "80"),
            (8, PartnerRole.PARTNER, "LGEN", "240000", "80"),
            (5, PartnerRole.PARTNER, "WML", "180000", "80"),
        ],
    ),
]


def organisations_seed() -> list[Organisation]:
    public, _ = LegalStatus.objects.get_or_create(name="Public law body", defaults={"is_public_body": True})
    private, _ = LegalStatus.objects.get_or_create(name="Private company", defaults={"is_public_body": False})
    organisations = []
    for name, kind, sector, country, nuts, pic in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            pic=pic,
            defaults={
                "name": name,
                "type": kind,
                "sector": sector,
                "country_id": country,
                "nuts_region": NutsRegion.objects.filter(code=nuts).first(),
                "legal_status": public if sector == Sector.PUBLIC else private,
            },
        )
        organisations.append(organisation)
    return organisations


def projects_seed(organisations: list[Organisation]) -> list[Project]:
    projects = []
    for slug, acronym, title, status, so_code, start, months, partners in PROJECTS:
        programme = Programme.objects.get(slug=slug)
        project, created = Project.objects.update_or_create(
            programme=programme,
            acronym=acronym,
            defaults={
                "title": title,
                "status": status,
                "duration_months": months,
                "start_date": start,
                "end_date": date(start.year + (start.month - 1 + months) // 12, (start.month - 1 + months) % 12 + 1, 1),
                "summary": f"{title}: a cooperation project of {programme.name}.",
                "specific_objective": SpecificObjective.objects.get(priority__programme=programme, code=so_code),
            },
        )
        if created:
            ProjectStatusChange.objects.create(
                project=project, from_status="", to_status=status, note="Imported demo project"
            )
        for order, (index, role, abbr, budget, rate) in enumerate(partners):
            ProjectPartner.objects.update_or_create(
                project=project,
                abbreviation=abbr,
                defaults={
                    "organisation": organisations[index],
                    "role": role,
                    "budget": Decimal(budget),
                    "cofinancing_rate": Decimal(rate),
                    "order": order,
                },
            )
        projects.append(project)
    return projects


def collaborators_seed(users: dict) -> None:
    """The demo applicant manages GREENHEAT; the demo partner is the contact of one of its partners."""
    project = Project.objects.get(acronym="GREENHEAT")
    ProjectCollaborator.objects.get_or_create(
        project=project, user=users["applicant"], defaults={"level": CollaboratorLevel.MANAGE}
    )
    ProjectCollaborator.objects.get_or_create(
        project=project, user=users["partner"], defaults={"level": CollaboratorLevel.EDIT}
    )
    ProjectPartner.objects.filter(project=project, abbreviation="BCA").update(
        contact_user=users["partner"], contact_name="Pavel Partner", contact_email="partner@example.org"
    )


def monitoring_committee_seed() -> None:
    """Interact III's monitoring committee: a national authority for each of its 30 countries."""
    body = ProgrammeBody.objects.get(programme__slug="interact-iii", kind=BodyKind.MONITORING_COMMITTEE)
    national, _ = LegalStatus.objects.get_or_create(name="Public law body", defaults={"is_public_body": True})
    for country in Country.objects.filter(pk__in=body.programme.countries.values("pk")):
        organisation, _ = Organisation.objects.get_or_create(
            name=f"National authority for Interreg – {country.name}",
            defaults={
                "type": OrganisationType.NATIONAL_AUTHORITY,
                "sector": Sector.PUBLIC,
                "country": country,
                "legal_status": national,
            },
        )
        ProgrammeMembership.objects.get_or_create(
            organisation=organisation,
            body=body,
            term_start=date(2015, 1, 1),
            defaults={
                "member_category": MemberCategory.NATIONAL_AUTHORITY,
                "country": country,
                "term_end": date(2023, 12, 31),
            },
        )
