"""A Permissions-Policy header on every response: the portal uses no camera, microphone, location or other powerful
browser feature, so no page (nor anything injected into one) can ask for them."""

import pytest

pytestmark = pytest.mark.django_db

REFUSED = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def _features(response) -> set[str]:
    return {item.strip() for item in response["Permissions-Policy"].split(",")}


@pytest.mark.parametrize("url", ["/", "/events/", "/healthz", "/no-such-page/", "/static/css/portal.css"])
def test_every_response_refuses_powerful_browser_features(client, url):
    response = client.get(url)
    assert set(REFUSED) <= _features(response)


def test_a_signed_in_page_and_a_refused_post_carry_it_too(client, user):
    client.force_login(user)
    assert set(REFUSED) <= _features(client.get("/"))
    assert set(REFUSED) <= _features(client.post("/accounts/login/", {}))
