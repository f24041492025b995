import pytest

from events.models import Audience
from programmes.models import Country


@pytest.fixture
def registration_details(db):
    country = Country.objects.get_or_create(code="AT", defaults={"name": "Austria"})[0]
    role = Audience.objects.get_or_create(code="joint_secretariat", defaults={"name": "Joint secretariat"})[0]
    return {"organisation_name": "Joint Secretariat Central Europe", "country": country, "body_role": role}
