// The browser's phone (app/softphone): the button of the top bar, the floating panel, the /phone page, and what to do
// when something goes wrong.
export const softphone = {
  title: 'Téléphone',
  pageTitle: 'Téléphone',
  open: 'Ouvrir le téléphone',
  close: 'Fermer le téléphone',
  fullPage: 'Plein écran',
  registration: {
    unregistered: 'Hors ligne',
    registering: 'Connexion…',
    registered: 'Prêt',
    failed: 'Déconnecté',
  },
  call: {
    idle: 'Aucun appel',
    'outgoing-ringing': 'Appel de {{who}}…',
    'incoming-ringing': '{{who}} vous appelle',
    'in-call': 'En ligne avec {{who}}',
    held: 'En attente : {{who}}',
    transferring: 'Transfert vers {{target}}…',
    consulting: '{{target}} décroché : vous pouvez transférer',
    ended: 'Appel terminé ({{cause}})',
  },
  endCauses: {
    'hung-up-local': 'vous avez raccroché',
    'hung-up-remote': 'votre correspondant a raccroché',
    cancelled: 'annulé',
    declined: 'refusé',
    missed: 'manqué',
    transferred: 'transféré',
    failed: 'échec',
  },
  noPerson:
    "Votre compte n'est lié à personne de l'annuaire. Demandez à un administrateur de lier votre compte à une personne de l'annuaire.",
  loading: 'Préparation du téléphone…',
  number: 'Numéro à appeler',
  numberPlaceholder: 'Poste ou numéro',
  callButton: 'Appeler',
  callNumber: 'Appeler le {{number}}',
  answer: 'Décrocher',
  decline: 'Refuser',
  hangUp: 'Raccrocher',
  mute: 'Couper le micro',
  unmute: 'Rétablir le micro',
  hold: 'Mettre en attente',
  unhold: 'Reprendre',
  transfer: 'Transférer',
  transferTarget: 'Transférer vers (poste ou numéro)',
  transferBlind: 'Transfert direct',
  transferAttended: 'Annoncer d’abord',
  transferComplete: 'Terminer le transfert',
  transferCancel: 'Annuler le transfert',
  keypad: 'Clavier',
  key: 'Touche {{key}}',
  dismiss: 'Fermer',
  useHere: 'Utiliser ici',
  retry: 'Réessayer',
  you: 'Vous : {{name}} (poste {{extension}})',
  unknownCaller: 'Numéro masqué',
  directory: {
    title: 'Annuaire',
    search: 'Chercher une personne',
    empty: 'Personne ne correspond.',
    call: 'Appeler {{name}} (poste {{extension}})',
  },
  recent: {
    title: 'Appels récents',
    empty: 'Aucun appel récent.',
    incoming: 'Reçu',
    outgoing: 'Émis',
    callBack: 'Rappeler le {{number}}',
    outcomes: {
      answered: 'décroché',
      missed: 'manqué',
      declined: 'refusé',
      cancelled: 'annulé',
      failed: 'échec',
      transferred: 'transféré',
    },
  },
  devices: {
    title: 'Micro et haut-parleur',
    microphone: 'Micro',
    speaker: 'Haut-parleur',
    default: 'Par défaut',
    unnamed: 'Appareil {{number}}',
    speakerUnsupported: 'Ce navigateur ne permet pas de choisir le haut-parleur.',
  },
  level: 'Niveau du son reçu',
  callThisFlow: 'Appeler ce parcours',
  callThisFlowTitle: 'Appeler le {{number}} avec le téléphone du navigateur',
  notification: {
    title: 'Appel entrant',
    body: '{{who}} vous appelle',
  },
  flashTitle: '📞 {{who}}',
  errors: {
    'microphone-refused': {
      title: 'Le micro est refusé.',
      advice:
        "Autorisez le micro pour ce site (icône à gauche de l'adresse, puis « Micro : autoriser »), puis rechargez la page.",
    },
    'no-microphone': {
      title: 'Aucun micro trouvé.',
      advice: 'Branchez un micro ou un casque, puis choisissez-le dans « Micro et haut-parleur ».',
    },
    'microphone-busy': {
      title: 'Le micro est utilisé par un autre programme.',
      advice: "Fermez l'autre programme (visioconférence, enregistreur) ou choisissez un autre micro.",
    },
    'connection-failed': {
      title: 'Le téléphone ne joint pas le serveur.',
      advice:
        "Soit le navigateur n'a pas accepté le certificat du serveur : ouvrez une fois https://{{host}}/ et acceptez-le ; soit le serveur ne répond pas : vérifiez la connexion et prévenez un administrateur.",
    },
    'registration-refused': {
      title: 'Le serveur a refusé la connexion du téléphone.',
      advice:
        'Votre téléphone a sans doute été ouvert dans un autre navigateur ou un autre onglet, qui a pris le relais. « Utiliser ici » le reprend dans celui-ci.',
    },
    'credentials-unavailable': {
      title: 'Impossible de préparer le téléphone.',
      advice: 'Votre session a peut-être expiré : rechargez la page, reconnectez-vous si besoin, puis réessayez.',
    },
    'media-mismatch': {
      title: "L'appel a été refusé : le son ne peut pas être chiffré de la même façon des deux côtés (488/606).",
      advice:
        "Le téléphone du navigateur exige DTLS-SRTP : un administrateur doit vérifier les réglages de l'appareil navigateur de la personne dans Asterisk.",
    },
    'not-found': {
      title: "Ce numéro n'existe pas.",
      advice: "Vérifiez le numéro, ou cherchez la personne dans l'annuaire.",
    },
    busy: {
      title: 'La ligne est occupée.',
      advice: 'Rappelez un peu plus tard.',
    },
    unavailable: {
      title: "Votre correspondant n'est pas joignable pour l'instant.",
      advice: "Son téléphone n'est peut-être pas connecté : réessayez plus tard ou laissez un message.",
    },
    'no-answer': {
      title: 'Pas de réponse.',
      advice: 'Rappelez plus tard.',
    },
    declined: {
      title: "L'appel a été refusé.",
      advice: 'Votre correspondant ne peut pas répondre : rappelez plus tard.',
    },
    'address-incomplete': {
      title: 'Le numéro est incomplet.',
      advice: 'Vérifiez le numéro et composez-le en entier.',
    },
    'transfer-failed': {
      title: "Le transfert n'a pas abouti.",
      advice: "L'appel est toujours là, en attente : reprenez-le ou essayez un autre poste.",
    },
    'webrtc-error': {
      title: 'Le navigateur n’a pas pu établir le son.',
      advice: 'Rechargez la page ; si cela recommence, essayez un autre navigateur récent (Chrome, Firefox, Edge).',
    },
    other: {
      title: 'Le téléphone a rencontré une erreur ({{detail}}).',
      advice: 'Réessayez ; si cela recommence, donnez ce message à un administrateur.',
    },
  },
};
