import type { Catalogue } from '../../catalogue-type.ts';
import type { auth as french } from '../fr/auth.ts';

export const auth = {} as const satisfies Catalogue<typeof french>;
