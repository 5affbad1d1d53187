"""Template problems: the same finding in the same place with the same text around it on many pages of a portal
(a slogan in the shared header, a banner on every page) is one problem, fixed once in the template, waived as one."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from blindaje.audit.text import fold

TEMPLATE_MIN_PAGES = 3  # on fewer pages, a repeated finding is listed under each page


def _norm(text: str) -> str:
    return " ".join(fold(str(text or "")).split())


def group_id(finding: dict) -> str:
    """Stable across nights and pages: portal, rule, place, evidence and its context, normalised."""
    parts = [finding["portal"], finding["rule"], finding["location"], _norm(finding["evidence"]),
             _norm(finding.get("context") or "")]
    return "g" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def template_groups(findings: list[dict], min_pages: int = TEMPLATE_MIN_PAGES) -> dict[str, list[dict]]:
    """Group id -> its findings, for the groups found on at least `min_pages` pages; the largest first."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        groups[group_id(f)].append(f)
    kept = {gid: fs for gid, fs in groups.items() if len({f["url"] for f in fs}) >= min_pages}
    return dict(sorted(kept.items(), key=lambda kv: (-len({f["url"] for f in kv[1]}), kv[0])))
