import { z } from 'zod';
import { defineNode, referencesNothing, type DataProblem } from '../node-definition.ts';
import { nodeMessage } from '../node-texts.ts';
import { dtmfKeySchema, seconds, spokenPromptSchema } from './shared.ts';
import { schemaMessage } from '../validation/schema-messages.ts';

export const menuOptionSchema = z.object({
  digit: dtmfKeySchema,
  /** What the option leads to, shown on the handle ("Accounts"). */
  label: z.string().max(60, schemaMessage('menuLabelTooLong')).default(''),
});

export const menuNode = defineNode({
  type: 'menu',
  category: 'caller input',
  data: z.object({
    prompt: spokenPromptSchema,
    options: z.array(menuOptionSchema).min(1, schemaMessage('menuNeedsOption')).max(12),
    timeoutSeconds: seconds(1, 60, 5),
    /** How many more times a wrong key or silence is tolerated before the `failed` branch. */
    retries: z.number().int(schemaMessage('wholeNumber')).min(0).max(10).default(2),
    /** Pressing a key interrupts the prompt (what callers expect from a menu). */
    bargeIn: z.boolean().default(true),
  }),
  defaults: () => ({
    prompt: { text: 'Appuyez sur 1 pour ..., sur 2 pour ...', language: 'fr-FR' },
    options: [
      { digit: '1' as const, label: '' },
      { digit: '2' as const, label: '' },
    ],
    timeoutSeconds: 5,
    retries: 2,
    bargeIn: true,
  }),
  branches: (data) => [
    ...data.options.map((option) => ({
      id: option.digit,
      label: option.label
        ? nodeMessage('menu.branches.keyWithLabel', { digit: option.digit, label: option.label })
        : nodeMessage('menu.branches.key', { digit: option.digit }),
      required: true,
    })),
    // Unconnected timeout/invalid replay the menu in place; unconnected failed ends the call.
    { id: 'timeout', label: nodeMessage('menu.branches.timeout'), required: false },
    { id: 'invalid', label: nodeMessage('menu.branches.invalid'), required: false },
    { id: 'failed', label: nodeMessage('menu.branches.failed'), required: false },
  ],
  waitsForCaller: true,
  acceptsCalls: true,
  spokenPrompts: (data) => [data.prompt],
  writtenPrompts: (data) => [{ field: 'prompt', prompt: data.prompt }],
  ...referencesNothing,
  // Read on the raw data, so a repeated key shows up even while other fields of the menu are still wrong.
  checkRawData: (data) => {
    const options = (data as { options?: unknown } | null)?.options;
    if (!Array.isArray(options)) return [];
    const problems: DataProblem[] = [];
    const seen = new Set<string>();
    for (const [position, option] of options.entries()) {
      const digit = (option as { digit?: unknown } | null)?.digit;
      if (typeof digit !== 'string') continue;
      if (seen.has(digit)) {
        problems.push({
          code: 'menu-digit-duplicate',
          field: `options.${position}.digit`,
          message: { key: 'menuDigitDuplicate', values: { digit } },
        });
      }
      seen.add(digit);
    }
    return problems;
  },
});
