"""Officials' images recognised from the text around them: alt, title, caption and file name."""
from __future__ import annotations

from audit.checks import Hit
from audit.text import snippet


class ImageNamesCheck:
    """An image whose alt text, title, caption or file name names an official."""

    def __init__(self, rule, matcher):
        self.rule = rule
        self.matcher = matcher

    def run(self, doc, prepared) -> list[Hit]:
        hits = []
        for img in doc.images:
            for place, text in (("img[alt]", img.alt), ("img[title]", img.title), ("figcaption", img.caption),
                                ("img[src]", img.file_words)):
                if img.source in ("og:image", "twitter:image") and place == "img[title]":
                    continue  # the page title stands in for an og:image's title: the name rule covers it
                matches = self.matcher.find(text) if text else []
                if not matches:
                    continue
                m = matches[0]
                official = self.matcher.officials[m.official]
                hits.append(Hit(place, img.location, img.src, snippet(text, m.start, m.end),
                                {"official": official.name, "how": f"text:{place}", "matched": text[m.start:m.end]}))
                break
        return hits
