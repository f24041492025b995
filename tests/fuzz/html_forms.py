"""The forms of a rendered page, as a browser would submit them: method, action and each field's name and kind."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Field:
    name: str
    kind: str  # the input type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def signature(self) -> tuple:
        return self.method, self.action.split("?")[0], tuple(sorted(self.fields))


class _Parser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__()
        self.page_url, self.forms, self.form, self.select = page_url, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            self.form = Form(attrs.get("method", "get").lower(), action)
            self.forms.append(self.form)
        elif self.form is not None and attrs.get("name") and tag in ("input", "select", "textarea", "button"):
            self._field(tag, attrs)
        elif tag == "option" and self.select is not None:
            self.select.options.append(attrs.get("value", ""))

    def _field(self, tag, attrs):
        name = attrs["name"]
        kind = "select" if tag == "select" else "textarea" if tag == "textarea" else attrs.get("type", "text")
        if kind in ("checkbox", "radio", "submit") or tag == "button":
            known = self.form.fields.setdefault(name, Field(name, "choice"))
            known.options.append(attrs.get("value", "on"))
            return
        self.form.fields[name] = Field(name, kind, attrs.get("value", ""))
        self.select = self.form.fields[name] if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def page_forms(html: str, page_url: str) -> list[Form]:
    parser = _Parser(page_url)
    parser.feed(html)
    return parser.forms
