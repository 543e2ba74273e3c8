import type { Catalogue } from '../../catalogue-type.ts';
import type { flows as french } from '../fr/flows.ts';

export const flows = {} as const satisfies Catalogue<typeof french>;
