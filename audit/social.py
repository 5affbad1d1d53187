"""Posts of an official account as auditable documents: its text, its hashtags split into words, its media."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from blindaje.audit.document import Block, Document, Image, Media, clean, windows

HASHTAG = re.compile(r"(?<![\w&])#([^\W_][\w]{0,139})")
# CamelCase pieces: 'JuntosHacemosMás' -> Juntos Hacemos Más; 'CDMX2027' -> CDMX 2027; 'PrimeroLosPOBRES'.
PIECE = re.compile(r"[A-ZÁÉÍÓÚÑÜ]+(?=[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü])|[A-ZÁÉÍÓÚÑÜ]?[a-záéíóúñü]+|[A-ZÁÉÍÓÚÑÜ]+|\d+")
VIDEO_HOSTS = re.compile(r"(?:^|\.)(?:youtube\.com|youtu\.be|vimeo\.com|fb\.watch|tiktok\.com|twitch\.tv)$|"
                         r"facebook\.com/.*/videos?/|/reel/|/videos?/", re.I)
POST, REPLY, HASHTAG_LOCATION, MEDIA_LOCATION = "post", "reply", "hashtag", "media"
# Words between quotation marks: in a reply, the citizen's words quoted back, not the account's own.
QUOTED = re.compile(r"\"[^\"]{1,300}\"|“[^”]{1,300}”|«[^»]{1,300}»|‘[^’]{1,300}’|(?<!\w)'[^']{1,300}'(?!\w)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]


@dataclass(frozen=True, slots=True)
class Post:
    """A post or reply of an account, resolved: where it stands (a post, a reply to someone, a thread's n-th)."""

    key: str  # the export's id for the post (X id_str, CSV id, Meta timestamp)
    url: str  # the post's URL, or post:KEY when the export has none
    created: dt.datetime  # aware
    text: str
    kind: str  # 'post', 'reply' (to someone else), 'thread'
    position: tuple[int, int] = (1, 1)  # (n, of) in its thread
    media: tuple[tuple[str, str, str], ...] = ()  # (kind: 'video' | 'photo' | 'link', uri, caption)
    hashtags: tuple[str, ...] = ()
    thread: str = ""  # key of the thread's first post

    @property
    def location(self) -> str:
        if self.kind == REPLY:
            return REPLY
        if self.kind == "thread":
            return f"thread {self.position[0]}/{self.position[1]}"
        return POST


def split_hashtag(tag: str) -> str:
    """'#JuntosHacemosMás' -> 'Juntos Hacemos Más' (CamelCase and digits); a tag all in one case stays one word."""
    tag = tag.lstrip("#")
    pieces = PIECE.findall(tag)
    return " ".join(pieces) if pieces else tag


def hashtags_of(text: str, given=()) -> list[str]:
    """The post's hashtags, in order, without repeats: those the export lists and those in its text."""
    out: list[str] = []
    for tag in [*given, *HASHTAG.findall(text)]:
        tag = str(tag).lstrip("#")
        if tag and tag.lower() not in {t.lower() for t in out}:
            out.append(tag)
    return out


def is_video(kind: str, uri: str) -> bool:
    return kind == "video" or kind == "link" and bool(VIDEO_HOSTS.search(uri or ""))


def post_document(post: Post) -> Document:
    """The post as a Document: its text at its location (post, reply, thread n/m), its hashtags as words at
    `hashtag`, and its videos (and links to video sites) as media at `media`."""
    doc = Document(url=post.url, kind="social")
    text = clean(post.text)
    doc.title = text[:120]
    for piece in windows(text):
        if piece:
            doc.blocks.append(Block("p", piece, post.location))
    words = [split_hashtag(t) for t in hashtags_of(post.text, post.hashtags)]
    if words:
        doc.blocks.append(Block("p", " · ".join(words) + ".", HASHTAG_LOCATION))
    for kind, uri, caption in post.media:
        caption = clean(caption)
        if caption and " ".join(caption.lower().split()) in " ".join(text.lower().split()):
            caption = ""  # the export repeats the post's text as its photo's title: no caption of its own
        if is_video(kind, uri):
            doc.media.append(Media("video", uri if "://" in (uri or "") else "", caption[:500], MEDIA_LOCATION))
        elif kind == "photo" and (uri or caption):
            # Named like a page's image: its caption and its file name ('rosa-villarreal-saltillo.jpg').
            doc.images.append(Image(uri, "", "", caption[:1000], MEDIA_LOCATION))
        if caption:
            doc.blocks.extend(Block("figcaption", piece, MEDIA_LOCATION) for piece in windows(caption))
    return doc


def dedupe_hashtag_findings(findings: list) -> list:
    """A slogan found both as '#PrimeroLosPobres' in the text and as words at `hashtag` is one finding: the
    hashtag's."""
    tagged = {f.rule for f in findings if f.location == HASHTAG_LOCATION}
    return [f for f in findings if not (f.rule in tagged and f.location != HASHTAG_LOCATION
                                        and f.evidence.startswith("#"))]


@dataclass
class Thread:
    posts: list = field(default_factory=list)


def resolve(raw_posts, handle: str) -> list[Post]:
    """Raw posts (social.readers.RawPost) to Posts: unique keys, threads (the account's replies to itself) in order
    with their positions, replies to others as `reply`; oldest first."""
    me = handle.lstrip("@").lower()
    ordered = sorted(raw_posts, key=lambda r: (r.created, r.key))
    keys: dict[str, object] = {}
    for r in ordered:
        key, n = r.key, 1
        while key in keys:  # Meta's keys are timestamps: two comments in the same second
            n += 1
            key = f"{r.key}-{n}"
        r.key = key
        keys[key] = r
    parent: dict[str, str] = {}
    reply_to_other: set[str] = set()
    for r in ordered:
        if r.comment:
            reply_to_other.add(r.key)
        elif r.reply_to:
            if r.reply_to in keys:
                parent[r.key] = r.reply_to
            elif not (me and r.reply_to_user.lower() == me):
                reply_to_other.add(r.key)  # a reply to someone else's post

    def root(key: str) -> str:
        seen = set()
        while key in parent and key not in seen:
            seen.add(key)
            key = parent[key]
        return key

    groups: dict[str, list] = {}
    for r in ordered:
        groups.setdefault(root(r.key), []).append(r)
    out = []
    for top, members in groups.items():
        replying = top in reply_to_other
        for i, r in enumerate(members, 1):
            kind = REPLY if replying else ("thread" if len(members) > 1 else POST)
            out.append(Post(r.key, r.url or f"post:{r.key}", r.created, r.text, kind, (i, len(members)),
                            tuple(r.media), tuple(r.hashtags), top))
    out.sort(key=lambda p: (p.created, p.key))
    return out
