"""Officials' images: the text around an image (alt, title, caption, file name) and its pixels (portraits, faces)."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from blindaje.audit.checks.base import CheckType, Hit, RuleBase, Strict
from blindaje.audit.model import REVIEW
from blindaje.audit.checks.names import name_parts
from blindaje.audit.text import fold, snippet

TEXT_PLACES = ("img[alt]", "img[title]", "figcaption", "img[src]")


class ImageMatching(Strict):
    """How close an image must be to an official's reference portrait."""

    hash_max_distance: int = Field(10, ge=0, le=32, description="Hamming bits between 64-bit perceptual hashes")
    face_max_distance: float = Field(
        0.5, gt=0, le=1.5, description="L2 between 128-d face embeddings up to which a face is the official's")
    face_review_distance: float = Field(
        0.6, gt=0, le=1.5, description="Up to this distance: a needs-review finding of medium severity")

    @field_validator("face_review_distance")
    @classmethod
    def _review(cls, v: float, info) -> float:
        if v < info.data.get("face_max_distance", 0):
            raise ValueError("must be at least face_max_distance")
        return v


class ImageNamesRule(RuleBase):
    """A rule of check type `image-names`: officials in images, by the text around them and by their pixels.

    It has no vocabulary of its own: the text around an image is read with the `names` rule's vocabulary.
    """

    check: Literal["image-names"]
    matching: ImageMatching = ImageMatching()


class ImageNamesCheck:
    """An image that names an official around it, reuses an official's portrait, or shows an official's face."""

    def __init__(self, rule, matcher, portraits=None):
        self.rule = rule
        self.matcher = matcher
        self.portraits = portraits  # audit.portraits.PortraitIndex, or None when no official has a portrait
        # First surname of each official: a photo file named after it ('mesa_dialogo_chagoya.jpg') shows the
        # official when the page itself names that official.
        self.surnames = [fold(name_parts(o.name)[1][0]) if o.name.split() else "" for o in matcher.officials]

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        analyses = prepared.images or {}
        named = {m.official for matches in prepared.names for m in matches}
        for img in doc.images:
            text_hit = self._text(img) or self._file_surname(img, named)
            analysis = analyses.get(img.src)
            matches = self._pixels(analysis) if analysis is not None and not isinstance(analysis, str) else []
            if text_hit:
                same = next((m for m in matches if m.official == text_hit.data["official"]), None)
                if same:
                    how = text_hit.data["how"]
                    text_hit.data.update(_match_data(same))
                    text_hit.data["how"] = f"{how}+{same.how}"
                hits.append(text_hit)
            for m in matches:
                if text_hit and m.official == text_hit.data["official"]:
                    continue
                hits.append(self._pixel_hit(img, m))
        return hits

    def _text(self, img) -> Hit | None:
        for place, text in zip(TEXT_PLACES, (img.alt, img.title, img.caption, img.file_words)):
            if img.source in ("og:image", "twitter:image") and place == "img[title]":
                continue  # the page title stands in for an og:image's title: the name rule covers it
            matches = self.matcher.find(text) if text else []
            if matches:
                m = matches[0]
                official = self.matcher.officials[m.official]
                return Hit(place, img.location, img.src, snippet(text, m.start, m.end),
                           {"official": official.name, "how": f"text:{place}", "matched": text[m.start:m.end]})
        return None

    def _file_surname(self, img, named: set[int]) -> Hit | None:
        """The file name carries the surname of an official the page names: the photo is of that official."""
        words = fold(img.file_words or "").split()
        for idx in sorted(named):
            surname = self.surnames[idx]
            if len(surname) >= 4 and surname in words:
                official = self.matcher.officials[idx]
                return Hit("img[src]", img.location, img.src, img.file_words[:300],
                           {"official": official.name, "how": "text:img[src]+page", "matched": surname})
        return None

    def _pixels(self, analysis) -> list:
        if not self.portraits:
            return []
        matching = self.rule.matching
        return self.portraits.match(analysis, hash_max=matching.hash_max_distance,
                                    face_max=matching.face_review_distance)

    def _pixel_hit(self, img, m) -> Hit:
        """A portrait or face found in the pixels only: the text around it is shown as context."""
        around = next((t for t in (img.alt, img.caption, img.title) if t), "") or img.src.rsplit("/", 1)[-1]
        borderline = m.how == "face" and m.distance > self.rule.matching.face_max_distance
        return Hit("img", img.location, img.src, around[:300], {"official": m.official, **_match_data(m)},
                   severity="medium" if borderline else None, group=REVIEW if borderline else None)


def _match_data(m) -> dict:
    data = {"how": m.how, f"{m.how}_distance": m.distance}
    if m.box:
        data["face_box"] = list(m.box)
    return data


CHECK = CheckType("image-names", ImageNamesRule,
                  lambda rule, shared: ImageNamesCheck(rule, shared.matcher, shared.portraits), needs_portraits=True)
