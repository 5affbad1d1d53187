"""Spanish government prose for the synthetic portals: sentences composed from templates and word lists, seeded.

The vocabulary is service information (what, where, when, requirements), so ordinary pages stay clean and the
audit's findings come from the violations the generator plants. Verbs the achievement rule counts (entregar,
beneficiar, llevar, mejorar, realizar, atender…) are left out on purpose.
"""
from __future__ import annotations

import random
import re

ENTITIES = [
    "La Secretaría de Desarrollo Rural", "El Instituto Estatal de las Mujeres", "La Dirección de Protección Civil",
    "La Secretaría de Salud", "La Coordinación de Becas", "El Sistema para el Desarrollo Integral de la Familia",
    "La Comisión Estatal del Agua", "La Secretaría de Movilidad", "El Instituto de la Juventud",
    "La Procuraduría de Protección de Niñas, Niños y Adolescentes", "La Dirección de Catastro",
    "La Tesorería municipal", "El Registro Civil", "La Secretaría de Economía y Turismo",
    "La Unidad de Transparencia", "La Dirección de Ecología", "El Instituto del Deporte",
    "La Secretaría de Cultura", "La Junta de Agua Potable", "El Centro Estatal de Trasplantes",
    "La Oficialía Mayor", "La Contraloría interna", "El Consejo Estatal de Población", "La Defensoría Pública",
]
VERBS_INFO = [
    "informa a la población que", "hace del conocimiento de la ciudadanía que", "comunica que", "recuerda que",
    "precisa que", "da a conocer que", "aclara que", "notifica que", "señala que", "advierte que",
]
TOPICS = [
    "el periodo de inscripción al programa de becas de nivel medio superior",
    "la recepción de solicitudes para el seguro de desempleo temporal",
    "el calendario de verificación vehicular del segundo semestre",
    "la campaña de esterilización gratuita de perros y gatos",
    "el registro de productores para el ciclo agrícola primavera-verano",
    "la renovación de licencias de conducir con vigencia vencida",
    "la jornada de regularización de actas de nacimiento",
    "el trámite de la credencial de discapacidad",
    "la consulta pública del reglamento de tránsito",
    "la suspensión temporal del suministro de agua en el sector oriente",
    "el pago anticipado del impuesto predial",
    "la convocatoria al concurso estatal de oratoria",
    "el cambio de domicilio de la oficina de atención al contribuyente",
    "la actualización del padrón de comerciantes en vía pública",
    "los cursos de verano en bibliotecas públicas",
    "la temporada de incendios forestales",
    "la vacunación antirrábica en centros de salud",
    "el programa de descuentos para personas adultas mayores",
    "la revisión de instalaciones de gas en escuelas",
    "el cierre parcial de la avenida principal por trabajos de mantenimiento",
    "las tarifas del transporte público vigentes",
    "los horarios especiales durante el periodo vacacional",
    "la solicitud de constancias de no adeudo",
    "el padrón de proveedores del gobierno municipal",
    "los requisitos para la expedición del pasaporte de mascotas",
    "la inscripción a talleres de artes y oficios",
    "la recepción de propuestas para el presupuesto participativo",
    "el protocolo de actuación ante sismos en edificios públicos",
]
PLACES = [
    "Saltillo", "Torreón", "Monclova", "Piedras Negras", "Acuña", "Sabinas", "Parras de la Fuente", "Ramos Arizpe",
    "Arteaga", "San Pedro", "Francisco I. Madero", "Matamoros", "Frontera", "Múzquiz", "Nava", "Allende",
    "Cuatro Ciénegas", "General Cepeda", "Viesca", "Ocampo", "Castaños", "Zaragoza", "Jiménez", "Guerrero",
]
SITES = [
    "la explanada de la presidencia municipal", "el auditorio de la casa de la cultura", "el gimnasio municipal",
    "la biblioteca pública central", "el centro comunitario de la colonia Bellavista", "la plaza de armas",
    "las oficinas de la calle Hidalgo número 310", "el módulo instalado en el mercado Juárez",
    "la unidad deportiva norte", "el salón ejidal de San Isidro", "el centro de salud urbano",
    "la escuela primaria Benito Juárez", "el parque Las Maravillas", "la clínica del ISSSTE",
    "la delegación de la zona sur", "el centro de convenciones",
]
GROUPS = [
    "personas adultas mayores", "mujeres jefas de familia", "productores de temporal", "estudiantes de secundaria",
    "jóvenes de 18 a 29 años", "personas con discapacidad", "pequeños comerciantes", "familias de zonas rurales",
    "trabajadores eventuales", "madres y padres de familia", "pescadores ribereños", "personas migrantes en retorno",
    "artesanas y artesanos", "cuidadoras de personas dependientes", "deportistas de alto rendimiento",
]
PROGRAMS = [
    "Becas para la Permanencia Escolar", "Vivienda Rural Digna", "Seguro de Desempleo Temporal",
    "Comedores Escolares", "Red de Cuidadoras", "Semilla Certificada", "Cultura en tu Colonia",
    "Proyectos Productivos para Mujeres", "Credencial de Discapacidad", "Salud Visual Escolar",
    "Jornadas de Servicios Comunitarios", "Empleo Temporal", "Agua Limpia en tu Escuela",
]
DOCUMENTS = [
    "identificación oficial vigente", "CURP actualizada", "comprobante de domicilio no mayor a tres meses",
    "acta de nacimiento", "constancia de estudios", "dos fotografías tamaño infantil", "RFC con homoclave",
    "formato de solicitud debidamente llenado", "constancia de situación fiscal", "carta de no antecedentes penales",
    "certificado médico expedido por institución pública", "título de propiedad o contrato de arrendamiento",
]
CHANNELS = [
    "el portal institucional", "la ventanilla única de trámites", "las redes sociales oficiales de la dependencia",
    "el tablero de avisos de cada oficina", "el Periódico Oficial del Estado", "la línea de atención ciudadana",
    "el correo electrónico de la unidad responsable", "los módulos de información",
]
RISKS = [
    "las lluvias intensas", "la onda de calor", "las heladas", "los vientos fuertes", "los incendios de pastizales",
    "la temporada de huracanes", "las tolvaneras", "el descenso de temperatura",
]
ADVICE = [
    "mantenerse hidratado y evitar la exposición al sol entre las 11:00 y las 16:00 horas",
    "no cruzar arroyos ni vados cuando haya corriente", "revisar las conexiones de gas antes de encender calentadores",
    "tener a la mano una mochila de emergencia con documentos y medicamentos",
    "seguir únicamente la información de fuentes oficiales", "no quemar basura ni hierba seca",
    "abrigar a niñas, niños y personas adultas mayores", "retirar objetos sueltos de azoteas y patios",
    "ubicar el refugio temporal más cercano a su domicilio", "evitar el uso de braseros en espacios cerrados",
]
NORMS = [
    "el artículo 23 de la Ley de Transparencia y Acceso a la Información Pública",
    "los lineamientos de operación publicados en el Periódico Oficial",
    "el Reglamento Interior de la dependencia", "la Ley de Ingresos del ejercicio fiscal vigente",
    "el Código Municipal", "la Ley General de Protección Civil", "la Norma Oficial Mexicana aplicable",
    "el acuerdo de cabildo correspondiente", "la Ley de Procedimiento Administrativo",
]
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


def _fixed(seed: int, count: int, make) -> list[str]:
    """`count` values made once from their own seed: every slot is then a list, picked by one random() call."""
    rnd = random.Random(seed)
    return [make(rnd) for _ in range(count)]


DATES = [f"{d} de {m} de {y}" for y in (2026, 2027) for m in MONTHS for d in range(1, 29)]
HOURS = [f"{a}:00 a {b}:{m} horas" for a in range(8, 12) for b in range(13, 20) for m in ("00", "30")]
DAY_RANGES = ["lunes a viernes", "lunes a sábado", "martes a sábado", "lunes a jueves", "miércoles a viernes"]
PHONES = _fixed(1, 300, lambda r: f"{r.choice((844, 871, 866, 878))} {r.randrange(100, 999)} {r.randrange(1000, 9999)}")
AMOUNTS = _fixed(2, 300, lambda r: f"${r.randrange(1, 40)},{r.randrange(0, 999):03d}.00")
FOLIOS = _fixed(3, 300, lambda r: f"{r.choice(('SDR', 'DPC', 'UT', 'TM', 'RC'))}/{r.randrange(1, 999):03d}/"
                                 f"{r.choice((2026, 2027))}")

SLOTS = {
    "ent": ENTITIES, "info": VERBS_INFO, "topic": TOPICS, "place": PLACES, "site": SITES, "group": GROUPS,
    "program": PROGRAMS, "doc": DOCUMENTS, "channel": CHANNELS, "risk": RISKS, "advice": ADVICE, "norm": NORMS,
    "days_range": DAY_RANGES, "date": DATES, "hours": HOURS, "phone": PHONES, "amount": AMOUNTS, "folio": FOLIOS,
    "days": [str(n) for n in range(3, 46)],
}

# Sentences by the kind of page they belong to; "any" sentences fit every kind.
SENTENCES = {
    "boletin": [
        "{ent} {info} {topic} comienza el {date} en {place}.",
        "{ent} {info} la información sobre {topic} puede consultarse en {channel}.",
        "Las personas interesadas podrán acudir a {site}, en {place}, de {days_range} en horario de {hours}.",
        ("De acuerdo con la titular del área, la información de {topic} se publica con anticipación para que las "
         "familias organicen sus tiempos."),
        "El aviso completo, con número de oficio {folio}, está disponible en {channel}.",
        "Para cualquier aclaración, la población puede comunicarse al teléfono {phone}, extensión {days}.",
        "{ent} pide a la ciudadanía verificar que los avisos provengan de {channel}.",
        "La dependencia explicó que el trámite es personal y que ningún intermediario puede cobrar por él.",
        "En {place} la información también se difunde por medio de carteles en {site}.",
    ],
    "aviso": [
        "Con fundamento en {norm}, se informa que el {date} no habrá servicio en {site}.",
        "Las oficinas de {place} funcionarán con horario especial, de {hours}, durante la semana del {date}.",
        "Los plazos que vencen en días inhábiles pasan al día hábil siguiente, conforme a {norm}.",
        "Se recomienda a las personas usuarias tomar precauciones y consultar las rutas alternas en {channel}.",
        "El aviso número {folio} sustituye al publicado el {date}.",
        "Durante el cierre, la circulación se desvía por las calles aledañas a {site}.",
        "Las citas programadas para ese día se reagendan sin costo; la nueva fecha se comunica por {channel}.",
        "La suspensión no afecta la recepción de documentos en {site}, que sigue disponible de {hours}.",
    ],
    "programa": [
        "El programa {program} está dirigido a {group} que residen en {place} y municipios vecinos.",
        "Su objetivo es que {group} cuenten con información y orientación oportuna sobre {topic}.",
        "Para solicitar la ayuda se requiere {doc}, {doc} y {doc}.",
        "El monto de la ayuda económica es de {amount} por única ocasión, según {norm}.",
        "La solicitud se presenta en {site} o en línea a través de {channel}.",
        ("Los resultados se publican en {channel} dentro de los {days} días hábiles siguientes al cierre de la "
         "convocatoria."),
        "Las reglas de operación del programa {program} pueden descargarse en formato PDF desde {channel}.",
        ("Ninguna persona servidora pública puede condicionar el trámite; cualquier irregularidad puede denunciarse "
         "al {phone}."),
        ("El programa {program} es público, ajeno a cualquier partido político; queda prohibido su uso con fines "
         "distintos a los establecidos."),
    ],
    "proteccion": [
        "Ante {risk} previstos para los próximos {days} días, {ent} recomienda {advice}.",
        "En caso de emergencia, la población debe llamar al 911 y {advice}.",
        "Los refugios temporales de {place} se ubican en {site} y en {site}.",
        "El pronóstico indica {risk} a partir del {date}, con mayor intensidad en la región de {place}.",
        "Es importante {advice}, sobre todo en viviendas con techos de lámina.",
        "Las escuelas de {place} siguen el protocolo publicado en {channel}.",
    ],
    "transparencia": [
        "En cumplimiento de {norm}, se publica la información del trimestre con corte al {date}.",
        "Las solicitudes de acceso a la información pueden presentarse por {channel} o por escrito en {site}.",
        "El plazo de respuesta es de {days} días hábiles, prorrogable en los casos que prevé {norm}.",
        "La información de contratos y convenios está disponible en formato abierto en {channel}.",
        "El acta de la sesión ordinaria del comité se identifica con el folio {folio}.",
        "Los datos personales recabados se protegen conforme a {norm} y al aviso de privacidad integral.",
    ],
    "any": [
        "La atención es gratuita y no requiere intermediarios.",
        "Las personas interesadas deberán presentar {doc} y {doc}.",
        "El horario de atención es de {days_range}, de {hours}.",
        "Para dudas, comunícate al teléfono {phone} o consulta {channel}.",
        "La información publicada en {channel} es la única válida para este trámite.",
        "El aviso de privacidad puede consultarse en {site} y en {channel}.",
        "Con el fin de evitar aglomeraciones, se pide acudir según la letra inicial del primer apellido.",
        "La fecha límite para presentar la documentación es el {date}.",
        "{ent} {info} el formato puede descargarse e imprimirse sin costo.",
    ],
}
TITLES = {
    "boletin": ["{ent} informa sobre {topic}", "Aviso sobre {topic} en {place}", "Información de {topic}"],
    "aviso": ["Aviso: horario especial en {place}", "Cierre temporal en {site}", "Aviso {folio}"],
    "programa": ["Programa {program}", "{program}: requisitos y registro", "Convocatoria {program}"],
    "proteccion": ["Recomendaciones ante {risk}", "Protección civil: {risk} en {place}"],
    "transparencia": ["Obligaciones de transparencia del trimestre", "Acceso a la información: acta {folio}"],
}
SUBHEADINGS = ["Requisitos", "Dónde y cuándo", "Información adicional", "Procedimiento", "Recomendaciones",
               "Fundamento legal", "Contacto", "Preguntas frecuentes", "Calendario"]
KINDS = list(TITLES)

Template = tuple  # ((literal, slot values, len(values)), ...), closing literal


def _compile(text: str) -> Template:
    parts = re.split(r"\{(\w+)\}", text)
    slots = tuple((parts[i], SLOTS[parts[i + 1]], len(SLOTS[parts[i + 1]])) for i in range(0, len(parts) - 1, 2))
    return slots, parts[-1]


_SENTENCES = {kind: [_compile(s) for s in pool] for kind, pool in SENTENCES.items()}
_POOLS = {kind: _SENTENCES[kind] * 2 + _SENTENCES["any"] for kind in KINDS}  # the kind's own sentences weigh double
_TITLES = {kind: [_compile(s) for s in pool] for kind, pool in TITLES.items()}


def render(rnd: random.Random, template: Template) -> str:
    r = rnd.random
    parts, tail = template
    return "".join([literal + values[int(r() * n)] for literal, values, n in parts]) + tail


def title(rnd: random.Random, kind: str) -> str:
    return render(rnd, rnd.choice(_TITLES[kind]))


def paragraph(rnd: random.Random, kind: str, sentences: int) -> str:
    pool = _POOLS[kind]
    text = " ".join(render(rnd, pool[int(rnd.random() * len(pool))]) for _ in range(sentences))
    return text.replace(" a el ", " al ").replace(" de el ", " del ")


def body(rnd: random.Random, kind: str, *, min_bytes: int = 0, min_words: int = 0) -> tuple[list[str], int, int]:
    """HTML blocks (paragraphs, a few subheadings and requirement lists) until both minimums are reached; returns
    the blocks, their text's UTF-8 bytes and words."""
    blocks, size, words = [], 0, 0
    while size < min_bytes or words < min_words:  # words: spaces + 1, as the prose has single spaces
        if blocks and rnd.random() < 0.15:
            head = rnd.choice(SUBHEADINGS)
            blocks.append(f"<h2>{head}</h2>")
            size, words = size + len(head.encode()), words + len(head.split())
        if rnd.random() < 0.1:
            items = rnd.sample(DOCUMENTS, rnd.randrange(3, 6))
            blocks.append("<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>")
            size += sum(len(x.encode()) for x in items)
            words += sum(len(x.split()) for x in items)
        text = paragraph(rnd, kind, 3 + int(rnd.random() * 4))
        blocks.append(f"<p>{text}</p>")
        size, words = size + len(text.encode()), words + text.count(" ") + 1
    return blocks, size, words
