"""Writes the labelled social-media corpus under benchmarks/social/ (issue 19).

Every post and reply below was written by hand for this corpus, independently of the
project's rules (which were not read). Run: python3 benchmarks/social/generate.py
It rewrites exports/, malformed/ and labels.yaml, then checks them (see check()).
Standard library + PyYAML only.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
import zlib
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

HERE = Path(__file__).resolve().parent
EXPORTS = HERE / "exports"
MALFORMED = HERE / "malformed"
MX = ZoneInfo("America/Mexico_City")

N, I, A, P, M, O = ("official-name", "official-image", "achievement-language", "propaganda",
                    "media-review", "offensive-reply")

# ─────────────────────────── calendar: which dates are inside a veda ───────────────────────────
_cal = yaml.safe_load((HERE / "config" / "calendar.yaml").read_text(encoding="utf-8"))
_WINDOWS = [(set(p["applies_to"]), p["blackout_start"], p["blackout_end"]) for p in _cal["processes"]]


def in_veda(jurisdiction: str, day: date) -> bool:
    strict = any(("all" in ap or jurisdiction in ap or (jurisdiction == "federal" and "federal" in ap))
                 and s <= day <= e for ap, s, e in _WINDOWS)
    if jurisdiction == "federal":
        # federal accounts also follow any state's blackout (settings.yaml default): the corpus
        # avoids dates where the two readings differ, so the label does not depend on the setting.
        loose = any(s <= day <= e for ap, s, e in _WINDOWS)
        assert strict == loose, f"ambiguous federal date {day}"
    return strict


def local(ts: str) -> datetime:
    return datetime.strptime(ts, "%Y-%m-%d %H:%M:%S" if ts.count(":") == 2 else "%Y-%m-%d %H:%M").replace(tzinfo=MX)


# ───────────────────────────── the accounts and what they posted ─────────────────────────────
# item: (local time America/Mexico_City, kind, text, rules, note, options)
#   kind "post" | "thread" (post replying to the previous post of the account) | "reply" (to a citizen)
#   options: media=photo|video, file=<file name of the photo>, to=<citizen handle>, share=<url>

BIENESTAR = [
    ("2027-01-12 10:05", "post", "Calendario de pagos de enero de la Pensión para el Bienestar de las Personas Adultas Mayores: el depósito se hace según la primera letra de tu apellido. Consulta tu fecha en gob.mx/bienestar", [], "", {"media": "photo"}),
    ("2027-01-20 18:40", "post", "¡Cumplimos! Este año más de 12 millones de personas adultas mayores reciben su pensión, una cifra histórica. 💪", [A], "boast outside the veda", {}),
    ("2027-02-03 09:15", "post", "Si cumples 65 años este bimestre, acude a tu Módulo de Bienestar con INE, CURP y comprobante de domicilio para registrarte.", [], "'cumples 65 años' is age, not a boast", {}),
    ("2027-02-10 12:00", "post", "Por el bien de todos, primero los pobres. Así trabajamos en la #CuartaTransformación", [P], "slogan outside the veda", {}),
    ("2027-02-17 16:30", "post", "Ubica tu Módulo de Bienestar más cercano y su horario de atención en el mapa: gob.mx/bienestar/modulos", [], "", {}),
    ("2027-02-24 11:10", "post", "La secretaria Renata Ibarra inauguró en Oaxaca la sucursal 3 mil del Banco del Bienestar; nunca antes hubo tantas sucursales.", [N, A], "name + boast outside the veda", {"media": "photo"}),
    ("2027-04-13 10:00", "post", "Hilo 🧵 Cómo registrarte a la Pensión Mujeres Bienestar (1/3)", [], "thread 1/3", {}),
    ("2027-04-13 10:02", "thread", "Requisitos: identificación oficial, CURP actualizada y comprobante de domicilio no mayor a tres meses. Tener de 60 a 64 años. (2/3)", [], "thread 2/3", {}),
    ("2027-04-13 10:04", "thread", "Y gracias a la Presidenta ya son más de 2 millones de mujeres beneficiadas, ¡un logro sin precedentes! (3/3)", [A], "boast in 3rd post of thread (self-replies)", {}),
    ("2027-04-05 09:00", "post", "Aviso: en cumplimiento del artículo 41 constitucional, durante las campañas esta cuenta sólo difunde información de servicios, salud y protección civil.", [], "blackout notice", {}),
    ("2027-04-06 12:30", "post", "Hoy @RenataIbarraMx encabezó la entrega de tarjetas del Bienestar en Tlaxcala: más de 8 mil familias ya cobran su apoyo.", [N, A], "official named only by @handle", {"media": "photo"}),
    ("2027-04-08 10:00", "post", "¿Perdiste tu tarjeta del Bienestar? Repórtala al 800 900 2000 (línea gratuita) y solicita la reposición en tu sucursal del Banco del Bienestar.", [], "", {}),
    ("2027-04-09 17:45", "post", "Consulta los requisitos de la Beca Rita Cetina en gob.mx/becas #SegundoPisoDeLaTransformación", [P], "slogan only as CamelCase hashtag", {}),
    ("2027-04-11 19:20", "post", "🎉🎉🎉 ¡LO LOGRAMOS! 🙌🔥 ✅ 1 millón de becas entregadas 🇲🇽💯 💪💪 #PalabraCumplida", [A], "emoji-heavy boast", {}),
    ("2027-04-14 08:30", "post", "RT @INEMexico: Si tu Credencial para Votar venció, acude a tu módulo de atención ciudadana antes del 10 de mayo. Consulta horarios en ine.mx", [], "electoral authority's post shared neutrally (retweet)", {}),
    ("2027-04-15 13:00", "post", "Mensaje sobre el nuevo calendario de pagos de mayo 🎥", [M], "video", {"media": "video"}),
    ("2027-04-16 09:40", "post", "Comedores comunitarios: el menú de esta semana incluye frijoles, arroz, fruta y pan integral. Horario de 13:00 a 16:00 h.", [], "'pan' is bread", {}),
    ("2027-04-18 11:00", "post", "Este 6 de junio sal a votar para que los programas sociales sigan. No permitamos que regrese el PRIAN.", [P], "call to vote", {}),
    ("2027-04-20 10:10", "post", "Jóvenes Construyendo el Futuro: la convocatoria de registro para centros de trabajo está abierta hasta el 30 de abril. Requisitos en jovenesconstruyendoelfuturo.stps.gob.mx", [], "programme name in a neutral notice", {}),
    ("2027-04-22 16:00", "post", "La Presidenta Claudia Sheinbaum cumplió: ya llegan las pensiones a cada rincón del país.", [N, A], "", {}),
    ("2027-04-24 12:00", "post", "Por mantenimiento, el sistema de citas en línea no estará disponible el sábado de 00:00 a 06:00 h. Disculpa las molestias.", [], "", {}),
    ("2027-04-27 09:30", "post", "#AlertaAmber Ayúdanos a localizar a Daniela, 15 años. Tez morena, cabello castaño, 1.55 m. Vista por última vez en Iztapalapa. Si tienes información llama al 911.", [], "'morena' is a skin colour", {"media": "photo"}),
    ("2027-04-29 18:00", "post", "Horarios de atención de los Módulos de Bienestar durante el puente del 1 de mayo. #EsTiempoDeMujeres", [P], "slogan only as CamelCase hashtag", {}),
    ("2027-05-02 10:00", "post", "Mira cómo construimos 150 sucursales del Banco del Bienestar en un año récord", [A, M], "boast + video", {"media": "video"}),
    ("2027-05-04 11:20", "post", "Pensión para el Bienestar de las Personas con Discapacidad: si tu hijo o hija tiene de 0 a 29 años, regístralo en tu módulo con acta de nacimiento y certificado médico.", [], "", {}),
    ("2027-05-06 14:30", "post", "Cuidado con fraudes: ningún servidor público puede pedirte dinero ni tu NIP para inscribirte a un programa. Denuncia al 800 714 8340.", [], "", {}),
    ("2027-05-08 09:00", "post", "Acompaña a @Claudiashein este domingo en el Zócalo. #HumanismoMexicano", [N, P], "official only by @handle + slogan hashtag", {}),
    ("2027-05-11 10:00", "post", "Si tu tarjeta tiene el chip verde, ya puedes usarla en cualquier cajero del Banco del Bienestar sin costo.", [], "'verde' is a colour", {}),
    ("2027-05-13 12:45", "post", "Recuerda: los programas sociales son tuyos por derecho. Nadie puede condicionarlos ni pedirte tu voto o tu credencial a cambio.", [], "blindaje notice mentioning the vote", {}),
    ("2027-05-15 19:00", "post", "🏆🇲🇽 Récord histórico 📈📈 ¡3 de cada 4 hogares reciben al menos un programa! 👏👏👏 🥳", [A], "emoji-heavy boast", {}),
    ("2027-05-18 09:15", "post", "Becas Benito Juárez: el pago del bimestre mayo-junio se deposita del 19 al 30 de mayo. No necesitas hacer fila el primer día.", [], "", {}),
    ("2027-05-21 16:20", "post", "Morena y sus aliados hicieron posible la pensión universal. ¡Que siga la transformación!", [P], "party name", {}),
    ("2027-05-25 10:30", "post", "Ola de calor: si eres adulto mayor, toma agua aunque no tengas sed, evita salir entre 12:00 y 17:00 h y usa ropa ligera.", [], "health", {}),
    ("2027-05-28 12:00", "post", "Información del @INEMexico sobre la ubicación de casillas para el 6 de junio: consúltala en ubicatucasilla.ine.mx", [], "electoral authority's post quoted neutrally (quote tweet)", {"share": "https://x.com/INEMexico/status/1795012345678901234"}),
    ("2027-06-01 09:00", "post", "Las sucursales del Banco del Bienestar cerrarán el domingo 6 de junio y reabren el lunes 7 en horario normal.", [], "election-day closure notice", {}),
    ("2027-06-03 17:00", "post", "Gracias al subsecretario Jacobo Landa, 500 nuevas sucursales ya son una realidad.", [N, A], "", {}),
    ("2027-06-06 20:30", "post", "Nunca antes tantas familias recibieron apoyo directo. ¡Lo prometimos y lo cumplimos!", [A], "last evening of the veda: UTC date is 2027-06-07, Mexico City date 2027-06-06 (inside)", {}),
    ("2027-06-07 00:40", "post", "Compromiso cumplido: por primera vez en la historia la pensión llega a todas las comunidades indígenas.", [A], "just after the window (Mexico City 2027-06-07 00:40)", {}),
    ("2027-06-07 10:00", "post", "Reanudamos la atención en los Módulos de Bienestar. Agenda tu cita en gob.mx/bienestar/citas.", [], "", {}),
    ("2027-06-10 11:00", "post", "#NoMentirNoRobarNoTraicionar es nuestra guía. Consulta el padrón de beneficiarios en datos abiertos.", [P], "slogan only as CamelCase hashtag, outside the veda", {}),
    ("2027-06-12 09:00", "post", "Transparencia: publicamos el padrón de beneficiarios del primer bimestre en datos.gob.mx, con montos por municipio.", [], "transparency", {}),
    ("2027-06-15 10:00", "post", "Tutorial en video: cómo activar tu tarjeta del Bienestar", [M], "video outside the veda", {"media": "video"}),
    ("2027-04-30 10:00", "post", "Día de la Niña y del Niño: en los módulos habrá juegos y pan dulce para las familias que acudan a su cita.", [], "'pan' is bread", {}),
    ("2027-05-20 09:00", "post", "Comedores comunitarios: preparamos la comida del día sin conservadores ni colorantes artificiales.", [], "'conservadores' are food preservatives", {}),
    ("2027-04-25 15:00", "post", "Recuerda que la Pensión Mujeres Bienestar es bimestral: 3 mil pesos cada dos meses.", [], "", {}),
    # replies by the account to citizens
    ("2027-04-10 11:00", "reply", "@lupita_mx Hola, Lupita. Puedes consultar el estatus de tu registro con tu CURP en gob.mx/bienestar. Si el sistema no muestra datos, acude a tu módulo.", [], "courteous", {"to": "lupita_mx"}),
    ("2027-04-12 13:10", "reply", "@cheche_gdl Ni te molestes en reclamar, fifí. Tú nunca has necesitado una pensión.", [O], "partisan epithet", {"to": "cheche_gdl"}),
    ("2027-04-17 18:25", "reply", "@raul_ortiz77 Eso dicen los traidores a la patria que añoran al PRIAN.", [O, P], "epithet + parties", {"to": "raul_ortiz77"}),
    ("2027-04-19 09:50", "reply", "@mary_vz Entendemos su molestia. Aunque nos llama \"rateros\", con gusto revisamos su caso: envíenos su folio por mensaje directo.", [], "courteous reply quoting the citizen's insult", {"to": "mary_vz"}),
    ("2027-04-23 20:05", "reply", "@don_beto Jajaja qué ignorante, lee la convocatoria antes de opinar 🤡", [O], "insult + mockery", {"to": "don_beto"}),
    ("2027-04-26 10:15", "reply", "@ana_sofia Gracias por avisar. Ya reportamos el cajero fuera de servicio de la sucursal Centro; le avisaremos cuando funcione.", [], "courteous", {"to": "ana_sofia"}),
    ("2027-05-03 17:40", "reply", "@pepe_lr Los conservadores como tú siempre se quejan de todo.", [O], "'conservadores' as insult", {"to": "pepe_lr"}),
    ("2027-05-09 12:00", "reply", "@fer_lomas Su pago se refleja de 24 a 48 horas después del depósito. Si no aparece, llame al 800 900 2000.", [], "courteous", {"to": "fer_lomas"}),
    ("2027-05-16 16:30", "reply", "@luis_mtz Le pedimos evitar palabras como \"chairos\"; aquí atendemos a todas las personas por igual. ¿En qué módulo le negaron la atención?", [], "courteous reply quoting an epithet", {"to": "luis_mtz"}),
    ("2027-05-22 21:45", "reply", "@tere_hdz Cállate, derechairo, aquí no aceptamos mentiras.", [O], "partisan epithet", {"to": "tere_hdz"}),
    ("2027-02-15 22:10", "reply", "@jorge_qro Ay sí, pobrecito fifí, ¿ya no le alcanza para el club de golf? 😂", [O], "mockery outside the veda", {"to": "jorge_qro"}),
    ("2027-06-02 08:20", "reply", "@carmen_pue Con gusto. Los requisitos para la pensión de discapacidad están en gob.mx/bienestar/discapacidad. ¡Saludos!", [], "courteous", {"to": "carmen_pue"}),
]

SALUDNL = [
    ("2027-02-05 10:00", "post", "Campaña de vacunación contra influenza: todavía hay dosis en los centros de salud de Monterrey, Apodaca y Guadalupe. Lleva tu cartilla.", [], "health campaign", {"media": "photo"}),
    ("2027-02-12 12:00", "post", "Por primera vez en la historia de Nuevo León, el Hospital Materno Infantil de Escobedo abre sus puertas. ¡Compromiso cumplido!", [A], "boast outside the veda", {}),
    ("2027-02-20 09:30", "post", "Dengue: elimina cacharros, tapa tinacos y voltea cubetas. Un mosquito nace en cualquier recipiente con agua estancada.", [], "", {}),
    ("2027-02-26 17:00", "post", "El gobernador Mauricio Treviño inauguró la nueva torre médica del Hospital Metropolitano.", [N, A], "outside the veda", {"media": "photo"}),
    ("2027-03-04 22:30", "post", "Rehabilitamos 40 centros de salud en tiempo récord 💪", [A], "Mexico City 2027-03-04 (outside) but UTC 2027-03-05 (first day of the NL window)", {}),
    ("2027-03-05 00:20", "post", "Nuevo León tiene hoy la mejor red de hospitales del país, como nunca antes.", [A], "first minutes of the NL window", {}),
    ("2027-03-10 09:00", "post", "🧵 Ola de calor en Nuevo León: cómo prevenir el golpe de calor (1/4)", [], "thread 1/4", {}),
    ("2027-03-10 09:01", "thread", "Bebe agua cada 20 minutos aunque no tengas sed y evita bebidas azucaradas. (2/4)", [], "thread 2/4", {}),
    ("2027-03-10 09:02", "thread", "Además, gracias a @MauTrevinoNL hoy contamos con 25 nuevas unidades de hidratación, ¡algo nunca visto! (3/4)", [A, N], "boast in 3rd post of thread; official only by @handle", {}),
    ("2027-03-10 09:03", "thread", "Si alguien presenta mareo, piel seca y caliente o confusión, llama al 911 de inmediato. (4/4)", [], "thread 4/4", {}),
    ("2027-03-12 11:00", "post", "Horarios de los centros de salud en Semana Santa. #ElNuevoNuevoLeón", [P], "state brand only as CamelCase hashtag", {}),
    ("2027-03-15 10:00", "post", "Los contenedores verdes de los hospitales son sólo para residuos orgánicos; los rojos, para material biológico-infeccioso.", [], "'verde' is a colour", {}),
    ("2027-03-18 16:00", "post", "Video: la doctora de guardia explica cómo dar primeros auxilios a un bebé que se atraganta.", [M], "video", {"media": "video"}),
    ("2027-03-20 09:00", "post", "Aviso de la Comisión Estatal Electoral Nuevo León: el registro de observadores electorales cierra el 30 de abril. Información en ceenl.mx", [], "electoral authority (OPLE) quoted neutrally", {"share": "https://x.com/CEENL/status/1770123456789012345"}),
    ("2027-03-23 13:00", "post", "🚑🚑🚑 ¡50 ambulancias nuevas! 🙌🙌 Nunca antes 💥💥 #NLcumple ✅✅", [A], "emoji-heavy boast", {}),
    ("2027-03-26 10:00", "post", "Tamiz neonatal gratuito en todos los hospitales del estado. Pregunta por él antes del alta de tu bebé.", [], "", {}),
    ("2027-03-29 12:00", "post", "Vota este 6 de junio por la continuidad del Nuevo Nuevo León. Movimiento Ciudadano cuida tu salud.", [P], "call to vote + party", {}),
    ("2027-04-02 09:00", "post", "Semana de salud bucal: revisión dental sin costo en los centros de salud del 5 al 9 de abril, de 8:00 a 14:00 h.", [], "", {}),
    ("2027-04-06 11:00", "post", "La secretaria Alma Delia Saucedo entregó 10 mil lentes a estudiantes de secundaria.", [N, A], "", {"media": "photo"}),
    ("2027-04-09 10:00", "post", "Desayuno saludable: elige pan integral, fruta de temporada y leche descremada; deja los refrescos para ocasiones especiales.", [], "'pan' is bread", {}),
    ("2027-04-13 15:00", "post", "Suspensión de consultas externas el viernes en el Centro de Salud San Nicolás por fumigación. Urgencias funciona con normalidad.", [], "", {}),
    ("2027-04-19 10:00", "post", "Mensaje de la secretaria Alma Saucedo sobre la vacunación escolar", [M, N], "video captioned with the official's name", {"media": "video"}),
    ("2027-04-25 09:00", "post", "Protege tu piel: las personas de piel morena también necesitan bloqueador solar con FPS 30 o más.", [], "'morena' is a skin colour", {}),
    ("2027-04-29 12:00", "post", "Hemos reducido 40% la mortalidad materna en lo que va de la administración.", [A], "", {}),
    ("2027-05-05 10:00", "post", "Citas para mastografía gratuita: agenda por WhatsApp al 81 2020 6000. Mujeres de 40 a 69 años.", [], "health", {}),
    ("2027-05-12 09:00", "post", "Día de la Enfermería: gracias a cada enfermera y enfermero que cuida a las familias nuevoleonesas.", [], "'gracias a' thanking nurses, not a boast", {}),
    ("2027-05-19 11:00", "post", "El PAN y el PRI votaron contra el presupuesto de salud; @MauTrevinoNL no se rinde.", [P, N], "parties + official only by @handle", {}),
    ("2027-06-06 23:00", "post", "Los hospitales públicos trabajaron con normalidad durante la jornada. Urgencias siempre abiertas.", [], "inside the veda (Mexico City 2027-06-06; UTC 2027-06-07)", {}),
    ("2027-06-08 10:00", "post", "¡Lo logramos! Nuevo León es primer lugar nacional en vacunación infantil.", [A], "outside the veda", {}),
    ("2027-06-14 09:00", "post", "Reanudamos la vacunación casa por casa en Monterrey. Consulta el calendario por colonia en salud.nl.gob.mx", [], "", {}),
    ("2027-03-08 12:30", "reply", "@karla_mty Hola, Karla: el Centro de Salud de Apodaca atiende de 7:00 a 19:00 h. Lleve su carnet.", [], "courteous", {"to": "karla_mty"}),
    ("2027-03-14 19:00", "reply", "@robertomtz Qué oso tu comentario, mejor ve a llorar con tus amigos de Morena 🤣", [O, P], "mockery + party", {"to": "robertomtz"}),
    ("2027-03-22 10:40", "reply", "@nl_vecina Lamentamos lo ocurrido. Aunque escribe que somos \"unos inútiles\", queremos ayudarle: ¿en qué hospital fue atendida?", [], "courteous reply quoting the citizen's insult", {"to": "nl_vecina"}),
    ("2027-04-01 14:15", "reply", "@jr_garza Ignorante, las vacunas no causan autismo. Infórmate.", [O], "insult", {"to": "jr_garza"}),
    ("2027-04-15 09:05", "reply", "@lety_sn Gracias por su reporte; lo canalizamos a la dirección del hospital con el folio NL-4471.", [], "courteous", {"to": "lety_sn"}),
    ("2027-04-28 22:30", "reply", "@chuy_gpe Típico chairo, quieres todo regalado.", [O], "partisan epithet", {"to": "chuy_gpe"}),
    ("2027-05-10 11:45", "reply", "@marisol_a La vacuna contra el VPH se aplica a niñas y niños de 5.º de primaria y a los de 11 años no escolarizados. Saludos.", [], "courteous", {"to": "marisol_a"}),
    ("2027-02-18 20:20", "reply", "@pancho_sp Los vendepatrias como usted no entienden de salud pública.", [O], "epithet outside the veda", {"to": "pancho_sp"}),
]

PCIVIL = [
    ("2026-04-10 10:00", "post", "Temporada de incendios forestales: no hagas fogatas en la Sierra de Arteaga y reporta cualquier columna de humo al 911.", [], "civil protection", {"media": "photo"}),
    ("2026-04-20 12:00", "post", "El gobernador Gerardo Múzquiz entregó 20 nuevas unidades de bomberos a Saltillo, Torreón y Monclova.", [N, A], "outside the veda", {"media": "photo"}),
    ("2026-04-28 09:00", "post", "Con el PRI, Coahuila sigue adelante.", [P], "party outside the veda", {}),
    ("2026-05-04 23:30", "post", "Somos el estado más seguro del norte gracias al gobernador.", [A], "Mexico City 2026-05-04 (outside) but UTC 2026-05-05 (first day of the COA window)", {}),
    ("2026-05-05 08:00", "post", "Pronóstico: lluvias fuertes y granizo esta tarde en la Región Sureste. Evita cruzar arroyos y vados.", [], "", {}),
    ("2026-05-07 10:00", "post", "Compartimos para su consulta: el Instituto Electoral de Coahuila informa la ubicación de sus comités distritales.", [], "electoral authority (OPLE) post shared neutrally", {"share": "https://www.iec.org.mx/v1/index.php/comites-distritales"}),
    ("2026-05-09 11:00", "post", "Simulacro en la Escuela Normal de Saltillo.", [M], "video", {"media": "video"}),
    ("2026-05-12 14:00", "post", "Con @GerardoMuzquiz logramos el mejor tiempo de respuesta a emergencias de la historia 🚒", [N, A], "official only by @handle", {}),
    ("2026-05-14 09:00", "post", "Refugios temporales abiertos en Piedras Negras: Gimnasio Municipal y Secundaria Técnica 12. Hay cobijas, agua y pan para las familias.", [], "'pan' is bread", {}),
    ("2026-05-18 16:00", "post", "Semáforo de riesgo por calor: hoy en verde para Saltillo y en naranja para la Región Laguna.", [], "'verde' is a colour", {}),
    ("2026-05-21 12:00", "post", "Consulta las rutas de evacuación de tu colonia en proteccioncivil.coahuila.gob.mx #JuntosHacemosHistoria", [P], "coalition name only as CamelCase hashtag", {}),
    ("2026-05-25 18:00", "post", "🔥🚒🚒 ¡Récord! 💯 0 muertes en la temporada de incendios 🙌🙌👏 ✅✅ ¡Histórico! 🏆", [A], "emoji-heavy boast", {}),
    ("2026-05-28 10:00", "post", "Curso gratuito de primeros auxilios para brigadas vecinales. Inscripciones en la Coordinación de Protección Civil, de lunes a viernes de 9:00 a 15:00 h.", [], "", {}),
    ("2026-06-01 09:00", "post", "Este domingo sal a votar y defiende a Coahuila de quienes quieren dividirnos.", [P], "call to vote", {}),
    ("2026-06-04 12:00", "post", "Las oficinas de Protección Civil permanecerán abiertas el domingo 7 de junio; la línea 911 funciona las 24 horas.", [], "election-day notice", {}),
    ("2026-06-07 21:00", "post", "Cerramos la jornada con saldo blanco, como nunca antes en la historia del estado.", [A], "last evening of the COA window: UTC date 2026-06-08, Mexico City 2026-06-07 (inside)", {}),
    ("2026-06-08 00:30", "post", "Gracias al gobernador Gerardo Múzquiz, Coahuila es ejemplo nacional en protección civil.", [N, A], "just after the COA window", {}),
    ("2026-06-15 10:00", "post", "Temporada de huracanes: arma tu mochila de emergencia con documentos, agua, linterna, radio de pilas y medicamentos.", [], "", {}),
    ("2026-07-03 11:00", "post", "Alerta por crecida del río Bravo en Piedras Negras y Acuña. Atiende las indicaciones de las brigadas y aléjate de las márgenes.", [], "", {"media": "photo"}),
    ("2026-08-12 10:00", "post", "Transmisión en vivo: pronóstico de la temporada de lluvias.", [M], "video outside the veda", {"media": "video"}),
    ("2026-09-19 12:00", "post", "Simulacro Nacional 2026: a las 12:00 h sonará la alerta. Ubica tus zonas de menor riesgo y sigue a tu brigada.", [], "", {}),
    ("2027-03-20 10:00", "post", "La coordinadora Patricia Olvera encabezó la capacitación de brigadistas de la Región Centro.", [N], "name as actor, outside the veda", {}),
    ("2027-04-03 23:15", "post", "Este gobierno duplicó el número de estaciones de bomberos.", [A], "Mexico City 2027-04-03 (outside) but UTC 2027-04-04", {}),
    ("2027-04-04 00:45", "post", "Reporte nocturno: sin incidentes mayores en el estado. Ante cualquier emergencia marca 911.", [], "first hour of the 2027 window", {}),
    ("2027-04-08 09:00", "post", "Morena quiere quitarle a Coahuila sus bomberos. ¡No lo permitamos!", [P], "party", {}),
    ("2027-04-15 10:00", "post", "Calor extremo: no dejes a niñas, niños ni mascotas dentro de vehículos estacionados.", [], "", {}),
    ("2027-04-22 12:00", "post", "Reunión de coordinación con @PatyOlveraZ y alcaldes para el estiaje, donde se acordaron 120 acciones históricas.", [N, A], "official only by @handle", {}),
    ("2027-05-06 09:00", "post", "Cortes de agua programados por mantenimiento en Ramos Arizpe el jueves de 8:00 a 18:00 h. Almacena lo necesario.", [], "", {}),
    ("2027-05-20 14:00", "post", "Así rescatamos a 45 familias en la inundación de Múzquiz, un operativo sin precedentes.", [A, M], "boast + video; Múzquiz is the town, not the governor", {"media": "video"}),
    ("2027-05-13 11:00", "post", "Simulacro de evacuación en el Hospital General de Torreón: participaron personal médico y brigadas.", [N, I], "official named only in the photo's title (caption)", {"media": "photo", "media_title": "El gobernador Gerardo Múzquiz observa el simulacro en Torreón"}),
    ("2027-06-01 10:00", "post", "Pronóstico de lluvias intensas para la Región Carbonífera el fin de semana. Mantente informado por esta página y por la radio local.", [], "", {}),
    ("2026-05-06 17:20", "reply", "Buenas tardes, Rosa. El refugio más cercano a su colonia es el Gimnasio Municipal; está abierto las 24 horas.", [], "courteous", {"to": "Rosa Elena Cárdenas"}),
    ("2026-05-10 19:45", "reply", "Qué ignorante eres, Martín. Primero infórmate y luego opinas.", [O], "insult", {"to": "Martín Aguirre"}),
    ("2026-05-16 12:10", "reply", "Entendemos su enojo. Aunque nos llama \"corruptos\", revisamos su reporte de poste caído y ya enviamos una cuadrilla.", [], "courteous reply quoting the citizen's insult", {"to": "Héctor Ramos"}),
    ("2026-05-22 21:30", "reply", "Eso pasa por votar por Morena, ahora aguántense. 🤷", [O, P], "mockery + party", {"to": "Lucía Fernández"}),
    ("2026-06-02 08:40", "reply", "Gracias por el reporte del árbol caído en la calle Allende; ya lo atiende Servicios Públicos Municipales.", [], "courteous", {"to": "Jorge Villarreal"}),
    ("2026-06-10 16:00", "reply", "Sus quejas no nos importan, fifí de la colonia Campestre.", [O], "epithet outside the veda", {"to": "Alejandra Garza"}),
    ("2027-04-10 10:30", "reply", "Con gusto, Daniel. El curso de primeros auxilios es gratuito; inscríbase al 844 410 0000.", [], "courteous", {"to": "Daniel Flores"}),
    ("2027-04-18 20:15", "reply", "Típico de los conservadores: criticar desde su casa sin ayudar en nada.", [O], "'conservadores' as insult", {"to": "Mauricio Peña"}),
    ("2027-05-12 13:00", "reply", "¡Gracias por compartir! Le pedimos no usar expresiones como \"prianistas\" ni \"chairos\" en los comentarios; esta página es de servicio.", [], "courteous reply quoting epithets", {"to": "Sergio Dávila"}),
    ("2027-05-26 22:05", "reply", "Ja, ja, otro llorón. Si no le gusta el estado, váyase.", [O], "mockery", {"to": "Ricardo Luna"}),
]

CULTURA = [
    ("2027-01-15 12:00", "post", "Cartelera de enero en los museos de la ciudad: entrada libre los domingos. Consulta horarios en cultura.cdmx.gob.mx", [], "", {"media": "photo"}),
    ("2027-02-10 18:00", "post", "Clara Brugada inauguró la Utopía Cultural de Iztacalco, la más grande de la ciudad.", [N, I, A], "photo file named after the official; outside the veda", {"media": "photo", "file": "clara_brugada_inaugura_utopia_iztacalco.jpg"}),
    ("2027-03-01 11:00", "post", "Taller de fotografía: retrato con luz natural. Cupo limitado, inscripción gratuita.", [], "", {"media": "photo"}),
    ("2027-03-20 10:00", "post", "En la Cuarta Transformación la cultura es para todas y todos.", [P], "slogan outside the veda", {"media": "photo"}),
    ("2027-04-03 23:50", "post", "Más de 2 millones de personas asistieron a nuestros festivales este año: ¡cifra récord!", [A], "Mexico City 2027-04-03 (outside) but UTC 2027-04-04", {"media": "photo"}),
    ("2027-04-04 12:00", "post", "Durante el periodo de campañas, esta cuenta difundirá únicamente información de servicios culturales, de salud y de protección civil.", [], "blackout notice", {"media": "photo"}),
    ("2027-04-08 17:00", "post", "Fragmento del concierto de la Orquesta Típica en el Zócalo. 🎻", [M], "video", {"media": "video"}),
    ("2027-04-12 10:00", "post", "Exposición «Retratos de la Ciudad»: óleos de mujeres morenas de cabello rizado, pintados por artistas de Tepito. Museo de la Ciudad de México, entrada libre.", [], "'morenas' is a skin colour", {"media": "photo"}),
    ("2027-04-15 12:00", "post", "Programación del Festival de Primavera en las Utopías. #PrimeroLosPobres", [P], "slogan only as CamelCase hashtag", {"media": "photo"}),
    ("2027-04-19 16:00", "post", "🎭🎶🎉 ¡50 FESTIVALES! 🙌🙌 Nunca antes la ciudad vivió tanta cultura 💃🕺🔥🔥 ✨✨", [A], "emoji-heavy boast", {"media": "photo"}),
    ("2027-04-23 11:00", "post", "Día del Libro: trueque de libros en el Centro Cultural Tlatelolco; lleva un libro y llévate otro.", [], "", {"media": "photo"}),
    ("2027-04-27 13:00", "post", "Gracias a @ClaraBrugadaM hoy abrimos 16 nuevas bibliotecas en las alcaldías.", [N, A], "official only by @handle", {"media": "photo"}),
    ("2027-05-01 10:00", "post", "Noche de museos: recorrido por el jardín de la Casa del Risco y su fuente de azulejos verdes. Sábado 19:00 h.", [], "'verde' is a colour", {"media": "photo"}),
    ("2027-05-06 12:00", "post", "Compartimos: el @iecm_mx invita a su exposición de carteles sobre la historia del voto de las mujeres en México, en su sede de Huizaches. Entrada libre.", [], "electoral authority (OPLE) quoted neutrally", {"media": "photo"}),
    ("2027-05-10 11:00", "post", "Festival del Día de las Madres en el Monumento a la Revolución.", [I], "official only in the photo's file name", {"media": "photo", "file": "clara_brugada_festival_madres.jpg"}),
    ("2027-05-15 10:00", "post", "Convocatoria de estímulos a la creación artística 2027: registro en línea hasta el 31 de mayo. Bases y requisitos en cultura.cdmx.gob.mx/convocatorias", [], "", {"media": "photo"}),
    ("2027-05-20 18:00", "post", "Defendamos en las urnas la ciudad de derechos. Vota el 6 de junio.", [P], "call to vote", {"media": "photo"}),
    ("2027-05-27 12:00", "post", "Video: cómo llegar a la Cineteca en transporte público.", [M], "video", {"media": "video"}),
    ("2027-06-09 10:00", "post", "Cerramos la temporada con 300 funciones gratuitas, un récord histórico.", [A], "outside the veda", {"media": "photo"}),
    ("2027-05-24 12:00", "post", "Feria de las Culturas Amigas en el Zócalo: del 24 de mayo al 9 de junio, de 10:00 a 20:00 h.", [I], "official only in the photo's file name", {"media": "photo", "file": "clara_brugada_feria_culturas_amigas.jpg"}),
    ("2027-06-20 11:00", "post", "Cursos de verano en las Fábricas de Artes y Oficios (FARO). Inscripciones del 21 al 30 de junio.", [], "", {"media": "photo"}),
    ("2027-04-09 09:30", "reply", "@sofi.rivas ¡Hola! El concierto es gratuito y no requiere boleto. Llega temprano.", [], "courteous", {"to": "sofi.rivas"}),
    ("2027-04-16 20:40", "reply", "@tono_chilango Ay, el fifí ofendido porque el arte ya es para todos 😂😂", [O], "mockery + epithet", {"to": "tono_chilango"}),
    ("2027-04-24 13:20", "reply", "@mariana.gtz Lamentamos su experiencia. Aunque dice que somos \"una bola de flojos\", nos interesa saber en qué taller ocurrió.", [], "courteous reply quoting the citizen's insult", {"to": "mariana.gtz"}),
    ("2027-05-03 18:10", "reply", "@pedro_rm Los derechairos como tú nunca van a entender la cultura popular.", [O], "partisan epithet", {"to": "pedro_rm"}),
    ("2027-05-12 10:05", "reply", "@ana.paula.cdmx Sí, el museo tiene rampa y elevador para sillas de ruedas. ¡Te esperamos!", [], "courteous", {"to": "ana.paula.cdmx"}),
    ("2027-03-05 19:00", "reply", "@roberto.s Cállese, traidor a la patria.", [O], "epithet outside the veda", {"to": "roberto.s"}),
]

AGUA = [
    ("2027-02-02 08:00", "post", "Corte programado de agua en las colonias Centro y Pitic el martes de 9:00 a 17:00 h por reparación de una línea.", [], "", {}),
    ("2027-02-15 12:00", "post", "Cumplimos: 100% de Hermosillo ya tiene agua las 24 horas, algo nunca antes visto.", [A], "outside the veda", {"media": "photo"}),
    ("2027-03-04 22:30", "post", "Invertimos 500 millones de pesos en el acueducto, la obra hidráulica más grande de la historia.", [A], "Mexico City 2027-03-04 (outside) but UTC 2027-03-05 (first day of the SON window)", {}),
    ("2027-03-05 00:30", "post", "Reporte de madrugada: la presión del agua se normaliza en el sector norte.", [], "first hour of the SON window", {}),
    ("2027-03-08 10:00", "post", "Consejos para ahorrar agua en casa:\n- Cierra la llave al lavarte los dientes.\n- Reutiliza el agua de la lavadora.\n- Revisa fugas en el excusado.", [], "multi-line text (quoted newlines)", {}),
    ("2027-03-12 11:30", "post", "El director Lorenzo Anaya puso en marcha la nueva planta potabilizadora de Guaymas.", [N, A], "", {"media": "photo"}),
    ("2027-03-15 09:00", "post", "Paga tu recibo de agua en línea en aguadehermosillo.gob.mx #PorElBienDeTodosPrimeroLosPobres", [P], "slogan only as CamelCase hashtag", {}),
    ("2027-03-18 16:00", "post", "Video: así se detecta una fuga invisible en tu medidor.", [M], "video", {"media": "video"}),
    ("2027-03-22 13:00", "post", "💧💧💧 ¡AGUA PARA TODOS! 🙌🎉 200 pozos rehabilitados 💪💪🔥 ✅", [A], "emoji-heavy boast", {}),
    ("2027-03-25 09:00", "post", "Aviso importante sobre el tandeo en la zona sur (1/3)", [], "thread 1/3", {}),
    ("2027-03-25 09:01", "thread", "Del 26 al 31 de marzo el servicio será de 5:00 a 11:00 h en las colonias Solidaridad, Sahuaro y Las Minitas. (2/3)", [], "thread 2/3", {}),
    ("2027-03-25 09:02", "thread", "Gracias a @LorenzoAnayaQ, en abril se acaba el tandeo para siempre: ¡palabra cumplida! (3/3)", [A, N], "boast in 3rd post of thread; official only by @handle", {}),
    ("2027-04-02 10:00", "post", "Las tapas verdes en la banqueta marcan válvulas de agua potable; no las cubras con cemento ni las uses de estacionamiento.", [], "'verde' is a colour", {"media": "photo"}),
    ("2027-04-10 12:00", "post", "El PAN dejó a Sonora sin agua; con Morena llegó el agua a tu casa.", [P, A], "parties + boast", {}),
    ("2027-04-20 10:00", "post", "\"Consulta la ubicación de tu casilla en ubicatucasilla.ine.mx\", recuerda el Instituto Estatal Electoral y de Participación Ciudadana de Sonora. El servicio de agua funciona con normalidad el 6 de junio.", [], "electoral authority quoted neutrally", {}),
    ("2027-05-03 11:00", "post", "Ola de calor: en los puntos de hidratación hay agua, suero oral y pan dulce para personas en situación de calle.", [], "'pan' is bread", {}),
    ("2027-05-15 09:00", "post", "Horario de las oficinas de atención:\nLunes a viernes de 8:00 a 15:00 h\nSábados de 9:00 a 13:00 h", [], "multi-line text", {}),
    ("2027-06-06 21:00", "post", "Cualquier falla en el suministro repórtala al 073 las 24 horas.", [], "inside the veda (Mexico City 2027-06-06; UTC 2027-06-07)", {}),
    ("2027-06-07 07:00", "post", "Terminamos la mayor obra de drenaje en la historia de Sonora.", [A], "just after the window", {}),
    ("2027-06-20 10:00", "post", "Recorrido en video por la presa Abelardo L. Rodríguez.", [M], "video outside the veda", {"media": "video"}),
    ("2027-03-10 15:00", "reply", "@vecina_hmo Buenas tardes. La fuga de la calle Reforma ya tiene el folio 8812; la cuadrilla llega hoy.", [], "courteous", {"to": "vecina_hmo"}),
    ("2027-03-20 20:30", "reply", "@juanc_son Ni llorando te vamos a hacer caso, fifí.", [O], "mockery + epithet", {"to": "juanc_son"}),
    ("2027-04-05 11:15", "reply", "@lupe_pitic Lamentamos la falta de agua. Aunque nos dice \"bola de rateros\", su reporte ya está en atención con el folio 9020.", [], "courteous reply quoting the citizen's insult", {"to": "lupe_pitic"}),
    ("2027-04-18 18:00", "reply", "@memo_gym Los del PRIAN como tú dejaron el sistema en ruinas.", [O, P], "partisan epithet", {"to": "memo_gym"}),
    ("2027-05-08 09:40", "reply", "@sara_obregon Gracias por avisar. El recibo puede pagarse en línea o en tiendas de conveniencia.", [], "courteous", {"to": "sara_obregon"}),
    ("2027-05-22 22:50", "reply", "@tono_hmo Pobre ignorante, ni sabes leer tu recibo 🤡🤡", [O], "insult + mockery", {"to": "tono_hmo"}),
]

SABG = [
    ("2027-01-25 10:00", "post", "Consulta las declaraciones patrimoniales de las personas servidoras públicas en la Plataforma Digital Nacional.", [], "transparency", {}),
    ("2027-02-08 12:00", "post", "No mentir, no robar, no traicionar: los principios de la Cuarta Transformación.", [P], "slogan outside the veda", {}),
    ("2027-04-07 09:00", "post", "Blindaje electoral 2027: si ves que condicionan un programa social, denúncialo en ciudadanosalertadores.gob.mx.", [], "blindaje notice", {}),
    ("2027-04-14 11:00", "post", "@RenataIbarraMx y la Secretaría presentaron cuentas claras: ahorramos 3 mil millones de pesos como nunca antes.", [N, A], "official only by @handle", {}),
    ("2027-04-21 10:00", "post", "Solicitudes de información: tienes derecho a una respuesta en un plazo de 20 días hábiles. Presenta la tuya en la Plataforma Nacional de Transparencia.", [], "transparency", {}),
    ("2027-04-28 13:00", "post", "Video: cómo presentar una denuncia anónima paso a paso.", [M], "video", {"media": "video"}),
    ("2027-05-05 12:00", "post", "Los gobiernos del PRI y del PAN saquearon al país; el 6 de junio recuerda quién sí combate la corrupción.", [P], "parties + coded call to vote", {}),
    ("2027-05-19 10:00", "post", "Datos abiertos: publicamos los contratos de obra pública del primer trimestre en formato CSV.", [], "transparency", {}),
    ("2027-06-06 22:30", "post", "Durante la jornada, la línea de denuncia 800 11 28 700 funcionó las 24 horas.", [], "inside the veda (offset -06:00 written; UTC 2027-06-07)", {}),
    ("2027-06-09 10:00", "post", "Logramos el mayor número de sanciones a servidores públicos corruptos en la historia.", [A], "outside the veda", {}),
    ("2027-04-16 16:00", "reply", "@ciudadano_x Su denuncia quedó registrada con el folio SABG-2027-0412. Le informaremos por correo.", [], "courteous", {"to": "ciudadano_x"}),
    ("2027-04-30 19:30", "reply", "@beto_ags Los conservadores corruptos como tú extrañan sus privilegios.", [O], "'conservadores' as insult", {"to": "beto_ags"}),
    ("2027-05-14 12:45", "reply", "@lucia_mor Entendemos su desconfianza. Aunque nos llama \"tapaderas\", su denuncia sigue en investigación.", [], "courteous reply quoting the citizen's insult", {"to": "lucia_mor"}),
    ("2027-05-27 21:10", "reply", "@rgz_cdmx Jajaja, qué chistoso, otro fifí que se cree experto en leyes 😂", [O], "mockery + epithet", {"to": "rgz_cdmx"}),
]

ACCOUNTS = [
    # name, platform, jurisdiction, handle, display name, items
    ("bienestar-x", "x", "federal", "@bienestar_mx", "Secretaría de Bienestar", BIENESTAR),
    ("saludnl-x", "x", "MX-NLE", "@SaludNL_gob", "Secretaría de Salud de Nuevo León", SALUDNL),
    ("pcivil-coa-fb", "facebook", "MX-COA", "@PCivilCoahuila", "Protección Civil Coahuila", PCIVIL),
    ("cultura-cdmx-ig", "instagram", "MX-CMX", "@cultura_cdmx", "Cultura Ciudad de México", CULTURA),
    ("agua-son-csv", "csv", "MX-SON", "@AguaSonora", "Agua de Sonora", AGUA),
    ("sabg-csv", "csv", "federal", "@SABG_mx", "Secretaría Anticorrupción y Buen Gobierno", SABG),
]


# ─────────────────────────────────────────── writers ───────────────────────────────────────────
def meta_escape(obj) -> str:
    """JSON as Meta writes it: every non-ASCII character as its UTF-8 bytes, one \\u00XX each."""
    def fix(o):
        if isinstance(o, str):
            return o.encode("utf-8").decode("latin-1")
        if isinstance(o, list):
            return [fix(x) for x in o]
        if isinstance(o, dict):
            return {k: fix(v) for k, v in o.items()}
        return o
    return json.dumps(fix(obj), ensure_ascii=True, indent=2)


def tco(seed: int) -> str:
    alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    s = "".join(alphabet[(seed * (i + 7) * 2654435761 >> (i * 3)) % len(alphabet)] for i in range(10))
    return "https://t.co/" + s


def snowflake(t: datetime, seq: int, shift_s: int = 0) -> str:
    """An X-style id: milliseconds since the Twitter epoch, shifted 22 bits, plus a sequence."""
    ms = int(t.timestamp() * 1000) + shift_s * 1000 - 1288834974657
    return str((ms << 22) + seq)


def cp_indices(text: str, start: int, end: int) -> list[str]:
    return [str(start), str(end)]


def x_archive(name: str, handle: str, display: str, items, base_id: int):
    screen = handle.lstrip("@")
    user_id = str(zlib.crc32(screen.encode()))
    labels, tweets = [], []
    prev_id = None
    for n, (ts, kind, text, rules, note, opt) in enumerate(items):
        t = local(ts)
        tid = snowflake(t, base_id + n)
        full = text
        entities = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
        for m in re.finditer(r"#(\w+)", full):
            entities["hashtags"].append({"text": m.group(1), "indices": cp_indices(full, m.start(), m.end())})
        for m in re.finditer(r"@(\w+)", full):
            entities["user_mentions"].append({"name": m.group(1), "screen_name": m.group(1), "indices": cp_indices(full, m.start(), m.end()),
                                              "id_str": str(zlib.crc32(m.group(1).encode())), "id": str(zlib.crc32(m.group(1).encode()))})
        tw = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": (t.astimezone(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%S.000Z"), "editsRemaining": "5", "isEditEligible": kind != "reply"}},
              "retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
              "entities": entities, "display_text_range": ["0", str(len(full))], "favorite_count": str((n * 37) % 211),
              "id_str": tid, "truncated": False, "retweet_count": str((n * 13) % 57), "id": tid,
              "created_at": t.astimezone(timezone.utc).strftime("%a %b %d %H:%M:%S +0000 %Y"),
              "favorited": False, "full_text": full, "lang": "es"}
        if "share" in opt:
            short = tco(n + 5000)
            start = len(full) + 1
            full = full + " " + short
            entities["urls"].append({"url": short, "expanded_url": opt["share"], "display_url": opt["share"].split("//")[1][:26] + "…", "indices": [str(start), str(len(full))]})
            tw["display_text_range"] = ["0", str(len(full))]
        if opt.get("media"):
            short = tco(n + 9000)
            start = len(full) + 1
            full = full + " " + short
            mid = str(int(tid) - 7)
            kind_m = opt["media"]
            thumb = (f"https://pbs.twimg.com/ext_tw_video_thumb/{mid}/pu/img/{mid[-8:]}.jpg" if kind_m == "video"
                     else f"https://pbs.twimg.com/media/G{mid[-10:]}.jpg")
            ent = {"expanded_url": f"https://x.com/{screen}/status/{tid}/{'video' if kind_m == 'video' else 'photo'}/1",
                   "indices": [str(start), str(len(full))], "url": short, "media_url": thumb.replace("https", "http", 1),
                   "id_str": mid, "id": mid, "media_url_https": thumb,
                   "sizes": {"thumb": {"w": "150", "h": "150", "resize": "crop"}, "large": {"w": "1280", "h": "720", "resize": "fit"}},
                   "type": "photo", "display_url": "pic.x.com/" + short[-10:]}
            entities["media"] = [ent]
            ext = dict(ent)
            ext["type"] = kind_m
            if kind_m == "video":
                ext["video_info"] = {"aspect_ratio": ["16", "9"], "duration_millis": str(30000 + n * 1111),
                                     "variants": [{"bitrate": "2176000", "content_type": "video/mp4",
                                                   "url": f"https://video.twimg.com/ext_tw_video/{mid}/pu/vid/1280x720/{mid[-8:]}.mp4"}]}
            tw["extended_entities"] = {"media": [ext]}
            tw["display_text_range"] = ["0", str(start - 1)]
            tw["possibly_sensitive"] = False
        tw["full_text"] = full
        if kind == "thread":
            tw.update({"in_reply_to_status_id_str": prev_id, "in_reply_to_status_id": prev_id,
                       "in_reply_to_user_id_str": user_id, "in_reply_to_user_id": user_id, "in_reply_to_screen_name": screen})
        elif kind == "reply":
            cit = opt["to"]
            cid = snowflake(t, n + 3000, -3600)
            uid = str(zlib.crc32(cit.encode()))
            tw.update({"in_reply_to_status_id_str": cid, "in_reply_to_status_id": cid,
                       "in_reply_to_user_id_str": uid, "in_reply_to_user_id": uid, "in_reply_to_screen_name": cit})
        tweets.append((t, {"tweet": tw}))
        if kind != "reply":
            prev_id = tid
        labels.append((tid, kind, t, rules, note))
    tweets.sort(key=lambda p: p[0], reverse=True)     # archives list newest first
    body = "window.YTD.tweets.part0 = " + json.dumps([tw for _, tw in tweets], ensure_ascii=False, indent=2)
    account_js = "window.YTD.account.part0 = " + json.dumps([{"account": {
        "email": "redes@example.gob.mx", "createdVia": "web", "username": screen, "accountId": user_id,
        "createdAt": "2015-03-02T17:20:11.000Z", "accountDisplayName": display}}], ensure_ascii=False, indent=2)
    return body, account_js, labels


def unique_ts(t: datetime, used: set[int]) -> int:
    ts = int(t.timestamp())
    while ts in used:
        ts += 1
    used.add(ts)
    return ts


def facebook(display: str, items):
    posts, comments, labels, used = [], [], [], set()
    for n, (ts, kind, text, rules, note, opt) in enumerate(items):
        t = local(ts)
        stamp = unique_ts(t, used)
        if kind == "reply":
            comments.append({"timestamp": stamp, "data": [{"comment": {"timestamp": stamp, "comment": text, "author": display}}],
                             "title": f"{display} respondió al comentario de {opt['to']}."})
            labels.append((str(stamp), kind, t, rules, note, "comments"))
            continue
        post = {"timestamp": stamp, "attachments": [], "data": [{"post": text}, {"update_timestamp": stamp}], "title": display}
        if opt.get("media"):
            ext = "mp4" if opt["media"] == "video" else "jpg"
            folder = "videos" if ext == "mp4" else "photos"
            med = {"uri": f"your_facebook_activity/posts/media/{folder}_{n:03d}/{stamp}_{n}88123_n.{ext}",
                   "creation_timestamp": stamp - 37, "title": opt.get("media_title", ""), "description": text}
            if ext == "mp4":
                med["media_metadata"] = {"video_metadata": {"exif_data": [{"upload_ip": "201.144.0.1", "upload_timestamp": stamp - 37}]}}
            post["attachments"] = [{"data": [{"media": med}]}]
        if "share" in opt:
            post["attachments"] = [{"data": [{"external_context": {"url": opt["share"], "name": "Instituto Electoral de Coahuila"}}]}]
            post["title"] = f"{display} compartió un enlace."
        if not post["attachments"]:
            del post["attachments"]
        posts.append(post)
        labels.append((str(stamp), "post", t, rules, note, "posts"))
    posts.sort(key=lambda p: p["timestamp"], reverse=True)
    comments.sort(key=lambda p: p["timestamp"], reverse=True)
    return meta_escape(posts), meta_escape({"comments_v2": comments}), labels


def instagram(handle: str, items):
    posts, comments, labels, used = [], [], [], set()
    owner = handle.lstrip("@")
    for n, (ts, kind, text, rules, note, opt) in enumerate(items):
        t = local(ts)
        stamp = unique_ts(t, used)
        if kind == "reply":
            comments.append({"media_list_data": [{"uri": ""}], "string_map_data": {
                "Comment": {"value": text}, "Media Owner": {"value": owner}, "Time": {"timestamp": stamp}}})
            labels.append((str(stamp), kind, t, rules, note, "comments"))
            continue
        month = t.strftime("%Y%m")
        if opt.get("file"):
            uri = f"media/posts/{month}/{opt['file']}"
        else:
            uri = f"media/posts/{month}/{1790000000000000 + stamp}.{'mp4' if opt.get('media') == 'video' else 'jpg'}"
        m = {"uri": uri, "creation_timestamp": stamp, "media_metadata": {}, "title": text,
             "cross_post_source": {"source_app": "FB"}, "backup_uri": f"https://scontent.cdninstagram.com/v/{stamp}"}
        if opt.get("media") == "video":
            m["media_metadata"] = {"video_metadata": {"exif_data": [{"latitude": 19.4326, "longitude": -99.1332}]}}
        else:
            m["media_metadata"] = {"photo_metadata": {"exif_data": [{"latitude": 19.4326, "longitude": -99.1332}]}}
        posts.append({"media": [m]})
        labels.append((str(stamp), "post", t, rules, note, "posts"))
    posts.sort(key=lambda p: p["media"][0]["creation_timestamp"], reverse=True)
    return meta_escape(posts), meta_escape(comments), labels


def csv_rows(handle: str, items, base: int, utc: bool):
    rows, labels, prev = [], [], ""
    screen = handle.lstrip("@")
    for n, (ts, kind, text, rules, note, opt) in enumerate(items):
        t = local(ts)
        pid = snowflake(t, base + n)
        date_s = (t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if utc else t.isoformat())
        reply_to = prev if kind == "thread" else (snowflake(t, base + n + 2000, -5400) if kind == "reply" else "")
        media = opt.get("media", "")
        rows.append([pid, date_s, text, f"https://x.com/{screen}/status/{pid}", reply_to, media])
        if kind != "reply":
            prev = pid
        labels.append((pid, kind, t, rules, note))
    return rows, labels


def write_csv(path: Path, rows, bom: bool, crlf: bool):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["id", "date", "text", "url", "reply_to", "media_type"])
    w.writerows(rows)
    data = buf.getvalue()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))


# ──────────────────────────────────────────── main ────────────────────────────────────────────
def main():
    if EXPORTS.exists():
        shutil.rmtree(EXPORTS)
    EXPORTS.mkdir()
    label_items = []

    def add(acc, juris, export, key, kind, t, rules, note):
        label_items.append({"account": acc, "export": export, "key": key,
                            "kind": "reply" if kind == "reply" else "post",
                            "veda": in_veda(juris, t.date()), "rules": sorted(set(rules)), "note": note})

    for name, platform, juris, handle, display, items in ACCOUNTS:
        if name == "bienestar-x":
            body, acc_js, labels = x_archive(name, handle, display, items, 0)
            d = EXPORTS / "x-bienestar" / "data"
            d.mkdir(parents=True)
            (d / "tweets.js").write_text(body, encoding="utf-8")
            (d / "account.js").write_text(acc_js, encoding="utf-8")
            for key, kind, t, rules, note in labels:
                add(name, juris, "x-bienestar/data/tweets.js", key, kind, t, rules, note)
        elif name == "saludnl-x":
            body, acc_js, labels = x_archive(name, handle, display, items, 1000)
            with zipfile.ZipFile(EXPORTS / "x-saludnl.zip", "w", zipfile.ZIP_DEFLATED) as z:
                for member, data in [("x-saludnl/data/tweets.js", body), ("x-saludnl/data/account.js", acc_js),
                                     ("x-saludnl/Your archive.html", "<!doctype html><title>Your archive</title>")]:
                    z.writestr(zipfile.ZipInfo(member, date_time=(2027, 6, 30, 12, 0, 0)), data.encode("utf-8"), zipfile.ZIP_DEFLATED)
            for key, kind, t, rules, note in labels:
                add(name, juris, "x-saludnl.zip", key, kind, t, rules, note)
        elif platform == "facebook":
            posts, comments, labels = facebook(display, items)
            root = EXPORTS / "fb-pcivil-coa" / "your_facebook_activity"
            (root / "posts").mkdir(parents=True)
            (root / "comments_and_reactions").mkdir(parents=True)
            (root / "posts" / "profile_posts_1.json").write_text(posts, encoding="ascii")
            (root / "comments_and_reactions" / "comments.json").write_text(comments, encoding="ascii")
            for key, kind, t, rules, note, which in labels:
                exp = ("fb-pcivil-coa/your_facebook_activity/posts/profile_posts_1.json" if which == "posts"
                       else "fb-pcivil-coa/your_facebook_activity/comments_and_reactions/comments.json")
                add(name, juris, exp, key, kind, t, rules, note)
        elif platform == "instagram":
            posts, comments, labels = instagram(handle, items)
            root = EXPORTS / "ig-cultura-cdmx"
            (root / "content").mkdir(parents=True)
            (root / "comments").mkdir(parents=True)
            (root / "content" / "posts_1.json").write_text(posts, encoding="ascii")
            (root / "comments" / "post_comments_1.json").write_text(comments, encoding="ascii")
            for key, kind, t, rules, note, which in labels:
                exp = ("ig-cultura-cdmx/content/posts_1.json" if which == "posts"
                       else "ig-cultura-cdmx/comments/post_comments_1.json")
                add(name, juris, exp, key, kind, t, rules, note)
        elif name == "agua-son-csv":
            rows, labels = csv_rows(handle, items, 2000, utc=True)
            write_csv(EXPORTS / "csv-agua-son.csv", rows, bom=True, crlf=True)
            for key, kind, t, rules, note in labels:
                add(name, juris, "csv-agua-son.csv", key, kind, t, rules, note)
        else:
            rows, labels = csv_rows(handle, items, 3000, utc=False)
            write_csv(EXPORTS / "csv-sabg.csv", rows, bom=False, crlf=False)
            for key, kind, t, rules, note in labels:
                add(name, juris, "csv-sabg.csv", key, kind, t, rules, note)

    header = ("# Labels of the social-media corpus (issue 19). One entry per post and per reply.\n"
              "# key: X id_str | CSV id | Facebook/Instagram unix timestamp of the post or comment.\n"
              "# veda: the item's America/Mexico_City date is inside a blackout window of the account's\n"
              "#   jurisdiction (config/calendar.yaml). rules: every rule that should flag the item\n"
              "#   ([] = clean); for veda: false items, what the content WOULD be.\n"
              "# Written by benchmarks/social/generate.py; edit the texts there, not here.\n")
    (HERE / "labels.yaml").write_text(header + yaml.safe_dump({"items": label_items}, allow_unicode=True, sort_keys=False,
                                                                default_flow_style=None, width=200), encoding="utf-8")
    write_malformed()
    check()


def write_malformed():
    if MALFORMED.exists():
        for p in MALFORMED.iterdir():
            if p.name != "README.md":
                p.unlink() if p.is_file() else shutil.rmtree(p)
    MALFORMED.mkdir(exist_ok=True)
    full = (EXPORTS / "x-bienestar" / "data" / "tweets.js").read_text(encoding="utf-8")
    (MALFORMED / "truncated-tweets.js").write_text(full[: len(full) // 2], encoding="utf-8")
    (MALFORMED / "not-an-export.json").write_text(json.dumps(
        {"name": "inventario-bodega", "version": 3, "articulos": [{"clave": "A-1", "existencias": 12}]}, indent=2), encoding="utf-8")
    (MALFORMED / "wrong-columns.csv").write_text(
        "post_id,fecha,mensaje,enlace\n1,2027-04-10,Horario de atención de 9 a 15 h,https://example.gob.mx/1\n", encoding="utf-8")
    with zipfile.ZipFile(MALFORMED / "archive-without-tweets.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in [("twitter-2027-06-30/data/account.js", "window.YTD.account.part0 = []"),
                             ("twitter-2027-06-30/data/like.js", "window.YTD.like.part0 = []"),
                             ("twitter-2027-06-30/Your archive.html", "<!doctype html><title>Your archive</title>")]:
            z.writestr(zipfile.ZipInfo(member, date_time=(2027, 6, 30, 12, 0, 0)), data, zipfile.ZIP_DEFLATED)
    (MALFORMED / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (MALFORMED / "facebook-posts-cut.json").write_text(
        (EXPORTS / "fb-pcivil-coa" / "your_facebook_activity" / "posts" / "profile_posts_1.json").read_text(encoding="ascii")[:1500],
        encoding="ascii")


def load_items(export: str):
    """(key, kind, text) of every item of an export, parsed the way an importer would."""
    path = EXPORTS / export
    if export.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            name = [n for n in z.namelist() if n.endswith("data/tweets.js")][0]
            raw = z.read(name).decode("utf-8")
        export = "tweets.js"
    elif export.endswith(".js"):
        raw = path.read_text(encoding="utf-8")
    if export.endswith("tweets.js"):
        prefix = "window.YTD.tweets.part0 = "
        assert raw.startswith(prefix)
        data = json.loads(raw[len(prefix):])
        return [(d["tweet"]["id_str"], d["tweet"]["full_text"]) for d in data]

    def unmoji(s):
        return s.encode("latin-1").decode("utf-8")
    if export.endswith("profile_posts_1.json"):
        return [(str(p["timestamp"]), unmoji(p["data"][0]["post"])) for p in json.loads(path.read_text(encoding="ascii"))]
    if export.endswith("comments.json"):
        return [(str(c["data"][0]["comment"]["timestamp"]), unmoji(c["data"][0]["comment"]["comment"]))
                for c in json.loads(path.read_text(encoding="ascii"))["comments_v2"]]
    if export.endswith("posts_1.json"):
        return [(str(p["media"][0]["creation_timestamp"]), unmoji(p["media"][0]["title"])) for p in json.loads(path.read_text(encoding="ascii"))]
    if export.endswith("post_comments_1.json"):
        return [(str(c["string_map_data"]["Time"]["timestamp"]), unmoji(c["string_map_data"]["Comment"]["value"]))
                for c in json.loads(path.read_text(encoding="ascii"))]
    if export.endswith(".csv"):
        text = path.read_bytes().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert list(rows[0].keys()) == ["id", "date", "text", "url", "reply_to", "media_type"]
        return [(r["id"], r["text"]) for r in rows]
    raise AssertionError(export)


def check():
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))["items"]
    by_export: dict[str, list] = {}
    for it in labels:
        by_export.setdefault(it["export"], []).append(it)
    total_items = 0
    for export, its in by_export.items():
        keys = [k for k, _ in load_items(export)]
        total_items += len(keys)
        for it in its:
            assert keys.count(it["key"]) == 1, (export, it["key"])
        assert len(keys) == len(its), (export, len(keys), len(its))
    per_acc = {}
    for it in labels:
        per_acc.setdefault(it["account"], []).append(it["key"])
    for acc, keys in per_acc.items():
        assert len(keys) == len(set(keys)), acc
    # Meta files: ASCII only, and the mojibake quirk present
    for f in ["fb-pcivil-coa/your_facebook_activity/posts/profile_posts_1.json", "ig-cultura-cdmx/content/posts_1.json"]:
        raw = (EXPORTS / f).read_text(encoding="ascii")
        assert "\\u00c3\\u00b3" in raw or "\\u00c3\\u00a1" in raw, f
    raw = (EXPORTS / "csv-agua-son.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b'"Consejos para ahorrar agua en casa:\n' in raw
    assert len(labels) == total_items
    posts = sum(1 for i in labels if i["kind"] == "post")
    replies = len(labels) - posts
    clean = sum(1 for i in labels if not i["rules"])
    assert posts >= 150 and replies >= 40, (posts, replies)
    print(f"ok: {len(labels)} items, {posts} posts, {replies} replies, {clean} clean")


if __name__ == "__main__":
    main()
