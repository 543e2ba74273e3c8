// The node types as staff meet them: in the palette, on the canvas, in the inspector and in validation messages.
// Keys follow the flow language (flows/nodes/<type>.ts): one entry per type, its branches by branch id.
export const nodes = {
  categories: {
    start: 'Début',
    prompts: 'Messages',
    callerInput: "Saisie de l'appelant",
    people: 'Personnes',
    conference: 'Conférence',
    logic: 'Logique',
  },
  start: {
    title: 'Début',
    summary: 'Là où commence chaque appel de ce parcours.',
    branches: { next: "Arrivée de l'appel" },
  },
  say: {
    title: 'Message parlé',
    summary: "Faire lire une phrase à l'appelant par une voix de synthèse.",
    branches: { next: 'Ensuite' },
  },
  play: {
    title: 'Son enregistré',
    summary: "Faire écouter un son enregistré : un son d'Asterisk ou un fichier envoyé.",
    branches: { next: 'Ensuite' },
  },
  menu: {
    title: 'Menu',
    summary: "Demander à l'appelant de taper une touche et orienter l'appel selon la touche.",
    branches: {
      key: 'Touche {{digit}}',
      keyWithLabel: '{{digit}} : {{label}}',
      timeout: 'Aucune touche',
      invalid: 'Mauvaise touche',
      failed: "Trop d'essais",
    },
  },
  collect: {
    title: 'Saisie de chiffres',
    summary: 'Lire un nombre tapé sur le clavier (un numéro de compte, un code) dans une variable.',
    branches: { next: 'Chiffres saisis', timeout: 'Rien de saisi' },
  },
  dial: {
    title: 'Appeler',
    summary: "Faire sonner une personne ou un téléphone et mettre l'appelant en relation quand on décroche.",
    branches: {
      answered: 'Après la conversation',
      'no-answer': 'Pas de réponse',
      busy: 'Occupé',
      failed: 'Injoignable',
    },
  },
  voicemail: {
    title: 'Messagerie vocale',
    summary: "Permettre à l'appelant de laisser un message dans une boîte vocale.",
    branches: { next: 'Après le message' },
  },
  'voicemail-inbox': {
    title: 'Consultation de messagerie',
    summary: 'Faire écouter ses messages à chacun, après son numéro de boîte et son code secret (comme le 6099).',
    branches: { next: 'Après écoute' },
  },
  conference: {
    title: 'Salle de conférence',
    summary: "Faire entrer l'appelant dans une salle de conférence avec ceux qui l'ont appelée.",
    branches: { next: 'Après la sortie', full: 'Salle pleine' },
  },
  queue: {
    title: "File d'attente",
    summary:
      "Mettre l'appelant dans la file d'attente d'un service jusqu'à ce qu'un agent réponde, avec musique et annonces.",
    branches: {
      answered: 'Après la conversation',
      timeout: 'Attente trop longue',
      full: 'File pleine',
      'no-agents': 'Aucun agent connecté',
      left: 'A tapé {{key}} pour sortir',
      callback: 'A demandé à être rappelé',
    },
  },
  'business-hours': {
    title: "Horaires d'ouverture",
    summary:
      "Orienter l'appel selon un calendrier : ouvert, fermé, ou jour férié et fermeture exceptionnelle (l'interrupteur du calendrier d'abord).",
    branches: { open: 'Ouvert', closed: 'Fermé', holiday: 'Jour férié ou fermeture' },
    closedUnconnected:
      'les appelants qui appellent pendant la fermeture (ou un jour férié, sans sortie « jour férié ») sont raccrochés',
  },
  branch: {
    title: 'Condition',
    summary: "Orienter l'appel selon une variable ou le numéro de l'appelant ; la première condition vraie l'emporte.",
    branches: {
      else: 'Sinon',
      condition: '{{subject}} {{operator}} « {{value}} »',
      conditionWithoutValue: '{{subject}} {{operator}}',
    },
    subjects: {
      'caller-number': "l'appelant",
      'dialled-number': 'le numéro composé',
      variable: '{{name}}',
    },
    operators: {
      equals: 'égal à',
      'not-equals': 'différent de',
      'starts-with': 'commence par',
      contains: 'contient',
      matches: 'correspond à',
      'is-empty': 'est vide',
      'is-not-empty': "n'est pas vide",
    },
  },
  set: {
    title: 'Variables',
    summary: 'Retenir des valeurs pour les blocs suivants ; {{name}} insère une autre variable.',
    branches: { next: 'Ensuite' },
  },
  goto: {
    title: 'Aller à',
    summary: "Poursuivre l'appel dans le parcours publié sur un autre numéro, ou dans un autre parcours.",
    branches: {},
  },
  language: {
    title: 'Choix de la langue',
    summary:
      "Changer la langue que l'appelant entend à partir d'ici : une langue fixe, ou selon le début de son numéro.",
    branches: { next: 'Ensuite' },
  },
  hangup: {
    title: 'Raccrocher',
    summary: "Terminer l'appel.",
    branches: {},
  },
} as const;
