"""factory_boy factories for the whole domain."""

from datetime import timedelta
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from events.choices import EventFormat, EventStatus, EventType
from events.models import Event, Registration
from interact_portal.accounts.models import User
from partnerships.choices import OrganisationType, PartnerRole, Sector
from partnerships.models import Organisation, PartnerInvitation, ProjectPartner
from programmes.models import Call, Country, Priority, Programme, SpecificObjective
from projects.models import Project, ProjectCollaborator

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Iterator(["AT", "CZ", "DE", "HU", "SK", "SI"])
    name = factory.LazyAttribute(
        lambda o: {
            "AT": "Austria",
            "CZ": "Czechia",
            "DE": "Germany",
            "HU": "Hungary",
            "SK": "Slovakia",
            "SI": "Slovenia",
        }.get(o.code, o.code)
    )
    is_eu_member = True


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Interreg Test Programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    period = "2021-2027"
    strand = "transnational"
    total_budget = Decimal("10000000")
    eu_cofinancing_rate = Decimal("80")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    title = "Greener regions"


class SpecificObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecificObjective

    priority = factory.SubFactory(PriorityFactory)
    code = factory.Sequence(lambda n: f"SO{n}")
    title = "Adapting to climate change"


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    reference = factory.Sequence(lambda n: f"CALL-{n}")
    title = "Call for proposals"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    budget = Decimal("1000000")
    max_cofinancing_rate = Decimal("80")
    is_published = True

    @factory.post_generation
    def setup(call, create, extracted, **kwargs):
        """The default checklist and criteria, and ERDF at the call's maximum rate, as every new call gets."""
        if create:
            from programmes.call_setup_services import call_apply_template

            call_apply_template(call)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.LOCAL_AUTHORITY
    sector = Sector.PUBLIC
    country = factory.SubFactory(CountryFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    title = "A cooperation project"


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.PARTNER
    abbreviation = factory.Sequence(lambda n: f"P{n}")
    budget = Decimal("100000")
    cofinancing_rate = Decimal("80")


class CollaboratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectCollaborator

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Webinar {n}")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    type = EventType.WEBINAR
    format = EventFormat.ONLINE
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 50
    registration_opens_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=30))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(hours=1))
    status = EventStatus.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = "confirmed"


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerInvitation

    project = factory.SubFactory(ProjectFactory)
    email = factory.Sequence(lambda n: f"partner{n}@example.org")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
