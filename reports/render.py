"""The reports' public API: the HTML report of a run (pages.py), the runs index, and the nightly e-mail (mail.py)."""
from __future__ import annotations

from .mail import render_email
from .pages import OPEN_PAGES_UP_TO, render_index, render_run

__all__ = ["OPEN_PAGES_UP_TO", "render_email", "render_index", "render_run"]
