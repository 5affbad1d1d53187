#!/usr/bin/env python3
"""Second held-out social-media corpus for `blindaje social import` (SPEC §11).

Writes exports/, config/ (officials.yaml, accounts.yaml + copies of the project's portals,
settings, calendar and rules/), labels.yaml; then checks them. Deterministic. Every text was
written by hand for this set. Run: python3 benchmarks/social_heldout/generate.py
"""
import csv, io, json, os, shutil, sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EXP = os.path.join(HERE, "exports")
MX = timezone(timedelta(hours=-6))          # America/Mexico_City, no DST since 2022
WIN = ("2027-04-04", "2027-06-06")          # federal blackout (calendar.yaml)
STATE_EARLY = ("2027-03-05", "2027-04-03")  # earliest 2027 state windows (federal accounts follow them)

A, P, N, I, M, O = ("achievement-language", "propaganda", "official-name", "official-image",
                    "media-review", "offensive-reply")

# ---------------------------------------------------------------- officials / accounts
OFFICIALS = """\
# Officials for the held-out social corpus (format of config/officials.yaml).
# Two real office holders (the President, the Head of Government of Mexico City); five fictional.
officials:
  - name: Claudia Sheinbaum Pardo
    position: Presidenta de los Estados Unidos Mexicanos
    jurisdiction: federal
    aliases: [Claudia Sheinbaum, Sheinbaum Pardo, presidenta Sheinbaum, doctora Sheinbaum]
    handles: ["@Claudiashein"]
  - name: Ernesto Villaseñor Tapia
    position: Secretario de Salud federal (ficticio)
    jurisdiction: federal
    aliases: [Ernesto Villaseñor, Villaseñor Tapia, doctor Villaseñor, secretario Villaseñor, Neto Villaseñor]
    handles: ["@DrVillasenorT"]
  - name: Rogelio Barragán Solís
    position: Director general de la Comisión Nacional del Agua (ficticio)
    jurisdiction: federal
    aliases: [Rogelio Barragán, Barragán Solís, director Barragán, el Profe Barragán]
    handles: ["@RogeBarraganS"]
  - name: Jacinto Moctezuma Arriaga
    position: Delegado de Programas para el Bienestar en Jalisco (ficticio)
    jurisdiction: federal
    aliases: [Jacinto Moctezuma, Moctezuma Arriaga, delegado Moctezuma, Chinto Moctezuma]
    handles: ["@ChintoMoctezuma"]
  - name: Itzel Cuautle Ramírez
    position: Coordinadora estatal de Protección Civil de Jalisco (ficticia)
    jurisdiction: MX-JAL
    aliases: [Itzel Cuautle, Cuautle Ramírez, coordinadora Cuautle, maestra Cuautle]
    handles: ["@ItzelCuautle"]
  - name: Clara Brugada Molina
    position: Jefa de Gobierno de la Ciudad de México
    jurisdiction: MX-CMX
    aliases: [Clara Brugada, Brugada Molina, jefa de Gobierno Brugada]
    handles: ["@ClaraBrugadaM"]
  - name: Ximena Oropeza Landa
    position: Secretaria de Cultura de la Ciudad de México (ficticia)
    jurisdiction: MX-CMX
    aliases: [Ximena Oropeza, Oropeza Landa, secretaria Oropeza, la Xime Oropeza]
    handles: ["@XimeOropeza"]
"""
ACCOUNTS = """\
# Accounts of the held-out social corpus (all fictional handles and addresses).
accounts:
  - name: saludfed-x
    platform: x
    jurisdiction: federal
    handle: "@SaludFederal_mx"
    contact: "redes.salud@example.gob.mx"
  - name: pcivil-jal-fb
    platform: facebook
    jurisdiction: MX-JAL
    handle: "@PCivilJalisco"
    contact: "comunicacion.pc@example.jalisco.gob.mx"
  - name: cultura-cmx-ig
    platform: instagram
    jurisdiction: MX-CMX
    handle: "@culturacapital"
    contact: "difusion.cultura@example.cdmx.gob.mx"
  - name: conagua-csv
    platform: csv
    jurisdiction: federal
    handle: "@Agua_Nacional"
    contact: "redes.agua@example.gob.mx"
"""

# ---------------------------------------------------------------- items
# (local "YYYY-MM-DD HH:MM", kind, text, media, rules, note, extra)
#   kind: post | thread (self-reply; labelled post) | reply (to a citizen; extra = citizen handle)
#   media: None | "photo" | "video" | for IG/FB a file name may be given via extra dict
X_ITEMS = [
 ("2027-02-11 09:15", "post", "Campaña de vacunación contra sarampión: acude a tu centro de salud con tu cartilla. Es gratuita.", "photo", [], "outside veda, clean service", {}),
 ("2027-02-20 18:40", "post", "Con el doctor Villaseñor al frente, hoy abrimos 14 hospitales. ¡Cumplimos! 🏥🇲🇽", "photo", [N, A], "outside veda: boast + alias; veda false", {}),
 ("2027-04-04 08:00", "post", "Inicia la veda: durante las campañas esta cuenta solo publicará información de salud, educación y protección civil.", None, [], "clean, first day of the window, announces its own restraint", {}),
 ("2027-04-05 10:30", "post", "¿Tienes tos por más de dos semanas? Puede ser tuberculosis. La prueba es gratuita en cualquier unidad del IMSS-Bienestar.", None, [], "clean health", {}),
 ("2027-04-07 12:05", "post", "De 0 a 100 en abasto de medicinas 💊📈 ¡98.7 % de recetas surtidas completas! Ya nadie nos para 💪🔥", "photo", [A], "emoji-heavy boast with a figure", {}),
 ("2027-04-07 12:06", "thread", "Este es el resultado de un gobierno que sí escucha.", None, [A], "thread 2/3 (self-reply): implied boast", {}),
 ("2027-04-07 12:07", "thread", "Sigamos construyendo juntos #ElSegundoPisoDeLaTransformación 🇲🇽", None, [P], "thread 3/3: slogan only as a CamelCase hashtag", {}),
 ("2027-04-09 17:20", "post", "Mira el recorrido de @DrVillasenorT por el nuevo Hospital General de Tlajomulco 🎥", "video", [N, M, A], "official only by handle; video; 'nuevo hospital' inauguration boast", {"mentions": ["DrVillasenorT"]}),
 ("2027-04-12 09:00", "post", "Ola de calor: bebe agua simple, evita exponerte al sol entre 11 y 16 h y no dejes a nadie dentro de un vehículo cerrado.", "photo", [], "clean civil protection / health", {}),
 ("2027-04-15 11:11", "post", "Lo que en seis sexenios no hicieron los de antes, lo hicimos en dos años. Palabra empeñada, palabra cumplida.", None, [A], "boast without figures, 'palabra cumplida'", {}),
 ("2027-04-18 20:00", "post", "Video: así funciona la línea 800 de salud mental. Llama gratis, las 24 horas.", "video", [M], "clean text with a video: media-review only", {}),
 ("2027-04-22 13:30", "post", "Neto Villaseñor entregó 3,200 lentes a niñas y niños de primaria en Oaxaca. 👓✨", "photo", [N, A], "nickname alias + figures", {}),
 ("2027-04-26 09:45", "post", "Consulta en https://example.gob.mx/transparencia los contratos de compra consolidada de medicamentos 2027.", None, [], "clean transparency", {}),
 ("2027-05-02 10:00", "post", "La doctora Sheinbaum lo prometió y aquí está: medicinas gratis en todo el país. Nunca antes en la historia. #EsTiempoDeMujeres", "photo", [N, A, P], "alias title+surname, 'nunca antes', slogan hashtag", {}),
 ("2027-05-08 16:25", "post", "Día de las Madres: recuerda que la mastografía es gratuita a partir de los 40 años. Agenda tu cita.", None, [], "clean; 'a partir de los 40 años' is not a figure of beneficiaries", {}),
 ("2027-05-14 19:10", "post", "¡Vamos con todo este 6 de junio! Que nadie se quede sin salir. 🗳️ #JuntosHacemosHistoria", None, [P], "call to vote (implicit) + coalition hashtag", {}),
 ("2027-05-20 08:30", "post", "El INE recuerda: el 6 de junio se elige la Cámara de Diputados. Infórmate en ine.mx sobre tu casilla.", None, [], "electoral authority quoted neutrally: clean", {}),
 ("2027-05-28 12:00", "post", "Transformamos el sistema de salud: 1.2 millones de cirugías, 430 quirófanos rehabilitados. Gracias, Presidenta. 🙌", "video", [A, M], "figures + 'gracias, Presidenta' (title only, no name configured as bare title) + video", {}),
 ("2027-06-03 09:00", "post", "Por la jornada electoral, los centros de salud abrirán con horario normal el domingo 6 de junio.", None, [], "clean service, mentions the election day neutrally", {}),
 ("2027-06-15 10:00", "post", "Ya pasó la veda y lo decimos con orgullo: ¡el mejor sistema de salud del mundo! 🥇 gracias a @Claudiashein", "photo", [A, N], "outside veda (after election day): boast + handle; veda false", {"mentions": ["Claudiashein"]}),
 # replies to citizens
 ("2027-04-05 14:02", "reply", "@memo_gdl85 Jajaja ni leer sabes, mejor regrésate a tu grupo de WhatsApp de fifís 🤣", None, [O], "mockery + epithet fifís", {"to": "memo_gdl85"}),
 ("2027-04-06 09:31", "reply", "@LupitaRdz Buen día, Lupita. Su cita puede reprogramarse al 800 0044 800 con su CURP a la mano.", None, [], "courteous service", {"to": "LupitaRdz"}),
 ("2027-04-08 22:14", "reply", "@jorgeeeAlv Sigan llorando, derechairos. El pueblo ya decidió 😘", None, [O], "mockery 'sigan llorando', derechairos", {"to": "jorgeeeAlv"}),
 ("2027-04-10 11:47", "reply", "@NoMasMentiras_ Entendemos su enojo, pero no contestaremos a quien nos llama \"bola de corruptos\". Si tiene una queja, escriba a quejas@example.gob.mx.", None, [], "quotes the citizen's insult to reject it: clean", {"to": "NoMasMentiras_"}),
 ("2027-04-11 13:05", "reply", "@marianaa_q Ay ajá, otra bot pagada por el PRIAN. Qué oso 🤡", None, [O, P], "accuses of being a paid bot; party 'PRIAN'", {"to": "marianaa_q"}),
 ("2027-04-13 08:20", "reply", "@Don_Beto1950 Gracias por su comentario. La vacuna de refuerzo está disponible en el Centro de Salud de su colonia de 8 a 14 h.", None, [], "clean, 'gracias por su comentario'", {"to": "Don_Beto1950"}),
 ("2027-04-16 23:58", "reply", "@ricky_vazquez Tan mantenidito por el viejo régimen y ahora lloras. Ponte a trabajar.", None, [O], "contempt: 'mantenidito', 'lloras'", {"to": "ricky_vazquez"}),
 ("2027-04-19 10:10", "reply", "@SofiMtz92 Lamentamos la espera. Ya reportamos la falta de insulina en su unidad y nos confirman surtido el jueves.", None, [], "courteous service", {"to": "SofiMtz92"}),
 ("2027-04-21 17:45", "reply", "@Alfredo_V Qué bonito es ver a los vendepatrias ardidos 🍿🍿", None, [O], "vendepatrias + ardidos + emoji mockery", {"to": "Alfredo_V"}),
 ("2027-04-24 12:12", "reply", "@elchavodelocho No podemos comentar sobre partidos ni candidaturas. El INE organiza la elección; consulte ine.mx.", None, [], "neutral refusal, INE", {"to": "elchavodelocho"}),
 ("2027-04-29 21:03", "reply", "@paty_lomeli Seguro te pagaron tu torta y tu refresco, acarreada. Ni sabes qué firmaste.", None, [O], "'acarreada', torta y refresco mockery", {"to": "paty_lomeli"}),
 ("2027-05-03 09:40", "reply", "@drfranciscoh Tiene razón en que el trámite es largo. Ya lo simplificamos: ahora basta con su CURP.", None, [], "courteous, concedes a point", {"to": "drfranciscoh"}),
 ("2027-05-06 15:30", "reply", "@Karla_Beltran Cállese y vaya a preguntarle a sus amiguitos huachicoleros de antes.", None, [O], "'cállese' + huachicoleros", {"to": "Karla_Beltran"}),
 ("2027-05-09 11:00", "reply", "@anonimo_jal Le pedimos respeto. Aquí nadie es \"chairo\" ni \"fifí\": atendemos a todas las personas por igual.", None, [], "quotes epithets to reject them: clean", {"to": "anonimo_jal"}),
 ("2027-05-12 18:18", "reply", "@TavoRuiz_ Uy sí, el experto en salud pública de Twitter 🙄 mejor ve a ver si ya puso la marrana.", None, [O], "sarcasm + Mexican mocking idiom", {"to": "TavoRuiz_"}),
 ("2027-05-16 10:35", "reply", "@CeciliaO Con gusto: la clínica de hemodiálisis de Zapopan atiende de lunes a sábado. Le dejamos el teléfono por mensaje directo.", None, [], "courteous service", {"to": "CeciliaO"}),
 ("2027-05-22 20:50", "reply", "@ElPatronMx Otro zombi del PAN repitiendo lo que le dicen. Apaga la tele, mijo.", None, [O, P], "'zombi' + PAN", {"to": "ElPatronMx"}),
 ("2027-05-30 08:05", "reply", "@nora_contreras Gracias por avisar. Protección Civil y la jurisdicción sanitaria ya revisan el brote de dengue en su colonia.", None, [], "courteous service", {"to": "nora_contreras"}),
 ("2027-06-05 22:22", "reply", "@ViejoLobo_ Chillen más fuerte que no se oye jajaja 😂😂", None, [O], "'chillen' + jajaja", {"to": "ViejoLobo_"}),
 ("2027-06-12 13:00", "reply", "@lalo_mendoza Pinche ardido, ya perdieron otra vez.", None, [O], "outside veda (after election): insult; veda false", {"to": "lalo_mendoza"}),
]

FB_POSTS = [
 ("2026-11-20 10:00", "post", "Temporada de frentes fríos: revisa tus calentadores y nunca los uses en espacios cerrados.", None, [], "outside veda, clean", {}),
 ("2027-04-04 19:00", "post", "Lluvias atípicas en la zona metropolitana de Guadalajara. Evita cruzar calles inundadas y sigue esta página.", None, [], "clean", {}),
 ("2027-04-09 07:30", "post", "Simulacro estatal el 15 de abril a las 11:00 h. Ubica tu punto de reunión.", "photo", [], "clean", {"file": "simulacro_2027.jpg", "title": "Cartel del simulacro"}),
 ("2027-04-14 13:00", "post", "Así se vive la coordinación: la maestra Cuautle dirigió personalmente el rescate en el cerro del Cuatro. 🦺", "video", [N, M], "title+surname alias in text, video", {"file": "rescate_cerro4.mp4"}),
 ("2027-04-20 16:00", "post", "Brigadistas listos para temporada de incendios forestales. Reporta humo al 911.", "photo", [I, N], "photo title names the official (caption) – official-image + official-name", {"file": "brigadistas.jpg", "title": "Itzel Cuautle Ramírez con brigadistas en La Primavera"}),
 ("2027-04-27 09:00", "post", "En 2027 ya capacitamos a 18 mil 400 personas en primeros auxilios, cifra récord en Jalisco 🙌🚑", None, [A], "figure + 'récord'", {}),
 ("2027-05-03 12:00", "post", "Recomendaciones para el Día de la Santa Cruz en obras: arnés, casco y nada de cohetes cerca de materiales inflamables.", None, [], "clean; 'Santa Cruz' is not a person", {}),
 ("2027-05-10 18:30", "post", "Gracias al delegado Moctezuma, 600 familias damnificadas ya reciben apoyos del Bienestar. ¡Así sí! #PrimeroLosPobres", "photo", [N, A, P], "alias title+surname, 'gracias a', figure, slogan hashtag", {"file": "apoyos.jpg", "title": ""}),
 ("2027-05-17 08:00", "post", "Consulta el Atlas Estatal de Riesgos actualizado: example.jalisco.gob.mx/atlas", None, [], "clean transparency", {}),
 ("2027-05-24 11:00", "post", "El Instituto Electoral y de Participación Ciudadana nos pidió difundir: las casillas contarán con protocolo de Protección Civil.", None, [], "electoral authority cited neutrally: clean", {}),
 ("2027-05-31 20:00", "post", "Lo logramos, Jalisco 💪 cero muertes por inundaciones este temporal. Somos el estado mejor preparado del país.", None, [A], "boast with a superlative, no figure of beneficiaries", {}),
 ("2027-06-04 10:00", "post", "Video: cómo armar tu mochila de emergencia en cinco minutos.", "video", [M], "clean text, video", {"file": "mochila.mp4"}),
 ("2027-06-06 20:30", "post", "Cierre de casillas sin incidentes de Protección Civil. Gracias a las y los voluntarios.", None, [], "clean; election day evening (= 06-07 UTC) is inside", {}),
 ("2027-06-20 09:00", "post", "Con @ItzelCuautle al mando, Jalisco tiene la mejor Protección Civil del país. 🥇", "photo", [N, A], "outside veda: handle + boast; veda false", {"file": "premio.jpg", "title": ""}),
]
FB_COMMENTS = [
 ("2027-04-04 19:40", "Gracias por el aviso, Carmen. Si el agua supera la banqueta, mejor no salga y llame al 911.", [], "courteous", "Carmen Ibarra"),
 ("2027-04-05 08:12", "Jajaja otro llorón que solo viene a quejarse, ni vota el señor 🙄", [O], "mockery 'llorón'", "Ernesto Pulido"),
 ("2027-04-09 09:03", "Su punto de reunión depende de su edificio; pregunte al responsable de su inmueble o escríbanos por inbox.", [], "service", "Diana Reyes"),
 ("2027-04-14 15:21", "Qué bueno que a usted ni quien lo rescate, achichincle del PRI.", [O, P], "achichincle + PRI", "Roberto Gallo"),
 ("2027-04-15 10:00", "Entendemos la molestia, pero no aceptamos que llame \"inútiles\" a los brigadistas. Su reporte quedó registrado con el folio PC-2231.", [], "quotes insult to reject it: clean", "Laura Navarro"),
 ("2027-04-20 17:44", "Ay sí, la señora que sabe más que los bomberos. Ya siéntese, doña.", [O], "condescending sarcasm, no slur", "Teresa Ochoa"),
 ("2027-04-27 10:30", "Los cursos son gratuitos; inscríbase en la página o en la base de Zapopan.", [], "service", "Jaime Cortés"),
 ("2027-04-28 12:01", "Mejor cállese, aplaudidor de los de antes, bola de ratas corruptas.", [O], "'cállese', aplaudidor, ratas corruptas", "Héctor Lara"),
 ("2027-05-03 13:15", "Con gusto le respondemos: los cohetes sí están prohibidos cerca de obras. Gracias por su comentario.", [], "clean, 'gracias por su comentario'", "María José Silva"),
 ("2027-05-10 19:02", "No somos partido ni hacemos campaña; esta página no opina sobre Morena, PAN, PRI ni MC. Para temas electorales consulte al IEPC.", [], "hard: party names in a neutral refusal, clean", "Pedro Quiñones"),
 ("2027-05-11 07:55", "Pues que vote por sus amigos conservadores y luego no ande pidiendo víveres, mantenido.", [O], "'conservadores' as insult + 'mantenido' + voting reference", "Alma Ruelas"),
 ("2027-05-17 09:45", "Buen día. El atlas está en formato PDF y en datos abiertos; si no carga, intente desde otro navegador.", [], "service", "Omar Téllez"),
 ("2027-05-24 14:40", "Ni al caso tu comentario, bot de granja. Bye 👋🤣", [O], "'bot de granja' + emoji mockery", "Luis Zamora"),
 ("2027-05-31 21:30", "Vaya, cuánta ignorancia. Vuelva a la primaria antes de opinar de riesgos.", [O], "contempt 'ignorancia', no listed keyword", "Sandra Villa"),
 ("2027-06-04 11:05", "Gracias por compartir. La lista de la mochila también está en el Atlas, sección Prevención.", [], "courteous", "Rocío Mares"),
 ("2027-06-21 10:00", "Ardidos los de siempre, ni modo, aquí se trabaja.", [O], "outside veda: mockery; veda false", "Gustavo Pimentel"),
]

IG_POSTS = [
 ("2027-01-16 12:00", "post", "Talleres de cartonería para infancias en la Casa de Cultura de Tlalpan. Cupo limitado.", "photo", [], "outside veda, clean", {"file": "cartoneria.jpg"}),
 ("2027-04-03 23:30", "post", "Mañana arranca el festival de danza de Iztapalapa. ¡Los esperamos! 💃", "photo", [], "boundary: 04-03 23:30 CDMX (= 04-04 UTC) is outside for MX-CMX", {"file": "danza.jpg"}),
 ("2027-04-06 10:00", "post", "Programa de abril en los FAROS: cine, grabado y son jarocho. Todo gratuito.", "photo", [], "clean", {"file": "faros_abril.jpg"}),
 ("2027-04-11 18:00", "post", "La secretaria Oropeza inauguró la biblioteca número 300 de la ciudad 📚🎉 ¡Histórico!", "photo", [N, A], "title+surname, figure, 'histórico'", {"file": "biblioteca300.jpg"}),
 ("2027-04-19 12:30", "post", "Una tarde en el Museo del Estanquillo. 📸", "photo", [I], "photo file name names the official; text clean – official-image only", {"file": "xime_oropeza_estanquillo.jpg"}),
 ("2027-04-25 17:00", "post", "Así sonó la Orquesta Típica en el Zócalo 🎻 Gracias @ClaraBrugadaM por hacerlo posible.", "video", [N, M, A], "handle only, 'gracias a'/credit, video", {"file": "orquesta.mp4"}),
 ("2027-05-02 11:00", "post", "Convocatoria de apoyos a colectivos culturales comunitarios: reglas de operación y fechas en el enlace de la bio.", None, [], "clean transparency/services", {"file": "convocatoria.jpg"}),
 ("2027-05-09 13:00", "post", "Más de 2 millones de asistentes a nuestros festivales en 2027 😍🙌🔥 ¡La ciudad de la cultura somos todas y todos!", "photo", [A], "emoji + figure boast", {"file": "festivales.jpg"}),
 ("2027-05-15 19:00", "post", "Recorrido por los murales restaurados del Mercado Abelardo L. Rodríguez.", "photo", [I], "file name with Jefa de Gobierno surname+name", {"file": "brugada_murales_abelardo.jpg"}),
 ("2027-05-23 16:00", "post", "Noche de museos: este miércoles hasta las 22 h. Entrada libre en 40 recintos.", None, [], "clean; '40 recintos' is service info, not boast", {"file": "noche_museos.jpg"}),
 ("2027-06-01 12:00", "post", "Un ciclo cultural con rostro humano. #CiudadInnovadoraYDeDerechos #LaCiudadDeLaEsperanza", "video", [P, M], "administration slogans only as CamelCase hashtags; video", {"file": "ciclo.mp4"}),
 ("2027-06-06 21:00", "post", "Hoy la cultura también salió a votar 🗳️ ¡Gracias por votar, capitalinos! #LaCiudadDeLaEsperanza", "photo", [P], "election-day evening (= 06-07 UTC, inside); administration slogan as hashtag", {"file": "votar.jpg"}),
]
IG_COMMENTS = [
 ("2027-04-06 12:15", "@fer.gtz ¡Hola! No necesitas inscripción para el cine, solo llega 15 minutos antes.", [], "service", "fer.gtz"),
 ("2027-04-11 19:30", "@andres_cdmx Ahí está tu \"derroche\", fifí: 300 bibliotecas. Trágatelo 😎", [O], "quotes but then insults: offensive", "andres_cdmx"),
 ("2027-04-12 09:00", "@lu.sanchez Gracias por tu comentario 💜 El horario es de martes a domingo de 10 a 18 h.", [], "courteous", "lu.sanchez"),
 ("2027-04-25 18:45", "@tomasrmz Jaja qué vas a saber tú de música, naco.", [O], "classist slur 'naco' + mockery", "tomasrmz"),
 ("2027-05-02 12:10", "@colectivo.tepito Claro, los colectivos pueden registrarse hasta el 30 de mayo. Escríbenos si tienen dudas.", [], "service", "colectivo.tepito"),
 ("2027-05-09 14:00", "@mauricio.g ¿Lloras? 😢 Tranquilo, los PRIANistas ya no regresan.", [O, P], "mockery + PRIANistas", "mauricio.g"),
 ("2027-05-23 17:20", "@claudia.vm Entendemos que digas que somos \"puro acarreo\", pero la noche de museos es abierta y sin registro.", [], "quotes insult, courteous", "claudia.vm"),
 ("2027-05-24 10:00", "@pepe_rdz No seas payaso, aquí nadie te obliga a venir 🤡🤡", [O], "'payaso' + clown emojis", "pepe_rdz"),
 ("2027-06-01 13:30", "@inesvalle Las fechas de votación las define el IECM y el INE; esta cuenta solo difunde actividades culturales.", [], "neutral electoral authorities", "inesvalle"),
 ("2027-06-02 09:00", "@ruben.h Sigue así de amargado y te va a dar algo, compa. Mejor ven a un taller de yoga jajaja", [O], "mockery, no keyword", "ruben.h"),
]

CSV_ITEMS = [
 ("2027-02-03 08:00", "post", "Consulta la disponibilidad de agua de tu cuenca en el sistema de información hidrológica.", None, [], "outside veda, clean", {}),
 ("2027-02-25 12:00", "post", "El Profe Barragán entregó 12 plantas potabilizadoras en la Huasteca. ¡Palabra cumplida!", "photo", [N, A], "outside veda: alias + boast; veda false", {}),
 ("2027-04-04 09:00", "post", "Pronóstico: temporada de estiaje severo en el norte. Cuida el agua, repara fugas.", None, [], "clean", {}),
 ("2027-04-08 11:00", "post", "Rehabilitamos 240 km de canales de riego.\nMás agua para el campo,\nmás cosechas para México 🌽💧", "photo", [A], "multi-line boast with figures", {}),
 ("2027-04-08 11:05", "thread", "Y lo mejor: sin endeudar al país.", None, [A], "thread 2/2 via reply_to: boast", {}),
 ("2027-04-13 10:00", "post", "Tarifas de derechos por uso de aguas nacionales 2027 publicadas en el DOF. Consulta el documento.", None, [], "clean transparency", {}),
 ("2027-04-20 13:00", "post", "@RogeBarraganS supervisa el acueducto El Zapotillo 🎥", "video", [N, M], "handle only + video", {}),
 ("2027-04-28 09:30", "post", "Alerta por lluvias en la Sierra Madre del Sur: no cruces ríos crecidos.", None, [], "clean civil protection", {}),
 ("2027-05-05 10:00", "post", "Donde antes había sequía hoy hay agua. Eso es la #CuartaTransformación en hechos.", None, [A, P], "implied boast + 4T hashtag", {}),
 ("2027-05-12 12:00", "post", "Video: cómo captar agua de lluvia en tu casa con materiales sencillos.", "video", [M], "clean text + video", {}),
 ("2027-05-19 08:00", "post", "Nunca un gobierno había invertido tanto en presas: 38 mil millones. #NoMentirNoRobarNoTraicionar", "photo", [A, P], "figure, 'nunca ... había', slogan hashtag", {}),
 ("2027-05-26 18:00", "post", "Convocatoria para usuarios de distritos de riego: registro del padrón hasta el 15 de junio.", None, [], "clean", {}),
 ("2027-06-02 11:00", "post", "El director Barragán agradece a los trabajadores del organismo de cuenca. Juntos logramos lo imposible 💪", None, [N, A], "title+surname + boast", {}),
 ("2027-06-10 09:00", "post", "Reanudamos la publicación de resultados del programa hídrico: 1,150 pozos rehabilitados.", None, [A], "outside veda (after): figures; veda false", {}),
 # replies
 ("2027-04-05 15:00", "reply", "@usuario_sonora Gracias por su reporte. La fuga en su calle quedó registrada con el folio AG-1102.", None, [], "courteous service", {}),
 ("2027-04-09 22:10", "reply", "@huerta_mx Uy, ya salió el huachicolero de agua a dar clases de ética jajaja", None, [O], "'huachicolero' + mockery", {}),
 ("2027-04-14 09:20", "reply", "@ag_rocio Buen día. El padrón se consulta en la oficina del distrito de riego con su título de concesión.", None, [], "service", {}),
 ("2027-04-17 20:45", "reply", "@chuy_lpz Qué ridículo eres. Ni una gota de agua has pagado en tu vida, parásito.", None, [O], "'ridículo', 'parásito'", {}),
 ("2027-04-23 10:00", "reply", "@ingmaria No respondemos a señalamientos como \"rateros\", pero sí a su pregunta: el contrato está en compranet.", None, [], "quotes insult, then answers: clean", {}),
 ("2027-04-30 19:30", "reply", "@El_Vaquero Los de Movimiento Ciudadano nomás sirven para hacer videos en TikTok 😂", None, [O, P], "party mockery", {}),
 ("2027-05-04 08:45", "reply", "@fam_orozco Lamentamos la falta de agua. La pipa llegará a su domicilio entre 14 y 16 h.", None, [], "courteous service", {}),
 ("2027-05-08 23:11", "reply", "@VotoLibre2027 Tú sigue chille y chille, que nosotros seguimos trabajando 🤭", None, [O], "mocking 'chille y chille'", {}),
 ("2027-05-13 12:40", "reply", "@joseluis_agro Gracias por su comentario. La información de la elección corresponde al INE; aquí solo atendemos temas de agua.", None, [], "clean, refers to INE", {}),
 ("2027-05-18 16:16", "reply", "@PaolaCeja Claro que eres traidora a la patria si defiendes a las mineras extranjeras.", None, [O], "'traidora a la patria' (feminine form)", {}),
 ("2027-05-25 09:00", "reply", "@comite_agua_h Con gusto los recibimos el martes a las 10 h en la Dirección Local.", None, [], "courteous", {}),
 ("2027-05-29 21:00", "reply", "@rafa_montes Neta qué flojera con los chairos que todo lo ven mal.", None, [O], "chairos + contempt; an official account attacking the other side too", {}),
 ("2027-06-03 10:30", "reply", "@vecinos_ensenada Tiene razón, la obra se retrasó. Pedimos una disculpa; el nuevo plazo es el 20 de junio.", None, [], "courteous apology", {}),
 ("2027-06-05 18:00", "reply", "@gaby_n ¿Y tú quién eres, la contralora? Bájale dos rayitas, mija 💅", None, [O], "condescending sarcasm + emoji", {}),
]

# ---------------------------------------------------------------- helpers
def dt(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=MX)

def ts(s):
    return int(dt(s).timestamp())

def snowflake(unix, seq):
    """X/Twitter id: milliseconds since the Twitter epoch, shifted left 22 bits, plus a sequence."""
    return str(((unix * 1000 + 137 * seq % 1000 - 1288834974657) << 22) + 4096 + seq)

FEDERAL = ("saludfed-x", "conagua-csv")

def veda(s, account):
    """Federal blackout; a federal account is never dated inside an earlier 2027 state window,
    so the answer does not depend on calendar.federal_portals_follow_state_processes.
    MX-JAL and MX-CMX have no 2027 local window in calendar.yaml: only the federal one applies."""
    d = s[:10]
    assert account not in FEDERAL or not (STATE_EARLY[0] <= d <= STATE_EARLY[1]), s
    assert not ("2026-05-05" <= d <= "2026-06-07"), s   # Coahuila 2026 window
    return WIN[0] <= d <= WIN[1]

def moji(x):
    """Meta-style: each UTF-8 byte as a \\u00XX escape."""
    if isinstance(x, str):
        return x.encode("utf-8").decode("latin-1")
    if isinstance(x, list):
        return [moji(v) for v in x]
    if isinstance(x, dict):
        return {k: moji(v) for k, v in x.items()}
    return x

def dump(path, obj, prefix=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(prefix + json.dumps(obj, indent=2, ensure_ascii=True) + "\n")

LABELS = []

def label(account, export, key, kind, when, rules, note):
    LABELS.append({"account": account, "export": export, "key": str(key),
                   "kind": "reply" if kind == "reply" else "post",
                   "veda": veda(when, account), "rules": list(rules), "note": note})

def hashtags(text):
    out, i = [], 0
    while True:
        i = text.find("#", i)
        if i < 0:
            return out
        j = i + 1
        while j < len(text) and (text[j].isalnum() or text[j] == "_"):
            j += 1
        out.append({"text": text[i + 1:j], "indices": [str(i), str(j)]})
        i = j

# ---------------------------------------------------------------- X archive
def write_x():
    acc, handle, uid = "saludfed-x", "SaludFederal_mx", "1170000000000000042"
    export = "x-saludfed/data/tweets.js"
    tweets, prev = [], None
    for n, (when, kind, text, media, rules, note, extra) in enumerate(X_ITEMS):
        tid = snowflake(ts(when), n)
        t = {"retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
             "id_str": tid, "id": tid, "truncated": False, "favorite_count": str(10 + n), "retweet_count": str(n % 9),
             "favorited": False, "lang": "es",
             "created_at": dt(when).astimezone(timezone.utc).strftime("%a %b %d %H:%M:%S +0000 %Y"),
             "display_text_range": ["0", str(len(text))], "full_text": text,
             "entities": {"hashtags": hashtags(text), "symbols": [], "urls": [], "user_mentions": []}}
        mentions = list(extra.get("mentions", []))
        if kind == "thread":
            t.update(in_reply_to_status_id_str=prev, in_reply_to_status_id=prev,
                     in_reply_to_screen_name=handle, in_reply_to_user_id_str=uid, in_reply_to_user_id=uid)
        elif kind == "reply":
            cid = snowflake(ts(when) - 1800 - 97 * n, 500 + n)  # the citizen wrote earlier
            t.update(in_reply_to_status_id_str=cid, in_reply_to_status_id=cid,
                     in_reply_to_screen_name=extra["to"], in_reply_to_user_id_str=str(880000 + n),
                     in_reply_to_user_id=str(880000 + n))
            mentions.insert(0, extra["to"])
        for m in mentions:
            i = text.find("@" + m)
            t["entities"]["user_mentions"].append({"name": m, "screen_name": m, "indices": [str(i), str(i + len(m) + 1)],
                                                   "id_str": str(abs(hash_(m))), "id": str(abs(hash_(m)))})
        if media:
            mid = str(int(tid) - 4096)
            url = "https://t.co/m%05d" % n
            med = {"expanded_url": "https://x.com/%s/status/%s/%s/1" % (handle, tid, media), "url": url,
                   "indices": [str(len(text) + 1), str(len(text) + 1 + len(url))], "id_str": mid, "id": mid,
                   "media_url_https": "https://pbs.twimg.com/media/%s.jpg" % mid, "type": "photo",
                   "display_url": "pic.x.com/m%05d" % n}
            t["entities"]["media"] = [dict(med)]
            ext = dict(med, type=media)
            if media == "video":
                ext["video_info"] = {"aspect_ratio": ["16", "9"], "duration_millis": "45000",
                                     "variants": [{"bitrate": "2176000", "content_type": "video/mp4",
                                                   "url": "https://video.twimg.com/ext_tw_video/%s/vid/1280x720/v.mp4" % mid}]}
            t["extended_entities"] = {"media": [ext]}
            t["full_text"] = text + " " + url
        prev = tid
        tweets.append({"tweet": t})
        label(acc, export, tid, kind, when, rules, note)
    tweets.reverse()  # newest first, as X writes them
    dump(os.path.join(EXP, export), tweets, "window.YTD.tweets.part0 = ")
    dump(os.path.join(EXP, "x-saludfed/data/account.js"),
         [{"account": {"email": "redes.salud@example.gob.mx", "username": handle, "accountId": uid,
                       "accountDisplayName": "Salud Federal"}}], "window.YTD.account.part0 = ")

def hash_(s):
    h = 7
    for c in s:
        h = (h * 31 + ord(c)) % 10**15
    return h

# ---------------------------------------------------------------- Facebook Page
def write_fb():
    acc, page = "pcivil-jal-fb", "Protección Civil Jalisco"
    base = "fb-pcivil-jal/your_facebook_activity"
    pexp, cexp = base + "/posts/profile_posts_1.json", base + "/comments_and_reactions/comments.json"
    posts = []
    for n, (when, kind, text, media, rules, note, extra) in enumerate(FB_POSTS):
        t = ts(when)
        p = {"timestamp": t, "data": [{"post": text}, {"update_timestamp": t}], "title": page}
        if media:
            folder = "videos_031" if media == "video" else "photos_031"
            m = {"uri": "%s/posts/media/%s/%d_%s" % (base.split("/")[1], folder, t, extra["file"]),
                 "creation_timestamp": t - 40, "title": extra.get("title", ""),
                 "description": text if media == "video" else ""}
            m["uri"] = "your_facebook_activity/posts/media/%s/%d_%s" % (folder, t, extra["file"])
            p["attachments"] = [{"data": [{"media": m}]}]
        posts.append(moji(p))
        label(acc, pexp, t, kind, when, rules, note)
    posts.sort(key=lambda p: -p["timestamp"])
    dump(os.path.join(EXP, pexp), posts)
    comments = []
    for when, text, rules, note, who in FB_COMMENTS:
        t = ts(when)
        comments.append(moji({"timestamp": t, "data": [{"comment": {"timestamp": t, "comment": text, "author": page}}],
                              "title": "%s respondió al comentario de %s." % (page, who)}))
        label(acc, cexp, t, "reply", when, rules, note)
    comments.sort(key=lambda c: -c["timestamp"])
    dump(os.path.join(EXP, cexp), {"comments_v2": comments})

# ---------------------------------------------------------------- Instagram
def write_ig():
    acc, owner = "cultura-cmx-ig", "culturacapital"
    pexp, cexp = "ig-cultura-cmx/content/posts_1.json", "ig-cultura-cmx/comments/post_comments_1.json"
    posts = []
    for when, kind, text, media, rules, note, extra in IG_POSTS:
        t = ts(when)
        meta = {"video_metadata": {"exif_data": [{"upload_timestamp": t}]}} if media == "video" else \
               {"photo_metadata": {"exif_data": [{"latitude": 19.4326, "longitude": -99.1332}]}}
        month = dt(when).strftime("%Y%m")
        posts.append(moji({"media": [{"uri": "media/posts/%s/%s" % (month, extra["file"]), "creation_timestamp": t,
                                      "media_metadata": meta, "title": text, "cross_post_source": {"source_app": "FB"}}]}))
        label(acc, pexp, t, kind, when, rules, note)
    posts.sort(key=lambda p: -p["media"][0]["creation_timestamp"])
    dump(os.path.join(EXP, pexp), posts)
    comments = []
    for when, text, rules, note, who in IG_COMMENTS:
        t = ts(when)
        comments.append(moji({"media_list_data": [{"uri": ""}],
                              "string_map_data": {"Comment": {"value": text}, "Media Owner": {"value": owner},
                                                  "Time": {"timestamp": t}}}))
        label(acc, cexp, t, "reply", when, rules, note)
    comments.sort(key=lambda c: -c["string_map_data"]["Time"]["timestamp"])
    dump(os.path.join(EXP, cexp), comments)

# ---------------------------------------------------------------- CSV
def write_csv():
    acc, export = "conagua-csv", "csv-conagua.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "date", "text", "url", "reply_to", "media_type"])
    prev = None
    for n, (when, kind, text, media, rules, note, extra) in enumerate(CSV_ITEMS):
        i = snowflake(ts(when), n)
        reply_to = prev if kind == "thread" else (
            snowflake(ts(when) - 2400 - 131 * n, 700 + n) if kind == "reply" else "")  # citizen's earlier post
        w.writerow([i, dt(when).isoformat(), text, "https://x.com/Agua_Nacional/status/" + i, reply_to or "", media or ""])
        prev = i
        label(acc, export, i, kind, when, rules, note)
    with open(os.path.join(EXP, export), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

# ---------------------------------------------------------------- config, labels, readme table
def write_config():
    cfg = os.path.join(HERE, "config")
    os.makedirs(cfg, exist_ok=True)
    src = os.path.join(REPO, "config")
    for name in ("portals.yaml", "settings.yaml", "calendar.yaml"):
        shutil.copyfile(os.path.join(src, name), os.path.join(cfg, name))
    if os.path.isdir(os.path.join(cfg, "rules")):
        shutil.rmtree(os.path.join(cfg, "rules"))
    shutil.copytree(os.path.join(src, "rules"), os.path.join(cfg, "rules"))
    with open(os.path.join(cfg, "officials.yaml"), "w", encoding="utf-8") as f:
        f.write(OFFICIALS)
    with open(os.path.join(cfg, "accounts.yaml"), "w", encoding="utf-8") as f:
        f.write(ACCOUNTS)

def yq(s):
    return json.dumps(s, ensure_ascii=False)

def write_labels():
    lines = ["# Held-out social corpus labels (generated by generate.py; edit the script, not this file).", "items:"]
    for l in LABELS:
        lines += ["  - account: " + l["account"], "    export: " + l["export"], "    key: " + yq(l["key"]),
                  "    kind: " + l["kind"], "    veda: " + ("true" if l["veda"] else "false"),
                  "    rules: [" + ", ".join(l["rules"]) + "]", "    note: " + yq(l["note"])]
    with open(os.path.join(HERE, "labels.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

FMT = {"saludfed-x": "x", "pcivil-jal-fb": "facebook", "cultura-cmx-ig": "instagram", "conagua-csv": "csv"}
RULES = [N, I, A, P, M, O]

def table():
    rows = []
    head = "| format | kind | items | in veda | clean | " + " | ".join(RULES) + " |"
    rows += [head, "|" + "---|" * (5 + len(RULES))]
    groups = [(f, k) for f in ("x", "facebook", "instagram", "csv") for k in ("post", "reply")] + [("**all**", "")]
    for f, k in groups:
        sel = [l for l in LABELS if (f == "**all**" or (FMT[l["account"]] == f and l["kind"] == k))]
        rows.append("| %s | %s | %d | %d | %d | %s |" % (f, k, len(sel), sum(l["veda"] for l in sel),
                    sum(not l["rules"] for l in sel), " | ".join(str(sum(r in l["rules"] for l in sel)) for r in RULES)))
    inside = [l for l in LABELS if l["veda"]]
    rows.append("")
    rows.append("Inside a veda: " + ", ".join("%s %d" % (r, sum(r in l["rules"] for l in inside)) for r in RULES) +
                "; clean %d of %d." % (sum(not l["rules"] for l in inside), len(inside)))
    return "\n".join(rows)

# ---------------------------------------------------------------- checks
def check():
    errors = []
    found = {}  # (account, export) -> list of keys in the file
    xp = os.path.join(EXP, "x-saludfed/data/tweets.js")
    raw = open(xp, encoding="ascii").read()
    pre = "window.YTD.tweets.part0 = "
    assert raw.startswith(pre + "["), "X prefix"
    found[("saludfed-x", "x-saludfed/data/tweets.js")] = [t["tweet"]["id_str"] for t in json.loads(raw[len(pre):])]
    b = "fb-pcivil-jal/your_facebook_activity"
    fbp = json.load(open(os.path.join(EXP, b + "/posts/profile_posts_1.json")))
    fbc = json.load(open(os.path.join(EXP, b + "/comments_and_reactions/comments.json")))["comments_v2"]
    found[("pcivil-jal-fb", b + "/posts/profile_posts_1.json")] = [str(p["timestamp"]) for p in fbp]
    found[("pcivil-jal-fb", b + "/comments_and_reactions/comments.json")] = [str(c["data"][0]["comment"]["timestamp"]) for c in fbc]
    igp = json.load(open(os.path.join(EXP, "ig-cultura-cmx/content/posts_1.json")))
    igc = json.load(open(os.path.join(EXP, "ig-cultura-cmx/comments/post_comments_1.json")))
    found[("cultura-cmx-ig", "ig-cultura-cmx/content/posts_1.json")] = [str(p["media"][0]["creation_timestamp"]) for p in igp]
    found[("cultura-cmx-ig", "ig-cultura-cmx/comments/post_comments_1.json")] = [str(c["string_map_data"]["Time"]["timestamp"]) for c in igc]
    with open(os.path.join(EXP, "csv-conagua.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0].keys()) == ["id", "date", "text", "url", "reply_to", "media_type"]
    found[("conagua-csv", "csv-conagua.csv")] = [r["id"] for r in rows]
    # mojibake present in Meta exports
    for rel in (b + "/posts/profile_posts_1.json", "ig-cultura-cmx/comments/post_comments_1.json"):
        if "\\u00c3" not in open(os.path.join(EXP, rel)).read():
            errors.append("no mojibake in " + rel)
    # keys unique per account
    per_acc = {}
    for (acc, _), keys in found.items():
        per_acc.setdefault(acc, []).extend(keys)
    for acc, keys in per_acc.items():
        if len(keys) != len(set(keys)):
            errors.append("duplicate keys in " + acc)
    labelled = {}
    for l in LABELS:
        k = (l["account"], l["export"])
        if found.get(k, []).count(l["key"]) != 1:
            errors.append("label key not exactly once: %s" % l)
        labelled.setdefault(k, []).append(l["key"])
    for k, keys in found.items():
        for key in keys:
            if labelled.get(k, []).count(key) != 1:
                errors.append("export item not labelled exactly once: %s %s" % (k, key))
    for l in LABELS:
        if not set(l["rules"]) <= set(RULES):
            errors.append("unknown rule %s" % l)
        if O in l["rules"] and l["kind"] != "reply":
            errors.append("offensive-reply on a post %s" % l)
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("ok: %d items (%d posts, %d replies), %d in veda" % (
        len(LABELS), sum(l["kind"] == "post" for l in LABELS), sum(l["kind"] == "reply" for l in LABELS),
        sum(l["veda"] for l in LABELS)))

def main():
    if os.path.isdir(EXP):
        shutil.rmtree(EXP)
    write_x(); write_fb(); write_ig(); write_csv(); write_config(); write_labels()
    with open(os.path.join(HERE, "COUNTS.md"), "w", encoding="utf-8") as f:
        f.write("# Counts (generated)\n\n" + table() + "\n")
    check()
    print(table())

if __name__ == "__main__":
    main()
