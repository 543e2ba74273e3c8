// The voicemail pages: a person's inbox (administrators: every box) and who hears which box.
export const voicemail = {
  title: 'Messagerie vocale',
  unlinked:
    "Votre compte n'est lié à aucune personne de l'annuaire : il n'a donc pas de boîte vocale. Demandez à un " +
    'administrateur de le lier depuis la page des accès aux messageries.',
  filter: {
    label: 'Boîte',
    allBoxes: 'Toutes les boîtes',
    newCount_one: '({{count}} nouveau)',
    newCount_other: '({{count}} nouveaux)',
    accessLink: 'Qui écoute quelle boîte',
  },
  summary: {
    personBox: 'Boîte {{extension}} · {{name}}',
    box: 'Boîte {{box}}',
    allBoxes: 'Toutes les boîtes',
    empty: '{{what}} : aucun message.',
    line: '{{what}} : {{total}}, {{fresh}}.',
    total_one: '{{count}} message',
    total_other: '{{count}} messages',
    fresh_zero: 'aucun nouveau',
    fresh_one: 'dont {{count}} nouveau',
    fresh_other: 'dont {{count}} nouveaux',
  },
  columns: {
    received: 'Reçu le',
    box: 'Boîte',
    caller: 'Appelant',
    duration: 'Durée',
    status: 'État',
    listen: 'Écouter',
    actions: 'Actions',
  },
  message: {
    unknownCaller: 'Appelant inconnu',
    heard: 'écouté',
    new: 'nouveau',
    player: 'Message de {{caller}}',
    playerUnknown: "Message d'un appelant inconnu",
    markNew: 'Marquer comme nouveau',
    markHeard: 'Marquer comme écouté',
  },
  deletion: {
    title: 'Supprimer ce message ?',
    description: 'Le message de {{caller}} disparaîtra de la boîte, sur le web comme au téléphone.',
    descriptionUnknown: "Le message d'un appelant inconnu disparaîtra de la boîte, sur le web comme au téléphone.",
    keep: 'Le garder',
    confirm: 'Supprimer le message',
  },
  errors: {
    noSuchMessage: "Ce message n'existe pas ou plus.",
    whichMessage: 'Quel message ?',
    confirmDeletion: 'Confirmez la suppression (confirm=delete).',
    invalidRequest: "Cette demande n'est pas comprise : {{problems}}",
  },
  access: {
    title: 'Accès aux messageries',
    intro:
      "Un compte lié à une personne de l'annuaire écoute la messagerie vocale de cette personne sur la page " +
      'Messagerie, et seulement la sienne. Les administrateurs écoutent toutes les boîtes sans lien.',
    columns: {
      account: 'Compte',
      role: 'Rôle',
      person: 'Personne (boîte vocale)',
    },
    disabled: 'désactivé',
    noPerson: 'Aucune personne',
    personFor: 'Personne liée à {{username}}',
    link: 'Lier',
    unlink: 'Retirer le lien',
    linked: 'Lien enregistré : ce compte écoute désormais la messagerie vocale de cette personne.',
    unlinked: "Lien retiré : ce compte n'écoute plus aucune boîte.",
    errors: {
      choosePerson: 'Choisissez une personne.',
      noAccount: "Ce compte n'existe plus.",
      noPerson: "Cette personne n'est plus dans l'annuaire.",
      alreadyLinked: "La personne {{person}} est déjà liée au compte {{account}} : retirez d'abord ce lien.",
    },
  },
} as const;
