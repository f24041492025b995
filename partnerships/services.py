"""Writers of the partnerships domain."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Organisation
from .querysets import normalise_vat


def organisation_duplicate(*, name: str, country, vat: str, pic: str) -> Organisation | None:
    """An organisation that is already registered under this PIC, VAT number, or name in this country."""
    existing = Organisation.objects.select_related("country")
    if pic and (found := existing.filter(pic=pic).first()):
        return found
    if vat and (found := existing.filter(vat=normalise_vat(vat)).first()):
        return found
    return existing.filter(name__iexact=name.strip(), country=country).first()


@transaction.atomic
def organisation_create(**fields) -> Organisation:
    """Register an organisation; refuses one that exists already, pointing to it, so partners are not duplicated."""
    fields["vat"] = normalise_vat(fields.get("vat", ""))
    duplicate = organisation_duplicate(
        name=fields["name"], country=fields["country"], vat=fields["vat"], pic=fields.get("pic", "")
    )
    if duplicate is not None:
        raise ValidationError(
            _("%(name)s (%(country)s) is already registered: search for it and choose it instead.")
            % {"name": duplicate.name, "country": duplicate.country.name}
        )
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict) -> Organisation:
    """Change an organisation's permanent data (from one of its partner sections); the same dedup rules as
    registering: a name, VAT number or PIC another organisation holds is refused, pointing to it."""
    organisation = Organisation.objects.select_for_update().select_related("country").get(pk=organisation.pk)
    for field, value in data.items():
        setattr(organisation, field, value)
    organisation.vat = normalise_vat(organisation.vat)
    others = Organisation.objects.exclude(pk=organisation.pk).select_related("country")
    duplicate = None
    if organisation.pic:
        duplicate = others.filter(pic=organisation.pic).first()
    if duplicate is None and organisation.vat:
        duplicate = others.filter(vat=organisation.vat).first()
    if duplicate is None:
        duplicate = others.filter(name__iexact=organisation.name.strip(), country=organisation.country_id).first()
    if duplicate is not None:
        raise ValidationError(
            _("%(name)s (%(country)s) is already registered with this name, VAT number or PIC.")
            % {"name": duplicate.name, "country": duplicate.country.name}
        )
    if organisation.nuts_region is not None and organisation.nuts_region.country_id != organisation.country_id:
        raise ValidationError(
            {"nuts_region": _("This region is not in %(country)s.") % {"country": organisation.country.name}}
        )
    organisation.full_clean()
    organisation.save()
    return organisation
