import type { Catalogue } from '../../catalogue-type.ts';
import type { people as french } from '../fr/people.ts';

export const people = {} as const satisfies Catalogue<typeof french>;
