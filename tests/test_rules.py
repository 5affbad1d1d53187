"""Each rule against its fixtures (axe-core style: the marked elements fire, nothing else does); rule-file schemas."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
from lxml import etree
import pytest
import yaml

from blindaje.audit import AuditContext, Auditor, Official
from blindaje.audit.checks import REGISTRY
from blindaje.audit.loader import SHIPPED, ConfigError, load_rules
from blindaje.audit.schema import ALLOWED_CONTENT_SCHEMA, RULE_SCHEMA, shipped
from conftest import FIXTURES, ROOT

RULES_DIR = FIXTURES / "rules"
CASES = sorted(p for p in RULES_DIR.glob("*/*.html"))
MARK = re.compile(r"violation\d+")


def officials(path: Path) -> tuple[Official, ...]:
    data = yaml.safe_load(path.read_text("utf-8"))["officials"]
    return tuple(Official(o["name"], o.get("position", ""), o.get("jurisdiction", "federal"),
                          tuple(o.get("aliases", [])), exact=bool(o.get("exact"))) for o in data)


def marked(html: str) -> set[str]:
    """Where the fixture says its rule must fire: the location of each element with id="violationN"."""
    out = set()
    deep = lxml.html.HTMLParser(huge_tree=True)  # as the audit parses: fixtures nest hundreds of levels deep
    for el in lxml.html.document_fromstring(html, parser=deep).iter(etree.Element):
        mark = el.get("id") or ""
        if not MARK.fullmatch(mark):
            continue
        if el.tag == "title":
            out.add("title")  # the page's title block has no selector of its own
        elif el.tag == "meta":
            attr = "property" if el.get("property") else "name"
            out.add(f'meta[{attr}="{el.get(attr).lower()}"]')
        else:
            out.add(f"{el.tag}#{mark}")
    return out


def fired_at(location: str) -> str:
    """The element a finding points at: the last step of its selector ('main > p#violation2' -> 'p#violation2')."""
    return location.split(" > ")[-1].removesuffix("[style]")


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_rules(), AuditContext(officials(FIXTURES / "officials.yaml")))


@pytest.mark.parametrize("page", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixture(auditor, page):
    rule = page.parent.name
    html = page.read_text("utf-8")
    result = auditor.audit_html(f"https://portal.gob.mx/{rule}/{page.name}", html)
    found = [f for f in result.findings if f.rule == rule]
    expected = marked(html)
    if page.stem.startswith("flag"):
        assert expected, f"{page.name} marks no element with id=\"violation1\""
    else:
        assert not expected, f"{page.name} is a pass fixture: it must mark no violation"
    fired = {fired_at(f.location) for f in found}
    assert fired == expected, [(f.location, f.evidence, f.context) for f in found]


def test_every_rule_has_fixtures_and_documentation():
    rules = load_rules().rules
    readme = (ROOT / "README.md").read_text("utf-8")
    for rule_id in rules:
        folder = RULES_DIR / rule_id
        # Rules that read only official accounts' posts (offensive-reply) have posts as fixtures: flag-N.json.
        assert len(list(folder.glob("flag-*.html")) + list(folder.glob("flag-*.json"))) >= 3, rule_id
        assert len(list(folder.glob("pass-*.html")) + list(folder.glob("pass-*.json"))) >= 3, rule_id
        assert f"`{rule_id}`" in readme, f"{rule_id} is not documented in the README"


def test_every_shipped_pack_names_its_legal_basis_and_fix():
    for path in SHIPPED.glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        if "id" in data:
            assert data["id"] == path.stem
            assert data["legal_basis"].strip() and data["fix"].strip() and data["message"].strip()


def test_every_check_type_is_documented_and_used_by_a_shipped_rule():
    used = {r.check for r in load_rules().rules.values()}
    guide = (ROOT / "config" / "rules" / "README.md").read_text("utf-8")
    for name in REGISTRY:
        assert name in used, f"no shipped rule uses check type {name}"
        assert f"`{name}`" in guide, f"check type {name} is not documented in config/rules/README.md"


# A rule file's first eight lines; each case below adds its own, so the line of every mistake is known.
HEAD = """\
id: {id}
check: {check}
title: Prueba
description: Regla inventada para probar la validación.
severity: medium
legal_basis: "Art. 134 CPEUM"
message: "El texto de prueba."
fix: "Quite el texto de prueba."
"""

BROKEN = [
    # name, check type, lines after HEAD, (line, key path, problem), does the JSON Schema see it too
    ("unknown-key", "phrases", "vocabulary:\n  terms: [uno, dos]\n  unles: ['x']\n",
     (11, "vocabulary.unles", "unknown key (did you mean 'unless'?)"), True),
    ("ignored-key", "names", "vocabulary:\n  honorifics: [lic.]\n  unless: ['\\bvotar\\b']\n",
     (11, "vocabulary.unless", "check type 'names' does not read this key (only achievement, phrases, offensive do)"), True),
    ("ignored-section", "phrases", "vocabulary: {terms: [uno]}\nmatching: {hash_max_distance: 3}\n",
     (10, "matching", "check type 'phrases' does not read this key (only image-names do)"), True),
    ("no-vocabulary", "image-names", "vocabulary: {hosts: [youtube.com]}\n",
     (9, "vocabulary", "check type 'image-names' does not read this key"), True),
    ("bad-regex", "achievement", "vocabulary:\n  verbs: [inaugurar]\n  strong:\n    - 'compromiso cumplido'\n"
                                 "    - '(obra entregada'\n",
     (13, "vocabulary.strong[1]", "bad regular expression '(obra entregada'"), False),
    ("wrong-type", "phrases", "vocabulary:\n  terms:\n    - uno\n    - {text: PAN, exact_case: true}\n"
                              "    - {text: PRI, exact_case: quizá}\n",
     (13, "vocabulary.terms[2].exact_case", "Input should be a valid boolean"), True),
    ("not-a-term", "phrases", "vocabulary:\n  terms:\n    - uno\n    - [dos, tres]\n",
     (12, "vocabulary.terms[1]", "a term is a phrase, or a mapping {text: ..., exact_case: true}"), True),
    ("not-a-list", "media", "vocabulary:\n  hosts: youtube.com\n",
     (10, "vocabulary.hosts", "Input should be a valid list"), True),
    ("unknown-place", "phrases", "places:\n  title: high\n  sidebar: low\n",
     (11, "places.sidebar", "Input should be 'title', 'meta'"), True),
    ("thresholds", "image-names", "matching:\n  face_max_distance: 0.5\n  face_review_distance: 0.4\n",
     (11, "matching.face_review_distance", "must be at least face_max_distance"), False),
    ("unknown-check", "grammar", "vocabulary: {}\n",
     (2, "check", "unknown check type 'grammar' (one of names, image-names, achievement, phrases, media, offensive)"), True),
    ("check-is-a-list", "[names, media]", "",
     (2, "check", "unknown check type ['names', 'media']"), True),
]


def broken_config(tmp_path: Path, name: str, check: str, lines: str) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / f"{name}.yaml").write_text(HEAD.format(id=name, check=check) + lines, "utf-8")
    return tmp_path


@pytest.mark.parametrize("name,check,lines,expected,schema_sees", BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_rule_file_names_file_line_and_key(tmp_path, name, check, lines, expected, schema_sees):
    config = broken_config(tmp_path, name, check, lines)
    with pytest.raises(ConfigError) as caught:
        load_rules(config)
    line, key, problem = expected
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1 and problems[0].startswith(f"rules/{name}.yaml:{line}: {key}: {problem}"), problems


def test_every_mistake_in_a_file_is_reported_in_line_order(tmp_path):
    config = broken_config(tmp_path, "varios", "achievement",
                           "vocabulary:\n  verbs: [inaugurar]\n  hosts: [youtube.com]\n  events: ['[']\nlevel: high\n")
    with pytest.raises(ConfigError) as caught:
        load_rules(config)
    assert [(p.line, p.key) for p in caught.value.problems] == [
        (11, "vocabulary.hosts"), (12, "vocabulary.events[0]"), (13, "level")]


def test_not_valid_yaml_names_the_line(tmp_path):
    config = broken_config(tmp_path, "sintaxis", "phrases", "vocabulary:\n  terms: [uno, dos\n")
    with pytest.raises(ConfigError) as caught:
        load_rules(config)
    assert str(caught.value).startswith("rules/sintaxis.yaml:11: not valid YAML")


def test_two_local_files_with_one_id_are_an_error(tmp_path):
    config = broken_config(tmp_path, "uno", "phrases", "vocabulary: {terms: [uno]}\n")
    (config / "rules" / "dos.yaml").write_text(HEAD.format(id="uno", check="phrases"), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_rules(config)
    assert str(caught.value) == "rules/uno.yaml:1: id: rule 'uno' is also defined in rules/dos.yaml"


def test_a_local_override_replaces_the_shipped_rule(tmp_path, auditor):
    pack = yaml.safe_load((SHIPPED / "propaganda.yaml").read_text("utf-8"))
    pack["vocabulary"]["terms"].append("Adelante Coahuila Unida")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "propaganda.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), "utf-8")
    rules = load_rules(tmp_path)
    assert rules.sources["propaganda"] == "rules/propaganda.yaml"
    assert rules.sources["official-name"] == "audit/rules/official-name.yaml"
    html = "<title>Aviso</title><p>¡Adelante Coahuila Unida!</p>"
    local = Auditor(rules, AuditContext()).audit_html("https://portal.gob.mx/aviso", html)
    assert [f.location for f in local.findings if f.rule == "propaganda"] == ["p"]
    assert not auditor.audit_html("https://portal.gob.mx/aviso", html).findings


def test_the_repository_config_and_the_shipped_packs_validate():
    shipped_rules = load_rules()
    assert set(shipped_rules.rules) == {p.stem for p in SHIPPED.glob("*.yaml")} - {"allowed-content"}
    assert set(load_rules(ROOT / "config").rules) == set(shipped_rules.rules)


def test_the_shipped_json_schemas_are_the_ones_the_models_generate():
    for path, text in shipped().items():
        assert path.read_text("utf-8") == text, f"{path.name} is stale: run python -m blindaje.audit.schema"


def test_the_json_schema_accepts_the_shipped_packs_and_rejects_broken_files(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    rule = jsonschema.Draft202012Validator(json.loads(RULE_SCHEMA.read_text("utf-8")))
    allowed = jsonschema.Draft202012Validator(json.loads(ALLOWED_CONTENT_SCHEMA.read_text("utf-8")))
    for path in SHIPPED.glob("*.yaml"):
        validator = allowed if path.name == "allowed-content.yaml" else rule
        data = yaml.safe_load(path.read_text("utf-8"))
        assert not [e.message for e in validator.iter_errors(data)], path.name
    for name, check, lines, _, schema_sees in BROKEN:
        data = yaml.safe_load(HEAD.format(id=name, check=check) + lines)
        assert bool(list(rule.iter_errors(data))) == schema_sees, name


def test_shipped_packs_point_editors_at_their_schema():
    for path in SHIPPED.glob("*.yaml"):
        schema = ALLOWED_CONTENT_SCHEMA if path.name == "allowed-content.yaml" else RULE_SCHEMA
        assert path.read_text("utf-8").startswith(f"# yaml-language-server: $schema={schema.name}\n"), path.name


def test_a_copy_of_a_shipped_pack_is_a_valid_local_override(tmp_path):
    (tmp_path / "rules").mkdir()
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, tmp_path / "rules" / path.name)
    assert set(load_rules(tmp_path).sources.values()) == {f"rules/{p.name}" for p in SHIPPED.glob("*.yaml")
                                                          if p.name != "allowed-content.yaml"}


def test_a_pack_edited_between_two_loads_in_one_process_is_read_again(tmp_path):
    """Packs are read once per process while unchanged (audit.loader._pack): an edit, even within the same second
    and to the same size, is seen; a broken edit is an error every time it is loaded."""
    import os

    pack = yaml.safe_load((SHIPPED / "propaganda.yaml").read_text("utf-8"))
    (tmp_path / "rules").mkdir()
    local = tmp_path / "rules" / "propaganda.yaml"
    local.write_text(yaml.safe_dump(dict(pack, title="Propaganda A"), allow_unicode=True), "utf-8")
    first = os.stat(local)
    assert load_rules(tmp_path).rules["propaganda"].title == "Propaganda A"
    local.write_text(yaml.safe_dump(dict(pack, title="Propaganda B"), allow_unicode=True), "utf-8")
    os.utime(local, ns=(first.st_atime_ns, first.st_mtime_ns + 1))  # same size; the clock may not have moved
    assert load_rules(tmp_path).rules["propaganda"].title == "Propaganda B"
    local.write_text("id: propaganda\ncheck: phrases\n", "utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError):
            load_rules(tmp_path)
