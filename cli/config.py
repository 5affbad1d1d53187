"""The configuration directory: portals, officials, calendar, settings and local rule packs, validated together."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from blindaje.audit.loader import EXCEPTION_CLASSES, ConfigError, Problem, RuleSet, _problems_from, load_rules, read_yaml
from blindaje.audit.model import AuditContext, Official
from blindaje.audit.pixels import MAX_PIXELS

JURISDICTION = re.compile(r"^(federal|MX-[A-Z]{3})$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regexes(values: list[str]) -> list[str]:
    from blindaje.audit.text import user_regex

    for v in values:
        user_regex(v)  # raises ValueError saying what RE2 cannot compile
    return values


def _jurisdiction(v: str) -> str:
    if not JURISDICTION.match(v):
        raise ValueError(f"{v!r} is not 'federal' or an ISO 3166-2 code such as MX-COA")
    return v


class Portal(Strict):
    """One institutional portal to crawl."""

    name: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str = ""
    jurisdiction: str
    start_urls: list[str] = Field(min_length=1)
    allowed_domains: list[str] = Field(min_length=1)
    allow: list[str] = []
    deny: list[str] = []
    max_pages: int | None = Field(default=None, ge=1)
    max_depth: int | None = Field(default=None, ge=0)
    contact: str = ""
    exception_paths: dict[str, list[str]] = {}

    _j = field_validator("jurisdiction")(classmethod(lambda cls, v: _jurisdiction(v)))
    _r = field_validator("allow", "deny")(classmethod(lambda cls, v: _regexes(v)))

    @field_validator("start_urls")
    @classmethod
    def _urls(cls, v: list[str]) -> list[str]:
        for u in v:
            if not re.match(r"^https?://[^/\s]+", u):
                raise ValueError(f"{u!r} is not an absolute http(s) URL")
        return v

    @field_validator("exception_paths")
    @classmethod
    def _exc(cls, v: dict) -> dict:
        for k, pats in v.items():
            if k not in EXCEPTION_CLASSES:
                raise ValueError(f"unknown allowed-content class {k!r} (one of {', '.join(EXCEPTION_CLASSES)})")
            _regexes(pats)
        return v

    @property
    def display(self) -> str:
        return self.title or self.name


class PortalsFile(Strict):
    portals: list[Portal] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self):
        seen = set()
        for p in self.portals:
            if p.name in seen:
                raise ValueError(f"duplicate portal name {p.name!r}")
            seen.add(p.name)
        return self


HANDLE = re.compile(r"^@[A-Za-z0-9_.]{1,60}$")


class OfficialEntry(Strict):
    name: str = Field(min_length=3)
    position: str = ""
    jurisdiction: str = "federal"
    aliases: list[str] = []
    photos: list[str] = []
    exact: bool = False  # a single-word name or alias that is a common word matches anywhere, not only by context
    handles: list[str] = []  # "@handle" on social networks: an alias in posts (blindaje social import)

    _j = field_validator("jurisdiction")(classmethod(lambda cls, v: _jurisdiction(v)))

    @field_validator("handles")
    @classmethod
    def _handles(cls, v: list[str]) -> list[str]:
        for h in v:
            if not HANDLE.match(h):
                raise ValueError(f"{h!r} is not a handle such as '@ArizaMontiel' (an @ and letters, digits, _ or .)")
        return v


class OfficialsFile(Strict):
    officials: list[OfficialEntry] = []


class Account(Strict):
    """An official social-media account, audited from its owner's exports (SPEC §11)."""

    name: str = Field(pattern=r"^[a-z0-9-]+$")
    platform: Literal["x", "facebook", "instagram", "csv"]
    jurisdiction: str
    handle: str = ""
    contact: str = ""

    _j = field_validator("jurisdiction")(classmethod(lambda cls, v: _jurisdiction(v)))

    @field_validator("handle")
    @classmethod
    def _handle(cls, v: str) -> str:
        if v and not HANDLE.match(v):
            raise ValueError(f"{v!r} is not a handle such as '@BienestarMX' (an @ and letters, digits, _ or .)")
        return v

    @property
    def display(self) -> str:
        return self.name


class AccountsFile(Strict):
    accounts: list[Account] = []

    @model_validator(mode="after")
    def _unique(self):
        seen = set()
        for a in self.accounts:
            if a.name in seen:
                raise ValueError(f"duplicate account name {a.name!r}")
            seen.add(a.name)
        return self


class Process(Strict):
    name: str
    applies_to: list[str] = Field(min_length=1)
    blackout_start: dt.date
    blackout_end: dt.date
    status: Literal["confirmed", "estimated"] | None = None
    election_day: dt.date | None = None
    campaign_start: dt.date | None = None
    notes: str = ""
    source: str | list[str] = ""

    @field_validator("applies_to")
    @classmethod
    def _scope(cls, v: list[str]) -> list[str]:
        for s in v:
            if s != "all":
                _jurisdiction(s)
        return v

    @model_validator(mode="after")
    def _order(self):
        if self.blackout_start > self.blackout_end:
            raise ValueError(f"blackout_start {self.blackout_start} is after blackout_end {self.blackout_end}")
        return self


class CalendarFile(Strict):
    timezone: str = "America/Mexico_City"
    processes: list[Process] = []

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r}") from None
        return v


class CrawlSettings(Strict):
    concurrency_per_host: int = Field(default=4, ge=1, le=64)
    delay_seconds: float = Field(default=0.25, ge=0)
    autothrottle: bool = True
    user_agent: str = "Blindaje/0.1 (auditoría de blindaje electoral)"
    contact: str = ""
    timeout_seconds: float = Field(default=30, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    max_page_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_pages: int = Field(default=5000, ge=1)
    max_depth: int = Field(default=12, ge=0)
    fetch_images: bool = True
    max_image_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_image_pixels: int = Field(default=MAX_PIXELS, ge=1)
    image_workers: int = Field(default=0, ge=0, le=64)  # processes analysing images; 0: one per core
    audit_workers: int | None = Field(default=None, ge=0, le=64)  # processes auditing pages; None: one per core (0 on one)
    documents: bool = True  # read and audit PDF, DOCX, XLSX, ODT and ODS files linked in scope (SPEC §9)
    max_document_pages: int = Field(default=200, ge=1)  # a longer PDF is audited up to this page, and says so
    max_document_seconds: float = Field(default=20, gt=0)  # time spent reading one file, at most
    ocr: bool = True  # read text in images and image-only PDF pages with Tesseract (when installed)
    max_url_length: int = Field(default=2048, ge=64)
    max_calendar_pages: int = Field(default=100, ge=1)
    portal_budget_seconds: int = Field(default=4 * 3600, ge=1)
    obey_robots_txt: bool = False


class ScheduleSettings(Strict):
    time: str = Field(default="02:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    misfire_grace_seconds: int = Field(default=3600, ge=1)


class CalendarSettings(Strict):
    federal_portals_follow_state_processes: bool = True


EMAIL = re.compile(r"^[^@\s<>,;:\"()\[\]]+@[^@\s<>,;:\"()\[\]]+$")


def is_email(value: str) -> bool:
    return bool(EMAIL.match(value or ""))


class EmailSettings(Strict):
    """The nightly summary by e-mail: off while smtp_host is empty."""

    model_config = ConfigDict(populate_by_name=True)

    smtp_host: str = ""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    from_address: str = Field(default="", alias="from")
    to: list[str] = []
    starttls: bool = False
    ssl: bool = False
    username: str = ""
    password_env: str = Field(default="", pattern=r"^([A-Za-z_][A-Za-z0-9_]*)?$")
    timeout_seconds: float = Field(default=30, gt=0)
    portal_contacts: bool = True
    report_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    max_findings: int = Field(default=200, ge=0)

    @field_validator("to")
    @classmethod
    def _addresses(cls, v: list[str]) -> list[str]:
        for a in v:
            if not is_email(a):
                raise ValueError(f"{a!r} is not an e-mail address")
        return v

    @model_validator(mode="after")
    def _complete(self):
        if self.from_address and not is_email(self.from_address):
            raise ValueError(f"from: {self.from_address!r} is not an e-mail address")
        if self.smtp_host and not self.from_address:
            raise ValueError("from is required when smtp_host is set")
        if self.starttls and self.ssl:
            raise ValueError("starttls and ssl are exclusive (ssl: TLS from the start, usually port 465)")
        if self.username and not self.password_env:
            raise ValueError("username needs password_env (the environment variable holding the password)")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.smtp_host)


class EvidenceSettings(Strict):
    """Captures kept as evidence (SPEC §10): which pages, and for how long."""

    capture_all: bool = False  # capture every audited page, not only those with findings (or had them)
    keep_days: int | None = Field(default=None, ge=1)  # None: until 90 days after the portal's last blackout


class QueueSettings(Strict):
    """Beyond one machine (SPEC §12): `crawl --queue` and `worker`; coordinator and workers read the same file."""

    heartbeat_seconds: int = Field(default=30, ge=1, le=600)  # a worker's pulse; silent 3x as long: its job is re-run
    retries: int = Field(default=2, ge=0, le=10)  # re-runs of a portal's job whose worker died or failed
    redis_wait_seconds: int = Field(default=600, ge=1)  # the coordinator waits this long for Redis to come back
    run_timeout_seconds: int = Field(default=12 * 3600, ge=1)  # jobs not done by then are given up, their portals failed
    result_ttl_days: int = Field(default=7, ge=1, le=365)  # a finished job's result waits this long to be ingested


class SettingsFile(Strict):
    crawl: CrawlSettings = CrawlSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    calendar: CalendarSettings = CalendarSettings()
    email: EmailSettings = EmailSettings()
    evidence: EvidenceSettings = EvidenceSettings()
    queue: QueueSettings = QueueSettings()


@dataclass
class Config:
    """A loaded, validated configuration directory."""

    directory: Path
    portals: list[Portal]
    officials: list[OfficialEntry]
    calendar: CalendarFile
    settings: SettingsFile
    rules: RuleSet
    accounts: list[Account] = None

    def account(self, name: str) -> Account | None:
        return next((a for a in self.accounts or [] if a.name == name), None)

    @property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.calendar.timezone)

    def portal(self, name: str) -> Portal | None:
        return next((p for p in self.portals if p.name == name), None)

    def audit_context(self, portal: Portal | None = None) -> AuditContext:
        officials = tuple(
            Official(o.name, o.position, o.jurisdiction, tuple(o.aliases) + tuple(o.handles),
                     tuple(str(self.directory / p) for p in o.photos), o.exact)
            for o in self.officials
        )
        return AuditContext(officials, dict(portal.exception_paths) if portal else {})


def _load(path: Path, model, problems: list[Problem], required: bool):
    display = path.name
    if not path.exists():
        if required:
            problems.append(Problem(display, "", "file is missing"))
        return None
    data, probs = read_yaml(path, display)
    if probs:
        problems.extend(probs)
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(display, "", "must be a mapping of keys"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems.extend(_explain(p, data, model) for p in _problems_from(e, display))
        return None


def _fields_at(model, path: list[str]) -> list[str] | None:
    """The keys allowed at a dotted key path of a configuration file (portals.0 -> Portal's fields), or None."""
    import typing

    annotation = model
    for part in path:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not part.isdigit() or not args:
            return None
        annotation = args[0]
    while not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None
        annotation = args[0]
    return [n for n, f in annotation.model_fields.items()] + [f.alias for f in annotation.model_fields.values()
                                                              if f.alias]


def _explain(problem: Problem, data, model) -> Problem:
    """A problem made actionable: an unknown key gets the closest allowed key ("did you mean"), and a problem
    inside a list item names the item by its `name` (portals.3 is the portal 'bienestar')."""
    import difflib

    parts = problem.key.split(".") if problem.key else []
    text = problem.problem
    if text == "unknown key" and parts:
        allowed = _fields_at(model, parts[:-1]) or []
        close = difflib.get_close_matches(parts[-1], allowed, n=1, cutoff=0.6)
        if close:
            text += f"; did you mean {close[0]!r}?"
    node, named = data, None
    for part in parts[:-1] if parts else []:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            if isinstance(node, dict) and isinstance(node.get("name"), str):
                named = node["name"]
        else:
            break
    if named:
        text += f" (in the item named {named!r})"
    return Problem(problem.file, problem.key, text, problem.line)


def load_config(directory: Path) -> Config:
    """Load and validate everything; raise ConfigError listing every problem found."""
    directory = Path(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        raise ConfigError([Problem(str(directory), "", "configuration directory does not exist")])
    portals = _load(directory / "portals.yaml", PortalsFile, problems, True)
    officials = _load(directory / "officials.yaml", OfficialsFile, problems, False) or OfficialsFile()
    calendar = _load(directory / "calendar.yaml", CalendarFile, problems, True)
    settings = _load(directory / "settings.yaml", SettingsFile, problems, False) or SettingsFile()
    accounts = _load(directory / "accounts.yaml", AccountsFile, problems, False) or AccountsFile()
    for i, a in enumerate(accounts.accounts):
        if portals and any(p.name == a.name for p in portals.portals):
            problems.append(Problem("accounts.yaml", f"accounts.{i}.name",
                                    f"{a.name!r} is also a portal's name (portals.yaml): findings would mix"))
    for i, o in enumerate(officials.officials):
        for j, photo in enumerate(o.photos):
            if not (directory / photo).is_file():
                problems.append(Problem("officials.yaml", f"officials.{i}.photos.{j}", f"photo file {photo!r} not found (in the item named {o.name!r})"))
    rules = None
    try:
        rules = load_rules(directory)
    except ConfigError as e:
        problems.extend(e.problems)
    if problems:
        raise ConfigError(problems)
    return Config(directory, portals.portals, officials.officials, calendar, settings, rules, accounts.accounts)
