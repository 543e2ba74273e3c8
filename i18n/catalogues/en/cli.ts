import type { Catalogue } from '../../catalogue-type.ts';
import type { cli as french } from '../fr/cli.ts';

export const cli = {} as const satisfies Catalogue<typeof french>;
