// The frame around every page: the top bar, the account menu and settings, the error page.
export const layout = {
  nav: {
    label: 'Navigation principale',
    flows: 'Parcours',
    calls: 'Appels',
    people: 'Annuaire',
    calendars: 'Horaires',
    voicemail: 'Messagerie',
    conferences: 'Conférences',
    departments: 'Services',
    queues: "Files d'attente",
  },
  userMenu: {
    administration: 'Administration',
    staff: 'Comptes',
    apiTokens: "Jetons d'API",
    signedInAs: 'Connecté en tant que {{username}}',
    settings: 'Mes préférences',
    signOut: 'Se déconnecter',
  },
  settings: {
    title: 'Mes préférences',
    languageLabel: "Langue de l'interface",
    languageAutomatic: 'Celle du navigateur ({{language}})',
    languageHelp: "S'applique à toutes vos pages et à vos messages de validation.",
    saved: 'Préférences enregistrées.',
    invalidLanguage: 'Choisissez une langue de la liste.',
  },
  languages: {
    fr: 'Français',
    en: 'English',
  },
  refusals: {
    crossSite: "Refusé : cette demande vient d'un autre site. Rechargez la page de Switchboard et réessayez.",
    notOurForm:
      "Refusé : ce formulaire n'a pas été envoyé depuis une page Switchboard de votre session. Rechargez la page et réessayez.",
  },
  errorPage: {
    title: 'Une erreur est survenue',
    status: 'Erreur {{status}}',
  },
} as const;
