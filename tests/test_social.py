"""Official accounts (SPEC §11): exports in the platforms' real shapes imported, audited, stored, reported, exported."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from blindaje.audit.social import split_hashtag
from blindaje.cli import cli
from blindaje.social.readers import fix_mojibake
from conftest import CONTRACT
from social_exports import (csv_text, fb_comment, fb_post, ig_comment, ig_post, mojibake, tweet, write_facebook,
                            write_config, write_instagram, write_x_archive, x_js, zip_folder)

UTC = dt.timezone.utc
# The veda of the test calendar starts 2027-04-05 in Mexico City (UTC-6): 06:00 UTC is its first instant.
IN = dt.datetime(2027, 4, 20, 15, 0, tzinfo=UTC)


def at(minutes: int) -> dt.datetime:
    return IN + dt.timedelta(minutes=minutes)


@pytest.fixture
def config(tmp_path) -> Path:
    return write_config(tmp_path / "config", [
        {"name": "sebis-x", "platform": "x", "jurisdiction": "MX-COA", "handle": "@SebisCoahuila",
         "contact": "redes@example.gob.mx"},
        {"name": "sebis-fb", "platform": "facebook", "jurisdiction": "MX-COA"},
        {"name": "sebis-ig", "platform": "instagram", "jurisdiction": "MX-COA"}])


def run(config: Path, data: Path, *args) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [*map(str, args), "--config", str(config), "--data", str(data)])
    return res.exit_code, res.output


def export(data: Path, run_id="latest") -> list[dict]:
    code, out = run(data.parent / "config", data, "export", "--run", run_id)
    assert code == 0, out
    return json.loads(out)


def by_url(rows: list[dict]) -> dict[str, set]:
    out: dict[str, set] = {}
    for r in rows:
        if r["status"] != "fixed":
            out.setdefault(r["url"], set()).add((r["rule"], r["location"]))
    return out


def thread_tweets() -> list[dict]:
    return [
        tweet("101", at(0), "Hilo: hoy abrimos la convocatoria del programa de apoyo a la vivienda 🏠"),
        tweet("102", at(1), "Los requisitos: identificación oficial y comprobante de domicilio.", reply_to="101",
              reply_user="SebisCoahuila"),
        tweet("103", at(2), "Con este programa entregamos 12,000 apoyos a familias que nunca antes los tuvieron 🎉🎉",
              reply_to="102", reply_user="SebisCoahuila"),
        tweet("104", at(3), "Dudas al 800 123 4567.", reply_to="103", reply_user="SebisCoahuila"),
        tweet("105", at(4), "Gran jornada con @RosaVillarrealG en Saltillo 👏", mentions=["RosaVillarrealG"]),
        tweet("106", at(5), "Seguimos #JuntosHacemosHistoria en cada colonia", hashtags=["JuntosHacemosHistoria"]),
        tweet("107", at(6), "Mira el resumen de la semana", video=True),
        tweet("108", at(7), "@vecino Cállate, fifí, aquí no aceptamos mentiras.", reply_to="9001",
              reply_user="vecino"),
        tweet("109", at(8), "@vecina Usted nos llama \"traidores a la patria\"; aun así con gusto le ayudamos: el "
              "trámite sigue abierto en la oficina de Saltillo.", reply_to="9002", reply_user="vecina"),
        tweet("110", at(9), "Hoy en el comedor comunitario hay pan dulce y café para quienes esperan su trámite."),
        tweet("111", at(10), "@vecino2 Gracias por su reporte; lo canalizamos con el folio 1234.", reply_to="9003",
              reply_user="vecino2"),
    ]


def test_x_archive_folder_zip_file_and_parts_give_the_same_findings(config, tmp_path):
    archive = write_x_archive(tmp_path / "arch", thread_tweets(), parts=3, account="SebisCoahuila")
    expected = None
    for i, target in enumerate([archive, zip_folder(archive, tmp_path / "twitter.zip"), archive / "data"]):
        data = tmp_path / f"data{i}"
        code, out = run(config, data, "social", "import", target, "--account", "sebis-x")
        assert code == 0, out
        assert out.startswith("run 1 complete: account sebis-x, 11 post(s)"), out
        got = by_url(export(data))
        expected = expected or got
        assert got == expected
    x = expected
    assert ("achievement-language", "thread 3/4") in x["https://x.com/SebisCoahuila/status/103"]
    assert not x.get("https://x.com/SebisCoahuila/status/101")  # the thread's other posts are clean
    assert ("official-name", "post") in x["https://x.com/SebisCoahuila/status/105"]  # only by @handle
    assert ("propaganda", "hashtag") in x["https://x.com/SebisCoahuila/status/106"]  # only as a CamelCase hashtag
    assert x["https://x.com/SebisCoahuila/status/107"] == {("media-review", "media")}
    assert ("offensive-reply", "reply") in x["https://x.com/SebisCoahuila/status/108"]
    assert "https://x.com/SebisCoahuila/status/109" not in x  # courteous, quoting the citizen's insult
    assert "https://x.com/SebisCoahuila/status/110" not in x  # "pan" is bread
    assert "https://x.com/SebisCoahuila/status/111" not in x


def test_single_tweets_js_file_with_its_prefix(config, tmp_path):
    js = tmp_path / "tweets.js"
    js.write_text(x_js(thread_tweets()[:4]), "utf-8")
    code, out = run(config, tmp_path / "data", "social", "import", js, "--account", "sebis-x")
    assert code == 0, out
    rows = export(tmp_path / "data")
    assert {(r["rule"], r["location"]) for r in rows} == {("achievement-language", "thread 3/4")}
    assert rows[0]["severity"] == "medium"


def test_offensive_reply_severity_high_when_partisan(config, tmp_path):
    js = tmp_path / "tweets.js"
    js.write_text(x_js([
        tweet("201", at(0), "@a Cállate, fifí.", reply_to="1", reply_user="a"),
        tweet("202", at(1), "@b Ignorante, lee antes de opinar.", reply_to="2", reply_user="b"),
        tweet("203", at(2), "@c Eso dicen los conservadores que extrañan sus privilegios.", reply_to="3",
              reply_user="c"),
        tweet("204", at(3), "@d Lamentamos las molestias; el servicio se restablece a las 18:00 h.", reply_to="4",
              reply_user="d"),
        tweet("205", at(4), "@e Esta cuenta no emite opiniones sobre temas electorales; consulte ine.mx.",
              reply_to="5", reply_user="e"),
        tweet("206", at(5), "@f Nos dice «ustedes son unos payasos»: con respeto, el apoyo se entrega el lunes.",
              reply_to="6", reply_user="f"),
        tweet("207", at(6), "Los conservadores del siglo XIX y los liberales: una exposición en el museo."),
        tweet("208", at(7), "@g Usted puede tirar la basura el martes; gire a la derecha en la avenida para llegar "
              "al centro de acopio.", reply_to="7", reply_user="g"),
        tweet("209", at(8), "@h Su trámite está retrasado; le pedimos una disculpa. Denuncie a servidores corruptos "
              "en la contraloría.", reply_to="8", reply_user="h"),
        tweet("210", at(9), "@i ¡Gracias! Le invitamos a que siga participando en la consulta de parques. 😊",
              reply_to="9", reply_user="i"),
    ]), "utf-8")
    code, out = run(config, tmp_path / "data", "social", "import", js, "--account", "sebis-x")
    assert code == 0, out
    sev = {r["url"].rsplit("/", 1)[1]: r["severity"] for r in export(tmp_path / "data")
           if r["rule"] == "offensive-reply"}
    assert sev == {"201": "high", "202": "medium", "203": "high"}


def test_facebook_page_export_mojibake_posts_comments_and_video(config, tmp_path):
    folder = write_facebook(tmp_path / "facebook-sebis", [
        fb_post(at(0), "Inauguramos la clínica de Torreón: ¡un logro histórico para la región!"),
        fb_post(at(1), "Horario de atención de la oficina: lunes a viernes.", photo=True),
        fb_post(at(2), "Mensaje de la semana", video=True),
    ], [
        fb_comment(at(3), "Ya salieron los chairos ardidos, jajajaja"),
        fb_comment(at(4), "Con gusto le atendemos en la ventanilla 3, señora."),
    ])
    raw = (folder / "your_facebook_activity/posts/profile_posts_1.json").read_text("utf-8")
    assert "\\u00c3\\u00ad" in raw  # the export's quirk: 'í' written as two escaped bytes
    code, out = run(config, tmp_path / "data", "social", "import", folder, "--account", "sebis-fb")
    assert code == 0, out
    rows = export(tmp_path / "data")
    evidence = " ".join(r["evidence"] for r in rows)
    assert "histórico" in evidence and "Ã" not in evidence  # mojibake repaired
    got = {(r["url"], r["rule"], r["location"]) for r in rows}
    stamp = lambda m: f"post:{int(at(m).timestamp())}"  # noqa: E731
    assert (stamp(0), "achievement-language", "post") in got
    assert (stamp(2), "media-review", "media") in got
    assert (stamp(3), "offensive-reply", "reply") in got
    assert not {g for g in got if g[0] in (stamp(1), stamp(4))}


def test_instagram_export_posts_comments_reels(config, tmp_path):
    folder = write_instagram(tmp_path / "instagram-sebis", [
        ig_post(at(0), "Gracias a la secretaria Villarreal, 3,500 familias ya tienen su tarjeta 💳✨🙌"),
        ig_post(at(1), "Reel de la feria de salud", video=True),
        ig_post(at(2), "Ubica tu módulo de vacunación más cercano."),
    ], [
        ig_comment(at(3), "No sea llorón, bye bye"),
        ig_comment(at(4), "¡Gracias por escribirnos! Le compartimos el enlace por mensaje directo."),
    ])
    code, out = run(config, tmp_path / "data", "social", "import", folder, "--account", "sebis-ig")
    assert code == 0, out
    got = {(r["url"], r["rule"]) for r in export(tmp_path / "data")}
    stamp = lambda m: f"post:{int(at(m).timestamp())}"  # noqa: E731
    assert {(stamp(0), "achievement-language"), (stamp(0), "official-name"), (stamp(1), "media-review"),
            (stamp(3), "offensive-reply")} <= got
    assert not {g for g in got if g[0] in (stamp(2), stamp(4))}


def test_csv_with_bom_crlf_quoted_newlines_and_threads(config, tmp_path):
    rows = [
        {"id": "c1", "date": "2027-04-20T09:00:00-06:00", "text": "Arranca la campaña de vacunación.\nConsulte sedes.",
         "url": "https://www.facebook.com/sebis/posts/1"},
        {"id": "c2", "date": "2027-04-20T09:05:00-06:00", "text": "Y por primera vez en la historia, 10 mil\r\nniñas "
         "y niños vacunados gracias a este gobierno.", "reply_to": "c1"},
        {"id": "c3", "date": "2027-04-20T10:00:00-06:00", "text": "Vea el video", "media_type": "video"},
        {"id": "c4", "date": "2027-04-20T11:00:00-06:00", "text": "@x Ignorante.", "reply_to": "zz-999"},
    ]
    path = tmp_path / "publicaciones.csv"
    path.write_bytes(csv_text(rows))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    code, out = run(config, tmp_path / "data", "social", "import", path, "--account", "sebis-x")
    assert code == 0, out
    got = {(r["url"], r["rule"], r["location"]) for r in export(tmp_path / "data")}
    assert ("post:c2", "achievement-language", "thread 2/2") in got
    assert ("post:c3", "media-review", "media") in got
    assert ("post:c4", "offensive-reply", "reply") in got
    assert not {g for g in got if g[0] == "https://www.facebook.com/sebis/posts/1"}


def test_veda_decided_in_the_calendars_zone_from_utc(config, tmp_path):
    # 2027-04-05 05:30 UTC is still April 4 in Mexico City (outside); 06:30 UTC is April 5 (inside).
    boast = "Inauguramos el hospital más grande de la historia del estado."
    js = tmp_path / "tweets.js"
    js.write_text(x_js([tweet("301", dt.datetime(2027, 4, 5, 5, 30, tzinfo=UTC), boast),
                        tweet("302", dt.datetime(2027, 4, 5, 6, 30, tzinfo=UTC), boast + " Otra vez.")]), "utf-8")
    data = tmp_path / "data"
    code, out = run(config, data, "social", "import", js, "--account", "sebis-x")
    assert code == 0, out
    assert "1 in veda, 1 fuera de veda" in out
    assert {r["url"].rsplit("/", 1)[1] for r in export(data)} == {"302"}
    db = sqlite3.connect(data / "blindaje.db")
    posts = dict(db.execute("select key, in_veda from posts").fetchall())
    assert posts == {"301": 0, "302": 1}
    rules = json.loads(db.execute("select rules from posts where key = '301'").fetchone()[0])
    assert rules == ["achievement-language"]  # what would have been found, for information
    outcome = db.execute("select outcome, reason, fetched_at from pages where url like '%301'").fetchone()
    assert outcome == ("skipped", "outside the blackout", "2027-04-04T23:30:00-06:00")
    page = (data / "reports" / "run-1" / "portal-sebis-x.html").read_text("utf-8")
    assert "Publicaciones fuera de veda" in page and "status/301" in page


def test_lifecycle_across_two_imports_and_waiver(config, tmp_path):
    data = tmp_path / "data"
    first = thread_tweets()
    js = tmp_path / "tweets.js"
    js.write_text(x_js(first), "utf-8")
    assert run(config, data, "social", "import", js, "--account", "sebis-x")[0] == 0
    rows1 = export(data, "1")
    assert {r["status"] for r in rows1} == {"new"}
    waived = next(r["id"] for r in rows1 if r["url"].endswith("/105"))
    code, out = run(config, data, "waive", waived, "--reason", "Cuenta personal citada por error")
    assert code == 0, out
    # The later export no longer holds the offensive reply (deleted) nor the hashtag post.
    js.write_text(x_js([t for t in first if t["tweet"]["id_str"] not in ("108", "106")]), "utf-8")
    assert run(config, data, "social", "import", js, "--account", "sebis-x")[0] == 0
    rows2 = export(data, "2")
    status = {(r["url"].rsplit("/", 1)[1], r["rule"]): r["status"] for r in rows2}
    assert status[("108", "offensive-reply")] == "fixed"
    assert status[("106", "propaganda")] == "fixed"
    assert status[("103", "achievement-language")] == "open"
    assert status[("105", "official-name")] == "waived"
    assert all(r["portal"] == "sebis-x" for r in rows2)
    kinds = sqlite3.connect(data / "blindaje.db").execute("select kind from runs order by id").fetchall()
    assert kinds == [("social",), ("social",)]
    page = (data / "reports" / "run-2" / "portal-sebis-x.html").read_text("utf-8")
    assert "Cuenta sebis-x" in page and "Corregidos" in page


def test_export_rows_follow_the_contract(config, tmp_path):
    data = tmp_path / "data"
    js = tmp_path / "tweets.js"
    js.write_text(x_js(thread_tweets()), "utf-8")
    assert run(config, data, "social", "import", js, "--account", "sebis-x")[0] == 0
    code, out = run(config, data, "export", "--format", "json")
    rows = json.loads(out)
    assert {r["location"] for r in rows} <= {"post", "reply", "hashtag", "media"} | {f"thread {i}/4" for i in
                                                                                        range(1, 5)}
    assert all(r["url"].startswith("https://x.com/SebisCoahuila/status/") for r in rows)
    if CONTRACT.exists():
        res = subprocess.run([sys.executable, str(CONTRACT)], input=out, text=True, capture_output=True)
        assert res.returncode == 0, res.stdout + res.stderr
    code, out = run(config, data, "export", "--format", "csv")
    assert out.splitlines()[0].startswith("\ufeffid,run_id,portal,url,rule")  # with its BOM, for Excel


@pytest.mark.parametrize("name,content,expected", [
    ("notes.txt", b"hola, esto no es una exportacion", "not a supported export"),
    ("posts.json", b'{"something": [1, 2, 3]}', "not a supported export"),
    ("tweets.js", b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1", "created_at": "Tue Apr 06', "malformed JSON"),
    ("tweets.js", b'window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1", "created_at": "ayer", "full_text": "x"}}]',
     "is not an X archive date"),
    ("broken.json", b'[{"timestamp": 1, "data": [', "malformed JSON"),
    ("bad.csv", b"id,date,text\r\n1,2027-04-20,hola\r\n", "not a supported export"),
    ("bad2.csv", b"id,date,text,url,reply_to,media_type\r\n1,ayer,hola,,,\r\n", "is not ISO 8601"),
    ("fake.zip", b"PK\x03\x04garbage", "not a readable zip archive"),
    ("huge.csv", b"id,date,text,url,reply_to,media_type\r\n1,2027-04-20T10:00:00Z,\"" + b"a" * 200_000 + b"\",,,\r\n",
     "not readable as CSV"),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, "cannot read the export"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "binary data"),
])
def test_malformed_or_unknown_input_exit_2_nothing_stored(config, tmp_path, name, content, expected):
    good = tmp_path / "good.csv"  # a good export beside the bad one: the bad one still stops the whole import
    good.write_bytes(csv_text([{"id": "g1", "date": "2027-04-20T10:00:00-06:00", "text": "Hola"}]))
    bad = tmp_path / name
    bad.write_bytes(content)
    data = tmp_path / "data"
    code, out = run(config, data, "social", "import", bad, good, "--account", "sebis-x")
    assert code == 2, out
    assert expected in out and len(out.strip().splitlines()) == 1 and "Traceback" not in out
    assert not (data / "blindaje.db").exists()  # nothing half-stored: no run was even started


def test_zip_bomb_and_unknown_account_and_platform_mismatch(config, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = [" + " " * (40 * 1024 * 1024) + "]")
    code, out = run(config, tmp_path / "d", "social", "import", bomb, "--account", "sebis-x")
    assert code == 2 and "zip bomb" in out, out
    code, out = run(config, tmp_path / "d", "social", "import", bomb, "--account", "nadie")
    assert code == 2 and "unknown account 'nadie'" in out
    folder = write_facebook(tmp_path / "fb", [fb_post(at(0), "Hola")], [])
    code, out = run(config, tmp_path / "d", "social", "import", folder, "--account", "sebis-x")
    assert code == 2 and "the export is from facebook" in out, out
    code, out = run(config, tmp_path / "d", "social", "import", folder, "--account", "sebis-x", "--platform", "x")
    assert code == 2 and "not x (--platform)" in out, out
    assert not (tmp_path / "d" / "blindaje.db").exists()


POST_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "rules").glob("*/*.json"))


@pytest.mark.parametrize("fixture", POST_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_post_rule_fixture(fixture):
    """Rules that read official accounts' posts: a flag fixture fires its rule, a pass fixture does not."""
    from blindaje.audit import AuditContext, Auditor
    from blindaje.audit.loader import load_rules
    from blindaje.audit.social import Post, post_document

    spec = json.loads(fixture.read_text("utf-8"))
    post = Post("1", "post:1", IN, spec["text"], spec["kind"])
    found = [f for f in Auditor(load_rules(), AuditContext(), portraits=False).audit_document(
        post_document(post)).findings if f.rule == fixture.parent.name]
    assert bool(found) == fixture.stem.startswith("flag"), [(f.evidence, f.context) for f in found]


def test_hashtags_split_into_words():
    assert split_hashtag("#JuntosHacemosMás") == "Juntos Hacemos Más"
    assert split_hashtag("PrimeroLosPobres") == "Primero Los Pobres"
    assert split_hashtag("#AMLOPresidente2027") == "AMLO Presidente 2027"
    assert split_hashtag("#CDMX") == "CDMX"
    assert split_hashtag("#vacunacion") == "vacunacion"


def test_mojibake_repair_only_when_it_is_mojibake():
    assert fix_mojibake(mojibake("Secretaría de Educación ¡Ñandú! 🎉")) == "Secretaría de Educación ¡Ñandú! 🎉"
    assert fix_mojibake("Señora, ¿Ã¡?") == "Señora, ¿Ã¡?"  # not valid UTF-8 once encoded: left alone
    assert fix_mojibake("café 🎉") == "café 🎉"  # a character above 255: real text
    assert fix_mojibake("plain") == "plain"


@pytest.mark.parametrize("mutate,expected", [
    (lambda d: d["accounts"][0].update(platform="myspace"), "accounts.yaml: accounts.0.platform:"),
    (lambda d: d["accounts"][0].update(handle="sebis"), "accounts.yaml: accounts.0.handle:"),
    (lambda d: d["accounts"][1].update(colour="red"), "accounts.yaml: accounts.1.colour: unknown key"),
    (lambda d: d["accounts"].append(dict(d["accounts"][0])), "duplicate account name 'sebis-x'"),
    (lambda d: d["accounts"][0].update(name="sitio"), "accounts.yaml: accounts.0.name: 'sitio' is also a portal"),
])
def test_accounts_yaml_validated_naming_file_key_and_item(config, tmp_path, mutate, expected):
    data = yaml.safe_load((config / "accounts.yaml").read_text("utf-8"))
    mutate(data)
    (config / "accounts.yaml").write_text(yaml.safe_dump(data), "utf-8")
    code, out = run(config, tmp_path / "d", "validate")
    assert code == 2 and expected in out, out


def test_officials_handles_validated(config, tmp_path):
    data = yaml.safe_load((config / "officials.yaml").read_text("utf-8"))
    data["officials"][0]["handles"] = ["RosaVillarrealG"]
    (config / "officials.yaml").write_text(yaml.safe_dump(data), "utf-8")
    code, out = run(config, tmp_path / "d", "validate")
    assert code == 2 and "officials.yaml: officials.0.handles:" in out, out


@pytest.mark.slow
def test_labelled_corpus_every_rule_f1_at_least_095():
    corpus = Path(__file__).resolve().parent.parent / "benchmarks" / "social"
    if not (corpus / "labels.yaml").exists():
        pytest.skip("benchmarks/social/ (the labelled corpus) is not in this checkout")
    res = subprocess.run([sys.executable, str(corpus.parent / "social.py")], capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "malformed exports refused: 6/6" in res.stdout and "NOT listed" not in res.stdout, res.stdout


@pytest.mark.slow
def test_second_independent_corpus_every_rule_f1_at_least_090():
    """benchmarks/social_heldout: written later by another hand, measured before any rule saw it (README gives the
    first figures). official-image rests on 3 file names there, labelled by a convention the portals' corpora
    reject (a bare surname in a file name): it is reported, not held to the floor."""
    corpus = Path(__file__).resolve().parent.parent / "benchmarks" / "social_heldout"
    if not (corpus / "labels.yaml").exists():
        pytest.skip("benchmarks/social_heldout/ is not in this checkout")
    res = subprocess.run([sys.executable, str(corpus.parent / "social.py"), "--corpus", str(corpus)],
                         capture_output=True, text=True, timeout=600)
    f1 = {line.split()[0]: float(line.split()[3]) for line in res.stdout.splitlines()
          if line.split() and line.split()[0] in ("official-name", "official-image", "achievement-language",
                                                  "propaganda", "media-review", "offensive-reply")}
    assert len(f1) == 6, res.stdout + res.stderr
    assert all(v >= 0.90 for rule, v in f1.items() if rule != "official-image"), f1
    assert "outside listed as fuera de veda': 12" in res.stdout, res.stdout
