window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2198822874117046313"
          ],
          "editableUntil": "2027-06-15T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2198822874117046313/video/1",
            "indices": [
              "57",
              "80"
            ],
            "url": "https://t.co/BvaPy24KYV",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2198822874117046306/pu/img/17046306.jpg",
            "id_str": "2198822874117046306",
            "id": "2198822874117046306",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2198822874117046306/pu/img/17046306.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/BvaPy24KYV"
          }
        ]
      },
      "display_text_range": [
        "0",
        "56"
      ],
      "favorite_count": "40",
      "id_str": "2198822874117046313",
      "truncated": false,
      "retweet_count": "20",
      "id": "2198822874117046313",
      "created_at": "Tue Jun 15 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Tutorial en video: cómo activar tu tarjeta del Bienestar https://t.co/BvaPy24KYV",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2198822874117046313/video/1",
            "indices": [
              "57",
              "80"
            ],
            "url": "https://t.co/BvaPy24KYV",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2198822874117046306/pu/img/17046306.jpg",
            "id_str": "2198822874117046306",
            "id": "2198822874117046306",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2198822874117046306/pu/img/17046306.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "video",
            "display_url": "pic.x.com/BvaPy24KYV",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "75551",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2198822874117046306/pu/vid/1280x720/17046306.mp4"
                }
              ]
            }
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2197720611025846312"
          ],
          "editableUntil": "2027-06-12T15:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "115"
      ],
      "favorite_count": "3",
      "id_str": "2197720611025846312",
      "truncated": false,
      "retweet_count": "7",
      "id": "2197720611025846312",
      "created_at": "Sat Jun 12 15:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Transparencia: publicamos el padrón de beneficiarios del primer bimestre en datos.gob.mx, con montos por municipio.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2197026034283446311"
          ],
          "editableUntil": "2027-06-10T17:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "NoMentirNoRobarNoTraicionar",
            "indices": [
              "0",
              "28"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "100"
      ],
      "favorite_count": "177",
      "id_str": "2197026034283446311",
      "truncated": false,
      "retweet_count": "51",
      "id": "2197026034283446311",
      "created_at": "Thu Jun 10 17:00:00 +0000 2027",
      "favorited": false,
      "full_text": "#NoMentirNoRobarNoTraicionar es nuestra guía. Consulta el padrón de beneficiarios en datos abiertos.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2195923771192246310"
          ],
          "editableUntil": "2027-06-07T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "140",
      "id_str": "2195923771192246310",
      "truncated": false,
      "retweet_count": "38",
      "id": "2195923771192246310",
      "created_at": "Mon Jun 07 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Reanudamos la atención en los Módulos de Bienestar. Agenda tu cita en gob.mx/bienestar/citas.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2195782842577846309"
          ],
          "editableUntil": "2027-06-07T06:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "103"
      ],
      "favorite_count": "103",
      "id_str": "2195782842577846309",
      "truncated": false,
      "retweet_count": "25",
      "id": "2195782842577846309",
      "created_at": "Mon Jun 07 06:40:00 +0000 2027",
      "favorited": false,
      "full_text": "Compromiso cumplido: por primera vez en la historia la pensión llega a todas las comunidades indígenas.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2195719928017846308"
          ],
          "editableUntil": "2027-06-07T02:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "84"
      ],
      "favorite_count": "66",
      "id_str": "2195719928017846308",
      "truncated": false,
      "retweet_count": "12",
      "id": "2195719928017846308",
      "created_at": "Mon Jun 07 02:30:00 +0000 2027",
      "favorited": false,
      "full_text": "Nunca antes tantas familias recibieron apoyo directo. ¡Lo prometimos y lo cumplimos!",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2194579916190646307"
          ],
          "editableUntil": "2027-06-03T23:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "81"
      ],
      "favorite_count": "29",
      "id_str": "2194579916190646307",
      "truncated": false,
      "retweet_count": "56",
      "id": "2194579916190646307",
      "created_at": "Thu Jun 03 23:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Gracias al subsecretario Jacobo Landa, 500 nuevas sucursales ya son una realidad.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2194086666040246328"
          ],
          "editableUntil": "2027-06-02T14:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "carmen_pue",
            "screen_name": "carmen_pue",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "1080213807",
            "id": "1080213807"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "119"
      ],
      "favorite_count": "173",
      "id_str": "2194086666040246328",
      "truncated": false,
      "retweet_count": "44",
      "id": "2194086666040246328",
      "created_at": "Wed Jun 02 14:20:00 +0000 2027",
      "favorited": false,
      "full_text": "@carmen_pue Con gusto. Los requisitos para la pensión de discapacidad están en gob.mx/bienestar/discapacidad. ¡Saludos!",
      "lang": "es",
      "in_reply_to_status_id_str": "2194071566545849328",
      "in_reply_to_status_id": "2194071566545849328",
      "in_reply_to_user_id_str": "1080213807",
      "in_reply_to_user_id": "1080213807",
      "in_reply_to_screen_name": "carmen_pue"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2193734344504246306"
          ],
          "editableUntil": "2027-06-01T15:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "109"
      ],
      "favorite_count": "203",
      "id_str": "2193734344504246306",
      "truncated": false,
      "retweet_count": "43",
      "id": "2193734344504246306",
      "created_at": "Tue Jun 01 15:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Las sucursales del Banco del Bienestar cerrarán el domingo 6 de junio y reabren el lunes 7 en horario normal.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2192330091525046305"
          ],
          "editableUntil": "2027-05-28T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "INEMexico",
            "screen_name": "INEMexico",
            "indices": [
              "16",
              "26"
            ],
            "id_str": "643364365",
            "id": "643364365"
          }
        ],
        "urls": [
          {
            "url": "https://t.co/mBWJDH4WZE",
            "expanded_url": "https://x.com/INEMexico/status/1795012345678901234",
            "display_url": "x.com/INEMexico/status/179…",
            "indices": [
              "114",
              "137"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "137"
      ],
      "favorite_count": "166",
      "id_str": "2192330091525046305",
      "truncated": false,
      "retweet_count": "30",
      "id": "2192330091525046305",
      "created_at": "Fri May 28 18:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Información del @INEMexico sobre la ubicación de casillas para el 6 de junio: consúltala en ubicatucasilla.ine.mx https://t.co/mBWJDH4WZE",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2191220278686646304"
          ],
          "editableUntil": "2027-05-25T16:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "120"
      ],
      "favorite_count": "129",
      "id_str": "2191220278686646304",
      "truncated": false,
      "retweet_count": "17",
      "id": "2191220278686646304",
      "created_at": "Tue May 25 16:30:00 +0000 2027",
      "favorited": false,
      "full_text": "Ola de calor: si eres adulto mayor, toma agua aunque no tengas sed, evita salir entre 12:00 y 17:00 h y usa ropa ligera.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2190302984401846326"
          ],
          "editableUntil": "2027-05-23T03:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "tere_hdz",
            "screen_name": "tere_hdz",
            "indices": [
              "0",
              "9"
            ],
            "id_str": "3882206299",
            "id": "3882206299"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "58"
      ],
      "favorite_count": "99",
      "id_str": "2190302984401846326",
      "truncated": false,
      "retweet_count": "18",
      "id": "2190302984401846326",
      "created_at": "Sun May 23 03:45:00 +0000 2027",
      "favorited": false,
      "full_text": "@tere_hdz Cállate, derechairo, aquí no aceptamos mentiras.",
      "lang": "es",
      "in_reply_to_status_id_str": "2190287884907449326",
      "in_reply_to_status_id": "2190287884907449326",
      "in_reply_to_user_id_str": "3882206299",
      "in_reply_to_user_id": "3882206299",
      "in_reply_to_screen_name": "tere_hdz"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2189858807608246303"
          ],
          "editableUntil": "2027-05-21T22:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "88"
      ],
      "favorite_count": "92",
      "id_str": "2189858807608246303",
      "truncated": false,
      "retweet_count": "4",
      "id": "2189858807608246303",
      "created_at": "Fri May 21 22:20:00 +0000 2027",
      "favorited": false,
      "full_text": "Morena y sus aliados hicieron posible la pensión universal. ¡Que siga la transformación!",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2189385690117046315"
          ],
          "editableUntil": "2027-05-20T15:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "98"
      ],
      "favorite_count": "114",
      "id_str": "2189385690117046315",
      "truncated": false,
      "retweet_count": "46",
      "id": "2189385690117046315",
      "created_at": "Thu May 20 15:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Comedores comunitarios: preparamos la comida del día sin conservadores ni colorantes artificiales.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2188664689259446302"
          ],
          "editableUntil": "2027-05-18T15:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "125"
      ],
      "favorite_count": "55",
      "id_str": "2188664689259446302",
      "truncated": false,
      "retweet_count": "48",
      "id": "2188664689259446302",
      "created_at": "Tue May 18 15:15:00 +0000 2027",
      "favorited": false,
      "full_text": "Becas Benito Juárez: el pago del bimestre mayo-junio se deposita del 19 al 30 de mayo. No necesitas hacer fila el primer día.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2188049384862646325"
          ],
          "editableUntil": "2027-05-16T22:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "luis_mtz",
            "screen_name": "luis_mtz",
            "indices": [
              "0",
              "9"
            ],
            "id_str": "3848090315",
            "id": "3848090315"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "138"
      ],
      "favorite_count": "62",
      "id_str": "2188049384862646325",
      "truncated": false,
      "retweet_count": "5",
      "id": "2188049384862646325",
      "created_at": "Sun May 16 22:30:00 +0000 2027",
      "favorited": false,
      "full_text": "@luis_mtz Le pedimos evitar palabras como \"chairos\"; aquí atendemos a todas las personas por igual. ¿En qué módulo le negaron la atención?",
      "lang": "es",
      "in_reply_to_status_id_str": "2188034285368249325",
      "in_reply_to_status_id": "2188034285368249325",
      "in_reply_to_user_id_str": "3848090315",
      "in_reply_to_user_id": "3848090315",
      "in_reply_to_screen_name": "luis_mtz"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2187724745733046301"
          ],
          "editableUntil": "2027-05-16T01:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "80"
      ],
      "favorite_count": "18",
      "id_str": "2187724745733046301",
      "truncated": false,
      "retweet_count": "35",
      "id": "2187724745733046301",
      "created_at": "Sun May 16 01:00:00 +0000 2027",
      "favorited": false,
      "full_text": "🏆🇲🇽 Récord histórico 📈📈 ¡3 de cada 4 hogares reciben al menos un programa! 👏👏👏 🥳",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2186905598161846300"
          ],
          "editableUntil": "2027-05-13T18:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "127"
      ],
      "favorite_count": "192",
      "id_str": "2186905598161846300",
      "truncated": false,
      "retweet_count": "22",
      "id": "2186905598161846300",
      "created_at": "Thu May 13 18:45:00 +0000 2027",
      "favorited": false,
      "full_text": "Recuerda: los programas sociales son tuyos por derecho. Nadie puede condicionarlos ni pedirte tu voto o tu credencial a cambio.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2186139298821046299"
          ],
          "editableUntil": "2027-05-11T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "106"
      ],
      "favorite_count": "155",
      "id_str": "2186139298821046299",
      "truncated": false,
      "retweet_count": "9",
      "id": "2186139298821046299",
      "created_at": "Tue May 11 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Si tu tarjeta tiene el chip verde, ya puedes usarla en cualquier cajero del Banco del Bienestar sin costo.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2185444722078646324"
          ],
          "editableUntil": "2027-05-09T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "fer_lomas",
            "screen_name": "fer_lomas",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "490104437",
            "id": "490104437"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "106"
      ],
      "favorite_count": "25",
      "id_str": "2185444722078646324",
      "truncated": false,
      "retweet_count": "49",
      "id": "2185444722078646324",
      "created_at": "Sun May 09 18:00:00 +0000 2027",
      "favorited": false,
      "full_text": "@fer_lomas Su pago se refleja de 24 a 48 horas después del depósito. Si no aparece, llame al 800 900 2000.",
      "lang": "es",
      "in_reply_to_status_id_str": "2185429622584249324",
      "in_reply_to_status_id": "2185429622584249324",
      "in_reply_to_user_id_str": "490104437",
      "in_reply_to_user_id": "490104437",
      "in_reply_to_screen_name": "fer_lomas"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2185037035729846298"
          ],
          "editableUntil": "2027-05-08T15:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "HumanismoMexicano",
            "indices": [
              "52",
              "70"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [
          {
            "name": "Claudiashein",
            "screen_name": "Claudiashein",
            "indices": [
              "11",
              "24"
            ],
            "id_str": "2065294661",
            "id": "2065294661"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "118",
      "id_str": "2185037035729846298",
      "truncated": false,
      "retweet_count": "53",
      "id": "2185037035729846298",
      "created_at": "Sat May 08 15:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Acompaña a @Claudiashein este domingo en el Zócalo. #HumanismoMexicano",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2184395307217846297"
          ],
          "editableUntil": "2027-05-06T20:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "133"
      ],
      "favorite_count": "81",
      "id_str": "2184395307217846297",
      "truncated": false,
      "retweet_count": "40",
      "id": "2184395307217846297",
      "created_at": "Thu May 06 20:30:00 +0000 2027",
      "favorited": false,
      "full_text": "Cuidado con fraudes: ningún servidor público puede pedirte dinero ni tu NIP para inscribirte a un programa. Denuncia al 800 714 8340.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2183622716421046296"
          ],
          "editableUntil": "2027-05-04T17:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "168"
      ],
      "favorite_count": "44",
      "id_str": "2183622716421046296",
      "truncated": false,
      "retweet_count": "27",
      "id": "2183622716421046296",
      "created_at": "Tue May 04 17:20:00 +0000 2027",
      "favorited": false,
      "full_text": "Pensión para el Bienestar de las Personas con Discapacidad: si tu hijo o hija tiene de 0 a 29 años, regístralo en tu módulo con acta de nacimiento y certificado médico.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2183355958686646323"
          ],
          "editableUntil": "2027-05-03T23:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "pepe_lr",
            "screen_name": "pepe_lr",
            "indices": [
              "0",
              "8"
            ],
            "id_str": "3434359668",
            "id": "3434359668"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "61"
      ],
      "favorite_count": "199",
      "id_str": "2183355958686646323",
      "truncated": false,
      "retweet_count": "36",
      "id": "2183355958686646323",
      "created_at": "Mon May 03 23:40:00 +0000 2027",
      "favorited": false,
      "full_text": "@pepe_lr Los conservadores como tú siempre se quejan de todo.",
      "lang": "es",
      "in_reply_to_status_id_str": "2183340859192249323",
      "in_reply_to_status_id": "2183340859192249323",
      "in_reply_to_user_id_str": "3434359668",
      "in_reply_to_user_id": "3434359668",
      "in_reply_to_screen_name": "pepe_lr"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2182877808030646295"
          ],
          "editableUntil": "2027-05-02T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2182877808030646295/video/1",
            "indices": [
              "78",
              "101"
            ],
            "url": "https://t.co/mBiH3jFSxZ",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2182877808030646288/pu/img/30646288.jpg",
            "id_str": "2182877808030646288",
            "id": "2182877808030646288",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2182877808030646288/pu/img/30646288.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/mBiH3jFSxZ"
          }
        ]
      },
      "display_text_range": [
        "0",
        "77"
      ],
      "favorite_count": "7",
      "id_str": "2182877808030646295",
      "truncated": false,
      "retweet_count": "14",
      "id": "2182877808030646295",
      "created_at": "Sun May 02 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Mira cómo construimos 150 sucursales del Banco del Bienestar en un año récord https://t.co/mBiH3jFSxZ",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2182877808030646295/video/1",
            "indices": [
              "78",
              "101"
            ],
            "url": "https://t.co/mBiH3jFSxZ",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2182877808030646288/pu/img/30646288.jpg",
            "id_str": "2182877808030646288",
            "id": "2182877808030646288",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2182877808030646288/pu/img/30646288.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "video",
            "display_url": "pic.x.com/mBiH3jFSxZ",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "55553",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2182877808030646288/pu/vid/1280x720/30646288.mp4"
                }
              ]
            }
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2182153032299446314"
          ],
          "editableUntil": "2027-04-30T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "106"
      ],
      "favorite_count": "77",
      "id_str": "2182153032299446314",
      "truncated": false,
      "retweet_count": "33",
      "id": "2182153032299446314",
      "created_at": "Fri Apr 30 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Día de la Niña y del Niño: en los módulos habrá juegos y pan dulce para las familias que acudan a su cita.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2181911440389046294"
          ],
          "editableUntil": "2027-04-30T00:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "EsTiempoDeMujeres",
            "indices": [
              "82",
              "100"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "100"
      ],
      "favorite_count": "181",
      "id_str": "2181911440389046294",
      "truncated": false,
      "retweet_count": "1",
      "id": "2181911440389046294",
      "created_at": "Fri Apr 30 00:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Horarios de atención de los Módulos de Bienestar durante el puente del 1 de mayo. #EsTiempoDeMujeres",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2181058318955446293"
          ],
          "editableUntil": "2027-04-27T15:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "AlertaAmber",
            "indices": [
              "0",
              "12"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2181058318955446293/photo/1",
            "indices": [
              "163",
              "186"
            ],
            "url": "https://t.co/dJqgj8S7gT",
            "media_url": "http://pbs.twimg.com/media/G8955446286.jpg",
            "id_str": "2181058318955446286",
            "id": "2181058318955446286",
            "media_url_https": "https://pbs.twimg.com/media/G8955446286.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/dJqgj8S7gT"
          }
        ]
      },
      "display_text_range": [
        "0",
        "162"
      ],
      "favorite_count": "144",
      "id_str": "2181058318955446293",
      "truncated": false,
      "retweet_count": "45",
      "id": "2181058318955446293",
      "created_at": "Tue Apr 27 15:30:00 +0000 2027",
      "favorited": false,
      "full_text": "#AlertaAmber Ayúdanos a localizar a Daniela, 15 años. Tez morena, cabello castaño, 1.55 m. Vista por última vez en Iztapalapa. Si tienes información llama al 911. https://t.co/dJqgj8S7gT",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2181058318955446293/photo/1",
            "indices": [
              "163",
              "186"
            ],
            "url": "https://t.co/dJqgj8S7gT",
            "media_url": "http://pbs.twimg.com/media/G8955446286.jpg",
            "id_str": "2181058318955446286",
            "id": "2181058318955446286",
            "media_url_https": "https://pbs.twimg.com/media/G8955446286.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/dJqgj8S7gT"
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2180707255710646322"
          ],
          "editableUntil": "2027-04-26T16:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "ana_sofia",
            "screen_name": "ana_sofia",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "2811135307",
            "id": "2811135307"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "126"
      ],
      "favorite_count": "162",
      "id_str": "2180707255710646322",
      "truncated": false,
      "retweet_count": "23",
      "id": "2180707255710646322",
      "created_at": "Mon Apr 26 16:15:00 +0000 2027",
      "favorited": false,
      "full_text": "@ana_sofia Gracias por avisar. Ya reportamos el cajero fuera de servicio de la sucursal Centro; le avisaremos cuando funcione.",
      "lang": "es",
      "in_reply_to_status_id_str": "2180692156216249322",
      "in_reply_to_status_id": "2180692156216249322",
      "in_reply_to_user_id_str": "2811135307",
      "in_reply_to_user_id": "2811135307",
      "in_reply_to_screen_name": "ana_sofia"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2180416590443446316"
          ],
          "editableUntil": "2027-04-25T21:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "83"
      ],
      "favorite_count": "151",
      "id_str": "2180416590443446316",
      "truncated": false,
      "retweet_count": "2",
      "id": "2180416590443446316",
      "created_at": "Sun Apr 25 21:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Recuerda que la Pensión Mujeres Bienestar es bimestral: 3 mil pesos cada dos meses.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2180008904094646292"
          ],
          "editableUntil": "2027-04-24T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "122"
      ],
      "favorite_count": "107",
      "id_str": "2180008904094646292",
      "truncated": false,
      "retweet_count": "32",
      "id": "2180008904094646292",
      "created_at": "Sat Apr 24 18:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Por mantenimiento, el sistema de citas en línea no estará disponible el sábado de 00:00 a 06:00 h. Disculpa las molestias.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2179768570475446321"
          ],
          "editableUntil": "2027-04-24T02:05:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "don_beto",
            "screen_name": "don_beto",
            "indices": [
              "0",
              "9"
            ],
            "id_str": "2376961388",
            "id": "2376961388"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "69"
      ],
      "favorite_count": "125",
      "id_str": "2179768570475446321",
      "truncated": false,
      "retweet_count": "10",
      "id": "2179768570475446321",
      "created_at": "Sat Apr 24 02:05:00 +0000 2027",
      "favorited": false,
      "full_text": "@don_beto Jajaja qué ignorante, lee la convocatoria antes de opinar 🤡",
      "lang": "es",
      "in_reply_to_status_id_str": "2179753470981049321",
      "in_reply_to_status_id": "2179753470981049321",
      "in_reply_to_user_id_str": "2376961388",
      "in_reply_to_user_id": "2376961388",
      "in_reply_to_screen_name": "don_beto"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2179344526341046291"
          ],
          "editableUntil": "2027-04-22T22:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "88"
      ],
      "favorite_count": "70",
      "id_str": "2179344526341046291",
      "truncated": false,
      "retweet_count": "19",
      "id": "2179344526341046291",
      "created_at": "Thu Apr 22 22:00:00 +0000 2027",
      "favorited": false,
      "full_text": "La Presidenta Claudia Sheinbaum cumplió: ya llegan las pensiones a cada rincón del país.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2178531670225846290"
          ],
          "editableUntil": "2027-04-20T16:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "172"
      ],
      "favorite_count": "33",
      "id_str": "2178531670225846290",
      "truncated": false,
      "retweet_count": "6",
      "id": "2178531670225846290",
      "created_at": "Tue Apr 20 16:10:00 +0000 2027",
      "favorited": false,
      "full_text": "Jóvenes Construyendo el Futuro: la convocatoria de registro para centros de trabajo está abierta hasta el 30 de abril. Requisitos en jovenesconstruyendoelfuturo.stps.gob.mx",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2178164249195446320"
          ],
          "editableUntil": "2027-04-19T15:50:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "mary_vz",
            "screen_name": "mary_vz",
            "indices": [
              "0",
              "8"
            ],
            "id_str": "2413125058",
            "id": "2413125058"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "128"
      ],
      "favorite_count": "88",
      "id_str": "2178164249195446320",
      "truncated": false,
      "retweet_count": "54",
      "id": "2178164249195446320",
      "created_at": "Mon Apr 19 15:50:00 +0000 2027",
      "favorited": false,
      "full_text": "@mary_vz Entendemos su molestia. Aunque nos llama \"rateros\", con gusto revisamos su caso: envíenos su folio por mensaje directo.",
      "lang": "es",
      "in_reply_to_status_id_str": "2178149149701049320",
      "in_reply_to_status_id": "2178149149701049320",
      "in_reply_to_user_id_str": "2413125058",
      "in_reply_to_user_id": "2413125058",
      "in_reply_to_screen_name": "mary_vz"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2177819477406646289"
          ],
          "editableUntil": "2027-04-18T17:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "102"
      ],
      "favorite_count": "207",
      "id_str": "2177819477406646289",
      "truncated": false,
      "retweet_count": "50",
      "id": "2177819477406646289",
      "created_at": "Sun Apr 18 17:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Este 6 de junio sal a votar para que los programas sociales sigan. No permitamos que regrese el PRIAN.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2177569077457846319"
          ],
          "editableUntil": "2027-04-18T00:25:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "raul_ortiz77",
            "screen_name": "raul_ortiz77",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "75221767",
            "id": "75221767"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "70"
      ],
      "favorite_count": "51",
      "id_str": "2177569077457846319",
      "truncated": false,
      "retweet_count": "41",
      "id": "2177569077457846319",
      "created_at": "Sun Apr 18 00:25:00 +0000 2027",
      "favorited": false,
      "full_text": "@raul_ortiz77 Eso dicen los traidores a la patria que añoran al PRIAN.",
      "lang": "es",
      "in_reply_to_status_id_str": "2177553977963449319",
      "in_reply_to_status_id": "2177553977963449319",
      "in_reply_to_user_id_str": "75221767",
      "in_reply_to_user_id": "75221767",
      "in_reply_to_screen_name": "raul_ortiz77"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2177074569016246288"
          ],
          "editableUntil": "2027-04-16T15:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "121"
      ],
      "favorite_count": "170",
      "id_str": "2177074569016246288",
      "truncated": false,
      "retweet_count": "37",
      "id": "2177074569016246288",
      "created_at": "Fri Apr 16 15:40:00 +0000 2027",
      "favorited": false,
      "full_text": "Comedores comunitarios: el menú de esta semana incluye frijoles, arroz, fruta y pan integral. Horario de 13:00 a 16:00 h.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2176762512798646287"
          ],
          "editableUntil": "2027-04-15T19:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2176762512798646287/video/1",
            "indices": [
              "53",
              "76"
            ],
            "url": "https://t.co/M7MU9yqPsA",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2176762512798646280/pu/img/98646280.jpg",
            "id_str": "2176762512798646280",
            "id": "2176762512798646280",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2176762512798646280/pu/img/98646280.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/M7MU9yqPsA"
          }
        ]
      },
      "display_text_range": [
        "0",
        "52"
      ],
      "favorite_count": "133",
      "id_str": "2176762512798646287",
      "truncated": false,
      "retweet_count": "24",
      "id": "2176762512798646287",
      "created_at": "Thu Apr 15 19:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Mensaje sobre el nuevo calendario de pagos de mayo 🎥 https://t.co/M7MU9yqPsA",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2176762512798646287/video/1",
            "indices": [
              "53",
              "76"
            ],
            "url": "https://t.co/M7MU9yqPsA",
            "media_url": "http://pbs.twimg.com/ext_tw_video_thumb/2176762512798646280/pu/img/98646280.jpg",
            "id_str": "2176762512798646280",
            "id": "2176762512798646280",
            "media_url_https": "https://pbs.twimg.com/ext_tw_video_thumb/2176762512798646280/pu/img/98646280.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "video",
            "display_url": "pic.x.com/M7MU9yqPsA",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "46665",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2176762512798646280/pu/vid/1280x720/98646280.mp4"
                }
              ]
            }
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2176332177208246286"
          ],
          "editableUntil": "2027-04-14T14:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "INEMexico",
            "screen_name": "INEMexico",
            "indices": [
              "3",
              "13"
            ],
            "id_str": "643364365",
            "id": "643364365"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "140"
      ],
      "favorite_count": "96",
      "id_str": "2176332177208246286",
      "truncated": false,
      "retweet_count": "11",
      "id": "2176332177208246286",
      "created_at": "Wed Apr 14 14:30:00 +0000 2027",
      "favorited": false,
      "full_text": "RT @INEMexico: Si tu Credencial para Votar venció, acude a tu módulo de atención ciudadana antes del 10 de mayo. Consulta horarios en ine.mx",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2175993445217206280"
          ],
          "editableUntil": "2027-04-13T16:04:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "108"
      ],
      "favorite_count": "85",
      "id_str": "2175993445217206280",
      "truncated": false,
      "retweet_count": "47",
      "id": "2175993445217206280",
      "created_at": "Tue Apr 13 16:04:00 +0000 2027",
      "favorited": false,
      "full_text": "Y gracias a la Presidenta ya son más de 2 millones de mujeres beneficiadas, ¡un logro sin precedentes! (3/3)",
      "lang": "es",
      "in_reply_to_status_id_str": "2175992941900726279",
      "in_reply_to_status_id": "2175992941900726279",
      "in_reply_to_user_id_str": "1853591930",
      "in_reply_to_user_id": "1853591930",
      "in_reply_to_screen_name": "bienestar_mx"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2175992941900726279"
          ],
          "editableUntil": "2027-04-13T16:02:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "131"
      ],
      "favorite_count": "48",
      "id_str": "2175992941900726279",
      "truncated": false,
      "retweet_count": "34",
      "id": "2175992941900726279",
      "created_at": "Tue Apr 13 16:02:00 +0000 2027",
      "favorited": false,
      "full_text": "Requisitos: identificación oficial, CURP actualizada y comprobante de domicilio no mayor a tres meses. Tener de 60 a 64 años. (2/3)",
      "lang": "es",
      "in_reply_to_status_id_str": "2175992438584246278",
      "in_reply_to_status_id": "2175992438584246278",
      "in_reply_to_user_id_str": "1853591930",
      "in_reply_to_user_id": "1853591930",
      "in_reply_to_screen_name": "bienestar_mx"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2175992438584246278"
          ],
          "editableUntil": "2027-04-13T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "60"
      ],
      "favorite_count": "11",
      "id_str": "2175992438584246278",
      "truncated": false,
      "retweet_count": "21",
      "id": "2175992438584246278",
      "created_at": "Tue Apr 13 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Hilo 🧵 Cómo registrarte a la Pensión Mujeres Bienestar (1/3)",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2175677865784246318"
          ],
          "editableUntil": "2027-04-12T19:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "cheche_gdl",
            "screen_name": "cheche_gdl",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "849492117",
            "id": "849492117"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "82"
      ],
      "favorite_count": "14",
      "id_str": "2175677865784246318",
      "truncated": false,
      "retweet_count": "28",
      "id": "2175677865784246318",
      "created_at": "Mon Apr 12 19:10:00 +0000 2027",
      "favorited": false,
      "full_text": "@cheche_gdl Ni te molestes en reclamar, fifí. Tú nunca has necesitado una pensión.",
      "lang": "es",
      "in_reply_to_status_id_str": "2175662766289849318",
      "in_reply_to_status_id": "2175662766289849318",
      "in_reply_to_user_id_str": "849492117",
      "in_reply_to_user_id": "849492117",
      "in_reply_to_screen_name": "cheche_gdl"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2175408591467446285"
          ],
          "editableUntil": "2027-04-12T01:20:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "PalabraCumplida",
            "indices": [
              "59",
              "75"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "59",
      "id_str": "2175408591467446285",
      "truncated": false,
      "retweet_count": "55",
      "id": "2175408591467446285",
      "created_at": "Mon Apr 12 01:20:00 +0000 2027",
      "favorited": false,
      "full_text": "🎉🎉🎉 ¡LO LOGRAMOS! 🙌🔥 ✅ 1 millón de becas entregadas 🇲🇽💯 💪💪 #PalabraCumplida",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2174920374481846317"
          ],
          "editableUntil": "2027-04-10T17:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "lupita_mx",
            "screen_name": "lupita_mx",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "500704339",
            "id": "500704339"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "151"
      ],
      "favorite_count": "188",
      "id_str": "2174920374481846317",
      "truncated": false,
      "retweet_count": "15",
      "id": "2174920374481846317",
      "created_at": "Sat Apr 10 17:00:00 +0000 2027",
      "favorited": false,
      "full_text": "@lupita_mx Hola, Lupita. Puedes consultar el estatus de tu registro con tu CURP en gob.mx/bienestar. Si el sistema no muestra datos, acude a tu módulo.",
      "lang": "es",
      "in_reply_to_status_id_str": "2174905274987449317",
      "in_reply_to_status_id": "2174905274987449317",
      "in_reply_to_user_id_str": "500704339",
      "in_reply_to_user_id": "500704339",
      "in_reply_to_screen_name": "lupita_mx"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2174659908203446284"
          ],
          "editableUntil": "2027-04-09T23:45:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "SegundoPisoDeLaTransformación",
            "indices": [
              "63",
              "93"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "93"
      ],
      "favorite_count": "22",
      "id_str": "2174659908203446284",
      "truncated": false,
      "retweet_count": "42",
      "id": "2174659908203446284",
      "created_at": "Fri Apr 09 23:45:00 +0000 2027",
      "favorited": false,
      "full_text": "Consulta los requisitos de la Beca Rita Cetina en gob.mx/becas #SegundoPisoDeLaTransformación",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2174180499256246283"
          ],
          "editableUntil": "2027-04-08T16:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "143"
      ],
      "favorite_count": "196",
      "id_str": "2174180499256246283",
      "truncated": false,
      "retweet_count": "29",
      "id": "2174180499256246283",
      "created_at": "Thu Apr 08 16:00:00 +0000 2027",
      "favorited": false,
      "full_text": "¿Perdiste tu tarjeta del Bienestar? Repórtala al 800 900 2000 (línea gratuita) y solicita la reposición en tu sucursal del Banco del Bienestar.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2173493472261046282"
          ],
          "editableUntil": "2027-04-06T18:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "RenataIbarraMx",
            "screen_name": "RenataIbarraMx",
            "indices": [
              "4",
              "19"
            ],
            "id_str": "434811725",
            "id": "434811725"
          }
        ],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2173493472261046282/photo/1",
            "indices": [
              "121",
              "144"
            ],
            "url": "https://t.co/rUBgk6ophP",
            "media_url": "http://pbs.twimg.com/media/G2261046275.jpg",
            "id_str": "2173493472261046275",
            "id": "2173493472261046275",
            "media_url_https": "https://pbs.twimg.com/media/G2261046275.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/rUBgk6ophP"
          }
        ]
      },
      "display_text_range": [
        "0",
        "120"
      ],
      "favorite_count": "159",
      "id_str": "2173493472261046282",
      "truncated": false,
      "retweet_count": "16",
      "id": "2173493472261046282",
      "created_at": "Tue Apr 06 18:30:00 +0000 2027",
      "favorited": false,
      "full_text": "Hoy @RenataIbarraMx encabezó la entrega de tarjetas del Bienestar en Tlaxcala: más de 8 mil familias ya cobran su apoyo. https://t.co/rUBgk6ophP",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2173493472261046282/photo/1",
            "indices": [
              "121",
              "144"
            ],
            "url": "https://t.co/rUBgk6ophP",
            "media_url": "http://pbs.twimg.com/media/G2261046275.jpg",
            "id_str": "2173493472261046275",
            "id": "2173493472261046275",
            "media_url_https": "https://pbs.twimg.com/media/G2261046275.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/rUBgk6ophP"
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2173078236165046281"
          ],
          "editableUntil": "2027-04-05T15:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "152"
      ],
      "favorite_count": "122",
      "id_str": "2173078236165046281",
      "truncated": false,
      "retweet_count": "3",
      "id": "2173078236165046281",
      "created_at": "Mon Apr 05 15:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Aviso: en cumplimiento del artículo 41 constitucional, durante las campañas esta cuenta sólo difunde información de servicios, salud y protección civil.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2158615437112246277"
          ],
          "editableUntil": "2027-02-24T17:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2158615437112246277/photo/1",
            "indices": [
              "126",
              "149"
            ],
            "url": "https://t.co/6HrCvBkZ65",
            "media_url": "http://pbs.twimg.com/media/G7112246270.jpg",
            "id_str": "2158615437112246270",
            "id": "2158615437112246270",
            "media_url_https": "https://pbs.twimg.com/media/G7112246270.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/6HrCvBkZ65"
          }
        ]
      },
      "display_text_range": [
        "0",
        "125"
      ],
      "favorite_count": "185",
      "id_str": "2158615437112246277",
      "truncated": false,
      "retweet_count": "8",
      "id": "2158615437112246277",
      "created_at": "Wed Feb 24 17:10:00 +0000 2027",
      "favorited": false,
      "full_text": "La secretaria Renata Ibarra inauguró en Oaxaca la sucursal 3 mil del Banco del Bienestar; nunca antes hubo tantas sucursales. https://t.co/6HrCvBkZ65",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2158615437112246277/photo/1",
            "indices": [
              "126",
              "149"
            ],
            "url": "https://t.co/6HrCvBkZ65",
            "media_url": "http://pbs.twimg.com/media/G7112246270.jpg",
            "id_str": "2158615437112246270",
            "id": "2158615437112246270",
            "media_url_https": "https://pbs.twimg.com/media/G7112246270.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/6HrCvBkZ65"
          }
        ]
      },
      "possibly_sensitive": false
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2156159252689846276"
          ],
          "editableUntil": "2027-02-17T22:30:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "102"
      ],
      "favorite_count": "148",
      "id_str": "2156159252689846276",
      "truncated": false,
      "retweet_count": "52",
      "id": "2156159252689846276",
      "created_at": "Wed Feb 17 22:30:00 +0000 2027",
      "favorited": false,
      "full_text": "Ubica tu Módulo de Bienestar más cercano y su horario de atención en el mapa: gob.mx/bienestar/modulos",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2155520040760246327"
          ],
          "editableUntil": "2027-02-16T04:10:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": false
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [
          {
            "name": "jorge_qro",
            "screen_name": "jorge_qro",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "520278384",
            "id": "520278384"
          }
        ],
        "urls": []
      },
      "display_text_range": [
        "0",
        "75"
      ],
      "favorite_count": "136",
      "id_str": "2155520040760246327",
      "truncated": false,
      "retweet_count": "31",
      "id": "2155520040760246327",
      "created_at": "Tue Feb 16 04:10:00 +0000 2027",
      "favorited": false,
      "full_text": "@jorge_qro Ay sí, pobrecito fifí, ¿ya no le alcanza para el club de golf? 😂",
      "lang": "es",
      "in_reply_to_status_id_str": "2155504941265849327",
      "in_reply_to_status_id": "2155504941265849327",
      "in_reply_to_user_id_str": "520278384",
      "in_reply_to_user_id": "520278384",
      "in_reply_to_screen_name": "jorge_qro"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2153554589905846275"
          ],
          "editableUntil": "2027-02-10T18:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [
          {
            "text": "CuartaTransformación",
            "indices": [
              "63",
              "84"
            ]
          }
        ],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "84"
      ],
      "favorite_count": "111",
      "id_str": "2153554589905846275",
      "truncated": false,
      "retweet_count": "39",
      "id": "2153554589905846275",
      "created_at": "Wed Feb 10 18:00:00 +0000 2027",
      "favorited": false,
      "full_text": "Por el bien de todos, primero los pobres. Así trabajamos en la #CuartaTransformación",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2150976351237046274"
          ],
          "editableUntil": "2027-02-03T15:15:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "123"
      ],
      "favorite_count": "74",
      "id_str": "2150976351237046274",
      "truncated": false,
      "retweet_count": "26",
      "id": "2150976351237046274",
      "created_at": "Wed Feb 03 15:15:00 +0000 2027",
      "favorited": false,
      "full_text": "Si cumples 65 años este bimestre, acude a tu Módulo de Bienestar con INE, CURP y comprobante de domicilio para registrarte.",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2146045108024246273"
          ],
          "editableUntil": "2027-01-21T00:40:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "110"
      ],
      "favorite_count": "37",
      "id_str": "2146045108024246273",
      "truncated": false,
      "retweet_count": "13",
      "id": "2146045108024246273",
      "created_at": "Thu Jan 21 00:40:00 +0000 2027",
      "favorited": false,
      "full_text": "¡Cumplimos! Este año más de 12 millones de personas adultas mayores reciben su pensión, una cifra histórica. 💪",
      "lang": "es"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "2143016401105846272"
          ],
          "editableUntil": "2027-01-12T16:05:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [],
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2143016401105846272/photo/1",
            "indices": [
              "191",
              "214"
            ],
            "url": "https://t.co/JwfZG9iAUj",
            "media_url": "http://pbs.twimg.com/media/G1105846265.jpg",
            "id_str": "2143016401105846265",
            "id": "2143016401105846265",
            "media_url_https": "https://pbs.twimg.com/media/G1105846265.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/JwfZG9iAUj"
          }
        ]
      },
      "display_text_range": [
        "0",
        "190"
      ],
      "favorite_count": "0",
      "id_str": "2143016401105846272",
      "truncated": false,
      "retweet_count": "0",
      "id": "2143016401105846272",
      "created_at": "Tue Jan 12 16:05:00 +0000 2027",
      "favorited": false,
      "full_text": "Calendario de pagos de enero de la Pensión para el Bienestar de las Personas Adultas Mayores: el depósito se hace según la primera letra de tu apellido. Consulta tu fecha en gob.mx/bienestar https://t.co/JwfZG9iAUj",
      "lang": "es",
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/bienestar_mx/status/2143016401105846272/photo/1",
            "indices": [
              "191",
              "214"
            ],
            "url": "https://t.co/JwfZG9iAUj",
            "media_url": "http://pbs.twimg.com/media/G1105846265.jpg",
            "id_str": "2143016401105846265",
            "id": "2143016401105846265",
            "media_url_https": "https://pbs.twimg.com/media/G1105846265.jpg",
            "sizes": {
              "thumb": {
                "w": "150",
                "h": "150",
                "resize": "crop"
              },
              "large": {
                "w": "1280",
                "h": "720",
                "resize": "fit"
              }
            },
            "type": "photo",
            "display_url": "pic.x.com/JwfZG9iAUj"
          }
        ]
      },
      "possibly_sensitive": false
    }
  }
]