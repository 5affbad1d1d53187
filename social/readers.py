"""Official accounts' own exports read into posts: the X archive, Meta's "Download your information" JSON, CSV."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

PLATFORMS = ("x", "facebook", "instagram", "csv")
CSV_COLUMNS = ("id", "date", "text", "url", "reply_to", "media_type")
EXPECTED = ("an X archive (data/tweets.js or its zip), a Facebook or Instagram \"Download your information\" export "
            "(posts or comments JSON), or a CSV with the columns " + ",".join(CSV_COLUMNS))

MAX_FILE_BYTES = 512 * 1024 * 1024  # one export file; an X archive of 100,000 posts is about 80 MB
MAX_ZIP_MEMBERS = 200_000
MAX_ZIP_TOTAL = 2 * 1024 * 1024 * 1024  # uncompressed bytes read from one archive, at most
MAX_ZIP_RATIO = 200  # a member that inflates more than this is a zip bomb (text compresses about 10:1)
MAX_DIR_FILES = 100_000
MAX_POSTS = 2_000_000
MAX_TEXT_CHARS = 50_000  # one post's text (X allows 25,000 characters to paying accounts)
VIDEO = ("video", "animated_gif", "reel", "audio")
VIDEO_EXT = re.compile(r"\.(mp4|mov|m4v|webm|avi|mkv|mp3|m4a|wav|ogg)$", re.I)
IMAGE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|heic|bmp)$", re.I)
# 'tweets' since 2020; older archives wrote data/tweet.js with window.YTD.tweet.part0.
X_PREFIX = re.compile(r"^\s*window\.YTD\.tweets?\.part\d+\s*=\s*")
X_PREFIX_BYTES = re.compile(rb"^(?:\xef\xbb\xbf)?\s*window\.YTD\.tweets?\.part\d+\s*=\s*")
X_ACCOUNT_PREFIX = re.compile(r"^\s*window\.YTD\.account\.part\d+\s*=\s*")


class ExportError(Exception):
    """An export that cannot be read: one line naming the file and what was expected."""


@dataclass(slots=True)
class RawPost:
    """One post or reply as the export has it, before threads are resolved."""

    platform: str
    key: str  # the export's own id (X id_str, CSV id; Meta: the unix timestamp, made unique)
    created: dt.datetime  # aware
    text: str
    url: str = ""
    reply_to: str = ""  # X / CSV: id replied to; '' for a top-level post
    reply_to_user: str = ""  # X: screen name replied to
    comment: bool = False  # Meta: a comment by the account (a reply to someone)
    media: list[tuple[str, str, str]] = field(default_factory=list)  # (kind 'video'|'photo'|'link', uri, title)
    hashtags: list[str] = field(default_factory=list)
    source: str = ""  # file it came from


def fix_mojibake(text: str) -> str:
    """Meta's exports escape each UTF-8 byte as its own character ('Ã¡' for 'á'): undo it when the string is such."""
    if not text or text.isascii() or max(text) > "\xff":
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def _bounded_text(text) -> str:
    return str(text or "")[:MAX_TEXT_CHARS]


# sources of bytes ------------------------------------------------------------------------------------------------
@dataclass
class Source:
    """A file to read: its display name, its path inside an archive or folder, and how to open its bytes."""

    name: str
    inner: str  # POSIX path relative to the archive's or folder's root (the file name for a single file)
    size: int
    open: object  # () -> binary stream

    def read(self) -> bytes:
        with self.open() as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES or len(data) > self.size:
            raise ExportError(f"{self.name}: larger than it declares or than {MAX_FILE_BYTES // 2**20} MB: "
                              "zip bomb or corrupt archive")
        return data


class Bounded:
    """A binary stream read through: refuses to yield more than `limit` bytes (a member inflating past its size)."""

    def __init__(self, raw, head: bytes, limit: int, name: str):
        self.raw, self.head, self.left, self.name = raw, head, limit, name

    def read(self, n: int = -1) -> bytes:
        if self.head:
            out, self.head = (self.head, b"") if n < 0 or n >= len(self.head) else (self.head[:n], self.head[n:])
        else:
            out = self.raw.read(n)
        self.left -= len(out)
        if self.left < 0:
            raise ExportError(f"{self.name}: larger than it declares or than {MAX_FILE_BYTES // 2**20} MB: "
                              "zip bomb or corrupt archive")
        return out


def _file_source(path: Path, inner: str) -> Source:
    size = path.stat().st_size
    return Source(str(path), inner, size, lambda: open(path, "rb"))


def _zip_sources(path: Path) -> list[Source]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise ExportError(f"{path}: not a readable zip archive ({e}); expected {EXPECTED}") from None
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ExportError(f"{path}: zip archive with {len(infos):,} files (at most {MAX_ZIP_MEMBERS:,})")
    out, total = [], 0

    def opener(info):
        return lambda: archive.open(info)

    for info in infos:
        inner = info.filename.replace("\\", "/")
        if not _relevant(inner):
            continue
        if info.file_size > MAX_FILE_BYTES:
            raise ExportError(f"{path}:{inner}: {info.file_size:,} bytes uncompressed (at most {MAX_FILE_BYTES:,})")
        if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 1 << 20:
            raise ExportError(f"{path}:{inner}: inflates {info.file_size // max(info.compress_size, 1)} times: "
                              "zip bomb refused")
        total += info.file_size
        if total > MAX_ZIP_TOTAL:
            raise ExportError(f"{path}: more than {MAX_ZIP_TOTAL // 2**30} GB uncompressed: refused")
        out.append(Source(f"{path}:{inner}", inner, info.file_size, opener(info)))
    return out


def _relevant(inner: str) -> bool:
    """Files an export's posts can be in (media, HTML pages and the rest of an archive are not read)."""
    return inner.lower().endswith((".js", ".json", ".csv")) and not PurePosixPath(inner).name.startswith(".")


def _dir_sources(path: Path) -> list[Source]:
    out, n = [], 0
    for p in sorted(path.rglob("*")):
        n += 1
        if n > MAX_DIR_FILES:
            raise ExportError(f"{path}: more than {MAX_DIR_FILES:,} files: refused")
        if p.is_file() and not p.is_symlink() and _relevant(p.as_posix()):
            out.append(_file_source(p, p.relative_to(path).as_posix()))
    return out


def sources_of(path: Path) -> tuple[list[Source], bool]:
    """(files to read, were they given one by one?) for a file, a folder or a zip archive."""
    if not path.exists():
        raise ExportError(f"{path}: no such file or folder")
    if path.is_dir():
        return _dir_sources(path), False
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_sources(path), False
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ExportError(f"{path}: {path.stat().st_size:,} bytes (at most {MAX_FILE_BYTES:,})")
    return [_file_source(path, path.name)], True


# detection ------------------------------------------------------------------------------------------------------
def _text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if b"\x00" in data[:4096]:
            raise ExportError(f"{name}: binary data; expected {EXPECTED}") from None
        return data.decode("cp1252", errors="replace")  # a spreadsheet saved as Windows-1252


def _iter_array(text: str, start: int, name: str):
    """The elements of the JSON array at text[start:], decoded one at a time (the whole tree is never built)."""
    decoder = json.JSONDecoder()
    ws = re.compile(r"[\s,]*")
    i = ws.match(text, start).end()
    if i >= len(text) or text[i] != "[":
        raise ExportError(f"{name}: expected a JSON array after the X archive's prefix")
    i += 1
    while True:
        i = ws.match(text, i).end()
        if i >= len(text):
            raise ExportError(f"{name}: JSON array not closed (truncated file?)")
        if text[i] == "]":
            return
        try:
            item, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as e:
            raise ExportError(f"{name}: malformed JSON at line {e.lineno}: {e.msg}") from None
        yield item


def detect(source: Source, text: str) -> tuple[str, object] | None:
    """(kind, parsed) for a file that is part of a supported export, else None. Kinds: 'x', 'x-account',
    'facebook-posts', 'facebook-comments', 'instagram-posts', 'instagram-comments', 'csv'."""
    m = X_PREFIX.match(text[:200])
    if m:
        return "x", m.end()
    if X_ACCOUNT_PREFIX.match(text[:200]):
        return "x-account", X_ACCOUNT_PREFIX.match(text[:200]).end()
    stripped = text.lstrip()
    if source.inner.lower().endswith(".csv") or not stripped.startswith(("[", "{")):
        first = stripped.split("\n", 1)[0].strip().lower()
        cols = [c.strip().strip('"') for c in re.split(r"[,;]", first)]
        if set(CSV_COLUMNS) <= set(cols):
            return "csv", None
        return None
    if not stripped.startswith(("[", "{")):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        if source.inner.lower().endswith(".json"):
            raise ExportError(f"{source.name}: malformed JSON at line {e.lineno}: {e.msg}") from None
        return None
    kind = _json_kind(data)
    return (kind, data) if kind else None


def _json_kind(data) -> str | None:
    if isinstance(data, dict):
        if "comments_v2" in data:
            return "facebook-comments"
        if "comments_media_comments" in data:
            return "instagram-comments"
        if "comments_reels_comments" in data:
            return "instagram-comments"
        if any(k in data for k in ("ig_reels_media", "ig_other_media", "ig_stories")):
            return "instagram-posts"
        if "status_updates_v2" in data or "profile_posts_v2" in data:
            return "facebook-posts"
        if isinstance(data.get("comments"), list) and _fb_comment_items(data["comments"]):
            return "facebook-comments"
        return None
    if not isinstance(data, list) or not data:
        return None
    first = next((x for x in data if isinstance(x, dict)), None)
    if first is None:
        return None
    if "string_map_data" in first:
        return "instagram-comments"
    if "creation_timestamp" in first or ("media" in first and isinstance(first.get("media"), list)
                                         and any(isinstance(m, dict) and "creation_timestamp" in m
                                                 for m in first["media"])):
        return "instagram-posts"
    if "timestamp" in first:
        if _fb_comment_items(data):
            return "facebook-comments"
        # Posts carry text or attachments; reactions, events and the rest of the export also have timestamps.
        sample = [x for x in data[:50] if isinstance(x, dict)]
        if any(x.get("attachments") or any(isinstance(d, dict) and "post" in d for d in x.get("data") or [])
               for x in sample):
            return "facebook-posts"
    return None


def _fb_comment_items(items) -> bool:
    return any(isinstance(x, dict) and any(isinstance(d, dict) and isinstance(d.get("comment"), dict)
                                           for d in x.get("data") or []) for x in items[:50])


# readers --------------------------------------------------------------------------------------------------------
def _x_date(value: str, name: str) -> dt.datetime:
    for fmt in ("%a %b %d %H:%M:%S %z %Y",):
        try:
            return dt.datetime.strptime(value, fmt)
        except (TypeError, ValueError):
            pass
    try:
        d = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)
    except ValueError:
        raise ExportError(f"{name}: tweet date {str(value)[:40]!r} is not an X archive date") from None


def x_items(stream, name: str):
    """The tweets of a tweets.js stream positioned after its prefix, one at a time (ijson's C parser on the bytes:
    the file is never held whole, nor decoded to one string, which emoji make four bytes a character)."""
    import ijson

    try:
        yield from ijson.items(stream, "item", use_float=True)
    except ijson.JSONError as e:
        if "trailing garbage" in str(e):
            return  # the array is whole, and every tweet was read: a stray ';' or note after it is no tweet
        raise ExportError(f"{name}: malformed JSON ({str(e).splitlines()[0][:120]})") from None


def read_x(items, name: str, handle: str) -> list[RawPost]:
    out = []
    for item in items:
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not (tweet.get("id_str") or tweet.get("id")):
            raise ExportError(f"{name}: an element of the array is not a tweet (no id_str)")
        tid = str(tweet.get("id_str") or tweet.get("id"))
        entities = tweet.get("entities") or {}
        media = []
        for m in ((tweet.get("extended_entities") or {}).get("media") or entities.get("media") or []):
            if isinstance(m, dict):
                kind = "video" if m.get("type") in VIDEO else "photo"
                media.append((kind, str(m.get("media_url_https") or m.get("expanded_url") or "")[:500],
                              _bounded_text(m.get("ext_alt_text"))[:1000]))
        for u in entities.get("urls") or []:
            if isinstance(u, dict) and u.get("expanded_url"):
                media.append(("link", str(u["expanded_url"])[:500], ""))
        tags = [str(h.get("text", "")) for h in entities.get("hashtags") or [] if isinstance(h, dict)]
        who = handle.lstrip("@") or "i/web"
        out.append(RawPost("x", tid, _x_date(tweet.get("created_at"), name), _bounded_text(tweet.get("full_text")
                                                                                            or tweet.get("text")),
                           url=f"https://x.com/{who}/status/{tid}",
                           reply_to=str(tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id")
                                        or ""),
                           reply_to_user=str(tweet.get("in_reply_to_screen_name") or ""),
                           media=media, hashtags=tags, source=name))
        if len(out) > MAX_POSTS:
            raise ExportError(f"{name}: more than {MAX_POSTS:,} posts")
    return out


def _meta_time(value, name: str) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        raise ExportError(f"{name}: timestamp {str(value)[:40]!r} is not a Unix time") from None


def _meta_media(attachments, out: list) -> None:
    """Media of a Meta post's attachments into `out`: (kind, uri, the photo's or video's own title and
    description: its caption)."""
    for att in attachments or []:
        for d in (att.get("data") or []) if isinstance(att, dict) else []:
            if not isinstance(d, dict):
                continue
            m = d.get("media")
            if isinstance(m, dict):
                uri = str(m.get("uri") or "")
                kind = "video" if VIDEO_EXT.search(uri) or "video" in uri.lower() else "photo"
                caption = " ".join(fix_mojibake(str(m[k])) for k in ("title", "description") if m.get(k))
                out.append((kind, uri[:500], caption[:2000]))
            ext = d.get("external_context")
            if isinstance(ext, dict) and ext.get("url"):
                url = str(ext["url"])[:500]
                out.append(("video" if re.search(r"youtu|vimeo|/videos?/|fb\.watch", url) else "link", url, ""))


def read_facebook_posts(data, name: str) -> list[RawPost]:
    if isinstance(data, dict):
        data = data.get("status_updates_v2") or data.get("profile_posts_v2") or []
    out = []
    for item in data:
        if not isinstance(item, dict) or "timestamp" not in item:
            raise ExportError(f"{name}: a Facebook post without a timestamp")
        text = " ".join(fix_mojibake(str(d["post"])) for d in item.get("data") or []
                        if isinstance(d, dict) and d.get("post"))
        media: list = []
        _meta_media(item.get("attachments"), media)
        out.append(RawPost("facebook", str(int(item["timestamp"])), _meta_time(item["timestamp"], name),
                           _bounded_text(text), media=media, source=name))
    return out


def read_facebook_comments(data, name: str) -> list[RawPost]:
    items = (data.get("comments_v2") or data.get("comments") or []) if isinstance(data, dict) else data
    out = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        comment = next((d["comment"] for d in item.get("data") or [] if isinstance(d, dict)
                        and isinstance(d.get("comment"), dict)), None)
        if comment is None:
            continue
        stamp = comment.get("timestamp", item.get("timestamp"))
        out.append(RawPost("facebook", str(int(stamp)), _meta_time(stamp, name),
                           _bounded_text(fix_mojibake(str(comment.get("comment") or ""))), comment=True,
                           reply_to_user=fix_mojibake(str(item.get("title") or ""))[:200], source=name))
    return out


def read_instagram_posts(data, name: str) -> list[RawPost]:
    if isinstance(data, dict):
        data = [*(data.get("ig_reels_media") or []), *(data.get("ig_other_media") or []),
                *(data.get("ig_stories") or [])]
        reels = True
    else:
        reels = False
    out = []
    for item in data:
        if not isinstance(item, dict):
            continue
        medias = [m for m in item.get("media") or [] if isinstance(m, dict)]
        stamp = item.get("creation_timestamp") or next((m.get("creation_timestamp") for m in medias
                                                         if m.get("creation_timestamp")), None)
        if stamp is None:
            raise ExportError(f"{name}: an Instagram post without creation_timestamp")
        text = fix_mojibake(str(item.get("title") or next((m.get("title") for m in medias if m.get("title")), "")))
        # A media's title repeats the post's caption: the photo is known by its file name only.
        media = [("video" if reels or VIDEO_EXT.search(str(m.get("uri") or "")) else "photo",
                  str(m.get("uri") or "")[:500], "") for m in medias]
        out.append(RawPost("instagram", str(int(stamp)), _meta_time(stamp, name), _bounded_text(text), media=media,
                           source=name))
    return out


def read_instagram_comments(data, name: str) -> list[RawPost]:
    items = ((data.get("comments_media_comments") or []) + (data.get("comments_reels_comments") or [])
             if isinstance(data, dict) else data)
    out = []
    for item in items or []:
        smd = item.get("string_map_data") if isinstance(item, dict) else None
        if not isinstance(smd, dict):
            continue
        text = (smd.get("Comment") or smd.get("Comentario") or {}).get("value", "")
        stamp = (smd.get("Time") or smd.get("Hora") or {}).get("timestamp")
        if stamp is None:
            continue
        owner = (smd.get("Media Owner") or {}).get("value", "")
        out.append(RawPost("instagram", str(int(stamp)), _meta_time(stamp, name), _bounded_text(fix_mojibake(str(text))),
                           comment=True, reply_to_user=fix_mojibake(str(owner))[:200], source=name))
    return out


def _csv_date(value: str, tz, name: str, line: int) -> dt.datetime:
    value = (value or "").strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    if m:  # day first, as Mexican spreadsheets write it: 20/04/2027 09:30
        d, mo, y, h, mi, sec = (int(x or 0) for x in m.groups())
        try:
            return dt.datetime(y, mo, d, h, mi, sec, tzinfo=tz)
        except ValueError:
            raise ExportError(f"{name}: line {line}: date {value[:40]!r} is not a valid date") from None
    try:
        d = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1) if " " in value
                                      and "T" not in value else value.replace("Z", "+00:00"))
    except ValueError:
        raise ExportError(f"{name}: line {line}: date {value[:40]!r} is not ISO 8601 (2027-04-05T14:30:00-06:00)") \
            from None
    return d if d.tzinfo else d.replace(tzinfo=tz)


def read_csv(text: str, name: str, tz) -> list[RawPost]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # a spreadsheet saved with ';' separators
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ExportError(f"{name}: CSV without the column(s) {', '.join(missing)}; expected {','.join(CSV_COLUMNS)}")
    reader.fieldnames = header
    out = []
    try:
        rows = list(reader)
    except csv.Error as e:  # a NUL byte, a field over csv's limit (131,072 characters)
        raise ExportError(f"{name}: line {reader.line_num}: not readable as CSV ({e})") from None
    for row in rows:
        line = reader.line_num
        if None in row:
            raise ExportError(f"{name}: line {line}: more fields than the header's {len(header)}")
        if not (row.get("id") or "").strip():
            if not any((v or "").strip() for v in row.values()):
                continue
            raise ExportError(f"{name}: line {line}: a post without id")
        media_type = (row.get("media_type") or "").strip().lower()
        media = [("video" if media_type in VIDEO else "photo", "", "")] if media_type not in ("", "none", "text",
                                                                                                  "ninguno") else []
        out.append(RawPost("csv", row["id"].strip(), _csv_date(row.get("date"), tz, name, line),
                           _bounded_text(row.get("text")), url=(row.get("url") or "").strip()[:2000],
                           reply_to=(row.get("reply_to") or "").strip(), media=media, source=name))
        if len(out) > MAX_POSTS:
            raise ExportError(f"{name}: more than {MAX_POSTS:,} posts")
    return out


PLATFORM_OF = {"x": "x", "x-account": "x", "facebook-posts": "facebook", "facebook-comments": "facebook",
               "instagram-posts": "instagram", "instagram-comments": "instagram", "csv": "csv"}


@dataclass
class Export:
    platform: str
    posts: list[RawPost]
    files: list[str]


def read_exports(paths: list[Path], *, platform: str | None, handle: str, tz) -> Export:
    """Read every given file, folder or zip; raise ExportError (one line) when a given file is no supported export,
    a folder or archive holds none, platforms are mixed, or a file is malformed. Nothing is half-read: the caller
    gets every post or an error."""
    posts: list[RawPost] = []
    files: list[str] = []
    found_platforms = set()
    for path in paths:
        path = Path(path)
        sources, single = sources_of(path)
        found = 0
        for source in sources:
            with source.open() as raw:
                head = raw.read(256)
                m = X_PREFIX_BYTES.match(head)
                if m:  # an X archive's tweets: streamed
                    if platform and platform != "x":
                        raise ExportError(f"{source.name}: this is a x export, not {platform} (--platform)")
                    found += 1
                    found_platforms.add("x")
                    stream = Bounded(raw, head[m.end():], min(source.size, MAX_FILE_BYTES), source.name)
                    posts += read_x(x_items(stream, source.name), source.name, handle)
                    files.append(source.name)
                    if len(posts) > MAX_POSTS:
                        raise ExportError(f"{source.name}: more than {MAX_POSTS:,} posts in one import")
                    continue
            text = _text(source.read(), source.name)
            kind = detect(source, text)
            if kind is None:
                if single:
                    raise ExportError(f"{source.name}: not a supported export; expected {EXPECTED}")
                continue
            kind, parsed = kind
            if kind == "x-account":
                continue
            found += 1
            plat = PLATFORM_OF[kind]
            if platform and plat != platform:
                raise ExportError(f"{source.name}: this is a {plat} export, not {platform} (--platform)")
            found_platforms.add(plat)
            if kind == "x":
                posts += read_x(_iter_array(text, parsed, source.name), source.name, handle)
            elif kind == "csv":
                posts += read_csv(text, source.name, tz)
            elif kind == "facebook-posts":
                posts += read_facebook_posts(parsed, source.name)
            elif kind == "facebook-comments":
                posts += read_facebook_comments(parsed, source.name)
            elif kind == "instagram-posts":
                posts += read_instagram_posts(parsed, source.name)
            else:
                posts += read_instagram_comments(parsed, source.name)
            files.append(source.name)
            if len(posts) > MAX_POSTS:
                raise ExportError(f"{source.name}: more than {MAX_POSTS:,} posts in one import")
        if not found:
            raise ExportError(f"{path}: holds no supported export; expected {EXPECTED}")
    if len(found_platforms) > 1:
        raise ExportError(f"exports of several platforms in one import ({', '.join(sorted(found_platforms))}): "
                          "import each account's export on its own")
    return Export(found_platforms.pop() if found_platforms else (platform or ""), posts, files)
