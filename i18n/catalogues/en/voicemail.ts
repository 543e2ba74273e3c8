import type { Catalogue } from '../../catalogue-type.ts';
import type { voicemail as french } from '../fr/voicemail.ts';

export const voicemail = {} as const satisfies Catalogue<typeof french>;
