// The editor's language matrix and the translations of a prompt (app/editor/languages/).
export const flowLanguages = {
  toolbar: {
    open: 'Langues',
    openTitle: 'Chaque message dans chaque langue du parcours',
  },
  matrix: {
    title: 'Langues du parcours',
    close: 'Fermer',
    summary_one: '{{count}} traduction manque pour les langues que les appelants peuvent choisir.',
    summary_other: '{{count}} traductions manquent pour les langues que les appelants peuvent choisir.',
    complete: 'Chaque message existe dans chaque langue que les appelants peuvent choisir.',
    oneLanguage:
      "Ce parcours ne parle qu'une langue. Ajoutez un bloc « Choix de la langue » pour que les appelants puissent en changer.",
    empty: "Ce parcours n'a encore aucun message écrit.",
    prompt: 'Message',
    flowLanguage: 'langue du parcours',
    notUsed: 'aucun appel ne la choisit',
    missing: 'Traduction manquante',
    notNeeded: 'Facultatif',
    field: {
      own: 'message',
      prompt: 'message',
      greeting: 'annonce',
      periodicMessage: 'message périodique',
    },
    cellLabel: '{{prompt}} en {{language}}',
  },
  translations: {
    heading: 'Traductions',
    add: 'Ajouter une traduction',
    addIn: 'Traduire en…',
    remove: 'Retirer',
    removeTitle: 'Retirer la traduction en {{language}}',
    textLabel: 'En {{language}}',
  },
  settings: {
    language: 'Langue du parcours',
    languageHint:
      'Celle que les appelants entendent en premier, et celle des messages de Switchboard tant qu’ils n’en ont pas choisi une autre.',
  },
} as const;
