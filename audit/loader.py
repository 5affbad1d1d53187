"""Rule packs: one YAML file per rule, validated at load by its check type's model; shipped packs plus overrides."""
from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from blindaje.audit.checks import REGISTRY
from blindaje.audit.checks.base import EXCEPTION_CLASSES, PLACES, ExceptionClass, Regex, RuleBase, Strict

__all__ = ["EXCEPTION_CLASSES", "PLACES", "SHIPPED", "AllowedContent", "ConfigError", "Problem", "RuleSet",
           "load_rules", "read_yaml"]

SHIPPED = Path(__file__).parent / "rules"
ALLOWED_CONTENT_FILE = "allowed-content.yaml"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser: officials.yaml may list 20,000 people


@dataclass(frozen=True)
class Problem:
    """One configuration problem: which file (and line), which key, what is wrong."""

    file: str
    key: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.problem}" if self.key else f"{where}: {self.problem}"


class ConfigError(Exception):
    """One or more configuration problems; str() is one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ContentClass(Strict):
    """How an allowed-content class is recognised from the page itself."""

    label: str = Field(description="Spanish name shown in reports")
    paths: list[Regex] = Field([], description="Regexes on the folded URL path")
    headings: list[Regex] = Field([], description="Regexes on the folded title and h1 headings")
    cues: list[Regex] = Field([], description="Regexes on folded body text")
    min_cues: int = Field(2, description="Distinct cues needed when neither path nor heading matched")
    clears_strong: bool = Field(False, description="The page is not the government's voice (an electoral "
                                "authority) or speaks of the past (history): its exception clears even strong signals, "
                                "which other classes only lower to review")
    covers_lead: bool = Field(False, description="The class is what the whole page is (a directory, minutes, a "
                              "history page), so its exception reaches the lead paragraph too; otherwise a boast or "
                              "a promoted name in the headline or the lead is never cleared or softened by it")


class AllowedContent(Strict):
    """How each allowed-content class (SPEC §2) is recognised: allowed-content.yaml."""

    classes: dict[ExceptionClass, ContentClass]


@dataclass
class RuleSet:
    rules: dict[str, RuleBase]  # each one the model of its check type (checks.REGISTRY[rule.check].rule)
    allowed: AllowedContent
    sources: dict[str, str]  # rule id -> file it came from

    def fingerprint(self) -> str:
        blob = repr(sorted((k, r.model_dump_json()) for k, r in self.rules.items())) + self.allowed.model_dump_json()
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _problems_from(exc: ValidationError, file: str) -> list[Problem]:
    """Problems of a configuration file other than a rule pack, keys as dotted paths (portals.0.max_pages)."""
    out = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "str"))))
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "missing":
            msg = "required key is missing"
        out.append(Problem(file, key, msg))
    return out


def read_yaml(path: Path, display: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file; a syntax error becomes a Problem naming the line."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=YAML_LOADER), []
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return None, [Problem(display, "", f"not valid YAML: {getattr(e, 'problem', e)}", mark.line + 1 if mark else None)]
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(display, "", f"cannot read: {e}")]


def key_lines(path: Path) -> dict[tuple, int]:
    """Line (1-based) of every key and list item in a YAML file, by key path: ('vocabulary', 'terms', 3) -> 14.

    Composed again from the text only when a file has problems, so valid files keep the C parser's speed.
    """
    try:
        root = yaml.compose(path.read_text("utf-8"), Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[tuple, int] = {}
    stack = [((), root)] if root is not None else []
    while stack:
        at, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = at + (key.value if isinstance(key, yaml.ScalarNode) else None,)
                lines.setdefault(here, key.start_mark.line + 1)
                stack.append((here, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[at + (i,)] = item.start_mark.line + 1
                stack.append((at + (i,), item))
    lines[()] = 1
    return lines


def key_path(loc: tuple) -> str:
    """('vocabulary', 'terms', 3) -> 'vocabulary.terms[3]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line(lines: dict[tuple, int], loc: tuple) -> int | None:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def _keys_at(model: type[BaseModel], path: tuple) -> set[str]:
    """The keys a model accepts at a key path (('vocabulary',) -> the vocabulary's keys); empty when not a model."""
    for part in path:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        ann = field.annotation if field else None
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return set()
        model = ann
    return set(model.model_fields)


def _unknown_key(model: type[BaseModel], check: str | None, loc: tuple) -> str:
    """Why a key is not accepted: read only by other check types, a likely typo, or simply unknown."""
    parent, key = loc[:-1], loc[-1]
    if check:
        readers = [c.name for c in REGISTRY.values() if c.name != check and key in _keys_at(c.rule, parent)]
        if readers:
            return f"check type {check!r} does not read this key (only {', '.join(readers)} do)"
    close = difflib.get_close_matches(str(key), sorted(_keys_at(model, parent)), n=1, cutoff=0.75)
    return f"unknown key (did you mean {close[0]!r}?)" if close else "unknown key"


def _located(exc: ValidationError, model: type[BaseModel], check: str | None, display: str,
             lines: dict[tuple, int]) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]  # a dict key that is not allowed (places, exceptions): the key itself is the path
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = _unknown_key(model, check, loc)
        elif err["type"] == "missing":
            msg = "required key is missing"
        out.append(Problem(display, key_path(loc), msg, _line(lines, loc)))
    return sorted(out, key=lambda p: p.line or 0)


def _validate(path: Path, display: str, data: Any, allowed_file: bool) -> tuple[Any, list[Problem]]:
    """A rule (the model of its check type) or the allowed-content classes; problems name line and key path."""
    if not isinstance(data, dict):
        return None, [Problem(display, "", "must be a mapping of keys", 1)]
    if allowed_file:
        model, check = AllowedContent, None
    else:
        check = data.get("check")
        if not isinstance(check, str) or check not in REGISTRY:
            lines = key_lines(path)
            why = "required key is missing" if check is None else f"unknown check type {check!r}"
            return None, [Problem(display, "check", f"{why} (one of {', '.join(REGISTRY)})",
                                  _line(lines, ("check",)))]
        model = REGISTRY[check].rule
    try:
        return model.model_validate(data), []
    except ValidationError as e:
        return None, _located(e, model, check, display, key_lines(path))


_PACKS: dict[tuple, tuple] = {}  # (file, name shown, mtime, size) -> (rule or None, problems)


def _pack(path: Path, display: str) -> tuple:
    """One pack file read and validated (its rule, or None, and its problems); once per process while the file is
    unchanged: a crawl reads the shipped packs for its configuration and again for its report's fix texts. The rules
    are frozen models: sharing them is safe."""
    stat = path.stat()
    key = (str(path), display, stat.st_mtime_ns, stat.st_size)
    if key not in _PACKS:
        data, probs = read_yaml(path, display)
        item = None
        if not probs:
            item, probs = _validate(path, display, data, path.name == ALLOWED_CONTENT_FILE)
        _PACKS[key] = (item, probs)
    return _PACKS[key]


def _load_dir(folder: Path, label: str, rules: dict, sources: dict, problems: list) -> AllowedContent | None:
    allowed = None
    here: dict[str, str] = {}  # rule id -> file, in this folder: one rule per id
    for path in sorted(folder.glob("*.yaml")):
        display = f"{label}/{path.name}"
        item, probs = _pack(path, display)
        problems.extend(probs)
        if probs:
            continue
        if isinstance(item, AllowedContent):
            allowed = item
        elif item.id in here:
            problems.append(Problem(display, "id", f"rule {item.id!r} is also defined in {here[item.id]}",
                                    _line(key_lines(path), ("id",))))
        else:
            here[item.id] = display
            rules[item.id] = item
            sources[item.id] = display
    return allowed


def load_rules(config_dir: Path | None = None) -> RuleSet:
    """Shipped packs, then `config_dir/rules/*.yaml` overriding by id (or adding new ids). Raises ConfigError."""
    rules: dict[str, RuleBase] = {}
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    allowed = _load_dir(SHIPPED, "audit/rules", rules, sources, problems)
    if config_dir is not None and (config_dir / "rules").is_dir():
        local = _load_dir(config_dir / "rules", "rules", rules, sources, problems)
        allowed = local or allowed
    if allowed is None and not problems:
        problems.append(Problem("audit/rules", ALLOWED_CONTENT_FILE, "missing"))
    if problems:
        raise ConfigError(problems)
    return RuleSet({k: r for k, r in rules.items() if r.enabled}, allowed, sources)
