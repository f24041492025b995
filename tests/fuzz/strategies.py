"""Hypothesis strategies for what a person (or a script) can put in a form or a query string.

Each field gets a mix of plausible values for its kind (the page's own options, numbers, dates, e-mail addresses,
files) and hostile ones: empty, very long, NUL and control characters, other types, numbers out of range.
"""

import string

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from .html_forms import Field, Form

HOSTILE = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.text(min_size=300, max_size=3000, alphabet=string.printable),
    st.sampled_from(["\x00", "a\x00b", "0", "-1", "1e309", "NaN", "9" * 30, "<script>x</script>", "' OR 1=1 --"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
NUMBER = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
)
DATE = st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat(timespec="minutes")))
FILE_KINDS = ["pdf", "docx", "xlsx", "png", "jpg", "html", "exe", "svg", ""]
FILE = st.builds(
    lambda name, ext, content: SimpleUploadedFile(f"{name or 'x'}.{ext}", content),
    st.text(alphabet=string.ascii_letters + " .-", max_size=30),
    st.sampled_from(FILE_KINDS),
    st.one_of(st.binary(max_size=2000), st.sampled_from([b"%PDF-1.4 x", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04"])),
)


def _plausible(field: Field):
    if field.kind in ("select", "choice"):
        return st.sampled_from(field.options or [""])
    if field.kind == "number":
        return NUMBER
    if field.kind in ("date", "datetime-local"):
        return DATE
    if field.kind == "email":
        return st.emails()
    if field.kind == "file":
        return FILE
    return st.one_of(st.just(field.value), st.text(max_size=200))


def field_value(field: Field):
    return st.one_of(_plausible(field), HOSTILE)


@st.composite
def form_data(draw, form: Form) -> dict:
    """Each field sent or left out, with a plausible or a hostile value; the CSRF token is left as the page gave it."""
    data = {}
    for name, field in form.fields.items():
        if name == "csrfmiddlewaretoken":
            data[name] = field.value
        elif draw(st.booleans()) or draw(st.booleans()):  # three in four fields are sent
            data[name] = draw(field_value(field))
    return data


def query_data(names: list[str]):
    """A query string over the page's own parameters and ones it does not know."""
    keys = st.one_of(st.sampled_from(names), st.text(min_size=1, max_size=12)) if names else st.text(min_size=1)
    return st.dictionaries(keys, st.one_of(HOSTILE, NUMBER, DATE), max_size=6)
