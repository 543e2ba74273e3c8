import type { Catalogue } from '../../catalogue-type.ts';
import type { departments as french } from '../fr/departments.ts';

export const departments = {} as const satisfies Catalogue<typeof french>;
