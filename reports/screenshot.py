"""A captured page drawn by headless Chromium from its stored bytes: no network, no scripts, nothing but the file."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

WIDTH, HEIGHT = 1280, 2400
# Everything the page would load or run is refused (the policy comes before any of its scripts), and the browser has
# no network besides: the capture is drawn as stored, never the live site. (--blink-settings=scriptEnabled=false
# would do the scripts' part too, but headless Chromium 156 then writes no screenshot.)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
NO_NETWORK = ["--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
              "--proxy-bypass-list=<-loopback>", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions"]
DOCTYPE = re.compile(rb"^\s*(?:\xef\xbb\xbf)?\s*<!doctype[^>]*>", re.I)


def find_chromium() -> str | None:
    return shutil.which("chromium")


def guarded(html: bytes, content_type: str) -> bytes:
    """The page's bytes with a Content-Security-Policy (and its declared charset) put first in its head."""
    charset = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    head = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    if charset:
        head = f'<meta charset="{escape(charset.group(1))}">' + head
    m = DOCTYPE.match(html)
    cut = m.end() if m else 0
    return html[:cut] + head.encode("ascii") + html[cut:]


def screenshot(chromium: str, html: bytes, content_type: str, png: Path, timeout: float = 60) -> bool:
    """Draw `html` (a captured page) into `png`; False when Chromium could not, or when the capture is no HTML page
    (a PDF, an office file or an image would be drawn as its raw bytes: its WARC record is the evidence), and the
    dossier is complete without."""
    from blindaje.audit.document import sniff_binary

    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype not in ("", "text/html", "application/xhtml+xml", "text/plain") or sniff_binary(html):
        return False
    with tempfile.TemporaryDirectory(prefix="blindaje-shot-") as tmp:
        page = Path(tmp) / "page" / "captura.html"
        page.parent.mkdir()
        page.write_bytes(guarded(html, content_type))
        out = Path(tmp) / "shot.png"
        try:
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--disable-dev-shm-usage", f"--user-data-dir={Path(tmp) / 'profile'}", *NO_NETWORK,
                            f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={out}", page.as_uri()],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if not out.is_file() or out.stat().st_size == 0:
            return False
        shutil.copyfile(out, png)
        return True
