"""The programme money overview at scale, measured in this process with Django's test client (production
settings): reporting rows are added once with INSERT … SELECT to every contracted and closed project of the
largest programmes (3 partner reports per budgeted partner with 8 expenditure lines each, a verified project
report, a claim and paid payments, annual EU allocations), then the page is asked for cold (the programme's money
generation bumped before each request) and warm. Prints one JSON line.
Usage (by bench/money.py): python bench/money_case.py REQUESTS PROGRAMMES
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interact_portal.settings")
import django  # noqa: E402

django.setup()
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.results import percentile  # noqa: E402
from interact_portal.accounts.models import User  # noqa: E402
from programmes.models import Programme, ProgrammeStaff, StaffRole  # noqa: E402
from projects.money_cache import money_generation_bump  # noqa: E402

REPORTING = ("contracted", "closed")
SEED = """
WITH chosen AS (SELECT unnest(%(programmes)s::bigint[]) AS id)
INSERT INTO projects_partnerreport (partner_id, project_id, period, number, status, reopen_scope, summary, deviations,
    problems, version, created_at, submitted_at, snapshot, control_checklist, findings, conclusion, certificate,
    certified_at)
SELECT pp.id, pp.project_id, g.n, g.n,
    CASE g.n WHEN 1 THEN 'certified' WHEN 2 THEN 'in_control' ELSE 'submitted' END,
    '', 'Bench report', '', '', 1, now(), now() - make_interval(days => 200 - g.n * 60), '{}', '{}', '', '', '',
    CASE WHEN g.n = 1 THEN now() END
FROM partnerships_projectpartner pp JOIN projects_project pj ON pj.id = pp.project_id
CROSS JOIN generate_series(1, 3) AS g (n)
WHERE pj.programme_id IN (SELECT id FROM chosen) AND pj.status = ANY(%(statuses)s) AND pp.role <> 'associated';

INSERT INTO projects_expenditureline (report_id, partner_id, number, category, description, supplier,
    invoice_number, invoice_date, payment_date, amount, currency, rate, amount_eur, attachment, attachment_name,
    control, deducted, error_type, control_note, verification_deducted, verification_note, created_at)
SELECT r.id, r.partner_id, l.n,
    (ARRAY['staff', 'external', 'travel', 'equipment', 'office', 'infrastructure'])[1 + l.n %% 6],
    'Bench line', 'Supplier ' || l.n, 'INV-' || r.id || '-' || l.n, current_date - 90, current_date - 80,
    a.amount, 'EUR', 1, a.amount, '', '',
    CASE WHEN r.status = 'draft' OR r.status = 'submitted' THEN 'pending'
         WHEN l.n = 7 THEN 'deducted' WHEN l.n = 8 THEN 'parked' ELSE 'certified' END,
    CASE WHEN r.status NOT IN ('draft', 'submitted') AND l.n = 7 THEN 50 ELSE 0 END,
    CASE WHEN r.status NOT IN ('draft', 'submitted') AND l.n = 7 THEN 'calculation' ELSE '' END,
    '', CASE WHEN r.status = 'certified' AND l.n = 1 THEN 10 ELSE 0 END, '', now()
FROM projects_partnerreport r JOIN projects_project pj ON pj.id = r.project_id
CROSS JOIN generate_series(1, 8) AS l (n)
CROSS JOIN LATERAL (SELECT (100 + (r.id * 7 + l.n * 131) %% 4900)::numeric(14, 2) AS amount) a
WHERE pj.programme_id = ANY(%(programmes)s);

INSERT INTO projects_projectreport (project_id, period, number, status, progress_summary, highlights, version,
    created_at, submitted_at, snapshot, verified_at, verification_note)
SELECT pj.id, 1, 1, 'verified', '', '', 1, now(), now(), '{}', now(), ''
FROM projects_project pj WHERE pj.programme_id = ANY(%(programmes)s) AND pj.status = ANY(%(statuses)s);

INSERT INTO projects_projectreportcertificate (project_report_id, partner_report_id, verified, sampled, note)
SELECT pr.id, r.id, true, false, '' FROM projects_partnerreport r
JOIN projects_projectreport pr ON pr.project_id = r.project_id AND pr.period = 1
JOIN projects_project pj ON pj.id = r.project_id
WHERE pj.programme_id = ANY(%(programmes)s) AND r.status = 'certified';

INSERT INTO projects_paymentclaim (project_report_id, project_id, total_eligible, created_at)
SELECT pr.id, pr.project_id, 0, now() FROM projects_projectreport pr JOIN projects_project pj ON pj.id = pr.project_id
WHERE pj.programme_id = ANY(%(programmes)s);

INSERT INTO projects_payment (claim_id, partner_id, fund, amount_due, status, authorised_amount, authorised_at,
    paid_amount, paid_on, confirmed_at, note)
SELECT c.id, pp.id, 'erdf', 5000, 'paid', 5000, now(), 5000, make_date(2022 + (pp.id %% 5)::int, 6, 30), now(), ''
FROM projects_paymentclaim c JOIN partnerships_projectpartner pp ON pp.project_id = c.project_id
JOIN projects_project pj ON pj.id = c.project_id
WHERE pj.programme_id = ANY(%(programmes)s) AND pp.role <> 'associated';

INSERT INTO programmes_fundcommitment (programme_id, fund, year, amount)
SELECT p.id, 'erdf', y, 2000000 FROM unnest(%(programmes)s::bigint[]) AS p (id)
CROSS JOIN generate_series(2021, 2027) AS y
ON CONFLICT DO NOTHING;

INSERT INTO programmes_programmefund (programme_id, fund, amount)
SELECT p.id, 'erdf', 14000000 FROM unnest(%(programmes)s::bigint[]) AS p (id)
ON CONFLICT DO NOTHING;
"""


def programmes(count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT programme_id FROM projects_project WHERE status = ANY(%s) GROUP BY programme_id "
            "ORDER BY count(*) DESC, programme_id LIMIT %s",
            [list(REPORTING), count],
        )
        return [row[0] for row in cursor.fetchall()]


def seed(chosen: list[int]) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM projects_partnerreport r JOIN projects_project p ON p.id = r.project_id "
            "WHERE p.programme_id = ANY(%s)",
            [chosen],
        )
        if cursor.fetchone()[0]:
            seeded = "reused"
        else:
            started = time.perf_counter()
            with transaction.atomic():
                cursor.execute(SEED, {"programmes": chosen, "statuses": list(REPORTING)})
            cursor.execute("ANALYZE")
            seeded = f"added in {time.perf_counter() - started:.1f} s"
        counts = {}
        for table in ("projects_partnerreport", "projects_expenditureline", "projects_payment"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (fixed names)
            counts[table.split("_", 1)[1]] = cursor.fetchone()[0]
    return {"seeded": seeded, **counts}


def main(requests: int, count: int) -> dict:
    chosen = programmes(count)
    facts = seed(chosen)
    user, _ = User.objects.get_or_create(email="bench-money@example.org", defaults={"first_name": "Bench"})
    for pk in chosen:
        ProgrammeStaff.objects.get_or_create(programme_id=pk, user=user, defaults={"role": StaffRole.FINANCE})
    slugs = dict(Programme.objects.filter(pk__in=chosen).values_list("pk", "slug"))
    urls = [(pk, reverse("staff:money", args=[slugs[pk]])) for pk in chosen]
    client = Client()
    client.force_login(user)
    session = client.session  # staff pages need the second factor: as if the authenticator code had been given
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session.save()
    for _pk, url in urls[:2]:  # warm-up: templates, connection
        assert client.get(url).status_code == 200
    money_generation_bump(urls[0][0])
    with CaptureQueriesContext(connection) as queries:
        status = client.get(urls[0][1]).status_code
    cold_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(urls[0][1])
    warm_queries = len(queries)
    cold, warm = [], []
    for n in range(requests):
        pk, url = urls[n % len(urls)]
        money_generation_bump(pk)
        started = time.perf_counter()
        response = client.get(url)
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get(url)
        warm.append((time.perf_counter() - started) * 1000)
        status = max(status, response.status_code)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM projects_partnerreport r JOIN projects_project p ON p.id = r.project_id "
            "WHERE p.programme_id = %s",
            [chosen[0]],
        )
        largest = cursor.fetchone()[0]
    return {
        **facts,
        "programmes": len(chosen),
        "reports_in_largest": largest,
        "status": status,
        "cold_queries": cold_queries,
        "warm_queries": warm_queries,
        "cold_p50": percentile(cold, 0.5),
        "cold_p95": percentile(cold, 0.95),
        "warm_p50": percentile(warm, 0.5),
        "warm_p95": percentile(warm, 0.95),
        "requests": requests,
    }


if __name__ == "__main__":
    print(
        json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40, int(sys.argv[2]) if len(sys.argv) > 2 else 10))
    )
