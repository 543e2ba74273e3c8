import type { Catalogue } from '../../catalogue-type.ts';
import type { common as french } from '../fr/common.ts';

export const common = {
  appName: 'Switchboard',
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    delete: 'Delete',
    edit: 'Edit',
    close: 'Close',
    add: 'Add',
    remove: 'Remove',
    create: 'Create',
    confirm: 'Confirm',
    back: 'Back',
    download: 'Download',
    search: 'Search',
    refresh: 'Refresh',
  },
  state: {
    loading: 'Loading…',
    saving: 'Saving…',
    saved: 'Saved',
    none: 'None',
    unknown: 'Unknown',
    yes: 'Yes',
    no: 'No',
  },
  errors: {
    generic: 'Something went wrong',
    notFound: 'This page does not exist.',
    forbidden: 'You may not see this page.',
    offline: 'The server does not answer. Check your connection, then try again.',
  },
  duration: {
    seconds_one: '{{count}} s',
    seconds_other: '{{count}} s',
    minutesSeconds: '{{minutes}} min {{seconds}} s',
    hoursMinutes: '{{hours}} h {{minutes}} min',
  },
  roles: {
    viewer: 'Viewer',
    editor: 'Editor',
    admin: 'Administrator',
  },
} as const satisfies Catalogue<typeof french>;
