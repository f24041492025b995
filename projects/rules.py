"""The rules an application must meet, each written once.

Forms call the field rules to show a failure next to the field; `submission_problems` runs every rule over the
stored application to build the pre-submission checklist, each problem linking to the exact place to fix it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interact_portal.accounts.language import language_name
from partnerships.choices import PartnerRole
from programmes.application_form import field_rule, languages_to_write

from .form_rules import limit_problem

MAX_PARTNERS = 50
ACRONYM_MAX = 25
ABBREVIATION_MAX = 15


@dataclass(frozen=True)
class Problem:
    section: str  # "call", "identification", "partnership", "partner-<pk>", "budget"
    message: str
    url: str


# --- field rules: each returns a message, or None when the value is fine -------------------------------------


def acronym_problem(value: str) -> str | None:
    if not value.strip():
        return _("Give the project an acronym.")
    if len(value) > ACRONYM_MAX:
        return _("The acronym is at most %(n)d characters (it has %(len)d).") % {"n": ACRONYM_MAX, "len": len(value)}
    return None


def objective_problem(objective, call) -> str | None:
    if objective is None:
        return _("Choose the specific objective the project contributes to.")
    if call is not None and objective.pk not in allowed_objective_ids(call):
        return _("This call does not fund specific objective %(code)s.") % {"code": objective.code}
    return None


def allowed_objective_ids(call) -> set[int]:
    """The call's allowed objectives; a call that lists none accepts every objective of its programme."""
    from programmes.models import SpecificObjective

    ids = {objective.pk for objective in call.allowed_objectives.all()}
    if ids:
        return ids
    return set(SpecificObjective.objects.filter(priority__programme_id=call.programme_id).values_list("pk", flat=True))


def abbreviation_problem(value: str, *, taken: set[str]) -> str | None:
    if not value.strip():
        return _("Give the partner a short abbreviation.")
    if len(value) > ABBREVIATION_MAX:
        return _("The abbreviation is at most %(n)d characters.") % {"n": ABBREVIATION_MAX}
    if value.strip().casefold() in {other.casefold() for other in taken}:
        return _("Another partner of this project already uses the abbreviation “%(value)s”.") % {"value": value}
    return None


def call_closed_problem(call, now=None, *, stage: str | None = None) -> str | None:
    """Why an application of this stage can no longer be started or submitted: a two-step call's full form (stage
    "full") closes at its step-2 deadline, its concept note (stage "concept", or None) at the call's deadline."""
    now = now or timezone.now()
    if call is None:
        return _("This application is not attached to a call.")
    if not call.is_published or now < call.opens_at:
        return _("The call is not open yet.")
    deadline = call.deadline_for(stage) if stage else call.closes_at
    if now >= deadline:
        return _("The call closed on %(when)s (%(tz)s): applications can no longer be submitted.") % {
            "when": _call_deadline(call, deadline),
            "tz": call.timezone,
        }
    return None


def partner_count_problem(count: int) -> str | None:
    if count > MAX_PARTNERS:
        return _("A partnership has at most %(n)d partners.") % {"n": MAX_PARTNERS}
    return None


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _call_deadline(call, deadline=None) -> str:
    from zoneinfo import ZoneInfo

    from django.utils import formats

    return formats.date_format(timezone.localtime(deadline or call.closes_at, ZoneInfo(call.timezone)), "j F Y, H:i")


# --- the whole application --------------------------------------------------------------------------------------


def submission_problems(project, now=None) -> list[Problem]:
    """Every missing or invalid item of the stored application, in the order of the workspace's sections."""
    from . import rules_workplan  # it builds on this module's Problem
    from .rules_budget import budget_problems  # partner details and budgets (it reads Problem from here)

    call = project.call
    partners = list(
        project.partners.select_related(
            "organisation__country", "organisation__nuts_region", "department_nuts"
        ).order_by("order", "pk")
    )
    problems: list[Problem] = []
    if message := call_closed_problem(call, now, stage=project.stage):
        problems.append(Problem("call", message, _url("projects:detail", project)))
    problems += _identification_problems(project, call)
    problems += rules_workplan.description_problems(project, call)
    problems += _partnership_problems(project, call, partners)
    for partner in partners:
        problems += _partner_problems(project, call, partner, partners)
    problems += rules_workplan.workplan_problems(project, call, partners)
    problems += budget_problems(project, call, partners)  # partner details and budgets: projects.rules_budget
    return problems_of_stage(project, problems)


def _url(name: str, project, *extra, anchor: str = "") -> str:
    return reverse(name, args=[project.pk, *extra]) + (f"#{anchor}" if anchor else "")


def _identification_problems(project, call) -> list[Problem]:
    def at(field: str, message: str) -> Problem:
        return Problem("identification", message, _url("projects:identification", project, anchor=f"id_{field}"))

    found = []
    if message := acronym_problem(project.acronym):
        found.append(at("acronym", message))
    if not project.title.strip():
        found.append(at("title", _("Give the project a title.")))
    if not project.summary.strip() and field_rule(call, "project.summary").required:  # the call may waive it
        found.append(at("summary", _("Write a summary of the project.")))
    if message := objective_problem(project.specific_objective, call):
        found.append(at("specific_objective", message))
    if not project.duration_months:
        found.append(at("duration_months", _("Give the project's duration in months.")))
    found += [at(field, message) for field, message in translation_problems(project, call)]
    return found


# what a missing language version of a translatable identification field says (programmes.application_form)
MISSING_IN_LANGUAGE = {
    "title": gettext_lazy("Give the title in %(language)s too: the call asks for it in each of its languages."),
    "summary": gettext_lazy("Write the summary in %(language)s too: the call asks for it in each of its languages."),
}


def translation_problems(project, call) -> list[tuple[str, str]]:
    """(form field, message) for each language version the call requires and the project lacks or has too long."""
    found = []
    texts = project.text_translations or {}
    for name, message in MISSING_IN_LANGUAGE.items():
        languages, required = languages_to_write(call, f"project.{name}", project.language or "en")
        limit = field_rule(call, f"project.{name}").limit
        for language in languages if required else []:
            value = texts.get(name, {}).get(language, "")
            if not value.strip():
                found.append((f"{name}_{language}", str(message) % {"language": language_name(language)}))
            elif problem := limit_problem(value, limit):
                found.append((f"{name}_{language}", f"{language_name(language)}: {problem}"))
    return found


def _partnership_problems(project, call, partners) -> list[Problem]:
    def at(message: str) -> Problem:
        return Problem("partnership", message, _url("projects:partners", project))

    found = []
    # a partner withdrawn through a modification (issue 19) keeps its records but no longer counts as a partner
    staying = [p for p in partners if p.withdrawn_from_period is None]
    leads = [p for p in staying if p.role == PartnerRole.LEAD]
    if len(leads) != 1:
        found.append(at(_("The partnership needs exactly one lead partner.")))
    full = [p for p in staying if p.role != PartnerRole.ASSOCIATED]
    if message := partner_count_problem(len(full)):
        found.append(at(message))
    if call is not None:
        if len(full) < call.min_partners:
            found.append(
                at(
                    _("The call asks for at least %(min)d partners (associated partners not counted); there are %(n)d.")
                    % {"min": call.min_partners, "n": len(full)}
                )
            )
        countries = {p.organisation.country_id for p in full}
        if len(countries) < call.min_countries:
            found.append(
                at(
                    _("The call asks for partners from at least %(min)d countries; there are %(n)d.")
                    % {"min": call.min_countries, "n": len(countries)}
                )
            )
        if call.lead_partner_in_programme_area and len(leads) == 1:
            area = {country.pk for country in project.programme.countries.all()}
            if leads[0].organisation.country_id not in area:
                found.append(
                    at(
                        _("The lead partner must be located in the programme area; %(country)s is not part of it.")
                        % {"country": leads[0].organisation.country.name}
                    )
                )
    return found


def _partner_problems(project, call, partner, partners) -> list[Problem]:
    def at(field: str, message: str) -> Problem:
        return Problem(
            f"partner-{partner.pk}",
            f"{partner.abbreviation}: {message}",
            _url("projects:partner", project, partner.pk, anchor=f"id_{field}"),
        )

    found = []
    taken = {p.abbreviation for p in partners if p.pk != partner.pk}
    if message := abbreviation_problem(partner.abbreviation, taken=taken):
        found.append(at("abbreviation", message))
    if not partner.contact_name.strip():
        found.append(at("contact_name", _("Name the contact person.")))
    if not partner.contact_email.strip():
        found.append(at("contact_email", _("Give the contact person's email.")))
    if partner.withdrawn_from_period is not None:  # withdrawn through a modification (issue 19)
        from partnerships.models import PartnerBudgetLine

        later = PartnerBudgetLine.objects.filter(
            partner=partner, period__gte=partner.withdrawn_from_period, amount__gt=0
        ).exists()
        if later:
            found.append(
                Problem(
                    f"partner-{partner.pk}",
                    _("%(abbr)s is withdrawn from period %(n)d but still has a budget from that period on.")
                    % {"abbr": partner.abbreviation, "n": partner.withdrawn_from_period},
                    _url("projects:partner_budget", project, partner.pk),
                )
            )
    return found


# --- a two-step call's concept note asks only for its own sections ---------------------------------------------

# Problem.section prefixes → programmes.application_form section keys. A problem whose section matches none of them
# (the call's deadline) is about the whole application and counts in every stage.
SECTION_PREFIXES: dict[str, tuple[str, ...]] = {
    "identification": ("identification",),
    "description": ("description", "objective", "target"),
    "partners": ("partner",),  # "partnership", "partner-<pk>"
    "workplan": ("workplan", "work-package", "work_package", "wp-", "activity", "deliverable"),
    "results": ("results", "result-", "output", "indicator"),
    "budget": ("budget", "cofinancing", "fund", "contribution"),
    "annexes": ("annex",),
}


def form_section_of(problem_section: str) -> str | None:
    """The application form's section a problem belongs to (None: the whole application)."""
    for key, prefixes in SECTION_PREFIXES.items():
        if problem_section.startswith(prefixes):
            return key
    return None


def stage_sections(project) -> list[str] | None:
    """The form sections the applicants fill in now: a concept note's (step 1), or None for every section."""
    from programmes.application_form import concept_note_sections

    if project.stage == "concept" and project.call is not None and project.call.is_two_step:
        return concept_note_sections(project.call)
    return None


def problems_of_stage(project, problems: list[Problem]) -> list[Problem]:
    """Only the problems of the sections the current stage asks for (a concept note: its sections)."""
    sections = stage_sections(project)
    if sections is None:
        return problems
    return [p for p in problems if (key := form_section_of(p.section)) is None or key in sections]
