"""The bundled sample portal: a static site served on 127.0.0.1 and the configuration that crawls it."""
from __future__ import annotations

import contextlib
import functools
import logging
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SITE = HERE / "site"
DEMO_SLOGANS = ["Coahuila Avanza Contigo", "CoahuilaAvanzaContigo"]
# The official whose face the demo finds: her reference portrait is a public-domain photo fetched at set-up (photo.py),
# and the card that shows her (card.py) is added to a copy of the site.
FACE_OFFICIAL = "Lucía Fernanda Ortega Salinas"
FACE_PORTRAIT = "photos/lucia-fernanda-ortega-salinas.jpg"

log = logging.getLogger("blindaje")


class QuietHandler(SimpleHTTPRequestHandler):
    delay = 0.0  # seconds to wait before answering (tests use it to make a crawl last)

    def log_message(self, *args):  # the demo's own access log would drown the summary
        pass

    def send_head(self):
        if self.delay:
            time.sleep(self.delay)
        return super().send_head()


@contextlib.contextmanager
def serve_site(root: Path = SITE, delay: float = 0.0):
    """Serve `root` on 127.0.0.1 on a free port for the duration of the block; yields the base URL."""
    handler = functools.partial(type("Handler", (QuietHandler,), {"delay": delay}), directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def demo_site(cache: Path, dest: Path) -> tuple[Path, Path | None]:
    """The site to serve and FACE_OFFICIAL's reference photo: a copy of the bundled site at `dest` with a card that
    shows her face, its photo fetched once into `cache`; or, when faces cannot be checked or the photo cannot be
    fetched, the bundled site as it is and None, said in one logged line."""
    from blindaje.audit.portraits import face_model
    from blindaje.demo.card import site_with_card
    from blindaje.demo.photo import FetchError, fetch_hopper

    if face_model().error:  # the report says faces were not checked: a face to find would be a download for nothing
        log.info("demo: faces cannot be checked (%s); no face example", face_model().error)
        return SITE, None
    try:
        photo = fetch_hopper(cache)
    except FetchError as e:
        log.warning("demo: no face example, its public-domain photo could not be fetched (%s); the report will say "
                    "that faces could not be checked", e)
        return SITE, None
    return site_with_card(photo, SITE, dest), photo


def _officials_yaml(portrait: Path | None) -> str:
    """The demo's officials.yaml, comments kept; with `portrait`, FACE_OFFICIAL has it as her reference portrait."""
    text = (HERE / "officials.yaml").read_text("utf-8")
    if portrait is None:
        return text
    line = f"  - name: {FACE_OFFICIAL}\n"
    photos = f"    photos: [{FACE_PORTRAIT}]   # a public-domain photo fetched at set-up: found by face in a card\n"
    if line not in text:
        raise ValueError(f"{HERE / 'officials.yaml'} has no official named {FACE_OFFICIAL}")
    return text.replace(line, line + photos, 1)


def write_demo_config(base_url: str, directory: Path, portrait: Path | None = None) -> Path:
    """A configuration directory for the demo portal (jurisdiction MX-COA), pointing at `base_url`; `portrait`:
    FACE_OFFICIAL's reference photo (see demo_site)."""
    directory.mkdir(parents=True, exist_ok=True)
    host = base_url.split("//", 1)[1].split("/", 1)[0].split(":")[0]
    portals = {"portals": [{
        "name": "demo", "title": "Secretaría de Inclusión y Desarrollo Social (demostración)",
        "jurisdiction": "MX-COA", "start_urls": [base_url], "allowed_domains": [host],
        "max_pages": 500, "max_depth": 6, "contact": "webmaster@sids.demo.gob.mx",
    }]}
    (directory / "portals.yaml").write_text(yaml.safe_dump(portals, allow_unicode=True, sort_keys=False), "utf-8")
    (directory / "officials.yaml").write_text(_officials_yaml(portrait), "utf-8")
    shutil.copytree(HERE / "photos", directory / "photos", dirs_exist_ok=True)
    if portrait is not None:
        shutil.copyfile(portrait, directory / FACE_PORTRAIT)
    calendar = {"timezone": "America/Mexico_City", "processes": [{
        "name": "PEL 2026-2027 Coahuila (demostración)", "applies_to": ["MX-COA"],
        "blackout_start": "2027-03-05", "blackout_end": "2027-06-06", "status": "estimated"}]}
    (directory / "calendar.yaml").write_text(yaml.safe_dump(calendar, allow_unicode=True, sort_keys=False), "utf-8")
    settings = {"crawl": {"concurrency_per_host": 8, "delay_seconds": 0, "autothrottle": False, "retries": 0,
                          "timeout_seconds": 10}}
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), "utf-8")
    # A local rule override, as a deployment would write one: the shipped propaganda pack plus the state's slogan.
    from blindaje.audit.loader import SHIPPED

    rules = directory / "rules"
    rules.mkdir(exist_ok=True)
    pack = yaml.safe_load((SHIPPED / "propaganda.yaml").read_text("utf-8"))
    pack["vocabulary"]["terms"] += DEMO_SLOGANS
    (rules / "propaganda.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), "utf-8")
    return directory


def demo_config(base_url: str, directory: Path, portrait: Path | None = None):
    from blindaje.config import load_config

    return load_config(write_demo_config(base_url, directory, portrait))
