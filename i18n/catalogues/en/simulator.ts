import type { Catalogue } from '../../catalogue-type.ts';
import type { simulator as french } from '../fr/simulator.ts';

export const simulator = {} as const satisfies Catalogue<typeof french>;
