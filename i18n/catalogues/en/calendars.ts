import type { Catalogue } from '../../catalogue-type.ts';
import type { calendars as french } from '../fr/calendars.ts';

export const calendars = {} as const satisfies Catalogue<typeof french>;
