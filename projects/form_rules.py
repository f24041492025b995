"""The call's rule of each text field (programmes.application_form.field_rule) applied to a form: the limit printed
next to the field, read by the live counter (static/js/counter.js, through `data-limit`) and enforced here on the
server; the checklist (projects.rules_workplan) reads the same rule through `limit_problem`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programmes.application_form import field_rule


def limit_problem(value: str | None, limit: int) -> str | None:
    """The message when a text is longer than its limit (0: no limit)."""
    return length_problem(len(value or ""), limit)


def length_problem(length: int, limit: int) -> str | None:
    """The same, from the text's length (the checklist asks the database for lengths, not for the texts)."""
    if limit and length > limit:
        return _("At most %(n)d characters (it has %(len)d).") % {"n": limit, "len": length}
    return None


LIMIT_HELP = gettext_lazy("At most %(n)d characters.")
REQUIRED_HELP = gettext_lazy("Needed before submitting.")


class FieldRulesMixin:
    """A form whose text fields follow the call's rules. `field_keys` maps a form field to its key in
    application_form.FIELDS; `rules_call()` is the call (None: the defaults)."""

    field_keys: dict[str, str] = {}

    def rules_call(self):
        return None

    def apply_field_rules(self) -> None:
        call = self.rules_call()
        self.field_rules = {}
        for name, key in self.field_keys.items():
            if name not in self.fields:
                continue
            rule = field_rule(call, key)
            field = self.fields[name]
            model_max = getattr(field, "max_length", None)
            limit = min(rule.limit, model_max) if model_max and rule.limit else rule.limit or (model_max or 0)
            self.field_rules[name] = (rule.required, limit)
            if limit:
                field.max_length = None  # the clearer message below, and no browser cut-off mid-sentence
                field.validators = [v for v in field.validators if type(v).__name__ != "MaxLengthValidator"]
                field.widget.attrs.pop("maxlength", None)
                field.widget.attrs["data-limit"] = str(limit)
                field.widget.attrs["data-counter"] = _("%(used)s of %(limit)s characters")
                field.widget.attrs["data-counter-over"] = _("%(used)s of %(limit)s characters: %(over)s too many")
                hint = str(LIMIT_HELP % {"n": limit})
                field.help_text = f"{field.help_text} {hint}".strip() if field.help_text else hint
            if rule.required:
                field.widget.attrs["data-required"] = "true"
                hint = str(REQUIRED_HELP)
                field.help_text = f"{field.help_text} {hint}".strip() if field.help_text else hint

    def clean(self):
        cleaned = super().clean()
        for name, (_required, limit) in getattr(self, "field_rules", {}).items():
            if isinstance(cleaned.get(name), str):
                # a browser sends a textarea's line breaks as CRLF: counted as one character, as the counter does
                cleaned[name] = cleaned[name].replace("\r\n", "\n")
            if name in cleaned and (message := limit_problem(cleaned.get(name), limit)):
                self.add_error(name, message)
        return cleaned
