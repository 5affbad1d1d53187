window.YTD.account.part0 = [
  {
    "account": {
      "email": "redes.salud@example.gob.mx",
      "username": "SaludFederal_mx",
      "accountId": "1170000000000000042",
      "accountDisplayName": "Salud Federal"
    }
  }
]
