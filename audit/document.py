"""HTML to an auditable document: text blocks with their place on the page, images, embedded media, links."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

MAX_TEXT_CHARS = 2_000_000  # bound on the text taken from one page
MAX_BLOCK_CHARS = 20_000
MAX_LINKS = 5_000  # links kept from one page: a page of 200,000 links cost a crawl 110 s and 32 MB of database

BLOCK_TAGS = {"p", "li", "td", "th", "dt", "dd", "figcaption", "blockquote", "caption", "h1", "h2", "h3", "h4",
              "h5", "h6", "pre", "address", "summary", "label", "legend", "div", "section", "article",
              "header", "footer", "aside", "main", "nav", "body", "form", "table", "tr", "ul", "ol", "dl", "figure"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "math", "head", "select", "button")
SKIP_TAGS = set(DROP_TAGS) | {"iframe", "video", "audio", "object", "option"}
# Containers whose direct text counts as a banner/slogan rather than body text.
BANNER_HINT = re.compile(r"banner|slider|slide|hero|carousel|carrusel|jumbotron|destacado|portada", re.I)
LANDMARKS = {"header", "nav", "main", "article", "aside", "footer", "section", "figure", "table", "form"}
IMAGE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|bmp|svg|avif|tiff?)$", re.I)
BG_URL = re.compile(r"background(?:-image)?\s*:[^;]*url\(\s*['\"]?([^'\")]+)", re.I)
SOCIAL_EMBED = re.compile(r"twitter-(tweet|timeline|follow-button)|instagram-media|tiktok-embed|fb-(xfbml|page|post|video)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Block:
    kind: str  # 'title', 'meta', 'h1'…'h6', 'p', 'li', 'figcaption', 'banner', 'td', 'img'…
    text: str
    location: str
    chrome: bool = False  # inside the site's header, navigation or footer


@dataclass
class Image:
    src: str
    alt: str
    title: str
    caption: str
    location: str
    source: str = "img"  # 'img', 'og:image', 'twitter:image', 'css'

    @property
    def file_words(self) -> str:
        """The image's file name as words ('montiel-senado.jpg' -> 'montiel senado')."""
        path = unquote(urlsplit(self.src).path)
        name = path.rsplit("/", 1)[-1]
        name = IMAGE_EXT.sub("", name)
        return re.sub(r"[-_.+]+", " ", name)


@dataclass
class Media:
    kind: str  # 'iframe', 'video', 'audio', 'embed', 'social'
    src: str
    title: str
    location: str


@dataclass
class Document:
    url: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    truncated: bool = False  # the parser dropped text nested deeper than it can follow
    kind: str = "html"  # or what it was read from: a file's kind (audit.files.KINDS), "image"
    limits_hit: list[str] = field(default_factory=list)  # a file's bounds that stopped its reading early (reasons)
    not_read: list[str] = field(default_factory=list)  # parts of a file not read, and why ("page 4: image only, …")

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


def _codec(label: str | None) -> str | None:
    try:
        return codecs.lookup(label).name if label else None
    except LookupError:
        return None


def charset_of(body: bytes, declared: str | None = None) -> str:
    """The charset to decode `body` with: UTF-8 when the bytes are UTF-8 (declared charsets often lie), else the
    header's or the meta tag's charset when the bytes decode with it, else Windows-1252.

    Statistical detection is not used: on short Spanish pages it picks Big5 or GB2312 and garbles every accent.
    """
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(body[:4096])
    if _mostly_utf8(body, "utf-8" in {_codec(declared), _codec(meta.group(1).decode("ascii", "replace")) if meta
                                      else None}):
        return "utf-8"  # a stray invalid byte in a UTF-8 page: decoded with one replacement, not garbled whole
    for label in (declared, meta.group(1).decode("ascii", "replace") if meta else None):
        name = _codec(label)
        if name in (None, "utf-8", "ascii", "latin-1", "iso8859-1"):
            continue  # a lie (the bytes are not UTF-8), or a label browsers read as Windows-1252
        try:
            body.decode(name)
            return name
        except UnicodeDecodeError:
            continue
    return "cp1252"  # Mexican portals that are not UTF-8 are Windows-1252 (or Latin-1, read as such)


def _mostly_utf8(body: bytes, declared_utf8: bool) -> bool:
    """Is this body UTF-8 but for a few invalid bytes (a CMS that pasted one Windows-1252 quote)? Its valid multibyte
    characters outnumber its invalid bytes (as many when the page says UTF-8: a Windows-1252 page has next to no
    valid multibyte sequence; ten times when it says nothing): read as Windows-1252, every accented name and verb
    on the page would be garbled."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    return bad > 0 and good >= (1 if declared_utf8 else 10) * bad


def decode(body: bytes, declared: str | None = None) -> str:
    """Decode a page body with charset_of(); never raises."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return body.decode(charset_of(body, declared), errors="replace")


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def sniff_binary(body: bytes) -> str | None:
    """A reason why this body is not HTML, or None."""
    if not body.strip():
        return "empty body"
    head = body[:4096]
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")):
        return "not HTML"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * 0.1:
        return "binary content served as HTML"
    return None


# Characters that change no glyph but split a word for a matcher: soft hyphen, zero-width space, (non-)joiners,
# word joiner, byte-order mark, and the other invisible format characters (Unicode category Cf).
# Listed, not computed: scanning every code point at import costs a quarter of a second in each process.
# tests/test_audit.py checks the list against unicodedata.
_CF_RANGES = ((0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
              (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
              (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
              (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
              (0xE0020, 0xE007F))
_INVISIBLE = {cp: None for low, high in _CF_RANGES for cp in range(low, high + 1)}
BLOCK_OVERLAP = 500  # characters shared by consecutive windows of a long block: a phrase on the seam is whole in one


def clean(text: str) -> str:
    """Text as the rules read it: composed (NFC: 'í' as one character, as typed, not 'i' + an accent), without
    invisible format characters (a soft hyphen or zero-width space inside a name or verb hides it from every rule),
    control characters as spaces, whitespace collapsed."""
    out = " ".join(text.split())
    if out.isascii():
        return out if out.isprintable() else " ".join(CONTROL.sub(" ", out).split())
    out = unicodedata.normalize("NFC", out)
    if out.isprintable():  # no control or format character left to remove (the common case: checked in C)
        return out
    return " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", text).translate(_INVISIBLE)).split())


_clean = clean


def windows(text: str) -> list[str]:
    """A block's text in pieces of at most MAX_BLOCK_CHARS, overlapping by BLOCK_OVERLAP: all of it is audited (a
    boast after 20,000 characters of hidden filler is not cut off), and no phrase is lost on a seam."""
    if len(text) <= MAX_BLOCK_CHARS:
        return [text]
    step = MAX_BLOCK_CHARS - BLOCK_OVERLAP
    return [text[i:i + MAX_BLOCK_CHARS] for i in range(0, len(text) - BLOCK_OVERLAP, step)]


def _selector_part(e) -> str:
    tag = e.tag if isinstance(e.tag, str) else "node"
    if e.get("id"):
        return f"{tag}#{_clean(e.get('id'))[:40]}"
    cls = (e.get("class") or "").split()
    return f"{tag}.{cls[0][:40]}" if cls else tag


def _memo_up(el, cache: dict, own, combine):
    """A value of `el` that depends on its own attributes and on its parent's value, remembered for every element on
    the way up: the children of one parent (a page's paragraphs) look their ancestors up once. Iterative (markup
    nested thousands deep must not exhaust the recursion limit); lxml gives one proxy per node while it is held, so
    the elements kept as keys are the ones getparent() returns."""
    path = []
    node = el
    while node is not None and node not in cache:
        path.append(node)
        node = node.getparent()
    above = cache.get(node) if node is not None else None
    for n in reversed(path):
        above = cache[n] = combine(own(n), above)
    return above


class _Places:
    """Where an element sits: its readable selector, whether it is in the site's header, navigation or footer (the
    chrome), whether in a banner; each ancestor looked at once per page."""

    def __init__(self):
        self._chrome: dict = {}
        self._banner: dict = {}
        self._chain: dict = {}

    def chrome(self, el) -> bool:
        def own(n) -> bool:
            return isinstance(n.tag, str) and (n.tag in ("header", "nav", "footer") or
                                               (n.get("role") or "") in ("navigation", "contentinfo", "banner"))
        return _memo_up(el, self._chrome, own, lambda mine, above: mine or bool(above))

    def banner(self, el) -> bool:
        """A banner hint on the element or one of its 5 nearest ancestors (distance kept, capped)."""
        def own(n) -> bool:
            return bool(BANNER_HINT.search((n.get("class") or "") + " " + (n.get("id") or "")))
        return _memo_up(el, self._banner, own, lambda mine, above: 0 if mine else min(6, (above if above is not None
                                                                                           else 6) + 1)) < 6

    def selector(self, el) -> str:
        """A readable selector: the element's tag and first class (or id), after its nearest landmark, id'd or banner
        ancestors (two at most, none past one with an id)."""
        def own(n):
            if n.tag in ("body", "html"):
                return "top"  # nothing above counts
            if not (n.get("id") or n.tag in LANDMARKS or BANNER_HINT.search(n.get("class") or "")):
                return None
            return _selector_part(n), bool(n.get("id"))

        def combine(mine, above):
            if mine == "top":
                return ()
            above = above or ()
            if mine is None:
                return above
            part, has_id = mine
            return (part,) if has_id else (part, *above[:1])

        parent = el.getparent()
        chain = _memo_up(parent, self._chain, own, combine) if parent is not None else ()
        return " > ".join(reversed([_selector_part(el), *(chain or ())]))


_INNER_TAGS = frozenset(BLOCK_TAGS | SKIP_TAGS | {"br"})


def _has_inner(el) -> bool:
    """Does an element hold anything its own text must leave out or space out (a nested block, which is a block of
    its own; script-like content; a line break)? Most paragraphs hold none: their text is lxml's text_content(), in
    C. The walk stops at the first (a paragraph has a few inline children; a container's first child is a block)."""
    return any(d.tag in _INNER_TAGS for d in el.iterdescendants())


def _own_text(el) -> str:
    """Text of an element without the text of nested block elements (they become blocks of their own).

    Iterative: markup nested two thousand deep (broken CMS output) would exhaust Python's recursion limit.
    """
    out = [el.text or ""]
    stack = [(iter(el), "")]
    while stack:
        children, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            out.append(tail)
        elif not isinstance(child.tag, str) or child.tag in SKIP_TAGS or child.tag in BLOCK_TAGS:
            out.append(child.tail or "")
        elif child.tag == "br":
            out.append(" " + (child.tail or ""))
        else:
            out.append(child.text or "")
            stack.append((iter(child), child.tail or ""))
    return "".join(out)


def parse(url: str, html: str) -> Document:
    """Parse HTML (already decoded) into a Document. Malformed markup is tolerated; it never raises on content."""
    doc = Document(url=url)
    if len(html) > MAX_TEXT_CHARS * 4:
        doc.limits_hit.append(f"only the first {MAX_TEXT_CHARS * 4:,} characters of HTML read")
    html = CONTROL.sub(" ", html[: MAX_TEXT_CHARS * 4])
    # huge_tree (as parsel does): without it libxml2 drops everything nested deeper than 255 elements, which
    # ordinary broken CMS markup (hundreds of unclosed <font>) reaches; with it the limit is 2,048.
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html or "<html></html>", parser=parser)
    except (etree.ParserError, ValueError):
        return doc
    doc.truncated = any("depth" in e.message.lower() for e in parser.error_log)
    if doc.truncated:  # audited as far as the parser follows, and said so: never a page that looks whole
        doc.not_read.append("text nested deeper than the HTML parser follows (2,048 elements)")
    base = url
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(url, base_el.get("href").strip())

    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"

    def absolute(href: str) -> str:
        href = href.strip()
        if href.startswith("/") and not href.startswith("//") and "\\" not in href:
            return origin + href  # root-relative, by far the most common link: skip urljoin
        try:
            return urljoin(base, href)
        except ValueError:
            return ""

    title_el = root.find(".//title")
    if title_el is not None and title_el.text_content().strip():
        doc.title = _clean(title_el.text_content())[:500]
        doc.blocks.append(Block("title", doc.title, "title"))
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = _clean(meta.get("content") or "")[:2000]
        if not content:
            continue
        if key in ("og:title", "twitter:title", "description", "og:description", "twitter:description", "keywords"):
            doc.blocks.append(Block("meta", content, f'meta[{"property" if meta.get("property") else "name"}="{key}"]'))
        elif key in ("og:image", "twitter:image", "og:image:url"):
            doc.images.append(Image(absolute(content), "", doc.title, "", f'meta[property="{key}"]', source=key.split(":url")[0]))

    body = root.find("body")
    if body is None:
        body = root
    # Script, style and form widgets carry no readable content: drop them (and everything inside) once.
    etree.strip_elements(body, *DROP_TAGS, with_tail=False)
    dropped = 0
    places = _Places()
    for el in body.iter(etree.Element):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "a" and el.get("href"):
            if len(doc.links) < MAX_LINKS:
                link = absolute(el.get("href"))
                if link:
                    doc.links.append(link)
            else:
                dropped += 1
        if tag == "img" or (tag == "input" and (el.get("type") or "").lower() == "image"):
            src = el.get("src") or el.get("data-src") or (el.get("srcset") or "").split(" ")[0]
            if src and not src.startswith("data:"):
                caption = ""
                fig = next((a for a in el.iterancestors("figure")), None)
                if fig is not None:
                    cap = fig.find(".//figcaption")
                    if cap is not None:
                        caption = _clean(cap.text_content())[:1000]
                image = Image(absolute(src), _clean(el.get("alt") or "")[:1000], _clean(el.get("title") or "")[:1000],
                              caption, places.selector(el))
                doc.images.append(image)
                for text in {image.alt, image.title} - {""}:
                    doc.blocks.append(Block("img", text, image.location))  # banners often carry slogans in alt text
        style = el.get("style")
        if style and "url(" in style:
            for m in BG_URL.finditer(style):
                doc.images.append(Image(absolute(m.group(1)), "", _clean(el.get("title") or el.get("aria-label") or ""),
                                        "", places.selector(el) + "[style]", source="css"))
        if tag in ("iframe", "embed", "object"):
            src = el.get("src") or el.get("data") or el.get("data-src") or ""
            doc.media.append(Media(tag, absolute(src) if src else "", _clean(el.get("title") or el.get("aria-label") or "")[:500], places.selector(el)))
            continue
        if tag in ("video", "audio"):
            src = el.get("src") or next((s.get("src") for s in el.iter("source") if s.get("src")), "") or ""
            label = el.get("title") or el.get("aria-label") or ""
            doc.media.append(Media(tag, absolute(src) if src else "", _clean(label)[:500], places.selector(el)))
            continue
        if SOCIAL_EMBED.search(el.get("class") or "") and tag in ("blockquote", "a", "div"):
            doc.media.append(Media("social", next((absolute(a.get("href")) for a in el.iter("a") if a.get("href")), ""),
                                   _clean(el.text_content())[:300], places.selector(el)))
        if tag in SKIP_TAGS or tag not in BLOCK_TAGS:
            continue
        text = _clean(_own_text(el) if _has_inner(el) else el.text_content())
        if not text:
            continue
        kind = tag  # a heading keeps its level (h1…h6) even inside a banner
        if tag not in HEADINGS and tag not in ("figcaption", "td", "th", "li", "caption") and places.banner(el):
            kind = "banner"
        elif tag in ("div", "section", "article", "header", "footer", "aside", "main", "nav", "body",
                     "form", "table", "tr", "ul", "ol", "dl", "figure"):
            kind = "p"
        location, chrome = places.selector(el), places.chrome(el)
        doc.blocks.extend(Block(kind, piece, location, chrome) for piece in windows(text))
    if dropped:  # the page is audited whole; only the links it leads to are bounded, and the report says so
        doc.limits_hit.append(f"links: only the first {MAX_LINKS:,} of {MAX_LINKS + dropped:,} followed")
    return doc


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")


def is_image(body: bytes) -> bool:
    """Do the bytes start like an image (PNG, JPEG, GIF, BMP, WebP)?"""
    return body.startswith(IMAGE_MAGIC) or body[:4] == b"RIFF" and body[8:12] == b"WEBP"


def image_document(url: str, text: str | None, unread: str = "") -> Document:
    """An image as a document (SPEC §9): the text read in its pixels at location 'image text', a headline-like place
    (a card's words are its message), and the image itself, so that its faces are checked too. `unread`: why its
    text could not be read (no OCR engine, time bound), reported instead of passing as clean."""
    doc = Document(url=url, kind="image")
    text = _clean(text or "")
    if text:
        doc.blocks.extend(Block("banner", piece, "image text") for piece in windows(text))
    elif unread:
        doc.not_read.append(f"image text: {unread}")
    doc.images.append(Image(url, "", "", "", "image"))
    return doc


def image_unread(text: str | None, status: str, ocr: bool = True) -> str:
    """Why an image's text counts as not read ('' when it was read, or when the image plainly carries none: an icon,
    a photo without text-like regions). `status` is the analysis's text_status (audit.portraits.read_text)."""
    from blindaje.audit.reasons import Reason

    if text or not ocr or status in ("", Reason.TOO_SMALL_FOR_TEXT, Reason.NO_TEXT_REGION):
        return ""
    return status
