import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFlowJsonSchema, flowSchemaFile, renderFlowJsonSchema } from '../scripts/generate-flow-schema.ts';
import { NODE_TYPES } from './catalogue.ts';

type Variant = { title: string; properties: { type: { const: string }; data: { required?: string[] } } };

describe('flows/flow.schema.json', () => {
  it('is up to date with the zod schemas (run npx tsx scripts/generate-flow-schema.ts if not)', () => {
    expect(readFileSync(flowSchemaFile, 'utf8')).toBe(renderFlowJsonSchema());
  });

  it('describes one node variant per catalogue type, titled after it', () => {
    const schema = buildFlowJsonSchema() as { properties: { nodes: { items: { oneOf: Variant[] } } } };
    const variants = schema.properties.nodes.items.oneOf;
    expect(variants.map((variant) => variant.properties.type.const)).toEqual(NODE_TYPES);
    expect(variants.find((variant) => variant.properties.type.const === 'menu')?.title).toBe('Menu');
  });

  it('describes what people write: fields with a default are optional', () => {
    const schema = buildFlowJsonSchema() as {
      required: string[];
      properties: { nodes: { items: { oneOf: Variant[] } } };
    };
    expect(schema.required.sort()).toEqual(['format', 'name', 'nodes']);
    const menu = schema.properties.nodes.items.oneOf.find((variant) => variant.properties.type.const === 'menu')!;
    expect(menu.properties.data.required?.sort()).toEqual(['options', 'prompt']);
  });
});
