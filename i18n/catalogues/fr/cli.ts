// What the `switchboard` command line says around validation (flows validate, import, publish). The diagnostics
// themselves are in the diagnostics catalogue; codes such as [branch-unconnected] stay as they are in every language.
export const cli = {
  lang: {
    unknown: 'langue « {{value}} » inconnue pour --lang : choisissez parmi {{accepted}}',
    missing: "l'option --lang attend une langue : {{accepted}}",
  },
  flows: {
    origin: 'parcours {{id}}',
    line: '{{origin}} : {{location}}{{message}} [{{code}}]',
    warningLine: '{{origin}} : avertissement : {{location}}{{message}} [{{code}}]',
    location: '{{where}} : ',
    node: 'bloc « {{id}} »',
    edge: 'liaison « {{id}} »',
    field: 'champ {{field}}',
    summary: '{{files}} : {{errors}}, {{warnings}} ({{verdict}}).',
    files_one: '{{count}} fichier vérifié',
    files_other: '{{count}} fichiers vérifiés',
    errors_one: '{{count}} erreur',
    errors_other: '{{count}} erreurs',
    warnings_one: '{{count}} avertissement',
    warnings_other: '{{count}} avertissements',
    valid: 'valide',
    invalid: 'non valide',
    unreadable: '{{file}} : impossible de lire le fichier : {{reason}}.',
    noSuchFile: 'fichier introuvable',
    isFolder: "c'est un dossier",
    brokenJson: '{{file}}:{{line}}:{{column}} : le JSON est cassé ligne {{line}}, colonne {{column}} : {{message}}',
    nothingImported: "Rien n'a été importé.",
    imported: "Parcours « {{name}} » importé sous l'identifiant {{id}} (brouillon, révision {{revision}}).",
    importedWithProblems_one:
      "Parcours « {{name}} » importé sous l'identifiant {{id}} (brouillon, révision {{revision}}) ; corrigez {{count}} problème avant de le publier.",
    importedWithProblems_other:
      "Parcours « {{name}} » importé sous l'identifiant {{id}} (brouillon, révision {{revision}}) ; corrigez {{count}} problèmes avant de le publier.",
    promptsReady_one: '{{count}} message prêt',
    promptsReady_other: '{{count}} messages prêts',
    published_one:
      'Parcours « {{name}} » publié en version {{version}} ({{prompts}}) ; il répond au numéro {{numbers}}.',
    published_other:
      'Parcours « {{name}} » publié en version {{version}} ({{prompts}}) ; il répond aux numéros {{numbers}}.',
    publishedNoNumber:
      'Parcours « {{name}} » publié en version {{version}} ({{prompts}}) ; il ne répond à aucun numéro.',
    notPublishedBecause: "switchboard flows : {{reason}}. Rien n'a été publié.",
    noSuchFlow: 'switchboard flows : aucun parcours « {{id}} » (voir switchboard flows list).',
    neverPublished: "switchboard flows : le parcours « {{name}} » n'a jamais été publié.",
    wrote: 'Parcours « {{name}} » écrit dans {{file}}.',
    noFlows: 'Aucun parcours pour le moment. Ajoutez-en un avec : switchboard flows import FICHIER',
    archivedName: '{{name}} (archivé)',
    neverVersion: 'jamais',
    columns: { id: 'ID', name: 'NOM', answers: 'NUMÉROS', published: 'PUBLIÉ', draft: 'BROUILLON' },
    notPublished_one: "Non publié : {{count}} erreur à corriger d'abord. Rien n'a été modifié.",
    notPublished_other: "Non publié : {{count}} erreurs à corriger d'abord. Rien n'a été modifié.",
  },
} as const;
