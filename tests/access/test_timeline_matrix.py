"""The project's timeline (issue 19, item 9): its URLs × the twelve people of reporting (test_reporting_matrix),
on the contracted project SIGNED-AIR of the access world, and what each of them reads there of the reports and
the money.

The rules the answers follow: the project's collaborators read it on their side (not even superusers: they read it
on the staff pages), the programme's staff who see the application on theirs (finance, officers, managers,
assessors); controllers, another applicant and another programme's staff get a 404; anonymous people sign in.
"""

import pytest
from django.urls import reverse

from .test_reporting_matrix import assert_matrix, people
from .test_url_matrix import CASES

pytestmark = pytest.mark.django_db

# the modules whose views the timeline added
TIMELINE_MODULES = {"projects.views.timeline", "projects.views.staff.timeline"}

# Answers in the order of PEOPLE:
#          anon  mgr  partner other ctrl octrl fin  officer pm  assessor ostaff super
EXPECTED = {
    "projects:timeline": "login 200 200 404 404 404 404 404 404 404 404 404",
    "staff:timeline": "login 404 404 404 404 404 200 200 200 200 404 200",
}


def timeline_url_names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield name, pattern.callback.__module__

    return {name for name, module in walk(get_resolver().url_patterns) if module in TIMELINE_MODULES}


def test_every_timeline_url_has_a_row():
    assert timeline_url_names() == set(EXPECTED)


@pytest.mark.usefixtures("templates_rendered_plainly")
def test_timeline_url_matrix(client, world):
    assert_matrix(client, world, [(name, name, CASES[name], EXPECTED[name]) for name in sorted(EXPECTED)])


# What each one reads of SIGNED-AIR's reports and payments (the steps of the world): the partner's submitted report
# (PP2), the submitted project report and the pending payment to the lead partner.
@pytest.mark.parametrize(
    ("person", "name", "reads"),
    [
        ("manager", "projects:timeline", {"partner_report", "project_report", "payment"}),
        ("partner", "projects:timeline", {"partner_report"}),  # its own partner's report, nothing of the lead's
        ("finance", "staff:timeline", {"partner_report", "project_report", "payment"}),
        ("assessor", "staff:timeline", set()),  # no money
    ],
)
def test_each_person_reads_what_the_reporting_policy_shows_them(client, world, person, name, reads):
    client.force_login(people(world)[person])
    response = client.get(reverse(name, kwargs=CASES[name].kwargs(world)))
    assert response.status_code == 200
    money = {"partner_report", "certificate", "project_report", "payment"}
    kinds = {entry.kind for entry in response.context["entries"]}
    assert kinds & money == reads
    assert {"version", "modification", "reallocation"} <= kinds  # the project's records: everyone's who sees it
