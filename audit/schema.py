"""JSON Schemas for rule files, generated from the check types' models and shipped beside the packs for editors."""
from __future__ import annotations

import json

from pydantic import TypeAdapter

from blindaje.audit.checks import REGISTRY
from blindaje.audit.loader import SHIPPED, AllowedContent

RULE_SCHEMA = SHIPPED / "schema.json"
ALLOWED_CONTENT_SCHEMA = SHIPPED / "allowed-content.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def rule_schema() -> dict:
    """One schema for every rule file: `check` picks the check type, whose own keys then apply (and no others)."""
    defs: dict = {}
    branches = []
    for name, check in REGISTRY.items():
        schema = TypeAdapter(check.rule).json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[check.rule.__name__] = schema
        # if/then rather than oneOf: an editor then reports the mistakes against the one type the file names.
        branches.append({"if": {"properties": {"check": {"const": name}}, "required": ["check"]},
                         "then": {"$ref": f"#/$defs/{check.rule.__name__}"}})
    return {"$schema": DRAFT, "title": "Blindaje rule (one rule per file)", "type": "object", "required": ["check"],
            "properties": {"check": {"enum": list(REGISTRY), "description": "The check type: which keys the rule has"}},
            "allOf": branches, "$defs": dict(sorted(defs.items()))}


def allowed_content_schema() -> dict:
    return {"$schema": DRAFT, "title": "Blindaje allowed-content classes (allowed-content.yaml)",
            **AllowedContent.model_json_schema()}


def text(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def shipped() -> dict:
    """Path of each shipped schema file -> the text it must hold."""
    return {RULE_SCHEMA: text(rule_schema()), ALLOWED_CONTENT_SCHEMA: text(allowed_content_schema())}


if __name__ == "__main__":
    # After changing a check type's keys: python -m blindaje.audit.schema (a test fails until the files match).
    for path, content in shipped().items():
        path.write_text(content, "utf-8")
        print(path)
