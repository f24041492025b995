"""The licence of the open data: CC BY 4.0, stated in every answer of the API (headers), in its lists (body) and in
its OpenAPI description (info.license, settings.SPECTACULAR_SETTINGS)."""

from django.utils.translation import gettext_lazy as _

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NOTICE = _(
    "Open data under the Creative Commons Attribution 4.0 licence (CC BY 4.0): reuse freely, citing "
    "“Interact Portal” and the date you retrieved the data."
)


def licence_headers(response):
    """The licence as a `Link: <…>; rel="license"` header (RFC 8288) and an `X-License` header; and the answer open
    to other sites' scripts (CORS)."""
    link = f'<{LICENCE_URL}>; rel="license"'
    response["Link"] = f"{response['Link']}, {link}" if response.has_header("Link") else link
    response["X-License"] = LICENCE_NAME
    # open data: a page on another site may read it in the browser (the same for everyone, no credentials sent)
    response["Access-Control-Allow-Origin"] = "*"
    return response
