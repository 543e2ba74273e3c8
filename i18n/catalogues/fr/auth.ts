// Signing in, the first run's set-up page, and the rules of staff accounts (user names, passwords) that the forms,
// the staff page and the CLI share.
export const auth = {
  signIn: {
    title: 'Connexion',
    heading: 'Se connecter',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    usernameRequired: "Saisissez votre nom d'utilisateur",
    passwordRequired: 'Saisissez votre mot de passe',
    tooManyAttempts_one: "Trop de mots de passe erronés pour ce nom d'utilisateur : réessayez dans {{count}} minute.",
    tooManyAttempts_other:
      "Trop de mots de passe erronés pour ce nom d'utilisateur : réessayez dans {{count}} minutes.",
    wrongCredentials: "Nom d'utilisateur ou mot de passe incorrect (ou compte désactivé).",
  },
  setup: {
    title: 'Première configuration',
    heading: 'Bienvenue dans Switchboard',
    intro:
      'Personne ne peut encore se connecter. Créez le premier administrateur : il pourra ensuite créer les comptes de tous les autres.',
    username: "Nom d'utilisateur",
    displayName: 'Nom complet',
    password: 'Mot de passe',
    confirm: 'Confirmez le mot de passe',
    submit: "Créer l'administrateur",
    passwordsDiffer: 'Les deux mots de passe sont différents',
    alreadySetUp: 'Switchboard est déjà configuré : connectez-vous, ou demandez un compte à un administrateur.',
  },
  errors: {
    // The one rule for user names (flows/nodes/shared.ts), as the staff forms explain it.
    username:
      "Le nom d'utilisateur doit compter de 2 à 32 caractères (lettres minuscules, chiffres, « . », « _ » ou « - ») et commencer par une lettre",
    usernameTaken: "Le nom d'utilisateur « {{username}} » est déjà pris",
    passwordRequired: 'Saisissez un mot de passe',
    // PASSWORD_MIN_LENGTH in db/auth.ts.
    passwordTooShort: 'Le mot de passe doit compter au moins 10 caractères',
    passwordTooLong: 'Le mot de passe doit compter au plus 200 caractères',
    nameTooLong: 'Le nom doit compter au plus 80 caractères',
    role: 'Le rôle doit être lecteur, éditeur ou administrateur',
    forbiddenRole: 'Il faut le rôle {{role}} pour cela ; vous êtes connecté en tant que {{username}} ({{current}}).',
  },
} as const;
