import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_THE_RUNTIME_READS, eventFilterBody } from './event-filter.ts';

const runtimeDir = path.resolve(import.meta.dirname, '..');

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourcesOf(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the ARI event filter', () => {
  it('lets through every event type the runtime compares against', () => {
    // `event.type === 'X'`, `case 'X':` on an event's type, `type.startsWith('X')`: what code under runtime/ reads.
    const read = new Set<string>();
    for (const file of sourcesOf(runtimeDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:type\s*[!=]==?\s*|case\s+)'([A-Z][A-Za-z]+)'/g)) read.add(match[1]!);
      for (const match of text.matchAll(/type\.startsWith\('([A-Z][A-Za-z]+)'\)/g)) read.add(match[1]!);
    }
    expect(read.size).toBeGreaterThan(5);
    const allowed: readonly string[] = EVENTS_THE_RUNTIME_READS;
    for (const type of read) {
      const known = allowed.includes(type) || allowed.some((name) => name.startsWith(type));
      expect(known, `${type} is read under runtime/ but filtered out (runtime/ari/event-filter.ts)`).toBe(true);
    }
  });

  it('is the body Asterisk expects: a list of allowed types', () => {
    expect(eventFilterBody().allowed).toContainEqual({ type: 'StasisStart' });
  });
});
