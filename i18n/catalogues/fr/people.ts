// The phone directory (/people): the list, the add and edit forms, removal, and what a change did to the person's
// flow and SIP account. The refusals are also the CLI's (switchboard users ...), which says them in English until
// it is given a language.
export const people = {
  title: 'Annuaire',
  intro:
    'Toutes les personnes qui ont un téléphone : leur poste fait sonner leur compte SIP, puis leur messagerie vocale, ' +
    "au travers d'un parcours personnel que vous pouvez redessiner dans l'éditeur. Les mots de passe SIP et les codes " +
    'secrets des messageries ne sont plus jamais affichés une fois enregistrés.',
  asteriskLive: 'Les modifications parviennent aussitôt à Asterisk.',
  asteriskOffline:
    "Aucun Asterisk n'est connecté : les modifications lui parviendront à la prochaine connexion de Switchboard.",
  openFlow: "Ouvrir son parcours dans l'éditeur",
  columns: {
    extension: 'Poste',
    name: 'Nom',
    username: 'Identifiant SIP',
    email: 'E-mail',
    language: 'Langue',
  },
  pinLocked: 'messagerie bloquée',
  remove: {
    confirm:
      'Retirer {{name}} ({{extension}}) ? Son compte SIP cessera de fonctionner, ses messages vocaux seront ' +
      'supprimés, et son parcours personnel ne répondra plus au {{extension}} et sera archivé.',
    button: 'Retirer {{username}}',
    keep: 'Conserver',
  },
  form: {
    addTitle: 'Ajouter une personne',
    editTitle: 'Modifier {{name}}',
    name: 'Nom',
    extension: 'Poste',
    username: 'Identifiant SIP',
    sipPassword: 'Mot de passe SIP',
    voicemailPin: 'Code secret de la messagerie',
    email: 'E-mail',
    language: 'Langue',
    keepSecret: "Laissez vide pour garder l'actuel.",
    sipPasswordHint: "Au moins 8 caractères, sans l'identifiant.",
    pinHint: 'De 4 à 10 chiffres.',
    languageHint: 'Celle de sa messagerie vocale, par exemple fr-FR ou en-US.',
  },
  done: {
    added: 'Personne ajoutée : {{name}}, poste {{extension}}, identifiant {{username}}.',
    saved: 'Modifications enregistrées pour {{name}} ({{extension}}).',
    removed: 'Personne retirée : {{name}} ({{extension}}), avec ses messages vocaux.',
  },
  outcome: {
    flowPublished: "Son parcours « {{flow}} » est publié (version {{version}}) : modifiez-le dans l'éditeur.",
    flowArchived:
      'Son parcours « {{flow}} » ne répond plus et est archivé (restaurez-le depuis la liste des parcours).',
    flowUnbound: 'Son parcours « {{flow}} » ne répond plus ; un appel y était encore en cours : archivez-le plus tard.',
    flowNotPublished: "Son parcours n'a pas pu être publié : {{reason}}",
    asteriskApplied:
      "Asterisk a maintenant le compte SIP : le téléphone peut s'enregistrer et le poste sonne aussitôt.",
    asteriskRemoved: "Asterisk n'a plus le compte SIP : le téléphone ne peut plus s'enregistrer.",
    asteriskAbsent: "Asterisk n'avait pas de compte SIP pour cette personne.",
    asteriskNotConfigured:
      "Aucun Asterisk n'est connecté (réglages ARI) : Asterisk recevra cette modification à la prochaine connexion " +
      'de Switchboard.',
    pjsipUpToDate: 'Son compte SIP vient de pjsip.conf, qui est déjà à jour.',
    pjsipStale:
      "Son compte SIP est écrit dans pjsip.conf (--static-people), qu'ARI ne peut pas modifier : régénérez-le avec " +
      '`switchboard asterisk config --static-people` et rechargez res_pjsip, ou régénérez-le sans cette option.',
    asteriskFailed:
      "Asterisk n'a pas été mis à jour : {{reason}}. Il le sera à la prochaine connexion de l'application à Asterisk.",
  },
  errors: {
    unknownAction: 'Action inconnue « {{intent}} »',
    gone: "Cette personne n'existe plus : quelqu'un l'a retirée entre-temps.",
    usernameTaken: "L'identifiant « {{value}} » est déjà pris",
    extensionTaken: 'Le poste « {{value}} » est déjà attribué',
    usernameUsedBy: "L'identifiant « {{username}} » est déjà celui de {{name}} ({{extension}})",
    extensionOfPerson: 'Le {{extension}} est déjà le poste de {{name}} ({{username}})',
    extensionOfFlow: 'Le {{extension}} est déjà le numéro du parcours « {{flow}} » : choisissez un autre poste',
    sharedFlow:
      'Le parcours « {{flow}} » répond au {{extension}} mais aussi au {{others}} : retirez-lui le {{extension}} ' +
      "dans l'éditeur avant de déplacer le poste",
    sipPasswordTooShort: 'Un mot de passe SIP compte au moins {{min}} caractères',
    sipPasswordTooLong: 'Un mot de passe SIP compte au plus {{max}} caractères',
    sipPasswordContainsAccount: "Le mot de passe SIP ne doit contenir ni l'identifiant ni le poste",
    sipPasswordDigitsOnly:
      'Un mot de passe SIP fait uniquement de chiffres se devine trop facilement : ajoutez des lettres',
    sipPasswordTooRepetitive:
      'Ce mot de passe SIP utilise trop peu de caractères différents : choisissez-en un moins prévisible',
    pinFormat: 'Le code secret de la messagerie compte de 4 à 10 chiffres',
    pinIsExtension: 'Le code secret de la messagerie ne doit pas être le numéro du poste',
    pinRepeated: "Un code secret fait d'un seul chiffre répété se devine trop facilement",
    nameRequired: 'Donnez un nom à la personne',
    nameTooLong: 'Le nom doit faire moins de 80 caractères',
    emailInvalid: 'Saisissez une adresse e-mail, par exemple nom@example.org',
    usernameFormat:
      'Un identifiant compte de 2 à 32 caractères (lettres minuscules, chiffres, « . », « _ » ou « - ») et commence ' +
      'par une lettre',
    extensionFormat: 'Un poste compte de 2 à 10 chiffres',
    languageTag: 'Indiquez une langue sous la forme fr-FR ou en-US',
    renameNeedsSipPassword:
      "Pour changer l'identifiant, saisissez à nouveau le mot de passe SIP (il entre dans son empreinte)",
  },
} as const;
