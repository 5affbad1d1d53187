"""Evidence in the crawl (SPEC §10): real crawls of the demo portal write WARC captures a standard reader replays;
unchanged nights write revisits; the night a finding is gone its page is still captured; capture_all; pruning."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import sqlite3
import urllib.request

import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

from blindaje.demo import serve_site, write_demo_config
from conftest import blindaje

pytestmark = pytest.mark.slow


def rows(data, sql, args=()):
    db = sqlite3.connect(data / "blindaje.db")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(sql, args)]
    finally:
        db.close()


def records(data, capture):
    """The WARC records in a capture's byte range, every digest checked (a bad one raises)."""
    with open(data / capture["warc"], "rb") as f:
        f.seek(capture["offset"])
        chunk = f.read(capture["length"])
    assert len(chunk) == capture["length"]
    return [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(io.BytesIO(chunk), check_digests="raise")]


def crawl(config, data):
    res = blindaje("crawl", "--force", "--config", config, "--data", data)
    assert res.returncode == 0, res.stderr
    return res


def test_captures_over_three_nights_revisits_and_proof_of_removal(demo_site, tmp_path):
    base, site = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    crawl(config, data)

    with_findings = {r["url"] for r in rows(data, "select distinct url from findings where run_id = 1")}
    night1 = {c["url"]: c for c in rows(data, "select * from captures where run_id = 1")}
    assert with_findings and with_findings <= set(night1)
    page = base + "noticias/supervision-comedores-monclova.html"
    assert page in with_findings
    for url, capture in night1.items():
        assert capture["warc"] == "evidence/run-1/demo.warc.gz" and capture["kind"] == "response"
        assert capture["captured_at"].endswith("Z")
        (req_type, req, req_http, _), (resp_type, resp, resp_http, payload) = records(data, capture)
        assert (req_type, resp_type) == ("request", "response")
        assert req.get_header("WARC-Target-URI") == resp.get_header("WARC-Target-URI") == url
        assert resp.get_header("WARC-Record-ID") == capture["record_id"]
        assert resp.get_header("WARC-Payload-Digest").startswith("sha256:")
        assert hashlib.sha256(payload).hexdigest() == capture["payload_sha256"]
        assert req_http.protocol == "GET" and resp_http.get_statuscode() == "200"
        assert req_http.get_header("User-Agent", "").startswith("Blindaje")
        with urllib.request.urlopen(url) as served:
            assert payload == served.read()  # the page as served, byte for byte
    pages = {r["url"]: r["content_hash"] for r in rows(data, "select url, content_hash from pages where run_id = 1")}
    assert all(night1[u]["payload_sha256"] == pages[u] for u in night1 if u in pages)

    crawl(config, data)  # nothing changed: every page answers 304
    night2 = {c["url"]: c for c in rows(data, "select * from captures where run_id = 2")}
    page_urls = {u for u in with_findings if u in pages}
    assert page_urls <= set(night2)
    for url in page_urls:
        capture = night2[url]
        assert capture["kind"] == "revisit" and capture["refers_to"] == night1[url]["record_id"]
        assert capture["payload_sha256"] == night1[url]["payload_sha256"] and capture["http_status"] == 304
        [(kind, head, http, payload)] = records(data, capture)
        assert kind == "revisit" and payload == b"" and http.get_statuscode() == "304"
        assert head.get_header("WARC-Refers-To") == night1[url]["record_id"]
        assert head.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
    assert os.path.getsize(data / "evidence/run-2/demo.warc.gz") < os.path.getsize(data / "evidence/run-1/demo.warc.gz") / 5

    edited = site / "noticias" / "supervision-comedores-monclova.html"
    served = edited.stat().st_mtime
    clean = "<html><head><title>Comedores</title></head><body><p>Aviso retirado.</p></body></html>".encode()
    edited.write_bytes(clean)
    os.utime(edited, (served + 60, served + 60))
    crawl(config, data)
    assert {r["status"] for r in rows(data, "select status from findings where run_id = 3 and url = ?", [page])} \
        == {"fixed"}
    [capture] = rows(data, "select * from captures where run_id = 3 and url = ?", [page])
    assert capture["kind"] == "response" and capture["payload_sha256"] == hashlib.sha256(clean).hexdigest()
    assert records(data, capture)[1][3] == clean  # the proof of removal: the page as it was that night


def test_capture_all_captures_every_audited_page_and_pruning_keeps_open_findings(demo_site, tmp_path):
    base, _ = demo_site
    config = write_demo_config(base, tmp_path / "config")
    settings = yaml.safe_load((config / "settings.yaml").read_text("utf-8"))
    settings["evidence"] = {"capture_all": True, "keep_days": 1}
    (config / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    data = tmp_path / "data"
    crawl(config, data)
    audited = {r["url"] for r in rows(data, "select url from pages where run_id = 1 and outcome = 'audited'")}
    captured = {r["url"] for r in rows(data, "select url from captures where run_id = 1")}
    assert audited <= captured

    # Two days later every capture has expired; those of pages whose findings are still open are kept.
    from blindaje.config import load_config
    from blindaje.evidence_store import keep_days_for, prune_captures
    from blindaje.store import Store, open_db

    store = Store(open_db(data / "blindaje.db"))
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    assert prune_captures(store, data, now=later, keep_days_for=keep_days_for(load_config(config)))["files"] == 0
    store.db.execute("update findings set status = 'fixed'")  # every finding fixed: nothing holds the file now
    store.db.conn.commit()
    size = os.path.getsize(data / "evidence/run-1/demo.warc.gz")
    freed = prune_captures(store, data, now=later, keep_days_for=keep_days_for(load_config(config)))
    assert freed == {"files": 1, "bytes": size, "captures": len(captured)}
    assert not (data / "evidence" / "run-1").exists() and not rows(data, "select * from captures")


def test_a_gzip_member_per_record(demo_site, tmp_path):
    """Each record its own gzip member: a capture's range decompresses alone (what lets a dossier cut it out)."""
    base, _ = demo_site
    config = write_demo_config(base, tmp_path / "config")
    data = tmp_path / "data"
    crawl(config, data)
    capture = rows(data, "select * from captures where run_id = 1 limit 1")[0]
    with open(data / capture["warc"], "rb") as f:
        f.seek(capture["offset"])
        text = gzip.decompress(f.read(capture["length"]))
    assert text.startswith(b"WARC/1.1\r\n") and text.count(b"WARC/1.1\r\n") == 2
