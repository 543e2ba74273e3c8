// The inspector of the "Choix de la langue" node (app/editor/nodes/language.tsx).
export const languageNode = {
  choice: {
    label: 'Langue',
    fixed: 'Toujours cette langue',
    callerNumber: "Selon le début du numéro de l'appelant",
  },
  languageTag: 'Code de langue',
  languageHint: 'Un code de langue tel que fr-FR, en-GB ou en-US.',
  rule: {
    title: 'Règle {{number}}',
    remove: 'Retirer',
    removeLabel: 'Retirer la règle {{number}}',
    prefix: "Le numéro de l'appelant commence par",
    prefixHint: "La première règle qui s'applique l'emporte.",
    add: 'Ajouter une règle',
  },
  otherwise: 'Autres appelants',
} as const;
