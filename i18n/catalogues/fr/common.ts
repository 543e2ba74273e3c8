// Words and sentences that many pages share. A page's own texts live in its namespace (one file per area), so
// that the French and English sides of one area can be read and reviewed together.
export const common = {
  appName: 'Switchboard',
  actions: {
    save: 'Enregistrer',
    cancel: 'Annuler',
    delete: 'Supprimer',
    edit: 'Modifier',
    close: 'Fermer',
    add: 'Ajouter',
    remove: 'Retirer',
    create: 'Créer',
    confirm: 'Confirmer',
    back: 'Retour',
    download: 'Télécharger',
    search: 'Rechercher',
    refresh: 'Actualiser',
  },
  state: {
    loading: 'Chargement…',
    saving: 'Enregistrement…',
    saved: 'Enregistré',
    none: 'Aucun',
    unknown: 'Inconnu',
    yes: 'Oui',
    no: 'Non',
  },
  errors: {
    generic: 'Une erreur est survenue',
    notFound: "Cette page n'existe pas.",
    forbidden: "Vous n'avez pas accès à cette page.",
    offline: 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
  },
  duration: {
    seconds_one: '{{count}} s',
    seconds_other: '{{count}} s',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    hoursMinutes: '{{hours}} h {{minutes}} min',
  },
  roles: {
    viewer: 'Lecteur',
    editor: 'Éditeur',
    admin: 'Administrateur',
  },
} as const;
