import type { Catalogue } from '../../catalogue-type.ts';
import type { editor as french } from '../fr/editor.ts';

export const editor = {} as const satisfies Catalogue<typeof french>;
