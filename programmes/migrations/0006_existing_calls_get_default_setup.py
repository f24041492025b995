"""Calls created before the call setup existed get the default checklist, criteria and one ERDF fund at the call's
maximum rate, so every call reads its own setup. Self-contained: the keys and weights are copied here."""

from django.db import migrations

ELIGIBILITY = ["in_time", "partnership", "lead_partner", "objective", "cofinancing", "annexes"]
CRITERIA = [
    ("relevance", 30, ["identification", "description"]),
    ("partnership", 20, ["partners"]),
    ("work_plan", 25, ["workplan"]),
    ("results", 15, ["results", "description"]),
    ("budget", 10, ["budget"]),
]


def forwards(apps, schema_editor):
    Call = apps.get_model("programmes", "Call")
    CallEligibilityItem = apps.get_model("programmes", "CallEligibilityItem")
    CallCriterion = apps.get_model("programmes", "CallCriterion")
    CallFund = apps.get_model("programmes", "CallFund")
    for call in Call.objects.all():
        CallEligibilityItem.objects.bulk_create(
            [CallEligibilityItem(call=call, key=key, order=n) for n, key in enumerate(ELIGIBILITY)]
        )
        CallCriterion.objects.bulk_create(
            [
                CallCriterion(call=call, key=key, weight=weight, sections=sections, order=n)
                for n, (key, weight, sections) in enumerate(CRITERIA)
            ]
        )
        CallFund.objects.create(call=call, fund="erdf", max_rate=call.max_cofinancing_rate)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_call_setup_and_indicators")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
