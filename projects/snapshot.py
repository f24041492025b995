"""The JSON snapshot of an application, written once at submission: what the applicants submitted, frozen."""

from decimal import Decimal

SCHEMA_VERSION = 1


def _money(value) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def _organisation(org) -> dict:
    return {
        "name": org.name,
        "name_en": org.name_en,
        "country": org.country_id,
        "country_name": org.country.name,
        "nuts_region": org.nuts_region.code if org.nuts_region else "",
        "type": org.get_type_display(),
        "sector": org.get_sector_display(),
        "legal_status": org.legal_status.name if org.legal_status else "",
        "address": ", ".join(part for part in [org.address, org.postcode, org.city] if part),
        "vat": org.vat,
        "pic": org.pic,
    }


def application_snapshot(project, *, by, at, number: int) -> dict:
    partners = list(
        project.partners.select_related(
            "organisation__country", "organisation__nuts_region", "organisation__legal_status"
        )
    )
    total = sum((p.budget for p in partners), Decimal(0))
    own = sum((p.own_contribution for p in partners), Decimal(0))
    objective = project.specific_objective
    call = project.call
    return {
        "schema": SCHEMA_VERSION,
        "number": number,
        "submitted_at": at.isoformat(),
        "submitted_by": by.email,
        "programme": project.programme.name,
        "call": {
            "reference": call.reference,
            "title": call.title,
            "closes_at": call.closes_at.isoformat(),
            "timezone": call.timezone,
            "max_cofinancing_rate": str(call.max_cofinancing_rate),
        },
        "identification": {
            "acronym": project.acronym,
            "title": project.title,
            "summary": project.summary,
            "specific_objective": {"code": objective.code, "title": objective.title} if objective else None,
            "duration_months": project.duration_months,
        },
        "partners": [
            {
                "abbreviation": p.abbreviation,
                "role": p.get_role_display(),
                "organisation": _organisation(p.organisation),
                "contact_name": p.contact_name,
                "contact_email": p.contact_email,
                "budget": _money(p.budget),
                "cofinancing_rate": str(p.cofinancing_rate),
                "own_contribution": _money(p.own_contribution),
            }
            for p in partners
        ],
        "budget": {"total": _money(total), "cofinancing": _money(total - own), "own_contribution": _money(own)},
        "annexes": [
            {"title": a.title, "file_name": a.original_name, "size": a.size, "content_type": a.content_type}
            for a in project.annexes.all()
        ],
    }
