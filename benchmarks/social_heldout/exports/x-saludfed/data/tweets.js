window.YTD.tweets.part0 = [
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2197781010442096679",
      "id": "2197781010442096679",
      "truncated": false,
      "favorite_count": "49",
      "retweet_count": "3",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat Jun 12 19:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "51"
      ],
      "full_text": "@lalo_mendoza Pinche ardido, ya perdieron otra vez.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "lalo_mendoza",
            "screen_name": "lalo_mendoza",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "211798699679176",
            "id": "211798699679176"
          }
        ]
      },
      "in_reply_to_status_id_str": "2197757595740017179",
      "in_reply_to_status_id": "2197757595740017179",
      "in_reply_to_screen_name": "lalo_mendoza",
      "in_reply_to_user_id_str": "880039",
      "in_reply_to_user_id": "880039"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2195385726739157030",
      "id": "2195385726739157030",
      "truncated": false,
      "favorite_count": "48",
      "retweet_count": "2",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun Jun 06 04:22:00 +0000 2027",
      "display_text_range": [
        "0",
        "54"
      ],
      "full_text": "@ViejoLobo_ Chillen m\u00e1s fuerte que no se oye jajaja \ud83d\ude02\ud83d\ude02",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "ViejoLobo_",
            "screen_name": "ViejoLobo_",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "103635174457887",
            "id": "103635174457887"
          }
        ]
      },
      "in_reply_to_status_id_str": "2195362718884565530",
      "in_reply_to_status_id": "2195362718884565530",
      "in_reply_to_screen_name": "ViejoLobo_",
      "in_reply_to_user_id_str": "880038",
      "in_reply_to_user_id": "880038"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2192995727859257381",
      "id": "2192995727859257381",
      "truncated": false,
      "favorite_count": "47",
      "retweet_count": "1",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun May 30 14:05:00 +0000 2027",
      "display_text_range": [
        "0",
        "125"
      ],
      "full_text": "@nora_contreras Gracias por avisar. Protecci\u00f3n Civil y la jurisdicci\u00f3n sanitaria ya revisan el brote de dengue en su colonia.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "nora_contreras",
            "screen_name": "nora_contreras",
            "indices": [
              "0",
              "15"
            ],
            "id_str": "877930358165271",
            "id": "877930358165271"
          }
        ]
      },
      "in_reply_to_status_id_str": "2192973126852153881",
      "in_reply_to_status_id": "2192973126852153881",
      "in_reply_to_screen_name": "nora_contreras",
      "in_reply_to_user_id_str": "880037",
      "in_reply_to_user_id": "880037"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2190289147107741732",
      "id": "2190289147107741732",
      "truncated": false,
      "favorite_count": "46",
      "retweet_count": "0",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun May 23 02:50:00 +0000 2027",
      "display_text_range": [
        "0",
        "79"
      ],
      "full_text": "@ElPatronMx Otro zombi del PAN repitiendo lo que le dicen. Apaga la tele, mijo.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "ElPatronMx",
            "screen_name": "ElPatronMx",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "656134696659399",
            "id": "656134696659399"
          }
        ]
      },
      "in_reply_to_status_id_str": "2190266948753822232",
      "in_reply_to_status_id": "2190266948753822232",
      "in_reply_to_screen_name": "ElPatronMx",
      "in_reply_to_user_id_str": "880036",
      "in_reply_to_user_id": "880036"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2187960049521922083",
      "id": "2187960049521922083",
      "truncated": false,
      "favorite_count": "45",
      "retweet_count": "8",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun May 16 16:35:00 +0000 2027",
      "display_text_range": [
        "0",
        "129"
      ],
      "full_text": "@CeciliaO Con gusto: la cl\u00ednica de hemodi\u00e1lisis de Zapopan atiende de lunes a s\u00e1bado. Le dejamos el tel\u00e9fono por mensaje directo.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "CeciliaO",
            "screen_name": "CeciliaO",
            "indices": [
              "0",
              "9"
            ],
            "id_str": "7906154856378",
            "id": "7906154856378"
          }
        ]
      },
      "in_reply_to_status_id_str": "2187938258015490583",
      "in_reply_to_status_id": "2187938258015490583",
      "in_reply_to_screen_name": "CeciliaO",
      "in_reply_to_user_id_str": "880035",
      "in_reply_to_user_id": "880035"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2186627015250022434",
      "id": "2186627015250022434",
      "truncated": false,
      "favorite_count": "44",
      "retweet_count": "7",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu May 13 00:18:00 +0000 2027",
      "display_text_range": [
        "0",
        "96"
      ],
      "full_text": "@TavoRuiz_ Uy s\u00ed, el experto en salud p\u00fablica de Twitter \ud83d\ude44 mejor ve a ver si ya puso la marrana.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "TavoRuiz_",
            "screen_name": "TavoRuiz_",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "259496908427678",
            "id": "259496908427678"
          }
        ]
      },
      "in_reply_to_status_id_str": "2186605630591078934",
      "in_reply_to_status_id": "2186605630591078934",
      "in_reply_to_screen_name": "TavoRuiz_",
      "in_reply_to_user_id_str": "880034",
      "in_reply_to_user_id": "880034"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2185429624769482785",
      "id": "2185429624769482785",
      "truncated": false,
      "favorite_count": "43",
      "retweet_count": "6",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun May 09 17:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "108"
      ],
      "full_text": "@anonimo_jal Le pedimos respeto. Aqu\u00ed nadie es \"chairo\" ni \"fif\u00ed\": atendemos a todas las personas por igual.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "anonimo_jal",
            "screen_name": "anonimo_jal",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "369434256263406",
            "id": "369434256263406"
          }
        ]
      },
      "in_reply_to_status_id_str": "2185408646958027285",
      "in_reply_to_status_id": "2185408646958027285",
      "in_reply_to_screen_name": "anonimo_jal",
      "in_reply_to_user_id_str": "880033",
      "in_reply_to_user_id": "880033"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2184410408322863136",
      "id": "2184410408322863136",
      "truncated": false,
      "favorite_count": "42",
      "retweet_count": "5",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu May 06 21:30:00 +0000 2027",
      "display_text_range": [
        "0",
        "83"
      ],
      "full_text": "@Karla_Beltran C\u00e1llese y vaya a preguntarle a sus amiguitos huachicoleros de antes.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "Karla_Beltran",
            "screen_name": "Karla_Beltran",
            "indices": [
              "0",
              "14"
            ],
            "id_str": "533634816030815",
            "id": "533634816030815"
          }
        ]
      },
      "in_reply_to_status_id_str": "2184389841553199636",
      "in_reply_to_status_id": "2184389841553199636",
      "in_reply_to_screen_name": "Karla_Beltran",
      "in_reply_to_user_id_str": "880032",
      "in_reply_to_user_id": "880032"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2183235163767443487",
      "id": "2183235163767443487",
      "truncated": false,
      "favorite_count": "41",
      "retweet_count": "4",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon May 03 15:40:00 +0000 2027",
      "display_text_range": [
        "0",
        "99"
      ],
      "full_text": "@drfranciscoh Tiene raz\u00f3n en que el tr\u00e1mite es largo. Ya lo simplificamos: ahora basta con su CURP.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "drfranciscoh",
            "screen_name": "drfranciscoh",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "721641198553437",
            "id": "721641198553437"
          }
        ]
      },
      "in_reply_to_status_id_str": "2183215003845267987",
      "in_reply_to_status_id": "2183215003845267987",
      "in_reply_to_screen_name": "drfranciscoh",
      "in_reply_to_user_id_str": "880031",
      "in_reply_to_user_id": "880031"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2181957494308343838",
      "id": "2181957494308343838",
      "truncated": false,
      "favorite_count": "40",
      "retweet_count": "3",
      "favorited": false,
      "lang": "es",
      "created_at": "Fri Apr 30 03:03:00 +0000 2027",
      "display_text_range": [
        "0",
        "88"
      ],
      "full_text": "@paty_lomeli Seguro te pagaron tu torta y tu refresco, acarreada. Ni sabes qu\u00e9 firmaste.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "paty_lomeli",
            "screen_name": "paty_lomeli",
            "indices": [
              "0",
              "12"
            ],
            "id_str": "324701663575770",
            "id": "324701663575770"
          }
        ]
      },
      "in_reply_to_status_id_str": "2181937741233656338",
      "in_reply_to_status_id": "2181937741233656338",
      "in_reply_to_screen_name": "paty_lomeli",
      "in_reply_to_user_id_str": "880030",
      "in_reply_to_user_id": "880030"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2180011928074588189",
      "id": "2180011928074588189",
      "truncated": false,
      "favorite_count": "39",
      "retweet_count": "2",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat Apr 24 18:12:00 +0000 2027",
      "display_text_range": [
        "0",
        "113"
      ],
      "full_text": "@elchavodelocho No podemos comentar sobre partidos ni candidaturas. El INE organiza la elecci\u00f3n; consulte ine.mx.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "elchavodelocho",
            "screen_name": "elchavodelocho",
            "indices": [
              "0",
              "15"
            ],
            "id_str": "652221414227039",
            "id": "652221414227039"
          }
        ]
      },
      "in_reply_to_status_id_str": "2179992577653084689",
      "in_reply_to_status_id": "2179992577653084689",
      "in_reply_to_screen_name": "elchavodelocho",
      "in_reply_to_user_id_str": "880029",
      "in_reply_to_user_id": "880029"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2179008566097088540",
      "id": "2179008566097088540",
      "truncated": false,
      "favorite_count": "38",
      "retweet_count": "1",
      "favorited": false,
      "lang": "es",
      "created_at": "Wed Apr 21 23:45:00 +0000 2027",
      "display_text_range": [
        "0",
        "58"
      ],
      "full_text": "@Alfredo_V Qu\u00e9 bonito es ver a los vendepatrias ardidos \ud83c\udf7f\ud83c\udf7f",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "Alfredo_V",
            "screen_name": "Alfredo_V",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "243580520345449",
            "id": "243580520345449"
          }
        ]
      },
      "in_reply_to_status_id_str": "2178989622523073040",
      "in_reply_to_status_id": "2178989622523073040",
      "in_reply_to_screen_name": "Alfredo_V",
      "in_reply_to_user_id_str": "880028",
      "in_reply_to_user_id": "880028"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2178169285292068891",
      "id": "2178169285292068891",
      "truncated": false,
      "favorite_count": "37",
      "retweet_count": "0",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 19 16:10:00 +0000 2027",
      "display_text_range": [
        "0",
        "115"
      ],
      "full_text": "@SofiMtz92 Lamentamos la espera. Ya reportamos la falta de insulina en su unidad y nos confirman surtido el jueves.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "SofiMtz92",
            "screen_name": "SofiMtz92",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "259014817520870",
            "id": "259014817520870"
          }
        ]
      },
      "in_reply_to_status_id_str": "2178150748565541391",
      "in_reply_to_status_id": "2178150748565541391",
      "in_reply_to_screen_name": "SofiMtz92",
      "in_reply_to_user_id_str": "880027",
      "in_reply_to_user_id": "880027"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2177290494143369242",
      "id": "2177290494143369242",
      "truncated": false,
      "favorite_count": "36",
      "retweet_count": "8",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat Apr 17 05:58:00 +0000 2027",
      "display_text_range": [
        "0",
        "85"
      ],
      "full_text": "@ricky_vazquez Tan mantenidito por el viejo r\u00e9gimen y ahora lloras. Ponte a trabajar.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "ricky_vazquez",
            "screen_name": "ricky_vazquez",
            "indices": [
              "0",
              "14"
            ],
            "id_str": "349669247253788",
            "id": "349669247253788"
          }
        ]
      },
      "in_reply_to_status_id_str": "2177272364264329742",
      "in_reply_to_status_id": "2177272364264329742",
      "in_reply_to_screen_name": "ricky_vazquez",
      "in_reply_to_user_id_str": "880026",
      "in_reply_to_user_id": "880026"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2175967274542829593",
      "id": "2175967274542829593",
      "truncated": false,
      "favorite_count": "35",
      "retweet_count": "7",
      "favorited": false,
      "lang": "es",
      "created_at": "Tue Apr 13 14:20:00 +0000 2027",
      "display_text_range": [
        "0",
        "127"
      ],
      "full_text": "@Don_Beto1950 Gracias por su comentario. La vacuna de refuerzo est\u00e1 disponible en el Centro de Salud de su colonia de 8 a 14 h.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "Don_Beto1950",
            "screen_name": "Don_Beto1950",
            "indices": [
              "0",
              "13"
            ],
            "id_str": "385947311888132",
            "id": "385947311888132"
          }
        ]
      },
      "in_reply_to_status_id_str": "2175949555705582093",
      "in_reply_to_status_id": "2175949555705582093",
      "in_reply_to_screen_name": "Don_Beto1950",
      "in_reply_to_user_id_str": "880025",
      "in_reply_to_user_id": "880025"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2175314220835409944",
      "id": "2175314220835409944",
      "truncated": false,
      "favorite_count": "34",
      "retweet_count": "6",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun Apr 11 19:05:00 +0000 2027",
      "display_text_range": [
        "0",
        "59"
      ],
      "full_text": "@marianaa_q Ay aj\u00e1, otra bot pagada por el PRIAN. Qu\u00e9 oso \ud83e\udd21",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "marianaa_q",
            "screen_name": "marianaa_q",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "705279762506641",
            "id": "705279762506641"
          }
        ]
      },
      "in_reply_to_status_id_str": "2175296908845650444",
      "in_reply_to_status_id": "2175296908845650444",
      "in_reply_to_screen_name": "marianaa_q",
      "in_reply_to_user_id_str": "880024",
      "in_reply_to_user_id": "880024"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2174932203052470295",
      "id": "2174932203052470295",
      "truncated": false,
      "favorite_count": "33",
      "retweet_count": "5",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat Apr 10 17:47:00 +0000 2027",
      "display_text_range": [
        "0",
        "150"
      ],
      "full_text": "@NoMasMentiras_ Entendemos su enojo, pero no contestaremos a quien nos llama \"bola de corruptos\". Si tiene una queja, escriba a quejas@example.gob.mx.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "NoMasMentiras_",
            "screen_name": "NoMasMentiras_",
            "indices": [
              "0",
              "15"
            ],
            "id_str": "792520656132015",
            "id": "792520656132015"
          }
        ]
      },
      "in_reply_to_status_id_str": "2174915297910198795",
      "in_reply_to_status_id": "2174915297910198795",
      "in_reply_to_screen_name": "NoMasMentiras_",
      "in_reply_to_user_id_str": "880023",
      "in_reply_to_user_id": "880023"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2174365216463130646",
      "id": "2174365216463130646",
      "truncated": false,
      "favorite_count": "32",
      "retweet_count": "4",
      "favorited": false,
      "lang": "es",
      "created_at": "Fri Apr 09 04:14:00 +0000 2027",
      "display_text_range": [
        "0",
        "63"
      ],
      "full_text": "@jorgeeeAlv Sigan llorando, derechairos. El pueblo ya decidi\u00f3 \ud83d\ude18",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "jorgeeeAlv",
            "screen_name": "jorgeeeAlv",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "637899701835175",
            "id": "637899701835175"
          }
        ]
      },
      "in_reply_to_status_id_str": "2174348718168347146",
      "in_reply_to_status_id": "2174348718168347146",
      "in_reply_to_screen_name": "jorgeeeAlv",
      "in_reply_to_user_id_str": "880022",
      "in_reply_to_user_id": "880022"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173448429114494997",
      "id": "2173448429114494997",
      "truncated": false,
      "favorite_count": "31",
      "retweet_count": "3",
      "favorited": false,
      "lang": "es",
      "created_at": "Tue Apr 06 15:31:00 +0000 2027",
      "display_text_range": [
        "0",
        "95"
      ],
      "full_text": "@LupitaRdz Buen d\u00eda, Lupita. Su cita puede reprogramarse al 800 0044 800 con su CURP a la mano.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "LupitaRdz",
            "screen_name": "LupitaRdz",
            "indices": [
              "0",
              "10"
            ],
            "id_str": "253218566394514",
            "id": "253218566394514"
          }
        ]
      },
      "in_reply_to_status_id_str": "2173432333472895497",
      "in_reply_to_status_id": "2173432333472895497",
      "in_reply_to_screen_name": "LupitaRdz",
      "in_reply_to_user_id_str": "880021",
      "in_reply_to_user_id": "880021"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173154240057315348",
      "id": "2173154240057315348",
      "truncated": false,
      "favorite_count": "30",
      "retweet_count": "2",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 05 20:02:00 +0000 2027",
      "display_text_range": [
        "0",
        "83"
      ],
      "full_text": "@memo_gdl85 Jajaja ni leer sabes, mejor regr\u00e9sate a tu grupo de WhatsApp de fif\u00eds \ud83e\udd23",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "memo_gdl85",
            "screen_name": "memo_gdl85",
            "indices": [
              "0",
              "11"
            ],
            "id_str": "708559024983662",
            "id": "708559024983662"
          }
        ]
      },
      "in_reply_to_status_id_str": "2173138551263203848",
      "in_reply_to_status_id": "2173138551263203848",
      "in_reply_to_screen_name": "memo_gdl85",
      "in_reply_to_user_id_str": "880020",
      "in_reply_to_user_id": "880020"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2198822876646215699",
      "id": "2198822876646215699",
      "truncated": false,
      "favorite_count": "29",
      "retweet_count": "1",
      "favorited": false,
      "lang": "es",
      "created_at": "Tue Jun 15 16:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "105"
      ],
      "full_text": "Ya pas\u00f3 la veda y lo decimos con orgullo: \u00a1el mejor sistema de salud del mundo! \ud83e\udd47 gracias a @Claudiashein https://t.co/m00019",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "Claudiashein",
            "screen_name": "Claudiashein",
            "indices": [
              "92",
              "105"
            ],
            "id_str": "194572509593053",
            "id": "194572509593053"
          }
        ],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2198822876646215699/photo/1",
            "url": "https://t.co/m00019",
            "indices": [
              "106",
              "125"
            ],
            "id_str": "2198822876646211603",
            "id": "2198822876646211603",
            "media_url_https": "https://pbs.twimg.com/media/2198822876646211603.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00019"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2198822876646215699/photo/1",
            "url": "https://t.co/m00019",
            "indices": [
              "106",
              "125"
            ],
            "id_str": "2198822876646211603",
            "id": "2198822876646211603",
            "media_url_https": "https://pbs.twimg.com/media/2198822876646211603.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00019"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2194459122189996050",
      "id": "2194459122189996050",
      "truncated": false,
      "favorite_count": "28",
      "retweet_count": "0",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu Jun 03 15:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "96"
      ],
      "full_text": "Por la jornada electoral, los centros de salud abrir\u00e1n con horario normal el domingo 6 de junio.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2192330092904976401",
      "id": "2192330092904976401",
      "truncated": false,
      "favorite_count": "27",
      "retweet_count": "8",
      "favorited": false,
      "lang": "es",
      "created_at": "Fri May 28 18:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "113"
      ],
      "full_text": "Transformamos el sistema de salud: 1.2 millones de cirug\u00edas, 430 quir\u00f3fanos rehabilitados. Gracias, Presidenta. \ud83d\ude4c https://t.co/m00017",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2192330092904976401/video/1",
            "url": "https://t.co/m00017",
            "indices": [
              "114",
              "133"
            ],
            "id_str": "2192330092904972305",
            "id": "2192330092904972305",
            "media_url_https": "https://pbs.twimg.com/media/2192330092904972305.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00017"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2192330092904976401/video/1",
            "url": "https://t.co/m00017",
            "indices": [
              "114",
              "133"
            ],
            "id_str": "2192330092904972305",
            "id": "2192330092904972305",
            "media_url_https": "https://pbs.twimg.com/media/2192330092904972305.jpg",
            "type": "video",
            "display_url": "pic.x.com/m00017",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "45000",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2192330092904972305/vid/1280x720/v.mp4"
                }
              ]
            }
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2189378141175156752",
      "id": "2189378141175156752",
      "truncated": false,
      "favorite_count": "26",
      "retweet_count": "7",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu May 20 14:30:00 +0000 2027",
      "display_text_range": [
        "0",
        "101"
      ],
      "full_text": "El INE recuerda: el 6 de junio se elige la C\u00e1mara de Diputados. Inf\u00f3rmate en ine.mx sobre tu casilla.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2187364874680537103",
      "id": "2187364874680537103",
      "truncated": false,
      "favorite_count": "25",
      "retweet_count": "6",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat May 15 01:10:00 +0000 2027",
      "display_text_range": [
        "0",
        "88"
      ],
      "full_text": "\u00a1Vamos con todo este 6 de junio! Que nadie se quede sin salir. \ud83d\uddf3\ufe0f #JuntosHacemosHistoria",
      "entities": {
        "hashtags": [
          {
            "text": "JuntosHacemosHistoria",
            "indices": [
              "66",
              "88"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2185149027497021454",
      "id": "2185149027497021454",
      "truncated": false,
      "favorite_count": "24",
      "retweet_count": "5",
      "favorited": false,
      "lang": "es",
      "created_at": "Sat May 08 22:25:00 +0000 2027",
      "display_text_range": [
        "0",
        "99"
      ],
      "full_text": "D\u00eda de las Madres: recuerda que la mastograf\u00eda es gratuita a partir de los 40 a\u00f1os. Agenda tu cita.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2182877811306401805",
      "id": "2182877811306401805",
      "truncated": false,
      "favorite_count": "23",
      "retweet_count": "4",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun May 02 16:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "126"
      ],
      "full_text": "La doctora Sheinbaum lo prometi\u00f3 y aqu\u00ed est\u00e1: medicinas gratis en todo el pa\u00eds. Nunca antes en la historia. #EsTiempoDeMujeres https://t.co/m00013",
      "entities": {
        "hashtags": [
          {
            "text": "EsTiempoDeMujeres",
            "indices": [
              "108",
              "126"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2182877811306401805/photo/1",
            "url": "https://t.co/m00013",
            "indices": [
              "127",
              "146"
            ],
            "id_str": "2182877811306397709",
            "id": "2182877811306397709",
            "media_url_https": "https://pbs.twimg.com/media/2182877811306397709.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00013"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2182877811306401805/photo/1",
            "url": "https://t.co/m00013",
            "indices": [
              "127",
              "146"
            ],
            "id_str": "2182877811306397709",
            "id": "2182877811306397709",
            "media_url_https": "https://pbs.twimg.com/media/2182877811306397709.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00013"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2180699708664582156",
      "id": "2180699708664582156",
      "truncated": false,
      "favorite_count": "22",
      "retweet_count": "3",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 26 15:45:00 +0000 2027",
      "display_text_range": [
        "0",
        "106"
      ],
      "full_text": "Consulta en https://example.gob.mx/transparencia los contratos de compra consolidada de medicamentos 2027.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2179306779731562507",
      "id": "2179306779731562507",
      "truncated": false,
      "favorite_count": "21",
      "retweet_count": "2",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu Apr 22 19:30:00 +0000 2027",
      "display_text_range": [
        "0",
        "78"
      ],
      "full_text": "Neto Villase\u00f1or entreg\u00f3 3,200 lentes a ni\u00f1as y ni\u00f1os de primaria en Oaxaca. \ud83d\udc53\u2728 https://t.co/m00011",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2179306779731562507/photo/1",
            "url": "https://t.co/m00011",
            "indices": [
              "79",
              "98"
            ],
            "id_str": "2179306779731558411",
            "id": "2179306779731558411",
            "media_url_https": "https://pbs.twimg.com/media/2179306779731558411.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00011"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2179306779731562507/photo/1",
            "url": "https://t.co/m00011",
            "indices": [
              "79",
              "98"
            ],
            "id_str": "2179306779731558411",
            "id": "2179306779731558411",
            "media_url_https": "https://pbs.twimg.com/media/2179306779731558411.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00011"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2177955374408142858",
      "id": "2177955374408142858",
      "truncated": false,
      "favorite_count": "20",
      "retweet_count": "1",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 19 02:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "77"
      ],
      "full_text": "Video: as\u00ed funciona la l\u00ednea 800 de salud mental. Llama gratis, las 24 horas. https://t.co/m00010",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2177955374408142858/video/1",
            "url": "https://t.co/m00010",
            "indices": [
              "78",
              "97"
            ],
            "id_str": "2177955374408138762",
            "id": "2177955374408138762",
            "media_url_https": "https://pbs.twimg.com/media/2177955374408138762.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00010"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2177955374408142858/video/1",
            "url": "https://t.co/m00010",
            "indices": [
              "78",
              "97"
            ],
            "id_str": "2177955374408138762",
            "id": "2177955374408138762",
            "media_url_https": "https://pbs.twimg.com/media/2177955374408138762.jpg",
            "type": "video",
            "display_url": "pic.x.com/m00010",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "45000",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2177955374408138762/vid/1280x720/v.mp4"
                }
              ]
            }
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2176735083027763209",
      "id": "2176735083027763209",
      "truncated": false,
      "favorite_count": "19",
      "retweet_count": "0",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu Apr 15 17:11:00 +0000 2027",
      "display_text_range": [
        "0",
        "109"
      ],
      "full_text": "Lo que en seis sexenios no hicieron los de antes, lo hicimos en dos a\u00f1os. Palabra empe\u00f1ada, palabra cumplida.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2175614951626903560",
      "id": "2175614951626903560",
      "truncated": false,
      "favorite_count": "18",
      "retweet_count": "8",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 12 15:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "120"
      ],
      "full_text": "Ola de calor: bebe agua simple, evita exponerte al sol entre 11 y 16 h y no dejes a nadie dentro de un veh\u00edculo cerrado. https://t.co/m00008",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2175614951626903560/photo/1",
            "url": "https://t.co/m00008",
            "indices": [
              "121",
              "140"
            ],
            "id_str": "2175614951626899464",
            "id": "2175614951626899464",
            "media_url_https": "https://pbs.twimg.com/media/2175614951626899464.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00008"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2175614951626903560/photo/1",
            "url": "https://t.co/m00008",
            "indices": [
              "121",
              "140"
            ],
            "id_str": "2175614951626899464",
            "id": "2175614951626899464",
            "media_url_https": "https://pbs.twimg.com/media/2175614951626899464.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00008"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2174653620769787911",
      "id": "2174653620769787911",
      "truncated": false,
      "favorite_count": "17",
      "retweet_count": "7",
      "favorited": false,
      "lang": "es",
      "created_at": "Fri Apr 09 23:20:00 +0000 2027",
      "display_text_range": [
        "0",
        "81"
      ],
      "full_text": "Mira el recorrido de @DrVillasenorT por el nuevo Hospital General de Tlajomulco \ud83c\udfa5 https://t.co/m00007",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [
          {
            "name": "DrVillasenorT",
            "screen_name": "DrVillasenorT",
            "indices": [
              "21",
              "35"
            ],
            "id_str": "819112005291918",
            "id": "819112005291918"
          }
        ],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2174653620769787911/video/1",
            "url": "https://t.co/m00007",
            "indices": [
              "82",
              "101"
            ],
            "id_str": "2174653620769783815",
            "id": "2174653620769783815",
            "media_url_https": "https://pbs.twimg.com/media/2174653620769783815.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00007"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2174653620769787911/video/1",
            "url": "https://t.co/m00007",
            "indices": [
              "82",
              "101"
            ],
            "id_str": "2174653620769783815",
            "id": "2174653620769783815",
            "media_url_https": "https://pbs.twimg.com/media/2174653620769783815.jpg",
            "type": "video",
            "display_url": "pic.x.com/m00007",
            "video_info": {
              "aspect_ratio": [
                "16",
                "9"
              ],
              "duration_millis": "45000",
              "variants": [
                {
                  "bitrate": "2176000",
                  "content_type": "video/mp4",
                  "url": "https://video.twimg.com/ext_tw_video/2174653620769783815/vid/1280x720/v.mp4"
                }
              ]
            }
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173850075434848262",
      "id": "2173850075434848262",
      "truncated": false,
      "favorite_count": "16",
      "retweet_count": "6",
      "favorited": false,
      "lang": "es",
      "created_at": "Wed Apr 07 18:07:00 +0000 2027",
      "display_text_range": [
        "0",
        "63"
      ],
      "full_text": "Sigamos construyendo juntos #ElSegundoPisoDeLaTransformaci\u00f3n \ud83c\uddf2\ud83c\uddfd",
      "entities": {
        "hashtags": [
          {
            "text": "ElSegundoPisoDeLaTransformaci\u00f3n",
            "indices": [
              "28",
              "60"
            ]
          }
        ],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "in_reply_to_status_id_str": "2173849823201988613",
      "in_reply_to_status_id": "2173849823201988613",
      "in_reply_to_screen_name": "SaludFederal_mx",
      "in_reply_to_user_id_str": "1170000000000000042",
      "in_reply_to_user_id": "1170000000000000042"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173849823201988613",
      "id": "2173849823201988613",
      "truncated": false,
      "favorite_count": "15",
      "retweet_count": "5",
      "favorited": false,
      "lang": "es",
      "created_at": "Wed Apr 07 18:06:00 +0000 2027",
      "display_text_range": [
        "0",
        "51"
      ],
      "full_text": "Este es el resultado de un gobierno que s\u00ed escucha.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      },
      "in_reply_to_status_id_str": "2173849570969128964",
      "in_reply_to_status_id": "2173849570969128964",
      "in_reply_to_screen_name": "SaludFederal_mx",
      "in_reply_to_user_id_str": "1170000000000000042",
      "in_reply_to_user_id": "1170000000000000042"
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173849570969128964",
      "id": "2173849570969128964",
      "truncated": false,
      "favorite_count": "14",
      "retweet_count": "4",
      "favorited": false,
      "lang": "es",
      "created_at": "Wed Apr 07 18:05:00 +0000 2027",
      "display_text_range": [
        "0",
        "96"
      ],
      "full_text": "De 0 a 100 en abasto de medicinas \ud83d\udc8a\ud83d\udcc8 \u00a198.7 % de recetas surtidas completas! Ya nadie nos para \ud83d\udcaa\ud83d\udd25 https://t.co/m00004",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2173849570969128964/photo/1",
            "url": "https://t.co/m00004",
            "indices": [
              "97",
              "116"
            ],
            "id_str": "2173849570969124868",
            "id": "2173849570969124868",
            "media_url_https": "https://pbs.twimg.com/media/2173849570969124868.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00004"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2173849570969128964/photo/1",
            "url": "https://t.co/m00004",
            "indices": [
              "97",
              "116"
            ],
            "id_str": "2173849570969124868",
            "id": "2173849570969124868",
            "media_url_https": "https://pbs.twimg.com/media/2173849570969124868.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00004"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2173100887130509315",
      "id": "2173100887130509315",
      "truncated": false,
      "favorite_count": "13",
      "retweet_count": "3",
      "favorited": false,
      "lang": "es",
      "created_at": "Mon Apr 05 16:30:00 +0000 2027",
      "display_text_range": [
        "0",
        "121"
      ],
      "full_text": "\u00bfTienes tos por m\u00e1s de dos semanas? Puede ser tuberculosis. La prueba es gratuita en cualquier unidad del IMSS-Bienestar.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2172700749954289666",
      "id": "2172700749954289666",
      "truncated": false,
      "favorite_count": "12",
      "retweet_count": "2",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun Apr 04 14:00:00 +0000 2027",
      "display_text_range": [
        "0",
        "115"
      ],
      "full_text": "Inicia la veda: durante las campa\u00f1as esta cuenta solo publicar\u00e1 informaci\u00f3n de salud, educaci\u00f3n y protecci\u00f3n civil.",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": []
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2157279132432470017",
      "id": "2157279132432470017",
      "truncated": false,
      "favorite_count": "11",
      "retweet_count": "1",
      "favorited": false,
      "lang": "es",
      "created_at": "Sun Feb 21 00:40:00 +0000 2027",
      "display_text_range": [
        "0",
        "78"
      ],
      "full_text": "Con el doctor Villase\u00f1or al frente, hoy abrimos 14 hospitales. \u00a1Cumplimos! \ud83c\udfe5\ud83c\uddf2\ud83c\uddfd https://t.co/m00001",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2157279132432470017/photo/1",
            "url": "https://t.co/m00001",
            "indices": [
              "79",
              "98"
            ],
            "id_str": "2157279132432465921",
            "id": "2157279132432465921",
            "media_url_https": "https://pbs.twimg.com/media/2157279132432465921.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00001"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2157279132432470017/photo/1",
            "url": "https://t.co/m00001",
            "indices": [
              "79",
              "98"
            ],
            "id_str": "2157279132432465921",
            "id": "2157279132432465921",
            "media_url_https": "https://pbs.twimg.com/media/2157279132432465921.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00001"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "id_str": "2153875454161850368",
      "id": "2153875454161850368",
      "truncated": false,
      "favorite_count": "10",
      "retweet_count": "0",
      "favorited": false,
      "lang": "es",
      "created_at": "Thu Feb 11 15:15:00 +0000 2027",
      "display_text_range": [
        "0",
        "96"
      ],
      "full_text": "Campa\u00f1a de vacunaci\u00f3n contra sarampi\u00f3n: acude a tu centro de salud con tu cartilla. Es gratuita. https://t.co/m00000",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "urls": [],
        "user_mentions": [],
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2153875454161850368/photo/1",
            "url": "https://t.co/m00000",
            "indices": [
              "97",
              "116"
            ],
            "id_str": "2153875454161846272",
            "id": "2153875454161846272",
            "media_url_https": "https://pbs.twimg.com/media/2153875454161846272.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00000"
          }
        ]
      },
      "extended_entities": {
        "media": [
          {
            "expanded_url": "https://x.com/SaludFederal_mx/status/2153875454161850368/photo/1",
            "url": "https://t.co/m00000",
            "indices": [
              "97",
              "116"
            ],
            "id_str": "2153875454161846272",
            "id": "2153875454161846272",
            "media_url_https": "https://pbs.twimg.com/media/2153875454161846272.jpg",
            "type": "photo",
            "display_url": "pic.x.com/m00000"
          }
        ]
      }
    }
  }
]
