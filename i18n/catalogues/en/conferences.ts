import type { Catalogue } from '../../catalogue-type.ts';
import type { conferences as french } from '../fr/conferences.ts';

export const conferences = {} as const satisfies Catalogue<typeof french>;
