import { nodeTitle } from './node-texts.ts';
import { translatorFor } from '#i18n/translator.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { nodeCatalogue, NODE_TYPES } from './catalogue.ts';
import { WARNING_CODES } from './validation/diagnostics.ts';
import { DIAGNOSTIC_CODES, validateFlow } from './validate.ts';

// docs/flow-format.md is written by hand; these checks make it fail loudly when the catalogue grows past it.
const doc = readFileSync(new URL('../docs/flow-format.md', import.meta.url), 'utf8');

/** The text of the `### \`type\`` section, up to the next heading of the same or a higher level. */
function sectionOf(type: string): string {
  const heading = `### \`${type}\` — `;
  const start = doc.indexOf(heading);
  if (start === -1) return '';
  const rest = doc.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The fields of a node's data: its object's, or those of every variant when the data is a discriminated union. */
function dataFieldsOf(schema: z.ZodObject | z.ZodDiscriminatedUnion<z.ZodObject[]>): string[] {
  if ('shape' in schema) return Object.keys(schema.shape);
  return [...new Set(schema.options.flatMap((option) => Object.keys(option.shape)))];
}

describe('docs/flow-format.md', () => {
  it.each(NODE_TYPES)('documents the node type %s with its title and every data field', (type) => {
    const definition = nodeCatalogue[type];
    const title = nodeTitle(type, translatorFor('en'));
    const section = sectionOf(type);
    expect(section, `no "### \`${type}\` — ${title}" section`).not.toBe('');
    expect(section.startsWith(title)).toBe(true);
    const fields = dataFieldsOf(definition.data as unknown as z.ZodObject | z.ZodDiscriminatedUnion<z.ZodObject[]>);
    for (const field of fields) expect(section, `field ${field} of ${type}`).toContain(`\`${field}\``);
  });

  it.each(NODE_TYPES)('names the fixed branches of %s', (type) => {
    const definition = nodeCatalogue[type] as unknown as {
      defaults(): unknown;
      branches(data: unknown): { id: string }[];
    };
    const section = sectionOf(type);
    // Data-dependent branches (menu keys, condition ids) are described in words; the fixed ones are named.
    const dataDependent = type === 'menu' || type === 'branch';
    const fixed = definition
      .branches(definition.defaults())
      .filter((branch) => !dataDependent || !/^[0-9*#]$|^c\d+$/.test(branch.id));
    for (const branch of fixed) expect(section, `branch ${branch.id} of ${type}`).toContain(`\`${branch.id}\``);
    if (fixed.length === 0) expect(section).toContain('No branches');
  });

  it.each(DIAGNOSTIC_CODES)('explains the validation code %s with its severity', (code) => {
    const row = doc.match(new RegExp(`^\\| \`${code}\` +\\| (error|warning) `, 'm'));
    expect(row, `no table row for ${code}`).not.toBeNull();
    expect(row![1]).toBe(WARNING_CODES.has(code) ? 'warning' : 'error');
  });

  it('shows a complete example that validates without any diagnostic', () => {
    const example = doc.slice(doc.indexOf('## A complete example'));
    const json = example.slice(example.indexOf('```json\n') + 8, example.indexOf('\n```', example.indexOf('```json')));
    const result = validateFlow(JSON.parse(json));
    expect(result.diagnostics).toEqual([]);
  });
});
