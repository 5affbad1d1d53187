"""The Jinja environment shared by the report pages and the e-mail, with the filters that escape and label text."""
from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .labels import (OUTCOME_ES, RULES_ES, RUN_STATUS_ES, SEVERITIES, SEVERITY_ES, STATUS_ES, day_es, place_es, plural,
                     reason_es, when_es)

TEMPLATES = Path(__file__).parent / "templates"
# The one script a report page may run (the index's sortable, filterable tables), allowed by its hash in the page's
# Content-Security-Policy: no other script can run, and the page works without it.
SORT_JS = (TEMPLATES / "sort.js").read_text("utf-8")
SORT_JS_CSP = "'sha256-" + base64.b64encode(hashlib.sha256(SORT_JS.encode("utf-8")).digest()).decode() + "'"
MARK = re.compile(r"⟦(.*?)⟧", re.S)
# Bidirectional embeddings, overrides and isolates (and the implicit marks): text from a page could use them to
# show a reader in a report or an e-mail something else than what it says ("gpj.exe" as "exe.jpg").
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def no_bidi(value):
    """What a template prints, without bidirectional controls (Markup stays Markup: removing them adds no markup)."""
    if isinstance(value, str):
        return type(value)(BIDI.sub("", value)) if BIDI.search(value) else value
    return value


def highlight(text: str) -> Markup:
    """Escape page text, then mark the matched span (the only markup added)."""
    text = str(text or "")
    m = MARK.search(text)
    if not m:
        return escape(text)
    return escape(text[:m.start()]) + Markup("<mark>") + escape(m.group(1)) + Markup("</mark>") + escape(
        text[m.end():].replace("⟦", "").replace("⟧", ""))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower())


def web_url(url: str) -> str | None:
    """The URL, if it is safe to link to (http or https only: never javascript: or data:)."""
    url = str(url or "")
    return url if re.match(r"^https?://", url, re.I) else None


@functools.lru_cache(maxsize=1)
def _bytecode_cache():
    """Jinja's cache of compiled templates, in its private per-user folder under the system's temporary directory
    (created 0700, refused if another user owns it): a run's report renders without parsing its templates again
    (50 ms of an unchanged night). None, and templates compiled each time, where that folder cannot be had."""
    from jinja2 import FileSystemBytecodeCache

    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def environment(tz: dt.tzinfo | None = None) -> Environment:
    """The templates' environment; `tz` is the one time zone every time is shown in (the calendar's)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, finalize=no_bidi, bytecode_cache=_bytecode_cache())
    env.filters.update(highlight=highlight, rule_es=lambda r: RULES_ES.get(r, r),
                       severity_es=lambda s: SEVERITY_ES.get(s, s), status_es=lambda s: STATUS_ES.get(s, s),
                       outcome_es=lambda s: OUTCOME_ES.get(s, s), run_status_es=lambda s: RUN_STATUS_ES.get(s, s),
                       reason_es=reason_es, slug=slug, web_url=web_url, day=day_es,
                       when=lambda s: when_es(s, tz), place=lambda f: place_es(f.get("kind"), f.get("location")),
                       plural=plural)
    env.globals.update(SEVERITIES=SEVERITIES, RULES_ES=RULES_ES, SORT_JS=Markup(SORT_JS), SORT_JS_CSP=SORT_JS_CSP)
    return env
