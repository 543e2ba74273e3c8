// Which person's phone a staff account uses (the web softphone registers as that person's browser device): the
// column of the staff accounts page (app/routes/admin.users.tsx) and the line of /settings.
export const staffPhone = {
  column: 'Téléphone de',
  phoneOf: 'Téléphone de {{username}}',
  none: 'Personne',
  person: '{{name}} ({{extension}})',
  save: 'Enregistrer',
  done: {
    linked: '{{username}} utilise désormais le téléphone de {{person}}.',
    unlinked: "{{username}} n'utilise plus le téléphone de personne.",
  },
  errors: {
    alreadyLinked:
      '{{person}} est déjà le téléphone du compte {{account}} : choisissez « Personne » pour ce compte-là d’abord.',
    noPerson: "Cette personne n'est plus dans l'annuaire.",
  },
  settings: {
    label: 'Votre téléphone',
    none: 'Aucun : un administrateur peut relier votre compte à une personne de l’annuaire.',
    help: "Le téléphone du navigateur s'enregistre avec le poste de cette personne.",
  },
} as const;
