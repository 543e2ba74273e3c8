import type { Catalogue } from '../../catalogue-type.ts';
import type { admin as french } from '../fr/admin.ts';

export const admin = {} as const satisfies Catalogue<typeof french>;
