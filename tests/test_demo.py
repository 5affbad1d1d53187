"""The demo's face example: Grace Hopper's public-domain portrait fetched once from PyPI and pinned, the card that
shows it as the Secretaria's face, the demo's configuration; without the photo, the bundled site as it is.

The photo is fetched into the cache `blindaje demo` uses (~/.cache/blindaje), once; see blindaje/demo/photo.py.
"""
from __future__ import annotations

import hashlib
import io
import logging
import shutil
import zipfile
from pathlib import Path

import pytest

from blindaje.audit.engine import Auditor
from blindaje.audit.loader import load_rules
from blindaje.audit.model import Official
from blindaje.audit.portraits import PortraitIndex, analyse, face_model
from blindaje.cli import cache_dir
from blindaje.demo import FACE_OFFICIAL, FACE_PORTRAIT, HERE, SITE, demo_config, demo_site
from blindaje.demo import card, photo

needs_faces = pytest.mark.skipif(bool(face_model().error), reason=f"face model: {face_model().error}")
BASE = "http://127.0.0.1:8000/"


@pytest.fixture(scope="session")
def hopper() -> Path:
    return photo.fetch_hopper(cache_dir())  # from PyPI the first time, as `blindaje demo` fetches it


def _wheel_with(dest: Path, data: bytes) -> Path:
    """What pip would have downloaded: a wheel holding `data` as matplotlib's Grace Hopper photo."""
    wheel = dest / "matplotlib-3.11.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr(photo.HOPPER, data)
    return wheel


def test_the_photo_is_fetched_once_then_read_from_the_cache(hopper, tmp_path, monkeypatch):
    assert hashlib.sha256(hopper.read_bytes()).hexdigest() == photo.HOPPER_SHA256
    shutil.copyfile(hopper, tmp_path / hopper.name)

    def offline(*args, **kwargs):
        raise photo.FetchError("offline")

    monkeypatch.setattr(photo, "pip_download", offline)
    assert photo.fetch_hopper(tmp_path) == tmp_path / hopper.name  # no pip: the cached copy is the pinned one


def test_a_photo_that_is_not_the_pinned_one_is_refused(hopper, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / hopper.name).write_bytes(b"not her")  # a damaged cache is fetched again
    served = {"data": b"someone else"}
    monkeypatch.setattr(photo, "pip_download", lambda spec, dest, binary=True: _wheel_with(dest, served["data"]))
    with pytest.raises(photo.FetchError, match="not the pinned photo"):
        photo.fetch_hopper(cache)
    assert sorted(p.name for p in cache.iterdir()) == [hopper.name]  # the download left nothing behind
    served["data"] = hopper.read_bytes()
    assert photo.fetch_hopper(cache).read_bytes() == hopper.read_bytes()


def test_an_archive_without_the_photo_says_so(tmp_path):
    wheel = tmp_path / "x.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("matplotlib/__init__.py", "")
    with pytest.raises(photo.FetchError, match="x.whl lacks matplotlib/mpl-data/sample_data/grace_hopper.jpg"):
        photo.extract(wheel, {photo.HOPPER: "grace_hopper.jpg"}, tmp_path)


@needs_faces
def test_offline_the_demo_serves_the_bundled_site_and_says_why_in_one_line(tmp_path, monkeypatch, caplog,
                                                                             closed_port):
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")  # no index or find-links from the machine's pip.conf
    monkeypatch.setenv("PIP_INDEX_URL", f"http://127.0.0.1:{closed_port}/simple")  # the registry is unreachable
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    with caplog.at_level(logging.INFO, logger="blindaje"):
        assert demo_site(tmp_path / "cache", tmp_path / "site") == (SITE, None)
    [line] = [r.getMessage() for r in caplog.records]
    assert line.startswith("demo: no face example, its public-domain photo could not be fetched (pip download "
                           "matplotlib==3.11.2 failed:"), line
    assert not (tmp_path / "site").exists() and not list((tmp_path / "cache").iterdir())


@needs_faces
def test_the_card_shows_her_face_and_hashes_unlike_her_portrait(hopper):
    import imagehash

    matching = load_rules().rules["official-image"].matching
    governor = HERE / "photos" / "jorge-alberto-trevino-garza.jpg"  # drawn: matched by hash only
    index = PortraitIndex([Official(FACE_OFFICIAL, photos=(str(hopper),)),
                           Official("Jorge Alberto Treviño Garza", photos=(str(governor),))])
    out = io.BytesIO()
    card.draw_card(hopper).save(out, "JPEG", quality=88)
    analysis = analyse(out.getvalue())
    [match] = index.match(analysis, hash_max=matching.hash_max_distance, face_max=matching.face_review_distance)
    assert (match.official, match.how) == (FACE_OFFICIAL, "face")
    assert match.distance < matching.face_max_distance  # a violation, not a needs-review
    reference = next(r for r in index.references if r.official == FACE_OFFICIAL)
    assert imagehash.hex_to_hash(analysis.phash) - reference.phash > 2 * matching.hash_max_distance


@needs_faces
def test_the_card_s_page_is_flagged_by_face_alone(hopper, tmp_path):
    site = card.site_with_card(hopper, SITE, tmp_path / "site")
    html = (site / card.PAGE).read_text("utf-8")
    assert html.count(card.CARD) == 1 and f'alt="{card.ALT}"' in html and "ortega" not in html.lower()
    assert card.CARD not in (SITE / card.PAGE).read_text("utf-8") and not (SITE / card.CARD).exists()
    config = demo_config(BASE, tmp_path / "config", hopper)
    context = config.audit_context(config.portals[0])
    auditor = Auditor(config.rules, context, PortraitIndex(context.officials))
    result = auditor.audit_html(BASE + card.PAGE, html, {BASE + card.CARD: analyse((site / card.CARD).read_bytes())})
    [found] = [f for f in result.findings if f.rule == "official-image"]
    assert found.evidence == BASE + card.CARD and found.severity == "high"
    assert found.data["official"] == FACE_OFFICIAL and found.data["how"] == "face"
    assert 0 < found.data["face_distance"] < 0.5
    assert [f.rule for f in result.findings] == ["official-image"]  # the page itself stays clean


def test_demo_config_gives_her_the_photo_and_keeps_the_governor_s_drawing(hopper, tmp_path):
    bundled = demo_config(BASE, tmp_path / "bundled")
    assert (tmp_path / "bundled" / "officials.yaml").read_bytes() == (HERE / "officials.yaml").read_bytes()
    assert not next(o for o in bundled.officials if o.name == FACE_OFFICIAL).photos
    config = demo_config(BASE, tmp_path / "config", hopper)
    photos = {o.name: o.photos for o in config.officials}
    assert photos[FACE_OFFICIAL] == [FACE_PORTRAIT]
    assert (tmp_path / "config" / FACE_PORTRAIT).read_bytes() == hopper.read_bytes()
    assert photos["Jorge Alberto Treviño Garza"] == ["photos/jorge-alberto-trevino-garza.jpg"]
    offline = demo_config(BASE, tmp_path / "config")  # a later demo, offline, in the same folder: no photo for her
    assert not next(o for o in offline.officials if o.name == FACE_OFFICIAL).photos

