window.YTD.account.part0 = [
  {
    "account": {
      "email": "redes@example.gob.mx",
      "createdVia": "web",
      "username": "bienestar_mx",
      "accountId": "1853591930",
      "createdAt": "2015-03-02T17:20:11.000Z",
      "accountDisplayName": "Secretaría de Bienestar"
    }
  }
]