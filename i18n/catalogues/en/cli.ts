import type { Catalogue } from '../../catalogue-type.ts';
import type { cli as french } from '../fr/cli.ts';

export const cli = {
  lang: {
    unknown: 'unknown language "{{value}}" for --lang: use one of {{accepted}}',
    missing: 'option --lang needs a language: {{accepted}}',
  },
  flows: {
    origin: 'flow {{id}}',
    line: '{{origin}}: {{location}}{{message}} [{{code}}]',
    warningLine: '{{origin}}: warning: {{location}}{{message}} [{{code}}]',
    location: '{{where}}: ',
    node: 'node "{{id}}"',
    edge: 'edge "{{id}}"',
    field: 'field {{field}}',
    summary: '{{files}}: {{errors}}, {{warnings}} ({{verdict}}).',
    files_one: '{{count}} file checked',
    files_other: '{{count}} files checked',
    errors_one: '{{count}} error',
    errors_other: '{{count}} errors',
    warnings_one: '{{count}} warning',
    warnings_other: '{{count}} warnings',
    valid: 'valid',
    invalid: 'not valid',
    unreadable: '{{file}}: cannot read the file: {{reason}}.',
    noSuchFile: 'no such file',
    isFolder: 'this is a folder',
    brokenJson: '{{file}}:{{line}}:{{column}}: the JSON is broken at line {{line}}, column {{column}}: {{message}}',
    nothingImported: 'Nothing was imported.',
    imported: 'Imported "{{name}}" as flow {{id}} (draft revision {{revision}}).',
    importedWithProblems_one:
      'Imported "{{name}}" as flow {{id}} (draft revision {{revision}}); fix {{count}} problem before publishing it.',
    importedWithProblems_other:
      'Imported "{{name}}" as flow {{id}} (draft revision {{revision}}); fix {{count}} problems before publishing it.',
    promptsReady_one: '{{count}} prompt ready',
    promptsReady_other: '{{count}} prompts ready',
    published_one: 'Published "{{name}}" as version {{version}} ({{prompts}}); it answers {{numbers}}.',
    published_other: 'Published "{{name}}" as version {{version}} ({{prompts}}); it answers {{numbers}}.',
    publishedNoNumber: 'Published "{{name}}" as version {{version}} ({{prompts}}); it answers no number.',
    notPublished_one: 'Not published: {{count}} error to fix first. Nothing was changed.',
    notPublished_other: 'Not published: {{count}} errors to fix first. Nothing was changed.',
  },
} as const satisfies Catalogue<typeof french>;
