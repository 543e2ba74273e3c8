import type { Catalogue } from '../../catalogue-type.ts';
import type { diagnostics as french } from '../fr/diagnostics.ts';

export const diagnostics = {} as const satisfies Catalogue<typeof french>;
