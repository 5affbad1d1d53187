"""Each rule against its fixtures (axe-core style): flag-* pages must trigger it, pass-* pages must not."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from blindaje.audit import AuditContext, Auditor, Official
from blindaje.audit.loader import SHIPPED, load_rules
from conftest import FIXTURES, ROOT

RULES_DIR = FIXTURES / "rules"
CASES = sorted(p for p in RULES_DIR.glob("*/*.html"))


def officials(path: Path) -> tuple[Official, ...]:
    data = yaml.safe_load(path.read_text("utf-8"))["officials"]
    return tuple(Official(o["name"], o.get("position", ""), o.get("jurisdiction", "federal"),
                          tuple(o.get("aliases", []))) for o in data)


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_rules(), AuditContext(officials(FIXTURES / "officials.yaml")))


@pytest.mark.parametrize("page", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixture(auditor, page):
    rule = page.parent.name
    result = auditor.audit_html(f"https://portal.gob.mx/{rule}/{page.name}", page.read_text("utf-8"))
    fired = {f.rule for f in result.findings}
    if page.stem.startswith("flag"):
        assert rule in fired, f"{rule} should fire on {page.name}"
    else:
        assert rule not in fired, [(f.rule, f.evidence, f.context) for f in result.findings if f.rule == rule]


def test_every_rule_has_fixtures_and_documentation():
    rules = load_rules().rules
    readme = (ROOT / "README.md").read_text("utf-8")
    for rule_id in rules:
        folder = RULES_DIR / rule_id
        assert len(list(folder.glob("flag-*.html"))) >= 3, rule_id
        assert len(list(folder.glob("pass-*.html"))) >= 3, rule_id
        assert f"`{rule_id}`" in readme, f"{rule_id} is not documented in the README"


def test_every_shipped_pack_names_its_legal_basis_and_fix():
    for path in SHIPPED.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        if "id" in data:
            assert data["id"] == path.stem
            assert data["legal_basis"].strip() and data["fix"].strip() and data["message"].strip()
