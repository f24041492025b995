"""A partner's report for a period, written by the partner's contact person or the project's managers: its text,
the progress of the work plan, the contributions to outputs, the expenditure lines, and the submission to the
partner's controllers.

Rules decided here (documented once):
- A report is created only for a period that has started (its first day is today or earlier), once per partner and
  period, numbered 1, 2, … per partner. Reports follow the periods in order (no report for a period before the
  partner's latest one), and a new one waits until the partner's previous report has been submitted (a draft, or a
  report reopened by the controller, is finished first): the parked lines it would carry, and the "reported before"
  of its financial overview, depend on that.
- On creation, the partner's lines PARKED by control in its certified reports that were not carried yet are copied
  into the new report (`parked_from` points at the parked line; the one-to-one makes it move exactly once). A carried
  line is declared as it was: it can be neither changed nor deleted.
- Lines are changed only while the report is a draft and not reopened for its non-financial parts only.
- A line's amount in euro is computed by projects.reporting_money.line_eur; the same `clean_line` checks a line typed
  in the form and each row of an imported file.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interact_portal.audit.services import audit_record
from interact_portal.core.uploads import upload_problem
from interact_portal.notifications.messages import Message
from interact_portal.notifications.services import notify
from partnerships.budget import CostOptions, stored_partner_budget
from partnerships.models import ProjectPartner
from programmes.choices import CostCategory
from programmes.periods import reporting_periods

from ..models import (
    Activity,
    CollaboratorLevel,
    Deliverable,
    ExpenditureLine,
    LineControl,
    PartnerReport,
    ProjectOutput,
    ReportOutput,
    ReportProgress,
    WorkPackage,
)
from ..reporting_access import controllers_of, report_writer_refusal, reporting_partners_for
from ..reporting_money import amounts_of, financial_overview, line_eur
from ..reporting_workflow import PartnerReportStatus, ReopenScope
from ..version_reporting import period_version, reporting_refusal, version_budget_by_category, work_plan_ids
from ..versions import version_for_period, version_in_force
from .reporting import reporting_transition
from .versioning import update_if_current

TEXT_FIELDS = ["summary", "deviations", "problems"]
LINE_FIELDS = [
    "category",
    "work_package",
    "description",
    "supplier",
    "invoice_number",
    "invoice_date",
    "payment_date",
    "amount",
    "currency",
    "rate",
]
CURRENCY = re.compile(r"^[A-Z]{3}$")
AMOUNT_MAX = Decimal("999999999999.99")
RATE_MAX = Decimal("999999.999999")


def require(refusal: str | None) -> None:
    if refusal:
        raise PermissionDenied(refusal)


# ---------------------------------------------------------------- periods


def period_start(project, number: int) -> date | None:
    """The first day of a reporting period (the project's start plus whole months), or None without a start."""
    if project.start_date is None:
        return None
    length = project.call.reporting_period_months if project.call is not None else 6
    months = (number - 1) * length
    year, month = divmod(project.start_date.year * 12 + project.start_date.month - 1 + months, 12)
    return date(year, month + 1, min(project.start_date.day, calendar.monthrange(year, month + 1)[1]))


def project_reporting_periods(project):
    length = project.call.reporting_period_months if project.call is not None else 6
    return reporting_periods(project.duration_months, length)


def period_refusal(project, number: int) -> str | None:
    numbers = {p.number for p in project_reporting_periods(project)}
    if number not in numbers:
        return _("The project has no period %(n)d.") % {"n": number}
    start = period_start(project, number)
    if start is None or start > timezone.localdate():
        return _("Period %(n)d has not started yet: it starts on %(date)s.") % {
            "n": number,
            "date": start.isoformat() if start else "?",
        }
    return None


def writer_refusal(user, partner) -> str | None:
    """May the user write this partner's reports at all (not the report's status)?"""
    if not reporting_partners_for(user, partner.project).filter(pk=partner.pk).exists():
        return _("Only the partner's contact person or the project's managers can write its reports.")
    return None


def lines_refusal(user, report) -> str | None:
    """May the user change the report's expenditure lines now?"""
    return report_writer_refusal(user, report) or content_only_refusal(report)


def content_only_refusal(report) -> str | None:
    if report.reopen_scope == ReopenScope.CONTENT:
        return _("The controller reopened this report for its non-financial parts only: the expenditure is locked.")
    return None


# ---------------------------------------------------------------- creation


@transaction.atomic
def partner_report_create(*, partner, period: int, by) -> PartnerReport:
    """Open the partner's report for a period that has started, carrying its parked lines (see the module's rules)."""
    partner = ProjectPartner.objects.select_for_update(of=("self",)).select_related("project__call").get(pk=partner.pk)
    project = partner.project
    require(writer_refusal(by, partner))
    refusal = period_refusal(project, period)
    if refusal:
        raise ValidationError({"period": refusal})
    # the version of the period decides who reports (an open modification's draft does not)
    if refusal := reporting_refusal(version_for_period(project, period), partner.pk, period):
        raise ValidationError({"period": refusal})
    earlier = list(
        PartnerReport.objects.filter(partner=partner).order_by("number").values("number", "period", "status")
    )
    if any(r["period"] == period for r in earlier):
        raise ValidationError({"period": _("This partner already has a report for period %(n)d.") % {"n": period}})
    if earlier:
        last = earlier[-1]
        if last["status"] == PartnerReportStatus.DRAFT:
            raise ValidationError(
                {
                    "period": _("Submit report %(n)d first: the partner's previous report is still a draft.")
                    % {"n": last["number"]}
                }
            )
        if last["period"] > period:
            raise ValidationError(
                {
                    "period": _("Reports follow the periods in order: the latest report is for period %(n)d.")
                    % {"n": last["period"]}
                }
            )
    number = (earlier[-1]["number"] if earlier else 0) + 1
    try:
        with transaction.atomic():
            report = PartnerReport.objects.create(
                partner=partner,
                project=project,
                period=period,
                number=number,
                created_by=by,
                application_version=version_in_force(project, on=timezone.localdate()),
            )
    except IntegrityError:
        raise ValidationError(
            {"period": _("This partner already has a report for period %(n)d.") % {"n": period}}
        ) from None
    carried = carry_parked_lines(report)
    audit_record(
        action="partner_report.create",
        actor=by,
        target=report,
        changes={"period": (None, period)},
        note=_("%(n)d parked line(s) carried forward.") % {"n": carried} if carried else "",
    )
    return report


def carry_parked_lines(report) -> int:
    """Copy the partner's parked, not yet carried lines of its certified reports into `report` (locked rows)."""
    parked = list(
        ExpenditureLine.objects.select_for_update(of=("self",))
        .filter(
            partner_id=report.partner_id,
            control=LineControl.PARKED,
            report__status=PartnerReportStatus.CERTIFIED,
            carried_to__isnull=True,
        )
        .exclude(report=report)
        .order_by("report__number", "number")
    )
    next_number = (ExpenditureLine.objects.filter(report=report).aggregate(n=Max("number"))["n"] or 0) + 1
    copies = []
    for offset, line in enumerate(parked):
        copies.append(
            ExpenditureLine(
                report=report,
                partner_id=report.partner_id,
                number=next_number + offset,
                parked_from=line,
                amount_eur=line.amount_eur,
                attachment=line.attachment.name,
                attachment_name=line.attachment_name,
                **{name: getattr(line, name) for name in LINE_FIELDS},
            )
        )
    ExpenditureLine.objects.bulk_create(copies)
    return len(copies)


# ---------------------------------------------------------------- text, progress, outputs


@transaction.atomic
def report_text_update(*, report, by, version: int, data: dict) -> int:
    """Save the summary, deviations and problems if nobody saved them since `version`; returns the new version."""
    report = PartnerReport.objects.select_for_update().get(pk=report.pk)
    require(report_writer_refusal(by, report))
    values = {name: (data.get(name) or "").strip() for name in TEXT_FIELDS}
    new_version = update_if_current(
        PartnerReport, pk=report.pk, version_field="version", version=version, values=values
    )
    audit_record(action="partner_report.text", actor=by, target=report)
    return new_version


def progress_items(report):
    """The work plan items reported on in the report's period: work packages and activities running in it, and
    deliverables due in it (three queries, and the period's version once). With versions, the items are those of
    the version of the period (projects.version_reporting): a work package drafted in an open modification is not
    reported on until it is approved."""
    period = report.period
    running = Q(start_period__lte=period, end_period__gte=period)
    due = Q(period=period)
    version = period_version(report)
    if version is not None:
        ids = work_plan_ids(version, period)
        running, due = Q(pk__in=ids["work_package"]), Q(pk__in=ids["deliverable"])
        running_activity = Q(pk__in=ids["activity"])
    else:
        running_activity = running
    packages = list(WorkPackage.objects.filter(running, project_id=report.project_id).order_by("number"))
    activities = list(
        Activity.objects.filter(running_activity, work_package__project_id=report.project_id)
        .select_related("work_package")
        .order_by("work_package__number", "number")
    )
    deliverables = list(
        Deliverable.objects.filter(due, activity__work_package__project_id=report.project_id)
        .select_related("activity__work_package")
        .order_by("activity__work_package__number", "activity__number", "number")
    )
    return packages, activities, deliverables


KINDS = {"work_package": WorkPackage, "activity": Activity, "deliverable": Deliverable}


@transaction.atomic
def report_progress_save(*, report, by, rows: list[dict]) -> None:
    """Save progress rows {"kind": "work_package"|"activity"|"deliverable", "item": pk, "achievement", "text"} for
    items of the report's period; anything else is refused and nothing is saved."""
    report = PartnerReport.objects.select_for_update().get(pk=report.pk)
    require(report_writer_refusal(by, report))
    packages, activities, deliverables = progress_items(report)
    allowed = {
        "work_package": {p.pk for p in packages},
        "activity": {a.pk for a in activities},
        "deliverable": {d.pk for d in deliverables},
    }
    existing = {
        (kind, getattr(p, f"{kind}_id")): p
        for p in ReportProgress.objects.filter(report=report)
        for kind in KINDS
        if getattr(p, f"{kind}_id")
    }
    errors = {}
    for row in rows:
        kind, item = row.get("kind"), row.get("item")
        if kind not in KINDS or item not in allowed[kind]:
            raise ValidationError(_("This work plan item is not part of the report's period."))
        achievement = row.get("achievement") or ""
        if achievement not in ("", "fully", "partly", "not"):
            errors[f"{kind}-{item}-achievement"] = _("Choose fully, partly or not achieved.")
            continue
        text = (row.get("text") or "").strip()
        progress = existing.get((kind, item))
        if progress is None:
            ReportProgress.objects.create(report=report, **{f"{kind}_id": item}, achievement=achievement, text=text)
        elif (progress.achievement, progress.text) != (achievement, text):
            progress.achievement, progress.text = achievement, text
            progress.save(update_fields=["achievement", "text"])
    if errors:
        raise ValidationError(errors)
    audit_record(action="partner_report.progress", actor=by, target=report)


def report_outputs(report):
    """The project's outputs the partner may contribute to (every output of the work plan; of the period's version
    when the project has versions)."""
    version = period_version(report)
    in_version = Q(pk__in=work_plan_ids(version, report.period)["output"]) if version is not None else Q()
    return list(
        ProjectOutput.objects.filter(in_version, work_package__project_id=report.project_id)
        .select_related("work_package", "indicator")
        .order_by("work_package__number", "number")
    )


@transaction.atomic
def report_outputs_save(*, report, by, rows: list[dict]) -> None:
    """Save contributions {"output": pk, "value": Decimal, "text": str}; a zero value without text removes one."""
    report = PartnerReport.objects.select_for_update().get(pk=report.pk)
    require(report_writer_refusal(by, report))
    allowed = {o.pk for o in report_outputs(report)}
    existing = {o.output_id: o for o in ReportOutput.objects.filter(report=report)}
    for row in rows:
        if row.get("output") not in allowed:
            raise ValidationError(_("This output is not part of the project."))
        value, text = row.get("value") or Decimal(0), (row.get("text") or "").strip()
        if value < 0:
            raise ValidationError({f"output-{row['output']}-value": _("Enter zero or more.")})
        current = existing.get(row["output"])
        if current is None:
            if value or text:
                ReportOutput.objects.create(report=report, output_id=row["output"], value=value, text=text)
        elif not value and not text:
            current.delete()
        elif (current.value, current.text) != (value, text):
            current.value, current.text = value, text
            current.save(update_fields=["value", "text"])
    audit_record(action="partner_report.outputs", actor=by, target=report)


# ---------------------------------------------------------------- expenditure lines


@dataclass
class LineRules:
    """What a line is checked against, read once per report (no query per line)."""

    categories: dict[str, str]  # typed category → label
    start: date | None
    end: date | None
    work_packages: dict[str, int]  # "1", "WP1" → pk; str(pk) too for the form
    duplicates: set = field(default_factory=set)  # (supplier lower, invoice number, amount) already declared

    @classmethod
    def of(cls, report, *, exclude_line=None) -> "LineRules":
        project = report.project
        options = CostOptions.of(project.call)
        labels = dict(CostCategory.choices)
        packages = {}
        for pk, number in WorkPackage.objects.filter(project_id=project.pk).values_list("pk", "number"):
            packages[str(number)] = pk
            packages[f"WP{number}"] = pk
            packages[f"pk:{pk}"] = pk
        taken = ExpenditureLine.objects.filter(partner_id=report.partner_id, parked_from__isnull=True).exclude(
            invoice_number=""
        )
        if exclude_line is not None:
            taken = taken.exclude(pk=exclude_line.pk)
        duplicates = {
            (supplier.lower(), number, amount)
            for supplier, number, amount in taken.values_list("supplier", "invoice_number", "amount")
        }
        return cls(
            categories={c: str(labels.get(c, c)) for c in options.typed},
            start=project.start_date,
            end=project.end_date,
            work_packages=packages,
            duplicates=duplicates,
        )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, errors, name):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    errors[name] = _("Enter a date as YYYY-MM-DD.")
    return None


def _decimal(value, errors, name, places: int):
    if value in (None, ""):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(" ", ""))
    except InvalidOperation:
        errors[name] = _("Enter a number (a point before the decimals).")
        return None
    if not number.is_finite():
        errors[name] = _("Enter a number (a point before the decimals).")
        return None
    if number != number.quantize(Decimal(1).scaleb(-places)):
        errors[name] = _("Enter at most %(n)d decimals.") % {"n": places}
        return None
    return number


def clean_line(raw: dict, rules: LineRules) -> tuple[dict, dict]:
    """Check one line as typed (strings, or dates and numbers from a spreadsheet): returns (values, errors by field).
    The form and the import both use it; a clean line's invoice key is added to `rules.duplicates`."""
    errors: dict[str, str] = {}
    values: dict = {}
    category = _text(raw.get("category")).lower()
    by_label = {label.lower(): key for key, label in rules.categories.items()}
    category = by_label.get(category, category)
    if not category:
        errors["category"] = _("Choose a cost category.")
    elif category not in rules.categories:
        errors["category"] = _("“%(value)s” is not a cost category one declares in this call: %(allowed)s.") % {
            "value": category,
            "allowed": ", ".join(rules.categories),
        }
    values["category"] = category
    package = _text(raw.get("work_package")).upper().replace(" ", "")
    if package.endswith(".0"):
        package = package[:-2]
    if package and package not in rules.work_packages:
        errors["work_package"] = _("The project has no work package “%(value)s”.") % {"value": package}
    values["work_package_id"] = rules.work_packages.get(package) if package else None
    description = _text(raw.get("description"))
    if not description:
        errors["description"] = _("Describe the cost.")
    elif len(description) > 500:
        errors["description"] = _("Use at most 500 characters.")
    values["description"] = description
    for name, limit in (("supplier", 200), ("invoice_number", 60)):
        text = _text(raw.get(name))
        if name == "invoice_number" and text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]  # a number read from a spreadsheet cell
        if len(text) > limit:
            errors[name] = _("Use at most %(n)d characters.") % {"n": limit}
        values[name] = text
    invoice_date = _date(raw.get("invoice_date"), errors, "invoice_date")
    payment_date = _date(raw.get("payment_date"), errors, "payment_date")
    for name, day in (("invoice_date", invoice_date), ("payment_date", payment_date)):
        if day is None:
            continue
        if rules.start and day < rules.start:
            errors[name] = _("This date is before the project's start (%(date)s).") % {"date": rules.start.isoformat()}
        elif rules.end and day > rules.end:
            errors[name] = _("This date is after the project's end (%(date)s).") % {"date": rules.end.isoformat()}
    if invoice_date and payment_date and payment_date < invoice_date and "payment_date" not in errors:
        errors["payment_date"] = _("The payment date is before the invoice date.")
    values["invoice_date"], values["payment_date"] = invoice_date, payment_date
    amount = _decimal(raw.get("amount"), errors, "amount", 2)
    if amount is None and "amount" not in errors:
        errors["amount"] = _("Enter the amount.")
    elif amount is not None and amount <= 0:
        errors["amount"] = _("Enter an amount above zero.")
    elif amount is not None and amount > AMOUNT_MAX:
        errors["amount"] = _("The amount is too large.")
    values["amount"] = amount
    currency = _text(raw.get("currency")).upper() or "EUR"
    if not CURRENCY.match(currency):
        errors["currency"] = _("Enter the currency's three-letter ISO 4217 code, e.g. EUR or CZK.")
    values["currency"] = currency
    rate = _decimal(raw.get("rate"), errors, "rate", 6)
    if currency == "EUR":
        if rate not in (None, Decimal(1)):
            errors["rate"] = _("A line in euro has the rate 1.")
        rate = Decimal(1)
    elif "rate" not in errors:
        if rate is None:
            errors["rate"] = _("Enter the exchange rate (units of %(c)s per euro).") % {"c": currency}
        elif rate <= 0 or rate > RATE_MAX:
            errors["rate"] = _("Enter a rate above zero.")
        elif rate == 1:
            errors["rate"] = _("A rate of 1 is for euro only: enter the rate of %(c)s.") % {"c": currency}
    values["rate"] = rate
    if not errors:
        values["amount_eur"] = line_eur(amount, currency, rate)
        if values["invoice_number"]:
            key = (values["supplier"].lower(), values["invoice_number"], amount)
            if key in rules.duplicates:
                errors["invoice_number"] = _(
                    "This invoice (same supplier, number and amount) is already declared by this partner."
                )
            else:
                rules.duplicates.add(key)
    return values, errors


DUPLICATE = "expenditure_invoice_once_per_partner"


def _save_line(line: ExpenditureLine, fields=None) -> None:
    try:
        with transaction.atomic():
            line.save(update_fields=fields)
    except IntegrityError as error:
        if DUPLICATE in str(error):
            raise ValidationError(
                {
                    "invoice_number": _(
                        "This invoice (same supplier, number and amount) is already declared by this partner."
                    )
                }
            ) from None
        raise


def _attach(line, attachment) -> None:
    if attachment is None:
        return
    problem = upload_problem(attachment)
    if problem:
        raise ValidationError({"attachment": problem})
    line.attachment_name = attachment.name[:255]
    line.attachment.save(attachment.name, attachment, save=False)


def _locked_report(report):
    return PartnerReport.objects.select_for_update(of=("self",)).select_related("project__call").get(pk=report.pk)


@transaction.atomic
def expenditure_line_add(*, report, by, data: dict, attachment=None) -> ExpenditureLine:
    report = _locked_report(report)
    require(lines_refusal(by, report))
    values, errors = clean_line(data, LineRules.of(report))
    if errors:
        raise ValidationError(errors)
    number = (ExpenditureLine.objects.filter(report=report).aggregate(n=Max("number"))["n"] or 0) + 1
    line = ExpenditureLine(report=report, partner_id=report.partner_id, number=number, **values)
    _attach(line, attachment)
    _save_line(line)
    audit_record(action="expenditure_line.add", actor=by, target=report, note=f"#{number}")
    return line


@transaction.atomic
def expenditure_line_update(*, line, by, data: dict, attachment=None) -> ExpenditureLine:
    report = _locked_report(line.report)
    require(lines_refusal(by, report))
    line = ExpenditureLine.objects.get(pk=line.pk, report=report)
    if line.parked_from_id:
        raise PermissionDenied(_("A parked line carried from an earlier report is declared as it was."))
    values, errors = clean_line(data, LineRules.of(report, exclude_line=line))
    if errors:
        raise ValidationError(errors)
    changes = {k: (getattr(line, k), v) for k, v in values.items() if getattr(line, k) != v}
    for name, value in values.items():
        setattr(line, name, value)
    _attach(line, attachment)
    _save_line(line)
    audit_record(
        action="expenditure_line.change",
        actor=by,
        target=report,
        changes={k: (str(a), str(b)) for k, (a, b) in changes.items()},
        note=f"#{line.number}",
    )
    return line


@transaction.atomic
def expenditure_line_delete(*, line, by) -> None:
    report = _locked_report(line.report)
    require(lines_refusal(by, report))
    line = ExpenditureLine.objects.get(pk=line.pk, report=report)
    if line.parked_from_id:
        raise PermissionDenied(_("A parked line carried from an earlier report is declared as it was."))
    line.delete()
    audit_record(action="expenditure_line.delete", actor=by, target=report, note=f"#{line.number} {line.description}")


# ---------------------------------------------------------------- overview and submission


def report_overview(report):
    """Budget, reported before, this report and remaining per category (flat rates computed). The budget is the
    partner's in the version of the report's period; without versions, the live one."""
    version = period_version(report)
    if version is not None:
        return financial_overview(report, version_budget_by_category(version, report.partner_id))
    return financial_overview(report, stored_partner_budget(report.partner).by_category)


def submit_problems(report) -> list[str]:
    """Why the report cannot be submitted yet (empty: it can)."""
    problems = []
    if not report.summary.strip():
        problems.append(_("Summarise the period (Report text)."))
    packages, _activities, _deliverables = progress_items(report)
    written = set(
        ReportProgress.objects.filter(report=report, work_package__isnull=False)
        .exclude(text="")
        .values_list("work_package_id", flat=True)
    )
    for package in packages:
        if package.pk not in written:
            problems.append(_("Describe the progress of WP%(n)d, which runs in this period.") % {"n": package.number})
    return problems


def report_snapshot(report) -> dict:
    """The report as submitted: text, progress, outputs, lines and amounts (numbers as strings)."""
    amounts = amounts_of(report)
    return {
        "number": report.number,
        "period": report.period,
        "summary": report.summary,
        "deviations": report.deviations,
        "problems": report.problems,
        "progress": [
            {
                "work_package": p.work_package_id,
                "activity": p.activity_id,
                "deliverable": p.deliverable_id,
                "achievement": p.achievement,
                "text": p.text,
            }
            for p in ReportProgress.objects.filter(report=report).order_by("pk")
        ],
        "outputs": [
            {"output": o.output_id, "value": str(o.value), "text": o.text}
            for o in ReportOutput.objects.filter(report=report).order_by("output_id")
        ],
        "lines": [
            {
                "number": line["number"],
                "category": line["category"],
                "work_package": line["work_package_id"],
                "description": line["description"],
                "supplier": line["supplier"],
                "invoice_number": line["invoice_number"],
                "invoice_date": line["invoice_date"].isoformat() if line["invoice_date"] else None,
                "payment_date": line["payment_date"].isoformat() if line["payment_date"] else None,
                "amount": str(line["amount"]),
                "currency": line["currency"],
                "rate": str(line["rate"]),
                "amount_eur": str(line["amount_eur"]),
                "attachment": line["attachment"],
                "parked_from": line["parked_from_id"],
            }
            for line in ExpenditureLine.objects.filter(report=report)
            .order_by("number")
            .values(
                "number",
                "category",
                "work_package_id",
                "description",
                "supplier",
                "invoice_number",
                "invoice_date",
                "payment_date",
                "amount",
                "currency",
                "rate",
                "amount_eur",
                "attachment",
                "parked_from_id",
            )
        ],
        "amounts": {
            "declared": {c: str(v) for c, v in amounts.declared.items()},
            "total_declared": str(amounts.total_declared),
        },
    }


def partner_report_submit(*, report, by) -> tuple[PartnerReport, bool]:
    """Submit the report once: a second click or tab finds it submitted and changes nothing. Returns (report,
    submitted now)."""
    with transaction.atomic():
        report = _locked_report(report)
        require(writer_refusal(by, report.partner))
        if report.status != PartnerReportStatus.DRAFT:
            return report, False
        problems = submit_problems(report)
        if problems:
            raise ValidationError(problems)
        now = timezone.now()
        report = reporting_transition(
            report,
            to=PartnerReportStatus.SUBMITTED,
            by=by,
            fields={"submitted_at": now, "submitted_by": by, "snapshot": report_snapshot(report), "reopen_scope": ""},
        )
        _notify_submitted(report, by)
    return report, True


def _notify_submitted(report, by) -> None:
    from interact_portal.accounts.models import User

    partner = report.partner
    managers = User.objects.filter(
        collaborations__project_id=report.project_id, collaborations__level=CollaboratorLevel.MANAGE
    )
    title = Message(
        gettext_noop("%(partner)s submitted partner report %(n)d (period %(p)d)"),
        partner=partner.organisation,
        n=report.number,
        p=report.period,
    )
    common = {"event": "partner_report.submitted", "actor": by, "target": report, "title": title}
    notify(**common, recipients=list(controllers_of(partner)), url="")
    notify(
        **common,
        recipients=list(managers),
        url=reverse("projects:partner_report", args=[report.project_id, report.pk]),
    )
