"""A finding's evidence dossier (SPEC §10): its Spanish page, the WARC records it rests on, a manifest of hashes."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from .labels import STATUS_ES
from .markup import environment
from .warcs import WarcRecord, read_records

INDEX, WARC, MANIFEST, SCREENSHOT = "index.html", "capture.warc.gz", "manifest.json", "screenshot.png"
DOSSIER_FILES = (INDEX, WARC, MANIFEST, SCREENSHOT)
IMAGE_RULE = "official-image"  # its evidence is the image's URL: the image's captures count too


class UnknownFinding(LookupError):
    """No run recorded a finding with this id."""


class DossierError(Exception):
    """The captures a dossier needs are missing or do not match what the database says of them."""


@dataclass
class Dossier:
    path: Path
    records: int
    captures: int
    screenshot: bool


def utc_and_local(instant: str, tz: ZoneInfo) -> tuple[str, str]:
    """An ISO 8601 instant shown in UTC and in the calendar's time zone (a naive one is taken as UTC)."""
    try:
        t = dt.datetime.fromisoformat(instant.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return str(instant or ""), ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return (t.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
            t.astimezone(tz).isoformat(timespec="seconds"))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _inside(data_dir: Path, relative: str) -> Path:
    path = (data_dir / relative).resolve()
    if not path.is_relative_to(data_dir.resolve()):
        raise DossierError(f"capture file {relative!r} lies outside the data directory")
    return path


def _read_range(data_dir: Path, capture: dict) -> bytes:
    path = _inside(data_dir, capture["warc"])
    try:
        with open(path, "rb") as fh:
            fh.seek(capture["offset"])
            data = fh.read(capture["length"])
    except OSError as e:
        raise DossierError(f"capture of {capture['url']} (run {capture['run_id']}): {capture['warc']}: "
                           f"{e.strerror or e}") from None
    if len(data) != capture["length"]:
        raise DossierError(f"capture of {capture['url']} (run {capture['run_id']}): {capture['warc']} ends before "
                           f"byte {capture['offset'] + capture['length']}")
    return data


def _check_range(capture: dict, data: bytes) -> list[WarcRecord]:
    """The range's records, checked against the captures row: the record it names is there, its digests hold."""
    where = f"capture of {capture['url']} (run {capture['run_id']}) in {capture['warc']}"
    try:
        records = read_records(data)
    except ValueError as e:
        raise DossierError(f"{where}: {e}") from None
    mine = next((r for r in records if r.record_id == capture["record_id"]), None)
    if mine is None:
        raise DossierError(f"{where}: no record {capture['record_id']} at offset {capture['offset']}")
    if any(r.block_ok is False or r.payload_ok is False for r in records):
        raise DossierError(f"{where}: a record's digest does not match its bytes")
    if mine.type == "response" and mine.payload_sha256 != capture["payload_sha256"]:
        raise DossierError(f"{where}: payload SHA-256 {mine.payload_sha256} is not {capture['payload_sha256']}")
    return records


def _captures(store, finding: dict, nights: list[dict]) -> list[dict]:
    """The captures of the finding's page (and of its image) on the nights of its rows, in run order."""
    runs = {n["run_id"] for n in nights}
    urls = [finding["url"]]
    if finding["rule"] == IMAGE_RULE and finding["evidence"] not in urls:
        urls.append(finding["evidence"])
    rows = [c for url in urls for c in store.captures(url) if c["run_id"] in runs]
    return sorted(rows, key=lambda c: (c["run_id"], urls.index(c["url"])))


def write_dossier(store, finding_id: str, data_dir: Path, out: Path, *, now: dt.datetime, tz: ZoneInfo,
                  screenshot=None) -> Dossier:
    """Write out/index.html, out/capture.warc.gz, out/manifest.json (and out/screenshot.png when `screenshot`, a
    callable (html bytes, content type, png path) -> bool, makes one). `now` is the dossier's creation time."""
    nights = store.finding_nights(finding_id)
    if not nights:
        raise UnknownFinding(finding_id)
    data_dir, out = Path(data_dir), Path(out)
    seen = [n for n in nights if n["status"] != "fixed"]
    finding = seen[-1] if seen else nights[-1]
    captures = _captures(store, finding, nights)
    chunks, included, records_of = [], set(), {}
    for c in captures:
        if c["kind"] == "revisit" and c["refers_to"] and c["refers_to"] not in included:
            original = store.capture_by_record(c["refers_to"])
            if original is not None:
                data = _read_range(data_dir, original)
                records_of[original["record_id"]] = _check_range(original, data)
                chunks.append(data)
                included.add(original["record_id"])
        if c["record_id"] in included:
            continue
        data = _read_range(data_dir, c)
        records_of[c["record_id"]] = _check_range(c, data)
        chunks.append(data)
        included.add(c["record_id"])
    out.mkdir(parents=True, exist_ok=True)
    for stale in DOSSIER_FILES:
        (out / stale).unlink(missing_ok=True)
    warc = b"".join(chunks)
    (out / WARC).write_bytes(warc)
    records = read_records(warc)
    by_id = {r.record_id: r for r in records}
    shot = False
    if screenshot is not None:
        page = _latest_response(seen, captures, by_id, store)
        if page is not None:
            shot = bool(screenshot(page.payload, page.http_headers.get("content-type", ""), out / SCREENSHOT))
    files = [{"name": name, "sha256": sha256_file(out / name), "size": (out / name).stat().st_size}
             for name in (WARC, SCREENSHOT) if (out / name).exists()]
    (out / INDEX).write_text(_page(finding, nights, captures, by_id, records, files, now, tz, shot), "utf-8")
    files.insert(0, {"name": INDEX, "sha256": sha256_file(out / INDEX), "size": (out / INDEX).stat().st_size})
    manifest = {"finding_id": finding_id, "created_at": now.isoformat(timespec="seconds"), "files": files,
                "records": [manifest_record(r) for r in records]}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return Dossier(out, len(records), len(captures), shot)


def manifest_record(r: WarcRecord) -> dict:
    return {"record_id": r.record_id, "type": r.type, "target_uri": r.target_uri, "payload_sha256": r.payload_sha256,
            "warc_date": r.warc_date, "offset_in_capture": r.offset}


def _latest_response(seen: list[dict], captures: list[dict], by_id: dict, store) -> WarcRecord | None:
    """The page as fetched the last night the finding was seen (a revisit's original carries its bytes)."""
    nights = {n["run_id"] for n in seen}
    for c in reversed(captures):
        if c["run_id"] in nights and c["url"] == seen[-1]["url"]:
            record = by_id.get(c["refers_to"] if c["kind"] == "revisit" else c["record_id"])
            if record is not None and record.type == "response":
                return record
    return None


def _page(finding, nights, captures, by_id, records, files, now, tz, shot) -> str:
    seen = [n for n in nights if n["status"] != "fixed"]
    capture_of = {(c["run_id"], c["url"]): c for c in captures}
    night_rows = []
    for n in nights:
        when_utc, when_local = utc_and_local(n["run_started_at"], tz)
        c = capture_of.get((n["run_id"], finding["url"]))
        night_rows.append({"run_id": n["run_id"], "run_date": n["run_date"], "utc": when_utc, "local": when_local,
                           "gone": n["status"] == "fixed",
                           "status": "ausente (corregido)" if n["status"] == "fixed" else STATUS_ES.get(n["status"],
                                                                                                         n["status"]),
                           "capture": c["record_id"] if c else ""})
    capture_rows = []
    for c in captures:
        when_utc, when_local = utc_and_local(c["captured_at"], tz)
        record = by_id.get(c["record_id"])
        capture_rows.append({**c, "utc": when_utc, "local": when_local,
                             "offset_in_capture": record.offset if record else None,
                             "gone": any(n["run_id"] == c["run_id"] and n["status"] == "fixed" for n in nights)})
    last = nights[-1]
    first_gone = None
    if last["status"] == "fixed":
        c = capture_of.get((last["run_id"], finding["url"]))
        first_gone = {"night": next(r for r in night_rows if r["run_id"] == last["run_id"]), "capture": c}
    first = next(r for r in night_rows if r["run_id"] == seen[0]["run_id"]) if seen else None
    latest = next(r for r in night_rows if r["run_id"] == seen[-1]["run_id"]) if seen else None
    created_utc, created_local = utc_and_local(now.isoformat(), tz)
    return environment().get_template("dossier.html").render(
        f=finding, nights=night_rows, captures=capture_rows, records=records, files=files, first=first,
        latest=latest, first_gone=first_gone, tz=str(tz), created_utc=created_utc, created_local=created_local,
        generated=created_local, screenshot=shot, warc_name=WARC, manifest_name=MANIFEST)


# verification ------------------------------------------------------------------------------------------------
def verify_dossier(folder: Path) -> tuple[list[str], dict]:
    """Recompute every hash of a dossier: (the problems, each naming a file or a record; counts of what held)."""
    folder = Path(folder)
    problems: list[str] = []
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        listed = {f["name"]: f for f in manifest["files"]}
        wanted = manifest["records"]
    except FileNotFoundError:
        return [f"{MANIFEST}: missing"], {}
    except (OSError, ValueError, KeyError, TypeError) as e:
        return [f"{MANIFEST}: unreadable ({type(e).__name__})"], {}
    for name, entry in listed.items():
        path = folder / str(name)
        if "/" in str(name) or "\\" in str(name) or str(name) in ("", ".", ".."):
            problems.append(f"{name}: not a file name of the dossier")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256_file(path) != entry.get("sha256"):
            problems.append(f"{name}: SHA-256 does not match the manifest")
        elif path.stat().st_size != entry.get("size"):
            problems.append(f"{name}: size does not match the manifest")
    for path in sorted(folder.iterdir()):
        if path.name not in listed and path.name != MANIFEST:
            problems.append(f"{path.name}: not in the manifest")
    records: list[WarcRecord] = []
    if (folder / WARC).is_file():
        try:
            records = read_records((folder / WARC).read_bytes())
        except ValueError as e:
            problems.append(f"{WARC}: {e}")
    elif WARC not in listed:
        problems.append(f"{WARC}: missing")
    for r in records:
        if r.block_ok is False:
            problems.append(f"{WARC}: record {r.record_id} ({r.type} {r.target_uri}): WARC-Block-Digest does not match")
        if r.payload_ok is False:
            problems.append(f"{WARC}: record {r.record_id} ({r.type} {r.target_uri}): "
                            f"WARC-Payload-Digest does not match")
        if r.payload_ok is None and r.type not in ("revisit", "warcinfo") and r.payload_digest:
            problems.append(f"{WARC}: record {r.record_id}: digest {r.payload_digest.split(':')[0]!r} not supported")
    found = [manifest_record(r) for r in records]
    if not any(p.startswith(f"{WARC}: unreadable") for p in problems):
        got = {r["record_id"]: r for r in found}
        for w in wanted:
            rid = w.get("record_id")
            if rid not in got:
                problems.append(f"record {rid}: in the manifest, not in {WARC}")
            elif got[rid] != w:
                fields = ", ".join(k for k in w if got[rid].get(k) != w.get(k)) or "fields"
                problems.append(f"record {rid}: {fields} differ between {WARC} and the manifest")
        ids = {w.get("record_id") for w in wanted}
        problems += [f"record {r['record_id']}: in {WARC}, not in the manifest" for r in found
                     if r["record_id"] not in ids]
    return problems, {"files": len(listed), "records": len(records),
                      "digests": sum((r.block_ok is not None) + (r.payload_ok is not None) for r in records)}
