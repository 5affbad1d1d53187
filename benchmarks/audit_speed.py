"""The audit's cost on text-heavy pages: ms per page (median of 3 runs) and `re` searches run by the rule patterns.

Usage: python benchmarks/audit_speed.py [--pages 200]
Pages are built here: 15-35 KB of Spanish prose composed from word lists, with officials' names, boasts, party
names and service vocabulary sprinkled in so that every check has work to do.
"""
from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from blindaje.audit import AuditContext, Auditor  # noqa: E402
from blindaje.audit.document import parse  # noqa: E402
from blindaje.audit.loader import load_rules  # noqa: E402
from blindaje.audit import text as text_module  # noqa: E402
from benchmarks.accuracy import officials  # noqa: E402

SUBJECTS = ["La biblioteca pública", "El comité vecinal", "La comunidad escolar", "El museo regional", "La plaza",
            "El mercado de artesanías", "Las familias de la colonia", "El río", "La temporada de lluvias",
            "El grupo de lectura", "Los productores de maíz", "La oficina de turismo", "La parroquia", "El taller",
            "Los estudiantes de la secundaria", "La orquesta juvenil", "El parque ecológico", "La cooperativa",
            "El centro comunitario", "La feria del libro", "El servicio de limpia", "El consejo consultivo"]
VERBS = ["recibe", "conserva", "reúne", "ofrece", "mantiene", "recorre", "presenta", "abre", "celebra", "comparte",
         "organiza", "visita", "describe", "muestra", "acompaña", "prepara", "cuida", "recuerda",
         "publica", "invita a"]
OBJECTS = ["a los visitantes", "una colección de fotografías antiguas", "el calendario de actividades",
           "la memoria del pueblo",
           "los talleres de lectura en voz alta", "a los vecinos del barrio", "un recorrido por las calles empedradas",
           "las tradiciones de la región", "el mapa de rutas de transporte", "la exposición de textiles",
           "un programa de conciertos", "las recetas de la cocina tradicional", "la convocatoria del concurso",
           "el reglamento de uso de espacios", "un catálogo de plantas medicinales", "las normas de convivencia"]
TAILS = ["en la cabecera municipal", "durante el fin de semana", "con apoyo de voluntarios", "a partir del lunes",
         "de lunes a viernes de 9 a 15 horas", "según el reglamento vigente", "como cada año", "en la colonia Centro",
         "sin costo para la población", "en el Centro Histórico", "bajo la lluvia de septiembre", "junto al río",
         "desde temprano", "con música de banda", "al pie de la sierra", "entre jacarandas y fresnos",
         "con la participación de artesanos locales", "mientras cae la tarde", "frente al kiosco"]
# What the checks look for: a few sentences in twenty.
SIGNALS = ["El gobierno municipal entregó 1,200 despensas a familias de la sierra.",
           "Por primera vez en su historia, el hospital cuenta con un tomógrafo.",
           "La secretaria Montiel inauguró el comedor comunitario.",
           "El gobernador Jorge Treviño encabezó la entrega de becas.",
           "Gracias al gobierno del estado, ya son más de 3 mil las viviendas con agua potable.",
           "Inauguramos la nueva unidad deportiva con una inversión de 12 millones de pesos.",
           "Representantes del PRI y del PAN acudieron a la sesión de cabildo.",
           "La Cuarta Transformación llegó a cada rincón del municipio.",
           "En esta administración se pavimentaron 40 calles.",
           "El programa beneficia a 4,325 mujeres jefas de familia."]
FILLERS = ["Los interesados deberán presentar identificación oficial y CURP.", "La entrada es libre.",
           "Para mayores informes comuníquese a la extensión 2104.", "El horario puede cambiar sin previo aviso.",
           "Se recomienda llegar con anticipación.", "Consulte las bases en la ventanilla única.",
           "La actividad forma parte del calendario cultural.", "El edificio data de 1887 y fue restaurado en 1965."]
HEADINGS = ["Avisos", "Programa de actividades", "Historia del municipio", "Convocatoria", "Recorridos", "Servicios",
            "Noticias", "Comunicado", "Eventos culturales", "Preguntas frecuentes", "Nuestra gente", "Tradiciones"]


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(SIGNALS)
    if roll < 0.2:
        return rng.choice(FILLERS)
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def page(rng: random.Random) -> str:
    size = rng.randint(15_000, 35_000)
    parts = [f"<html><head><title>{rng.choice(HEADINGS)} | Portal municipal</title></head><body>",
             f"<h1>{rng.choice(HEADINGS)}</h1>"]
    length = 0
    while length < size:
        if rng.random() < 0.1:
            parts.append(f"<h2>{rng.choice(HEADINGS)}</h2>")
        if rng.random() < 0.15:
            items = "".join(f"<li>{sentence(rng)}</li>" for _ in range(rng.randint(2, 6)))
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + " ".join(sentence(rng) for _ in range(rng.randint(2, 8))) + "</p>")
        length += len(parts[-1])
    parts.append("</body></html>")
    return "".join(parts)


class Counted:
    """A compiled pattern that counts the searches run through it."""

    calls = 0

    def __init__(self, regex):
        self.regex = regex
        self.pattern = regex.pattern

    def search(self, *args):
        Counted.calls += 1
        return self.regex.search(*args)

    def finditer(self, *args):
        Counted.calls += 1
        return self.regex.finditer(*args)


def count_searches() -> None:
    """Route every rule pattern's `re` searches through a counter (PatternSet.regexes: the layout before the shared
    prefilter, so that the script measures older commits too)."""
    kinds = tuple(getattr(text_module, name) for name in ("Prefiltered", "PatternSet") if hasattr(text_module, name))
    for obj in gc.get_objects():
        if not isinstance(obj, kinds):
            continue
        if hasattr(obj, "regex"):
            obj.regex = Counted(obj.regex)
        if isinstance(getattr(obj, "regexes", None), list):
            obj.regexes = [Counted(r) for r in obj.regexes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(16)
    pages = [page(rng) for _ in range(args.pages)]
    docs = [parse(f"https://portal.gob.mx/noticias/{i}", html) for i, html in enumerate(pages)]
    auditor = Auditor(load_rules(), AuditContext(officials(ROOT / "benchmarks" / "corpus" / "officials.yaml")))
    runs, findings = [], 0
    for _ in range(3):
        started = time.process_time()  # CPU time: the benchmark shares its cores with other work
        results = [auditor.audit_document(doc) for doc in docs]
        runs.append((time.process_time() - started) * 1000 / len(docs))
        findings = sum(len(r.findings) for r in results)
    count_searches()
    for doc in docs:
        auditor.audit_document(doc)
    kb = statistics.mean(len(p) for p in pages) / 1000
    print(f"{len(docs)} pages, {kb:.1f} KB of HTML on average, {findings} findings")
    print(f"audit_document: {statistics.median(runs):.1f} ms/page of CPU time (median of 3: "
          + ", ".join(f"{r:.1f}" for r in runs) + ")")
    print(f"re searches by rule patterns: {Counted.calls} ({Counted.calls / len(docs):.0f} per page)")


if __name__ == "__main__":
    main()
