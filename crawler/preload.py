"""Imported once by the fork server the crawl's worker processes are forked from (crawler.imaging.worker_context):
the audit's modules and the lemmatiser's Spanish dictionary, loaded before any worker exists. The server dies with
the crawl's process (its workers die with it in turn)."""
from blindaje.crawler import auditing
from blindaje.crawler.forkserver import die_with_parent

die_with_parent()
auditing.warm()
