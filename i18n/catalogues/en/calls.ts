import type { Catalogue } from '../../catalogue-type.ts';
import type { calls as french } from '../fr/calls.ts';

export const calls = {} as const satisfies Catalogue<typeof french>;
