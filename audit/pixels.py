"""Untrusted image bytes opened safely: the decompression-bomb guard and the pixel limit, in one place."""
from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator

from PIL import Image

from blindaje.audit.reasons import Detailed, Reason

log = logging.getLogger("blindaje.audit")
MAX_PIXELS = 40_000_000  # an image announcing more pixels is a decompression bomb: refused from its header
# The formats a portal's images come in. Pillow would otherwise try every plugin it has on crawled bytes: an EPS
# served as image/jpeg runs Ghostscript, an ICO decodes its embedded PNG (any size) inside Image.open.
FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")  # a camera's MPO opens as JPEG


class ImageRefused(Exception):
    """An image that is not decoded, with the reason ('too many pixels', 'not an image: …')."""


@contextlib.contextmanager
def untrusted_image(data: bytes, max_pixels: int = MAX_PIXELS) -> Iterator[Image.Image]:
    """The image in `data`, opened (header only) and refused before any pixel is decoded if it has too many.

    Anything Pillow cannot do with it inside the block, the block included, raises ImageRefused with the reason.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as img:  # reads the header only, never the pixels
                if img.width * img.height > max_pixels:
                    raise ImageRefused(Reason.TOO_MANY_PIXELS)
                yield img
    except ImageRefused:
        raise
    except Image.DecompressionBombError:  # Pillow's own bound, also checked on the header
        raise ImageRefused(Reason.TOO_MANY_PIXELS) from None
    except Exception as e:  # noqa: BLE001 - whatever Pillow cannot read is an image refused, with why
        log.debug("image not readable", exc_info=True)  # common on portals (SVG, HTML error pages): debug only
        raise ImageRefused(Detailed.NOT_AN_IMAGE(type(e).__name__)) from None
