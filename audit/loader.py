"""Rule packs: one YAML file per rule, validated at load; shipped packs plus a configuration directory's overrides."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SHIPPED = Path(__file__).parent / "rules"
CHECK_TYPES = ("names", "image-names", "achievement", "phrases", "media")
EXCEPTION_CLASSES = ("transparency", "directory", "services", "health", "education", "civil-protection",
                     "electoral-authority")
PLACES = ("title", "meta", "h1", "h2", "h3", "h4", "h5", "h6", "banner", "figcaption", "p", "li", "td", "th",
          "caption", "blockquote", "dt", "dd", "pre", "address", "summary", "label", "legend", "img", "media")


@dataclass(frozen=True)
class Problem:
    """One configuration problem: which file, which key, what is wrong."""

    file: str
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.problem}" if self.key else f"{self.file}: {self.problem}"


class ConfigError(Exception):
    """One or more configuration problems; str() is one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"bad regular expression {value!r}: {e}") from None
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(Strict):
    text: str
    exact_case: bool = False  # acronyms such as PAN must keep their case ('pan' is bread)


class Vocabulary(Strict):
    """Check-specific word lists; which ones a check reads is documented on the check type."""

    verbs: list[str] = []  # infinitives, matched in any person and tense
    weak_verbs: list[str] = []  # infinitives that need corroboration (credit, figure, intensifier)
    terms: list[Term | str] = []  # fixed phrases, accent- and case-folded unless exact_case
    patterns: list[str] = []  # regular expressions on folded text
    strong: list[str] = []  # regexes on folded text that suffice alone
    intensifiers: list[str] = []
    actors: list[str] = []  # words naming a government actor
    numbers: list[str] = []  # regexes for beneficiary counts and money
    events: list[str] = []  # regexes for achievement events named as nouns (banderazo, corte de listón…)
    unless: list[str] = []  # regexes on the folded sentence that cancel a match (hard negatives)
    titles: dict[str, list[str]] = {}  # position word -> titles that precede a surname
    honorifics: list[str] = []
    place_words: list[str] = []  # words before a name that make it a place or programme
    stopwords: list[str] = []  # capitalised words that may precede a name without being part of it
    responsible_line: list[str] = []  # regexes marking the legally required 'responsible' line
    directory_cues: list[str] = []  # regexes marking a directory entry (phone, e-mail)
    hosts: list[str] = []  # media hosts (suffix match)
    auxiliaries: list[str] = []

    @field_validator("patterns", "strong", "intensifiers", "numbers", "events", "unless", "responsible_line",
                     "directory_cues")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        return [_regex(v) for v in values]


class ImageMatching(Strict):
    """How close an image must be to an official's reference portrait (check type image-names)."""

    hash_max_distance: int = Field(10, ge=0, le=32)  # Hamming bits between 64-bit perceptual hashes
    face_max_distance: float = Field(0.5, gt=0, le=1.5)  # L2 between 128-d face embeddings: a violation
    face_review_distance: float = Field(0.6, gt=0, le=1.5)  # up to this distance: needs review

    @field_validator("face_review_distance")
    @classmethod
    def _review(cls, v: float, info) -> float:
        if v < info.data.get("face_max_distance", 0):
            raise ValueError("must be at least face_max_distance")
        return v


class Rule(Strict):
    """A rule: metadata, the check type it uses, and its vocabulary."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    check: Literal["names", "image-names", "achievement", "phrases", "media"]
    title: str
    description: str
    severity: Literal["high", "medium", "low"]
    legal_basis: str
    message: str  # Spanish, for the webmaster: what is wrong
    fix: str  # Spanish, for the webmaster: what to do instead
    places: dict[str, Literal["high", "medium", "low"]] = {}  # severity by place on the page
    exceptions: dict[str, Literal["suppress", "lower", "none"]] = {}
    headline_overrides_exception: bool = True
    group: Literal["violation", "review"] = "violation"
    vocabulary: Vocabulary = Vocabulary()
    matching: ImageMatching = ImageMatching()
    enabled: bool = True

    @field_validator("places")
    @classmethod
    def _places(cls, v: dict) -> dict:
        for k in v:
            if k not in PLACES:
                raise ValueError(f"unknown place {k!r} (one of {', '.join(PLACES)})")
        return v

    @field_validator("exceptions")
    @classmethod
    def _exceptions(cls, v: dict) -> dict:
        for k in v:
            if k not in EXCEPTION_CLASSES:
                raise ValueError(f"unknown allowed-content class {k!r} (one of {', '.join(EXCEPTION_CLASSES)})")
        return v


class ContentClass(Strict):
    """How an allowed-content class is recognised from the page itself."""

    label: str  # Spanish name shown in reports
    paths: list[str] = []  # regexes on the folded URL path
    headings: list[str] = []  # regexes on folded title and headings
    cues: list[str] = []  # regexes on folded body text
    min_cues: int = 2  # distinct cues needed when neither path nor heading matched

    @field_validator("paths", "headings", "cues")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        return [_regex(v) for v in values]


class AllowedContent(Strict):
    classes: dict[str, ContentClass]

    @field_validator("classes")
    @classmethod
    def _known(cls, v: dict) -> dict:
        for k in v:
            if k not in EXCEPTION_CLASSES:
                raise ValueError(f"unknown allowed-content class {k!r} (one of {', '.join(EXCEPTION_CLASSES)})")
        return v


ALLOWED_CONTENT_FILE = "allowed-content.yaml"


@dataclass
class RuleSet:
    rules: dict[str, Rule]
    allowed: AllowedContent
    sources: dict[str, str]  # rule id -> file it came from

    def fingerprint(self) -> str:
        import hashlib

        blob = repr(sorted((k, r.model_dump_json()) for k, r in self.rules.items())) + self.allowed.model_dump_json()
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _problems_from(exc: ValidationError, file: str) -> list[Problem]:
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
            return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), []  # C parser: 20,000 officials
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        return None, [Problem(display, where, f"not valid YAML: {getattr(e, 'problem', e)}")]
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(display, "", f"cannot read: {e}")]


def _load_dir(folder: Path, label: str, rules: dict, sources: dict, problems: list) -> AllowedContent | None:
    allowed = None
    for path in sorted(folder.glob("*.yaml")):
        display = f"{label}/{path.name}"
        data, probs = read_yaml(path, display)
        if probs:
            problems.extend(probs)
            continue
        if not isinstance(data, dict):
            problems.append(Problem(display, "", "must be a mapping"))
            continue
        try:
            if path.name == ALLOWED_CONTENT_FILE:
                allowed = AllowedContent.model_validate(data)
            else:
                rule = Rule.model_validate(data)
                rules[rule.id] = rule
                sources[rule.id] = display
        except ValidationError as e:
            problems.extend(_problems_from(e, display))
    return allowed


def load_rules(config_dir: Path | None = None) -> RuleSet:
    """Shipped packs, then `config_dir/rules/*.yaml` overriding by id (or adding new ids). Raises ConfigError."""
    rules: dict[str, Rule] = {}
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
