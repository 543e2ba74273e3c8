// What flow validation says (flows/validate.ts), in the editor, the API and `switchboard flows validate`. The codes
// (branch-unconnected...) never change with the language: only these sentences do. {{node}} is a node's label
// (nodeLabel), {{branch}} a branch's label from the nodes catalogue.
export const diagnostics = {
  nodeLabel: '{{title}} « {{id}} »',
  unknownNodeLabel: 'Bloc « {{id}} »',
  documentInvalid: "Ce n'est pas un document de parcours valide : {{problem}}",
  documentInvalidAt: "Ce n'est pas un document de parcours valide (champ {{field}}) : {{problem}}",
  tooManyNodes:
    'Ce parcours compte {{nodes}} blocs ; un parcours en compte au plus {{max}}. Répartissez-le en plusieurs parcours.',
  tooManyEdges:
    'Ce parcours compte {{edges}} liaisons ; un parcours en compte au plus {{max}}. Répartissez-le en plusieurs parcours.',
  startMissing: "Le parcours n'a pas de bloc Début : ajoutez-en un pour que les appels sachent par où commencer.",
  startMultiple: '{{node}} : un parcours a un seul bloc Début, et celui-ci est en trop.',
  edgeIdDuplicate: 'Liaison « {{edge}} » : une autre liaison utilise déjà cet identifiant.',
  edgeSourceMissing: "La liaison « {{edge}} » part d'un bloc « {{source}} » qui n'est pas dans le parcours.",
  edgeTargetMissing: "{{node}} : la liaison « {{edge}} » mène à un bloc « {{target}} » qui n'est pas dans le parcours.",
  edgeBranchUnknown:
    "{{node}} : la liaison « {{edge}} » part d'une sortie « {{branch}} » que ce bloc n'a pas ({{known}}).",
  knownBranches: 'ses sorties sont {{branches}}',
  noBranches: "il n'a aucune sortie",
  edgeDuplicateBranch:
    '{{node}} : la sortie « {{branch}} » a deux liaisons (« {{first}} » et « {{second}} ») ; gardez-en une.',
  branchUnconnected: "{{node}} : la sortie « {{branch}} » n'est reliée à aucune étape suivante.",
  branchUnconnectedWarning: "{{node}} : la sortie « {{branch}} » n'est reliée à rien, donc {{consequence}}.",
  cycleWithoutWait_one:
    "{{nodes}} revient sur lui-même sans jamais attendre l'appelant (ni message, ni touche, ni sonnerie) : l'appel tournerait sans fin. Ajoutez une étape qui attend, ou cassez la boucle.",
  cycleWithoutWait_other:
    "{{nodes}} forment une boucle sans jamais attendre l'appelant (ni message, ni touche, ni sonnerie) : l'appel tournerait sans fin. Ajoutez une étape qui attend, ou cassez la boucle.",
  nodeUnreachable: '{{node}} : aucun appel ne peut atteindre ce bloc depuis le bloc Début.',
  numberDuplicate: 'Le numéro {{number}} figure deux fois dans les numéros de ce parcours.',
  numberClaimed:
    "Le numéro {{number}} mène déjà au parcours publié « {{owner}} » : retirez-le de l'un des deux parcours.",
  nodeTypeUnknown: "{{node}} : Switchboard n'a pas de bloc de type « {{type}} » (types connus : {{known}}).",
  nodeIdDuplicate:
    "{{node}} : un autre bloc utilise déjà l'identifiant « {{id}} » ; donnez à chaque bloc son propre identifiant.",
  calendarMissing:
    "{{node}} : le calendrier « {{calendar}} » n'existe pas (il a été supprimé, ou le parcours vient d'un autre serveur) ; choisissez l'un des calendriers.",
  promptLanguageMissing_one:
    "{{node}} : {{where}} n'a pas de texte pour {{missing}} (il en a pour {{has}}), donc les appelants dans cette langue l'entendent en {{language}}. Ajoutez la traduction.",
  promptLanguageMissing_other:
    "{{node}} : {{where}} n'a pas de texte pour {{missing}} (il en a pour {{has}}), donc les appelants dans ces langues l'entendent en {{language}}. Ajoutez la traduction.",
  promptInField: 'le message du champ {{field}}',
  ownPrompt: 'son message',
  nodeProblem: '{{node}} : {{problem}}',
  nodeFieldProblem: '{{node}} : {{field}} : {{problem}}',
  /** What refusing a flow says around its diagnostics (publishing, the API's 400 and 422 answers). */
  refused: {
    publish_one: "Publication refusée : {{count}} erreur à corriger d'abord.",
    publish_other: "Publication refusée : {{count}} erreurs à corriger d'abord.",
    tooLarge: "Ce parcours est trop grand : {{problem}} Rien n'a été enregistré.",
    notADocument_one: "Ce n'est pas un document de parcours ({{count}} problème) ; rien n'a été enregistré.",
    notADocument_other: "Ce n'est pas un document de parcours ({{count}} problèmes) ; rien n'a été enregistré.",
  },
  /** Why a JSON text cannot be read (flows/validation/parse-json.ts); the line and column are given around it. */
  json: {
    tooDeep:
      'Les listes et les objets sont imbriqués sur plus de {{max}} niveaux ici ; un parcours en demande bien moins, ce texte est donc refusé.',
    unreadable: 'Le JSON ne peut pas être lu : {{reason}}.',
    badEscape:
      'Cette barre oblique inverse commence un échappement que JSON ne connaît pas ; écrivez \\\\ pour une barre oblique inverse.',
    unclosedAtLineBreak: "Le texte qui commence {{where}} n'est pas fermé par un guillemet avant ce saut de ligne.",
    neverClosed: "Le texte qui commence {{where}} n'est jamais fermé par un guillemet.",
    where: 'ligne {{line}}, colonne {{column}}',
    fieldNameExpected: 'Un nom de champ entre guillemets doubles était attendu, mais il y a {{found}}.',
    colonExpected: 'Un « : » était attendu après le nom du champ, mais il y a {{found}}.',
    singleQuotes: 'En JSON, le texte s\'écrit entre guillemets doubles ("), pas entre apostrophes.',
    badNumber: "Ce n'est pas un nombre valide.",
    valueExpected: 'Une valeur était attendue ici, mais il y a {{found}}.',
    shouldEnd: 'Le JSON devrait se terminer ici, mais il y a {{found}}.',
    trailingComma: 'Cette virgule est suivie de « {{closing}} » : retirez la virgule après le dernier élément.',
    objectUnclosed: 'Le fichier se termine avant que cet objet soit fermé par « {{closing}} ».',
    listUnclosed: 'Le fichier se termine avant que cette liste soit fermée par « {{closing}} ».',
    separatorExpected: 'Un « , » ou un « {{closing}} » était attendu, mais il y a {{found}}.',
    endOfFile: 'la fin du fichier',
    endOfLine: 'la fin de la ligne',
    doubleQuote: 'un guillemet double',
    character: '« {{character}} »',
  },
  /** Problems a node type finds in its own data (checkData, checkRawData): the sentence after the node's label. */
  data: {
    menuDigitDuplicate: 'la touche {{digit}} est utilisée deux fois.',
    queueKeyDuplicate: 'la touche {{key}} ne peut pas servir à la fois à quitter la file et à demander un rappel.',
    conditionElseReserved: '{{field}} : « else » est réservé à la sortie Sinon ; choisissez un autre identifiant.',
    ruleShadowed:
      "la règle pour {{prefix}} ne s'applique jamais : la règle pour {{earlier}}, au-dessus, prend ces appelants avant elle.",
    languageValueInvalid:
      "« {{value}} » n'est pas une langue (comme fr-FR ou en-GB), donc les appels restent dans la langue du parcours.",
    conditionIdDuplicate: "{{field}} : deux conditions utilisent l'identifiant « {{id}} » ; donnez à chacune le sien.",
  },
  /** zod's generic problems (a missing field, a wrong kind of value), reworded for staff. */
  issues: {
    missing: 'Ce champ est absent.',
    expected: 'Il faut {{expected}}, mais ce champ contient {{found}}.',
    oneOf: "Utilisez l'une de ces valeurs : {{options}}.",
    chooseKind: 'Choisissez un type : {{kinds}}.',
    notOneOfKinds: "Choisissez parmi {{kinds}} ; {{found}} n'en fait pas partie.",
    noMatchingForm: 'Cette valeur ne correspond à aucune forme acceptée.',
    atLeastItems: 'Ajoutez-en au moins {{minimum}}.',
    tooSmall: 'Trop petit : au moins {{minimum}}.',
    atMostItems: 'Gardez-en au plus {{maximum}}.',
    tooBig: 'Trop grand : au plus {{maximum}}.',
  },
  expected: {
    string: 'du texte',
    number: 'un nombre',
    int: 'un nombre entier',
    boolean: 'oui ou non (true ou false)',
    object: 'un groupe de champs',
    array: 'une liste',
  },
  found: {
    null: 'rien (null)',
    list: 'une liste',
    text: 'le texte « {{text}} »',
    number: 'le nombre {{number}}',
    true: 'oui (true)',
    false: 'non (false)',
    object: 'un groupe de champs',
  },
  /**
   * The rules the schemas state (flows/nodes/*.ts, flows/document.ts). Schemas carry the English sentence, which
   * the forms, the database layer and the API show as they are; validation words it in the reader's language
   * (flows/validation/schema-messages.ts). No final full stop: validation adds it.
   */
  schema: {
    nodeId: 'Un identifiant de bloc compte de 1 à 64 lettres, chiffres, « _ » ou « - »',
    languageTag: 'Indiquez une langue sous la forme fr-FR ou en-US',
    promptEmpty: "Saisissez ce que l'appelant doit entendre",
    promptTooLong: 'Un message ne doit pas dépasser 2 000 caractères',
    key: 'Une touche est un chiffre de 0 à 9, * ou #',
    variableName: 'Un nom de variable commence par une lettre et ne contient que des lettres, des chiffres et _',
    number: 'Un numéro compte de 1 à 20 chiffres (0-9, * et #)',
    extension: 'Un poste compte de 2 à 10 chiffres',
    usernameRequired: "Saisissez un nom d'utilisateur",
    username:
      "Un nom d'utilisateur compte de 2 à 32 caractères (lettres minuscules, chiffres, « . », « _ » ou « - ») et commence par une lettre",
    secondsRequired: 'Saisissez un nombre de secondes',
    wholeSeconds: 'Indiquez un nombre entier de secondes',
    secondsMin: 'Au moins {{count}} s',
    secondsMax: 'Au plus {{count}} s',
    edgeId: "Une liaison a besoin d'un identifiant",
    edgeBranch: 'Une liaison doit indiquer de quelle sortie elle part',
    nodeType: "Un bloc a besoin d'un type",
    format: "Ce n'est pas un parcours Switchboard au format {{count}}",
    flowName: 'Donnez un nom au parcours',
    flowNameTooLong: 'Le nom doit faire moins de 120 caractères',
    conditionId: 'Un identifiant de condition ne contient que des lettres minuscules, des chiffres ou des « - »',
    invalidPattern: "Ce motif n'est pas une expression régulière valide",
    atLeastOneCondition: 'Ajoutez au moins une condition',
    chooseCalendar: 'Choisissez un calendrier',
    digitsMin_one: 'Au moins {{count}} chiffre',
    digitsMin_other: 'Au moins {{count}} chiffres',
    digitsMax_one: 'Au plus {{count}} chiffre',
    digitsMax_other: 'Au plus {{count}} chiffres',
    pin: 'Un code PIN compte de 3 à 12 chiffres',
    roomName: 'Donnez un nom à la salle',
    membersMin_one: 'Au moins {{count}} participant',
    membersMin_other: 'Au moins {{count}} participants',
    dialString: 'Indiquez une chaîne de numérotation Asterisk, par exemple PJSIP/bob',
    chooseFlow: 'Choisissez un parcours',
    menuLabelTooLong: 'Le libellé doit faire moins de 60 caractères',
    menuNeedsOption: "Un menu a besoin d'au moins un choix",
    wholeNumber: 'Indiquez un nombre entier',
    soundName: 'Indiquez un nom de son Asterisk, par exemple hello-world',
    uploadedFile: 'Choisissez un fichier audio importé',
    chooseDepartment: 'Choisissez un service',
    departmentTooLong: 'Un nom de service compte au plus 80 caractères',
    musicClass: 'Une classe de musique ne contient que des lettres, des chiffres, « _ » ou « - »',
    notALanguageKey: "« {{key}} » n'est pas une langue : rangez chaque traduction sous une langue comme en-GB ou en-US",
    translationInOwnLanguage:
      'Le texte du message est déjà en {{key}} : retirez cette traduction ou changez la langue du message',
    atLeastOneVariable: 'Ajoutez au moins une variable',
  },
} as const;
