import type { Catalogue } from '../../catalogue-type.ts';
import type { queues as french } from '../fr/queues.ts';

export const queues = {} as const satisfies Catalogue<typeof french>;
