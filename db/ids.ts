import { randomBytes } from 'node:crypto';

export type IdPrefix = 'flw' | 'ver' | 'call' | 'usr' | 'vm' | 'conf' | 'rec' | 'aud' | 'dep' | 'cal' | 'pvl';

/**
 * A new opaque id such as "flw_1x2k9...": a type prefix a reader recognises in logs and URLs, then 80 random bits
 * in base36. Random rather than sequential so ids made by two processes (web server, runtime) never collide.
 */
export function newId(prefix: IdPrefix): string {
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`)
    .toString(36)
    .padStart(16, '0');
  return `${prefix}_${random}`;
}
