"""A message kept as its English key and parameters, and written out in the reader's language only when read.

A notification is stored as `Message(msgid, **params)`, never as text: the same row reads German to a German
recipient and Polish after they switch to Polish. The msgid is marked where it is written
(`Message(gettext_noop("%(acronym)s was submitted to %(call)s"), acronym=..., call=...)`) so makemessages finds it.

A parameter is kept as JSON and written out at render time:
- a number or text stays as it is (an acronym, a person's note);
- a lazy translated string (a status's `.label`) is kept as its msgid and translated for the reader;
- a nested `Message` is rendered the same way (a body of several translated lines: `Message.lines`);
- `When(moment, tz)`, `Day(day)` and `Span(start, end, tz)` are formatted in the reader's language ("10 Dezember").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from interact_portal.core.formatting import NOTHING, format_date, format_span, format_time

TEXT = "%(text)s"  # the msgid of text that is not translated: a person's own words, an old notification


def source(value: Promise | str) -> str:
    """The English msgid of a lazily translated string (what it reads with no language active)."""
    with translation.override(None):
        return str(value)


@dataclass(frozen=True)
class When:
    moment: datetime
    tz: str = ""

    def as_json(self) -> dict | str:
        return {"when": self.moment.isoformat(), "tz": self.tz} if self.moment is not None else NOTHING

    def render(self) -> str:
        return format_time(self.moment, self.tz or None)


@dataclass(frozen=True)
class Day:
    day: date

    def as_json(self) -> dict | str:
        return {"day": self.day.isoformat()} if self.day is not None else NOTHING

    def render(self) -> str:
        return format_date(self.day)


@dataclass(frozen=True)
class Span:
    start: datetime
    end: datetime
    tz: str = ""

    def as_json(self) -> dict | str:
        if self.start is None or self.end is None:
            return NOTHING
        return {"span": [self.start.isoformat(), self.end.isoformat()], "tz": self.tz}

    def render(self) -> str:
        return format_span(self.start, self.end, self.tz or None)


@dataclass(frozen=True)
class Message:
    """An English msgid with %(name)s placeholders and its parameters; `render(language)` writes it out."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def __init__(self, msgid: Promise | str, values: dict[str, Any] | None = None, /, **params: Any):
        """`Message(gettext_noop("… %(acronym)s …"), {"acronym": …})` or with keywords (`acronym=…`)."""
        params = {**(values or {}), **params}
        object.__setattr__(self, "msgid", source(msgid) if isinstance(msgid, Promise) else str(msgid))
        object.__setattr__(self, "params", {name: to_json(value) for name, value in params.items()})

    @classmethod
    def text(cls, text: str) -> Message:
        """Words that are shown as they were written (a note, a reason): never translated."""
        return cls(TEXT, text=text or "")

    @classmethod
    def lines(cls, *parts: Message | Promise | str | None) -> Message:
        """Several parts, one per line, each rendered for the reader; empty parts are left out."""
        kept = [part for part in parts if part not in (None, "")]
        return cls("\n".join(f"%(l{n})s" for n in range(len(kept))), **{f"l{n}": part for n, part in enumerate(kept)})

    @classmethod
    def stored(cls, msgid: str, params: dict | None) -> Message:
        """The message as it was stored (msgid and JSON parameters)."""
        message = cls.__new__(cls)
        object.__setattr__(message, "msgid", msgid or "")
        object.__setattr__(message, "params", params or {})
        return message

    def as_json(self) -> dict:
        return {"msgid": self.msgid, "params": self.params}

    def __bool__(self) -> bool:
        return bool(self.msgid) and self.msgid != TEXT or bool(self.params.get("text"))

    def render(self, language: str | None = None) -> str:
        """The message in `language` (the active language when None)."""
        if language is not None:
            with translation.override(language):
                return self.render()
        if not self.msgid:
            return ""
        text = translation.gettext(self.msgid) if self.msgid != TEXT else self.msgid
        if not self.params:
            return text
        return text % {name: from_json(value) for name, value in self.params.items()}

    def __str__(self) -> str:
        return self.render()


def to_json(value: Any) -> Any:
    """A parameter as JSON that `from_json` renders later in the reader's language."""
    if isinstance(value, Message):
        return {"msg": value.msgid, "params": value.params}
    if isinstance(value, Promise):
        return {"t": source(value)}
    if isinstance(value, When | Day | Span):
        return value.as_json()
    if isinstance(value, datetime):
        return When(value).as_json()
    if isinstance(value, date):
        return Day(value).as_json()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return str(value)  # a model's __str__ (an organisation, a report): its name as it is now


def from_json(value: Any) -> Any:
    """A stored parameter written out in the active language."""
    if not isinstance(value, dict):
        return value
    if "msg" in value:
        return Message.stored(value["msg"], value.get("params")).render()
    if "t" in value:
        return translation.gettext(value["t"]) if value["t"] else ""
    if "when" in value:
        return When(datetime.fromisoformat(value["when"]), value.get("tz", "")).render()
    if "day" in value:
        return Day(date.fromisoformat(value["day"])).render()
    if "span" in value:
        start, end = value["span"]
        return Span(datetime.fromisoformat(start), datetime.fromisoformat(end), value.get("tz", "")).render()
    return str(value)
