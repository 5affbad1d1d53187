"""The audit library on its own: Spanish matching, names, places, exceptions, decoding."""
from __future__ import annotations

import pytest

from blindaje.audit import AuditContext, Auditor, Official
from blindaje.audit.document import decode, parse, sniff_binary
from blindaje.audit.loader import load_rules
from blindaje.audit.text import fold
from conftest import ROOT

MONTIEL = Official("Ariadna Montiel Reyes", "Secretaria de Bienestar", "federal",
                   ("Ariadna Montiel", "Montiel Reyes", "secretaria Montiel"))
TREVINO = Official("Jorge Alberto Treviño Garza", "Gobernador del Estado de Coahuila", "MX-COA", ("Jorge Treviño",))


@pytest.fixture(scope="module")
def auditor():
    return Auditor(load_rules(), AuditContext((MONTIEL, TREVINO)))


def rules_in(auditor, body: str, title: str = "Portal", url: str = "https://www.gob.mx/bienestar/prensa/1"):
    html = f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    return {f.rule for f in auditor.audit_html(url, html).findings}


def test_fold_keeps_offsets():
    text = "La Secretaría INAUGURÓ el Puente Ñandú"
    assert fold(text) == "la secretaria inauguro el puente nandu" and len(fold(text)) == len(text)


@pytest.mark.parametrize("sentence", [
    "Inauguramos 120 nuevas clínicas en el estado.",
    "La Secretaría inauguró el hospital de especialidades.",
    "Se inauguraron tres comedores comunitarios.",
    "Hemos beneficiado a más de 2 millones de familias.",
    "Se entregaron más de 5 mil tarjetas a familias de Torreón.",
    "Gracias al Gobierno de México, las familias ya reciben su apoyo.",
    "Por primera vez en la historia el municipio cuenta con un hospital, informó el gobierno.",
    "Redujimos 40 % los delitos de alto impacto: ¡compromiso cumplido!",
    "ENTREGAMOS 3 MIL TINACOS A FAMILIAS DE LA ZONA ORIENTE.",
])
def test_achievement_language_inflections(auditor, sentence):
    assert "achievement-language" in rules_in(auditor, f"<p>{sentence}</p>")


@pytest.mark.parametrize("sentence", [
    "Requisitos: entrega tu solicitud en la ventanilla de lunes a viernes.",
    "Podrán inscribirse quienes cumplan con los requisitos de la convocatoria.",
    "La atleta logró el récord nacional en los 400 metros.",
    "El templo fue construido en 1742 por los franciscanos.",
    "Cierre vial en la avenida Hidalgo del 2 al 9 de mayo; usa rutas alternas.",
])
def test_achievement_language_negatives(auditor, sentence):
    assert "achievement-language" not in rules_in(auditor, f"<p>{sentence}</p>")


@pytest.mark.parametrize("body,expected", [
    ("<h1>La secretaria Montiel visita Oaxaca</h1>", True),
    ("<p>La titular, ARIADNA MONTIEL REYES, encabezó el evento.</p>", True),
    ("<p>Ariadna Montiel entregó tarjetas en Puebla.</p>", True),
    ("<p>Jorge Trevino Garza supervisó la obra.</p>", True),  # without accents
    ("<p>Estudiantes de la Escuela Ariadna Montiel Reyes participaron.</p>", False),
    ("<p>El vecino Pedro Montiel Reyes ganó el torneo de ajedrez.</p>", False),
    ("<p>Responsable de la información: Lic. Ariadna Montiel Reyes</p>", False),
    ("<p>La Secretaría de Bienestar informa el calendario de pagos.</p>", False),
    ("<p>#Bienestar #EquipoAriadnaMontiel</p>", True),  # a name written as one word in a hashtag
    ("<p>Síguenos en @montielreyes</p>", True),
    ("<p>Escríbenos a contacto.ariadnamontiel.soporte en el portal.</p>", False),  # one word, but no tag
    ("<p>#" + "x" * 120 + "ariadnamontiel</p>", False),  # past 100 characters a run of letters is no tag
])
def test_official_names(auditor, body, expected):
    assert ("official-name" in rules_in(auditor, body)) is expected


def test_directory_page_is_transparency_but_headline_is_not_cleared(auditor):
    directory = ("<h1>Directorio</h1><table><tr><td>Ariadna Montiel Reyes</td><td>Secretaria</td>"
                 "<td>ariadna.montiel@bienestar.gob.mx</td><td>Tel. 55 5328 5000 ext. 1</td></tr></table>")
    assert "official-name" not in rules_in(auditor, directory, title="Directorio de servidores públicos")
    result = auditor.audit_html("https://www.gob.mx/bienestar/transparencia/x",
                                "<title>Ariadna Montiel inaugura</title><h1>Transparencia</h1>")
    assert result.exceptions == ["transparency"]  # the page is recognised as transparency by its path…
    assert [(f.rule, f.kind, f.evidence, f.group) for f in result.findings] == [
        ("official-name", "title", "Ariadna Montiel", "violation")]  # …and its headline is not cleared by that


def test_official_image_from_alt_caption_and_file_name(auditor):
    body = ('<figure><img src="/fotos/montiel-reyes-senado.jpg" alt="Evento"><figcaption>Reunión</figcaption></figure>'
            '<img src="/a.jpg" alt="Jorge Treviño con vecinos">'
            '<figure><img src="/b.jpg" alt="Entrega"><figcaption>La secretaria Montiel en Aculco</figcaption></figure>'
            '<img src="/logo.png" alt="Escudo nacional">')
    result = auditor.audit_html("https://www.gob.mx/bienestar/galeria", f"<body>{body}</body>")
    images = [f for f in result.findings if f.rule == "official-image"]
    assert sorted(f.kind for f in images) == ["figcaption", "img[alt]", "img[src]"]
    assert {f.data["official"] for f in images} == {MONTIEL.name, TREVINO.name}
    assert all(f.evidence.startswith("https://www.gob.mx/") for f in images)


def test_propaganda_terms_keep_case_for_acronyms(auditor):
    assert "propaganda" in rules_in(auditor, "<p>Este programa es posible gracias a Morena.</p>")
    assert "propaganda" in rules_in(auditor, "<p>El PAN ha demostrado que sabe gobernar.</p>")
    assert "propaganda" not in rules_in(auditor, "<p>Venta de pan y café en la feria del libro.</p>")
    assert "propaganda" not in rules_in(auditor, "<p>Grupo Parlamentario del PVEM — integrantes</p>")


def test_media_review(auditor):
    body = ('<iframe src="https://www.youtube.com/embed/abc" title="Mensaje"></iframe>'
            '<iframe src="https://www.google.com/maps/embed?pb=1"></iframe><audio src="/a.mp3"></audio>')
    result = auditor.audit_html("https://www.gob.mx/bienestar/v", f"<body>{body}</body>")
    media = [f for f in result.findings if f.rule == "media-review"]
    assert sorted(f.kind for f in media) == ["audio", "iframe"]
    assert all(f.severity.value == "low" and f.group == "review" for f in media)


def test_finding_ids_are_stable_when_the_rest_of_the_page_changes(auditor):
    a = auditor.audit_html("https://x.gob.mx/p", "<body><h1>Inauguramos el hospital</h1><p>Uno.</p></body>")
    b = auditor.audit_html("https://x.gob.mx/p", "<body><div><p>Otro texto.</p></div><h1>Inauguramos el hospital</h1></body>")
    assert [f.id for f in a.findings] == [f.id for f in b.findings]


def test_latin1_and_lying_charsets_decode():
    page = ("<html><head><title>Clínica</title></head><body><p>Inauguramos la clínica más grande de la región, "
            "señaló la Secretaría.</p></body></html>").encode("cp1252")
    assert "Inauguramos la clínica más grande de la región, señaló" in decode(page, None)
    assert "señaló la Secretaría" in decode(page, "utf-8")
    boast = "Inauguramos la clínica más grande de la región".encode("cp1252")
    assert "clínica" in decode(boast, None)
    assert "clínica" in decode(boast, "utf-8")  # the declared charset lies
    assert decode("año".encode("utf-8"), "iso-8859-1") == "año"


def test_a_utf8_page_with_a_stray_invalid_byte_stays_utf8():
    """One Windows-1252 quote pasted into a UTF-8 page must not garble every accented word of it."""
    text = ("<html><head><meta charset='utf-8'></head><body><p>La Secretaría inauguró el hospital de Torreón con "
            "atención médica.</p><p>Aviso {}importante{}</p></body></html>")
    page = text.format("", "").encode().replace(b"Aviso ", b"Aviso \x93").replace(b"</p></body>", b"\x94</p></body>")
    decoded = decode(page, None)
    assert "inauguró el hospital de Torreón" in decoded and "\ufffd" in decoded
    # Undeclared, the UTF-8 characters must outnumber the invalid bytes ten times (here 25 to 2)…
    undeclared = page.replace(b"<meta charset='utf-8'>", b"")
    long = undeclared.replace(b"</p><p>Aviso", "</p><p>Inauguró Torreón atención médica Secretaría".encode() * 4
                              + b"</p><p>Aviso")
    assert "Secretaría" in decode(long, None)
    # …and a Windows-1252 page that claims UTF-8 has none: it stays Windows-1252.
    cp1252 = "<meta charset='utf-8'><p>Secretaría de Educación, niñas y niños</p>".encode("cp1252")
    assert "Secretaría de Educación, niñas y niños" in decode(cp1252, "utf-8")


def test_binary_and_empty_bodies_are_not_audited():
    assert sniff_binary(b"") == "empty body"
    assert sniff_binary(bytes(range(256)) * 10) == "binary content served as HTML"
    assert sniff_binary(b"%PDF-1.4 ...") == "not HTML"
    assert sniff_binary(b"<html><body>hola</body></html>") is None


def test_hostile_markup_does_not_crash(auditor):
    html = "<html><body><p>Hola\x00 mundo<div><<<>>><script>alert(1)</script><p>" + "<b>" * 5000 + "Inauguramos"
    doc = parse("https://x.gob.mx/p", html)
    assert [b.text for b in doc.blocks][:2] == ["Hola mundo", "<<<>>>"]  # NUL gone, stray brackets kept as text
    assert not any("alert" in b.text for b in doc.blocks)
    auditor.audit_html("https://x.gob.mx/p", html)  # no crash; what 5000 levels hide: test_a_document_nested_beyond_any_limit_says_it_was_truncated
    # unclosed tags nested as deep as the parser keeps them: the boast at the bottom is still found
    deep = "<html><body><p>Hola<p>" + "<b>" * 250 + "Inauguramos el hospital regional"
    [boast] = auditor.audit_html("https://x.gob.mx/p", deep).findings
    assert (boast.rule, boast.evidence.lower(), boast.data["trigger"].lower()) == (
        "achievement-language", "inauguramos el hospital regional", "inauguramos")
    doc = parse("https://x.gob.mx/p", "<p>uno</p><script>alert('x')</script><style>p{}</style>")
    assert [b.text for b in doc.blocks] == ["uno"]


def test_text_nested_deeper_than_lxmls_default_limit_is_audited(auditor):
    html = "<html><body><p>Hola<p>" + "<b>" * 300 + "Inauguramos el hospital regional"
    assert "achievement-language" in {f.rule for f in auditor.audit_html("https://x.gob.mx/p", html).findings}
    html = "<html><body>" + "<p><font>" * 130 + "<p>El gobierno inauguró el hospital regional, el más moderno del país."
    assert "achievement-language" in {f.rule for f in auditor.audit_html("https://x.gob.mx/p", html).findings}


def test_a_paragraph_without_inner_blocks_reads_the_same_through_the_fast_path():
    """parse() takes lxml's text_content() for an element with no nested block, line break or skipped content; it
    must be what the general walk (_own_text) gives, comments, inline tags and entities included."""
    import lxml.html
    from lxml import etree

    from blindaje.audit.document import _has_inner, _own_text

    html = ("<html><body><p>El <b>gobierno</b> <!-- nota --> inauguró&nbsp;la <a href='#'>obra <i>nueva</i></a>."
            "<?php echo 1 ?> Fin</p><p>Uno<br>dos</p><div>Caja <p>dentro</p> fuera</div><p>Ver <iframe>x</iframe> "
            "aquí</p><li>Punto <span>uno</span></li></body></html>")
    root = lxml.html.document_fromstring(html)
    fast = [el for el in root.iter(etree.Element) if isinstance(el.tag, str) and not _has_inner(el)]
    assert {el.tag for el in fast} >= {"p", "li", "b", "a"}
    assert all(el.text_content() == _own_text(el) for el in fast)
    slow = {el.text for el in root.iter(etree.Element) if isinstance(el.tag, str) and _has_inner(el)}
    assert {"Uno", "Caja ", "Ver "} <= slow  # a line break, a nested block, an iframe: the general walk
    texts = [b.text for b in parse("https://x.gob.mx/p", html).blocks]
    assert "Uno dos" in texts and "Caja fuera" in texts and "Ver aquí" in texts


def test_blocks_know_their_selector_chrome_and_banner():
    """Where a block sits, read once per ancestor (audit.document._Places): the selector names at most two landmark,
    id'd or banner ancestors and none past an id; header, nav and footer are chrome; a hint in a class within six
    levels makes a banner."""
    html = ('<html><body><header><nav class="menu"><ul><li>Inicio</li></ul></nav></header><main id="contenido">'
            '<section class="hero-slide"><div class="x"><p>Lema del gobierno</p></div></section><article>'
            '<p class="lead">Texto</p></article></main><div class="carrusel">' + "<div>" * 6 + "<p>Lejos</p>"
            + "</div>" * 6 + '</div><footer><p>Pie</p></footer></body></html>')
    blocks = {b.text: b for b in parse("https://x.gob.mx/", html).blocks}
    assert (blocks["Inicio"].location, blocks["Inicio"].chrome) == ("header > nav.menu > li", True)
    assert blocks["Lema del gobierno"].kind == "banner" and not blocks["Lema del gobierno"].chrome
    assert blocks["Lema del gobierno"].location == "main#contenido > section.hero-slide > p"
    assert blocks["Texto"].location == "main#contenido > article > p.lead" and blocks["Texto"].kind == "p"
    assert blocks["Lejos"].kind == "p"  # the carrusel is seven levels up
    assert (blocks["Pie"].location, blocks["Pie"].chrome) == ("footer > p", True)


def test_a_document_nested_beyond_any_limit_says_it_was_truncated():
    from blindaje.audit.document import parse

    assert not parse("https://x.gob.mx/p", "<html><body>" + "<b>" * 300 + "texto").truncated
    deep = parse("https://x.gob.mx/p", "<html><body>" + "<b>" * 3000 + "Inauguramos el hospital")
    assert deep.truncated


def test_required_literals_are_what_every_match_needs():
    from blindaje.audit.text import required_sets

    def required_literals(pattern: str):  # the best set: what the prefilter looks for first
        sets = required_sets(pattern)
        return sets[0] if sets else None

    # zero-width parts keep the run; a small class or an optional letter multiplies its texts
    assert required_literals(r"(?<!centro )\bhistoric[oa]s?\b") == {"historico", "historica", "historicos",
                                                                      "historicas"}
    assert required_literals(r"\bbanderazo\b|corte de liston") == {"banderazo", "corte de liston"}
    assert len(required_literals(r"gracias a(l| la)? ?(gobierno|alcalde)")) == 12  # 3 x 2 x 2 fixed texts
    assert "gracias al gobierno" in required_literals(r"gracias a(l| la)? ?(gobierno|alcalde)")
    assert required_literals(r"(ab)+cd") in ({"ab"}, {"cd"})
    assert required_literals(r"x(?:foo|bar)?baz") == {"xbaz", "xfoobaz", "xbarbaz"}  # an optional group, or not
    many = required_literals(r"a(b|c)(d|e)(f|g)(h|i)(j|k)(l|m)(n|o)x")  # 128 texts: cut where 64 are reached
    assert len(many) == 64 and "abdfhjl" in many
    assert required_literals(r"(?i)morena") is None  # case-insensitive: substring tests would miss 'MORENA'
    assert required_literals(r"\d+|[a-z]+") is None
    assert required_literals(r"vot(a|en)|\bno\b") == {"vota", "voten", "no"}


def test_a_pattern_needs_every_string_set_it_requires_before_it_runs():
    """The prefilter's conjunction: a pattern that needs 'inaugur' and ' hospital' or ' clinica' is no candidate in a
    block that has only one of them (issue 16: such patterns ran on dozens of blocks a page and never matched)."""
    from blindaje.audit.text import Prefilter, Prefiltered, required_sets

    pattern = r"\b(inaugur\w+) [a-z ]+ (hospital|clinica)\b"
    assert required_sets(pattern)[:2] == [frozenset({" hospital", " clinica"}), frozenset({"inaugur"})]
    prefilter = Prefilter()
    p = Prefiltered(pattern, prefilter)
    for only_one in ("el hospital general atiende", "inauguraron la biblioteca"):
        assert p.id not in prefilter.scan(only_one) and p.search(only_one) is None
    both = "ayer inauguraron el nuevo hospital"
    assert p.id in prefilter.scan(both) and p.search(both).group() == "inauguraron el nuevo hospital"
    # a word in nearly every block (' de ') is no condition: looking for it would cost more than it saves
    common = Prefiltered(r"\b(inaugur\w+) de [a-z]+ (hospital|clinica)", Prefilter())
    assert common.id in common.prefilter.scan("inauguraron el hospital")
    assert required_sets(r"(?i)morena") == [] and required_sets(r"\d+") == []


def test_fold_is_lower_case_then_unaccented_for_every_character():
    """The fast path (str.replace of Spanish accents) and the general one agree on every character, one by one and
    in text, and keep the length."""
    from blindaje.audit.text import _FOLD

    chars = [chr(cp) for cp in range(0x20, 0x3000) if not 0xD800 <= cp < 0xE000]
    reference = "".join((c.lower().translate(_FOLD) or c)[0] for c in chars)
    assert fold("".join(chars)) == reference
    assert [fold(c) for c in chars] == list(reference)
    assert fold("Ñandú ÁRBOL İstanbul “ß”") == "nandu arbol istanbul \"s\""


def test_clean_fast_path_equals_the_full_normalisation():
    import unicodedata

    from blindaje.audit.document import CONTROL, _INVISIBLE, clean

    def full(text: str) -> str:
        return " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", text).translate(_INVISIBLE)).split())

    samples = ["  Hola\tmundo \n", "Inaugur\u00adó el\u200b puente", "a\x00b\x07c", "Mu\u0301sica   ñ",
               "\ufeffTítulo\u202e al revés", "línea\u2028otra", "\u00a0espacio\u3000ancho", "ASCII only",
               "tab\x0bvertical\x1cfs", "privado \ue000 uso", "\U000e0020etiqueta"]
    for text in samples:
        assert clean(text) == full(text), text


def test_prefiltered_patterns_match_exactly_like_re_on_the_corpus(auditor):
    """Every pattern of the shipped rule packs, with its substring pre-check, finds what plain `re` finds."""
    from blindaje.audit.text import Prefiltered

    patterns = []
    for owner in [*auditor.checks, *auditor.classes.values()]:
        for value in (vars(owner).values() if hasattr(owner, "__dict__") else owner):
            for p in value if isinstance(value, list) else [value]:
                if isinstance(p, Prefiltered):
                    patterns.append(p)
    assert len(patterns) >= 30
    assert sum(p.literals is not None for p in patterns) >= 0.8 * len(patterns)  # the pre-check is not idle
    root = ROOT / "benchmarks" / "corpus" / "pages"
    texts = []
    for page in sorted(root.glob("*.html")):
        for block in parse(f"https://example.gob.mx/{page.name}", page.read_text("utf-8")).blocks:
            texts += [block.text, fold(block.text)]
    assert len(texts) > 2000
    checked = matched = 0
    for p in patterns:
        for text in texts:
            ours, theirs = p.search(text), p.regex.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (p.regex.pattern[:80], text[:80])
            if theirs:
                assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.regex.finditer(text)]
            checked += 1
            matched += theirs is not None
    assert matched > 100 and checked > matched * 10  # both outcomes were exercised


def test_the_shared_literal_automaton_changes_no_finding(monkeypatch):
    """Every corpus and fixture page audits the same whether the prefilter skips patterns or every pattern runs."""
    from benchmarks.accuracy import officials
    from blindaje.audit.text import Prefilter

    people = {o.name: o for path in (ROOT / "benchmarks" / "corpus" / "officials.yaml",
                                     ROOT / "tests" / "fixtures" / "officials.yaml") for o in officials(path)}
    auditor = Auditor(load_rules(), AuditContext(tuple(people.values())))
    pages = sorted((ROOT / "benchmarks" / "corpus" / "pages").glob("*.html")) + sorted(
        (ROOT / "tests" / "fixtures").rglob("*.html"))
    docs = [parse(f"https://portal.gob.mx/{page.parent.name}/{page.name}", decode(page.read_bytes())) for page in pages]

    def audit_all() -> list:
        return [(r.findings, r.exceptions, r.suppressed) for r in map(auditor.audit_document, docs)]

    skipping = audit_all()
    assert len(docs) > 250 and sum(len(f) for f, _, _ in skipping) > 300
    block = docs[0].blocks[-1].text
    assert len(auditor.prefilter.scan(fold(block), block)) < auditor.prefilter.count / 2  # it does skip
    monkeypatch.setattr(Prefilter, "scan", lambda self, folded, text=None: set(range(self.count)))
    assert audit_all() == skipping


def test_achievement_evidence_is_the_sentence_that_boasts(auditor):
    html = ("<html><body><h1>Obras</h1><p>El puente se terminó en marzo. Con esta obra el gobierno llevó agua "
            "potable a 3 mil familias de la sierra. La ventanilla abre el lunes.</p></body></html>")
    [boast] = [f for f in auditor.audit_html("https://x.gob.mx/p", html).findings if f.rule == "achievement-language"]
    assert boast.evidence == "Con esta obra el gobierno llevó agua potable a 3 mil familias de la sierra."
    assert "⟦llevó⟧" in boast.context
    long = "<html><body><p>El gobierno llevó agua potable a 3 mil familias " + "de la sierra y del valle " * 40 + ".</p>"
    [boast] = [f for f in auditor.audit_html("https://x.gob.mx/q", long).findings if f.rule == "achievement-language"]
    assert len(boast.evidence) <= 302 and "llevó" in boast.evidence


def test_invisible_characters_and_decomposed_accents_hide_nothing(auditor):
    """NFD text, soft hyphens and zero-width characters inside a name or a verb (issue 22, item 3)."""
    import unicodedata

    plain = "<h1>Jorge Treviño inauguró el hospital</h1><p>Gracias al gobernador se entregaron 500 apoyos.</p>"
    assert {"official-name", "achievement-language"} <= rules_in(auditor, plain)
    nfd = unicodedata.normalize("NFD", plain)
    hidden = plain.replace("Treviño", "Tre\u00advi\u200bño").replace("inauguró", "inau\u200dguró")
    assert rules_in(auditor, nfd) == rules_in(auditor, plain)
    assert rules_in(auditor, hidden) == rules_in(auditor, plain)
    result = auditor.audit_html("https://www.gob.mx/x", f"<html><body>{hidden}</body></html>")
    assert all("\u00ad" not in f.evidence and "\u200b" not in f.context for f in result.findings)


def test_the_invisible_characters_are_every_format_character():
    import unicodedata

    from blindaje.audit.document import _INVISIBLE

    assert {cp for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"} <= set(_INVISIBLE)


def test_a_boast_after_a_long_block_of_filler_is_audited(auditor):
    """A block over MAX_BLOCK_CHARS is audited whole, in overlapping windows (issue 22, item 4)."""
    from blindaje.audit.document import MAX_BLOCK_CHARS

    filler = "Texto de relleno sin contenido relevante. " * (MAX_BLOCK_CHARS // 20)
    for where in (filler + "Inauguramos el nuevo hospital regional.", "Inauguramos el nuevo hospital regional. " +
                  filler):
        assert "achievement-language" in rules_in(auditor, f"<div>{where}</div>")


def test_a_page_nested_past_the_parsers_depth_says_what_it_did_not_read(auditor):
    body = "<div>" * 3000 + "<p>Inauguramos el hospital.</p>" + "</div>" * 3000
    result = auditor.audit_html("https://www.gob.mx/x", f"<html><body><p>Aviso.</p>{body}</body></html>")
    assert result.unread and "nested deeper" in result.unread[0]


def test_a_page_of_200000_links_leads_to_a_bounded_number_and_says_so(auditor):
    """Issue 22, item 13: the page is audited whole, the links it leads to are bounded and the report says so."""
    import time

    from blindaje.audit.document import MAX_LINKS, parse

    html = "<html><body><p>Directorio.</p>" + "".join(f'<a href="/p/{i}">{i}</a>' for i in range(200_000)) + \
        "<p>Inauguramos el hospital regional.</p></body></html>"
    start = time.process_time()
    doc = parse("https://www.gob.mx/x", html)
    assert len(doc.links) == MAX_LINKS and doc.links[-1] == f"https://www.gob.mx/p/{MAX_LINKS - 1}"
    assert doc.limits_hit == [f"links: only the first {MAX_LINKS:,} of 200,000 followed"]
    assert "Inauguramos el hospital regional." in [b.text for b in doc.blocks]
    assert time.process_time() - start < 10


ROSA = Official("Rosa Icela Rodríguez Velázquez", "Secretaria de Gobernación", "federal", ("Rosa", "Sheinbaum"))


@pytest.mark.parametrize("body, named", [
    ("<p>La Cruz Roja entrega una rosa a cada donante.</p>", False),  # a common word alone names nobody
    ("<h2>Rosa mexicano, el color del programa</h2>", False),
    ("<p>La secretaria Rosa encabezó la reunión con productores.</p>", True),  # after her title
    ("<p>Rosa Icela encabezó la reunión con productores.</p>", True),  # next to another part of her name
    ("<p>Sheinbaum encabezó la reunión con productores.</p>", True),  # a single word that is no Spanish word
])
def test_a_single_common_word_names_an_official_only_by_context(body, named):
    """Issue 22 item 18: 'Rosa', 'Cruz', 'Leal' alone match only with a title or another part of the name."""
    found = {f.rule for f in Auditor(load_rules(), AuditContext((ROSA,))).audit_html(
        "https://www.gob.mx/segob/prensa/1", f"<html><body><main>{body}</main></body></html>").findings}
    assert ("official-name" in found) is named


def test_an_official_marked_exact_is_found_by_a_common_word_alone():
    exact = Official(ROSA.name, ROSA.position, ROSA.jurisdiction, ROSA.aliases, exact=True)
    html = "<html><body><main><p>La Cruz Roja entrega una rosa a cada donante.</p></main></body></html>"
    found = Auditor(load_rules(), AuditContext((exact,))).audit_html("https://www.gob.mx/segob/prensa/1", html)
    assert [f.evidence for f in found.findings if f.rule == "official-name"] == ["rosa"]


def test_a_separator_before_a_period_of_years_keeps_the_brand_whole():
    """'Saltillo Firme · 2024-2027': a dot or bar ends a sentence, except before a period of years, which belongs to
    what precedes it (an administration's brand stamped with its period)."""
    from blindaje.audit.text import sentences

    text = "Saltillo Firme · 2024-2027 | Aviso de privacidad • Mapa del sitio"
    assert [text[a:b].strip(" ·|•") for a, b in sentences(text)] == [
        "Saltillo Firme · 2024-2027", "Aviso de privacidad", "Mapa del sitio"]
