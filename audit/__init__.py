"""Blindaje's audit library: a page (HTML or image) plus context in, findings out; no Scrapy, no clock, no database."""
from blindaje.audit.model import AuditContext, Finding, Official, PageResult, Severity
from blindaje.audit.engine import Auditor

__all__ = ["AuditContext", "Auditor", "Finding", "Official", "PageResult", "Severity"]
