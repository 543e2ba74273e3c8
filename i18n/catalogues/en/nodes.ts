import type { Catalogue } from '../../catalogue-type.ts';
import type { nodes as french } from '../fr/nodes.ts';

export const nodes = {} as const satisfies Catalogue<typeof french>;
