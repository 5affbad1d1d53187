"""What every check type shares: the hit it produces, a rule's metadata keys, and validated key types."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Callable, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

EXCEPTION_CLASSES = ("transparency", "directory", "services", "health", "education", "civil-protection",
                     "electoral-authority", "history")
PLACES = ("title", "meta", "h1", "h2", "h3", "h4", "h5", "h6", "banner", "figcaption", "p", "li", "td", "th",
          "caption", "blockquote", "dt", "dd", "pre", "address", "summary", "label", "legend", "img", "media")
HEADLINE_PLACES = {"title", "h1", "banner", "meta"}


@dataclass
class Hit:
    """A candidate finding produced by a check, before allowed-content exceptions are applied."""

    place: str  # kind of place: 'title', 'h1', 'p', 'img[alt]', 'iframe'…
    location: str
    evidence: str
    context: str
    data: dict = field(default_factory=dict)
    strong: bool = False  # a strong signal: an allowed-content exception lowers it instead of suppressing it
    local_exception: str = ""  # allowed-content class recognised around the match itself
    severity: str | None = None  # overrides the rule's place-based severity
    group: str | None = None


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as e:
        raise ValueError(f"bad regular expression {value!r}: {e}") from None
    return value


# A Python regular expression, compiled at load so that a typo fails `blindaje validate`, not the nightly crawl.
Regex = Annotated[str, AfterValidator(_regex), Field(description="Python regular expression")]
Level = Literal["high", "medium", "low"]
Place = Literal[PLACES]
ExceptionClass = Literal[EXCEPTION_CLASSES]


class Strict(BaseModel):
    """Every key known, every value typed: a mistake in a rule file is an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleBase(Strict):
    """The keys every rule has, whatever its check type; each check type adds `check` and its own keys."""

    id: str = Field(pattern=r"^[a-z0-9-]+$", description="Rule id; a local file with a shipped id overrides it")
    title: str = Field(description="Spanish title shown in reports")
    description: str
    severity: Level
    legal_basis: str
    message: str = Field(description="Spanish, for the webmaster: what is wrong")
    fix: str = Field(description="Spanish, for the webmaster: what to do instead")
    places: dict[Place, Level] = Field({}, description="Severity by place on the page")
    exceptions: dict[ExceptionClass, Literal["suppress", "lower", "none"]] = Field(
        {}, description="What each allowed-content class does to this rule's findings")
    headline_overrides_exception: bool = Field(True, description="An exception never clears a hit in a headline")
    group: Literal["violation", "review"] = "violation"
    enabled: bool = True


@dataclass(frozen=True)
class Shared:
    """What the engine builds once and lends to the checks that need it."""

    matcher: Any = None  # checks.names.NameMatcher for the audit's officials
    portraits: Any = None  # portraits.PortraitIndex, or None when no official has a reference portrait
    prefilter: Any = None  # text.Prefilter: the checks' patterns register in it, the engine scans each block once


@dataclass(frozen=True)
class CheckType:
    """A check type: its name in `check:`, the model of its rule files, and how to build it for a rule."""

    name: str
    rule: type[RuleBase]
    build: Callable[[Any, Shared], Any]  # (validated rule, shared) -> object with run(doc, prepared) -> list[Hit]
    needs_portraits: bool = False
