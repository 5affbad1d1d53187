"""Thumbnails of the images behind image findings, re-encoded from the stored bytes into the run's img/ folder."""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

log = logging.getLogger("blindaje")
HASH = re.compile(r"^[0-9a-f]{64}$")
THUMB_SIDE = 240
THUMB_MAX_PIXELS = 40_000_000  # bigger images are not decoded for a thumbnail (decompression bombs)


def thumbnail(data: bytes, dest: Path) -> tuple[int, int] | None:
    """Re-encode an image as a small JPEG (never the page's own bytes: no SVG, no polyglot); None if unreadable."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.width * im.height > THUMB_MAX_PIXELS:
                return None
            im.draft("RGB", (THUMB_SIDE, THUMB_SIDE))  # JPEG: decode at 1/2, 1/4 or 1/8 scale, still >= the thumb
            im.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
            if im.mode != "RGB":
                rgba = im.convert("RGBA")
                im = Image.new("RGB", rgba.size, "white")
                im.paste(rgba, mask=rgba.getchannel("A"))
            tmp = dest.with_suffix(".tmp")
            im.save(tmp, "JPEG", quality=80)
            tmp.replace(dest)
            return im.size
    except Exception:  # noqa: BLE001 - a hostile or truncated image gets the placeholder, never stops the report
        log.info("no thumbnail for %s: the stored image could not be read", dest.stem, exc_info=True)
        return None


def attach_images(store, run_id: int, findings: list[dict], out: Path) -> None:
    """Give image findings a thumbnail in out/img/ (from the stored bytes), or say why there is none."""
    urls = [f["evidence"] for f in findings if f["rule"] == "official-image" and f["status"] != "fixed"]
    if not urls:
        return
    from blindaje.crawler.urls import canonical  # the crawler records images under their canonical URL

    canon = {u: canonical(u) for u in urls}
    known = store.image_evidence(run_id, [*urls, *canon.values()])
    made: dict[str, dict] = {}
    for f in findings:
        if f["rule"] != "official-image" or f["status"] == "fixed":
            continue
        info = known.get(f["evidence"]) or known.get(canon[f["evidence"]])
        image = {"hash": None, "src": None, "note": "La imagen no se descargó (fuera del alcance o sin respuesta)."}
        if info:
            image.update(hash=info["content_hash"], format=info["format"], width=info["width"],
                         height=info["height"], bytes=info["bytes"],
                         note="Sin copia local de la imagen (no se guardaron sus bytes).")
            h = info["content_hash"]
            if info["kept"] and HASH.match(h or ""):
                if h not in made:
                    dest = out / "img" / f"{h}.jpg"
                    size = (0, 0) if dest.exists() else None
                    if size is None:
                        dest.parent.mkdir(exist_ok=True)
                        size = thumbnail(store.blob(h) or b"", dest)
                    made[h] = {"src": f"img/{h}.jpg"} if size else {"note": "La copia guardada no es una imagen legible."}
                image.update(made[h])
        f["image"] = image
