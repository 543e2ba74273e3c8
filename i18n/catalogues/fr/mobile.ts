// Setting up a mobile phone from the People page (docs/softphone.md, "Mobile phones"): the one-time link, its QR
// code and its revocation, and what the link answers a phone that fetches it.
export const mobile = {
  action: 'Configurer un mobile',
  dialog: {
    title: 'Configurer un mobile pour {{name}}',
    intro:
      "Un lien à usage unique transmet à l'application Linphone du téléphone le compte SIP de {{name}} " +
      '({{username}}), le même que celui de son poste fixe : chiffré (TLS et SRTP), sans jamais montrer le mot de passe.',
    step1: 'Installez Linphone sur le téléphone (App Store ou Google Play).',
    step2:
      "Dans Linphone, ouvrez l'assistant puis « Récupérer une configuration distante » et scannez le code QR (ou " +
      'collez le lien).',
    step3: 'Le téléphone reçoit le compte et sonne avec le poste. Le lien ne sert ensuite plus à rien.',
    create: 'Créer un lien de configuration',
    createAnother: 'Créer un autre lien',
    close: 'Fermer',
    qrAlt: 'Code QR du lien de configuration de {{name}}',
    linkLabel: 'Lien de configuration',
    copy: 'Copier le lien',
    copied: 'Lien copié',
    expires: "Valable une seule fois, jusqu'à {{time}} ({{minutes}} min).",
    plainHttp:
      'Ce lien est en HTTP simple : le téléphone recevra ses identifiants sans chiffrement. Servez Switchboard en ' +
      'HTTPS avant de configurer un mobile hors du réseau local.',
    noTls:
      "Le transport SIP TLS d'Asterisk est désactivé (SIP_TLS_PORT=0) : un mobile ne s'enregistre qu'en TLS, aucun " +
      'lien ne peut être créé.',
    outstanding: 'Liens en cours',
    none: 'Aucun lien en cours.',
    linkRow: 'Créé à {{created}} par {{author}}, expire à {{expires}}',
    unknownAuthor: 'un compte supprimé',
    revoke: 'Révoquer',
    revokeLabel: 'Révoquer le lien créé à {{created}}',
    shownOnce: "Le lien n'est affiché qu'une fois : s'il est perdu, révoquez-le et créez-en un autre.",
  },
  done: {
    created: 'Lien de configuration créé pour {{name}}.',
    revoked: 'Lien révoqué : il ne configurera plus aucun téléphone.',
  },
  errors: {
    notOutstanding: "Ce lien n'est plus en cours : il a déjà été utilisé, révoqué, ou il a expiré.",
    personGone: "Cette personne n'existe plus : quelqu'un l'a supprimée entre-temps.",
    noTls: "Aucun lien ne peut être créé : le transport SIP TLS d'Asterisk est désactivé (SIP_TLS_PORT=0).",
  },
  provision: {
    unknown: "Ce lien de configuration n'existe pas.",
    gone: 'Ce lien de configuration ne sert plus : demandez-en un nouveau à votre administrateur.',
    methodNotAllowed: "Ce lien de configuration ne répond qu'à GET.",
    noTls: "Le transport SIP TLS d'Asterisk est désactivé : ce téléphone ne pourrait pas s'enregistrer.",
    noHost: 'Le nom du serveur SIP est inconnu : réglez SIP_PUBLIC_HOST.',
  },
} as const;
