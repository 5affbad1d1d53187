"""Writers of official accounts' exports in the platforms' real shapes, for tests and benchmarks."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import yaml

UTC = dt.timezone.utc


def x_date(when: dt.datetime) -> str:
    """X archives' created_at: 'Tue Apr 06 05:30:00 +0000 2027' (always UTC)."""
    return when.astimezone(UTC).strftime("%a %b %d %H:%M:%S +0000 %Y")


def tweet(tid: str, when: dt.datetime, text: str, *, reply_to: str = "", reply_user: str = "", video: bool = False,
          hashtags=(), mentions=()) -> dict:
    """One element of data/tweets.js, as the archive writes it (nested under "tweet", ids as strings)."""
    t = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": "2027-04-06T06:30:00.000Z",
                                   "editsRemaining": "5", "isEditEligible": True}},
         "retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
         "entities": {"hashtags": [{"text": h, "indices": ["0", "1"]} for h in hashtags], "symbols": [],
                      "user_mentions": [{"screen_name": m, "name": m, "id_str": "42", "indices": ["0", "1"]}
                                        for m in mentions],
                      "urls": []},
         "display_text_range": ["0", str(len(text))], "favorite_count": "3", "id_str": tid, "truncated": False,
         "retweet_count": "1", "id": tid, "created_at": x_date(when), "favorited": False, "full_text": text,
         "lang": "es"}
    if reply_to:
        t.update(in_reply_to_status_id_str=reply_to, in_reply_to_status_id=reply_to,
                 in_reply_to_screen_name=reply_user, in_reply_to_user_id_str="77", in_reply_to_user_id="77")
    if video:
        media = [{"expanded_url": f"https://x.com/cuenta/status/{tid}/video/1", "type": "video",
                  "media_url_https": f"https://pbs.twimg.com/ext_tw_video_thumb/{tid}/pu/img/a.jpg",
                  "id_str": tid, "video_info": {"variants": [{"bitrate": "832000", "content_type": "video/mp4",
                                                              "url": "https://video.twimg.com/a.mp4"}]}}]
        t["entities"]["media"] = media
        t["extended_entities"] = {"media": media}
    return {"tweet": t}


def x_js(tweets: list[dict], part: int = 0) -> str:
    return f"window.YTD.tweets.part{part} = " + json.dumps(tweets, ensure_ascii=False, indent=2)


def write_x_archive(folder: Path, tweets: list[dict], parts: int = 1, account: str = "cuenta") -> Path:
    """An unzipped X archive: data/tweets.js (and data/tweets-part1.js… when parts > 1), data/account.js,
    an HTML viewer and a media file that are not read."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    size = -(-len(tweets) // parts) if tweets else 0
    for i in range(parts):
        name = "tweets.js" if i == 0 else f"tweets-part{i}.js"
        (data / name).write_text(x_js(tweets[i * size:(i + 1) * size], i), "utf-8")
    (data / "account.js").write_text("window.YTD.account.part0 = " + json.dumps(
        [{"account": {"username": account, "accountId": "77", "createdAt": "2012-01-01T00:00:00.000Z"}}]), "utf-8")
    (data / "manifest.js").write_text("window.__THAR_CONFIG = {}", "utf-8")
    (folder / "Your archive.html").write_text("<html><body>archive</body></html>", "utf-8")
    (data / "tweets_media").mkdir(exist_ok=True)
    (data / "tweets_media" / "1-a.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    return folder


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(folder).as_posix())
    return target


def mojibake(text: str) -> str:
    """Meta's quirk: each UTF-8 byte written as its own \\u00XX escape."""
    return text.encode("utf-8").decode("latin-1")


def _stamp(when: dt.datetime) -> int:
    return int(when.timestamp())


def fb_post(when: dt.datetime, text: str, *, video: bool = False, photo: bool = False) -> dict:
    post = {"timestamp": _stamp(when), "data": [{"post": mojibake(text)}, {"update_timestamp": _stamp(when)}],
            "title": mojibake("Secretaría de Prueba actualizó su estado.")}
    if video or photo:
        uri = f"your_facebook_activity/posts/media/Videos_{_stamp(when)}/v.mp4" if video else \
            f"your_facebook_activity/posts/media/Fotos_{_stamp(when)}/p.jpg"
        post["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": _stamp(when),
                                                    "title": "", "description": ""}}]}]
    return post


def fb_comment(when: dt.datetime, text: str, author: str = "Secretaría de Prueba") -> dict:
    return {"timestamp": _stamp(when), "data": [{"comment": {"timestamp": _stamp(when), "comment": mojibake(text),
                                                             "author": mojibake(author)}}],
            "title": mojibake(f"{author} respondió al comentario de Juan Pérez.")}


def write_facebook(folder: Path, posts: list[dict], comments: list[dict]) -> Path:
    """A Page's "Download your information" export in JSON (ASCII-escaped, as Meta writes it)."""
    p = folder / "your_facebook_activity" / "posts"
    p.mkdir(parents=True, exist_ok=True)
    (p / "profile_posts_1.json").write_text(json.dumps(posts, indent=2), "utf-8")
    c = folder / "your_facebook_activity" / "comments_and_reactions"
    c.mkdir(parents=True, exist_ok=True)
    (c / "comments.json").write_text(json.dumps({"comments_v2": comments}, indent=2), "utf-8")
    (folder / "personal_information").mkdir(exist_ok=True)
    (folder / "personal_information" / "profile_information.json").write_text(
        json.dumps({"profile_v2": {"name": {"full_name": mojibake("Secretaría de Prueba")}}}), "utf-8")
    return folder


def ig_post(when: dt.datetime, text: str, *, video: bool = False) -> dict:
    ext = "mp4" if video else "jpg"
    return {"media": [{"uri": f"media/posts/{when:%Y%m}/{_stamp(when)}.{ext}", "creation_timestamp": _stamp(when),
                       "media_metadata": {}, "title": mojibake(text), "cross_post_source": {"source_app": "FB"}}]}


def ig_comment(when: dt.datetime, text: str, owner: str = "juanperez") -> dict:
    return {"media_list_data": [{"uri": ""}], "string_map_data": {
        "Comment": {"value": mojibake(text)}, "Media Owner": {"value": owner},
        "Time": {"timestamp": _stamp(when)}}}


def write_instagram(folder: Path, posts: list[dict], comments: list[dict]) -> Path:
    p = folder / "your_instagram_activity" / "content"
    p.mkdir(parents=True, exist_ok=True)
    (p / "posts_1.json").write_text(json.dumps(posts, indent=2), "utf-8")
    c = folder / "your_instagram_activity" / "comments"
    c.mkdir(parents=True, exist_ok=True)
    (c / "post_comments_1.json").write_text(json.dumps(comments, indent=2), "utf-8")
    return folder


def csv_text(rows: list[dict], *, bom: bool = True, crlf: bool = True) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "date", "text", "url", "reply_to", "media_type"],
                       lineterminator="\r\n" if crlf else "\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in w.fieldnames})
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8")


def write_config(c: Path, accounts: list[dict]) -> Path:
    """A configuration directory for imports: one portal, one official with an @handle, a Coahuila blackout from
    2027-04-05 to 2027-06-06, and `accounts`."""
    c.mkdir(parents=True)
    (c / "portals.yaml").write_text(yaml.safe_dump({"portals": [{
        "name": "sitio", "jurisdiction": "MX-COA", "start_urls": ["https://www.example.gob.mx/"],
        "allowed_domains": ["www.example.gob.mx"]}]}), "utf-8")
    (c / "officials.yaml").write_text(yaml.safe_dump({"officials": [
        {"name": "Rosa Elena Villarreal Garza", "position": "Secretaria de Bienestar Social", "jurisdiction": "MX-COA",
         "aliases": ["secretaria Villarreal"], "handles": ["@RosaVillarrealG"]}]}, allow_unicode=True), "utf-8")
    (c / "calendar.yaml").write_text(yaml.safe_dump({"timezone": "America/Mexico_City", "processes": [
        {"name": "Proceso Local Coahuila 2027", "applies_to": ["MX-COA"], "blackout_start": "2027-04-05",
         "blackout_end": "2027-06-06"}]}), "utf-8")
    (c / "accounts.yaml").write_text(yaml.safe_dump({"accounts": accounts}), "utf-8")
    return c
