import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { listFlows } from '#db/flows.ts';
import { encodeTelephoneWav } from '#runtime/audio/wav.ts';
import { PromptStore } from '#runtime/tts/prompt-store.ts';
import type { TtsProvider } from '#runtime/tts/tts-provider.ts';
import { runFlowsCommand, type FlowsCommandIo } from './flows.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));
const example = (name: string) => join(repository, 'flows/examples', name);

let folder: string;
let database: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-cli-flows-'));
  database = join(folder, 'switchboard.db');
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Runs `switchboard flows ARGS` in-process, capturing what it prints. Prompts are "rendered" by a fake voice. The
 * terminal is English (LANG=en_US.UTF-8) unless `locale` says otherwise: the sentences below are the English ones.
 */
async function flows(...args: string[]) {
  return flowsIn({ LANG: 'en_US.UTF-8' }, ...args);
}

async function flowsIn(locale: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const rendered: string[] = [];
  const fakeVoice: TtsProvider = {
    id: 'espeak',
    render: async (request) => {
      rendered.push(request.text);
      return encodeTelephoneWav(new Int16Array(800));
    },
  };
  const io: FlowsCommandIo = {
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
    env: { SWITCHBOARD_DB: database, USER: 'tester', ...locale },
    promptStore: () => new PromptStore({ dir: join(folder, 'prompts'), provider: fakeVoice }),
  };
  const code = await runFlowsCommand(args, io);
  return { code, out, err, rendered };
}

function writeFile(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

function storedFlows() {
  const db = openDatabase(database);
  try {
    return listFlows(db, { includeArchived: true });
  } finally {
    closeDatabase(db);
  }
}

const brokenMenu = {
  format: 1,
  name: 'Broken menu',
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'menu-1',
      type: 'menu',
      position: { x: 200, y: 0 },
      data: { prompt: { text: 'Tapez 1 ou 2.' }, options: [{ digit: '1' }, { digit: '2' }, { digit: '2' }] },
    },
    { id: 'lost', type: 'hangup', position: { x: 400, y: 200 }, data: {} },
    { id: 'end', type: 'hangup', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceBranch: 'next', target: 'menu-1' },
    { id: 'e2', source: 'menu-1', sourceBranch: '1', target: 'end' },
  ],
};

describe('switchboard flows validate', () => {
  it('accepts every example: exit 0 and a summary line', async () => {
    const files = ['ivr-6003.json', 'voicemail-6099.json', 'conference-7000.json'].map(example);
    const result = await flows('validate', ...files);
    expect(result.code).toBe(0);
    expect(result.out).toEqual(['3 files checked: 0 errors, 0 warnings (valid).']);
  });

  it('prints one line per diagnostic: file, where, message, code; warnings marked; exit 1', async () => {
    const file = writeFile('broken.json', JSON.stringify(brokenMenu));
    const result = await flows('validate', file);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${file}: node "menu-1", field options.2.digit: Menu "menu-1": key 2 is used twice. [menu-digit-duplicate]`,
      `${file}: node "menu-1": Menu "menu-1": the branch "Key 2" is not connected to a next step. [branch-unconnected]`,
      `${file}: warning: node "lost": Hang up "lost": no call can reach this node from Start. [node-unreachable]`,
      '1 file checked: 2 errors, 1 warning (not valid).',
    ]);
  });

  it('exits 0 when there are only warnings', async () => {
    const withOrphan = structuredClone(brokenMenu);
    withOrphan.nodes[1]!.data.options = [{ digit: '1' }];
    const result = await flows('validate', writeFile('orphan.json', JSON.stringify(withOrphan)));
    expect(result.code).toBe(0);
    expect(result.out.at(-1)).toBe('1 file checked: 0 errors, 1 warning (valid).');
  });

  it('says at which line and column broken JSON breaks', async () => {
    const file = writeFile('broken-json.json', '{\n  "format": 1,\n  "name": "x",\n  "nodes": [}\n');
    const result = await flows('validate', file);
    expect(result.code).toBe(1);
    expect(result.out[0]).toBe(
      `${file}:4:13: the JSON is broken at line 4, column 13: A value was expected here, but found "}".`,
    );
  });

  it('reports a file that is not a flow document, naming the field', async () => {
    const file = writeFile('not-a-flow.json', JSON.stringify({ format: 1, nodes: [] }));
    const result = await flows('validate', file);
    expect(result.code).toBe(1);
    expect(result.out[0]).toBe(
      `${file}: field name: This is not a valid flow document (field name): This field is missing. [document-invalid]`,
    );
  });

  it('exits 2 on bad usage', async () => {
    expect((await flows('validate')).code).toBe(2);
    expect((await flows('validate', '--strict', example('ivr-6003.json'))).code).toBe(2);
    expect((await flows('frobnicate')).code).toBe(2);
    const noCommand = await flows();
    expect(noCommand.code).toBe(2);
    expect(noCommand.err[0]).toBe('switchboard flows: missing command');
  });
});

describe('switchboard flows import / list / export / publish', () => {
  it('imports a flow as a draft, lists it, exports it unchanged', async () => {
    const imported = await flows('import', example('ivr-6003.json'));
    expect(imported.code).toBe(0);
    expect(imported.err).toEqual([]);
    const [flowId] = imported.out[0]!.match(/flw_[a-z0-9]+/) ?? [];
    expect(imported.out).toEqual([`Imported "Standard - menu principal" as flow ${flowId} (draft revision 1).`]);

    const listed = await flows('list');
    expect(listed.out[0]).toMatch(/^ID\s+NAME\s+ANSWERS\s+PUBLISHED\s+DRAFT$/);
    expect(listed.out[1]).toMatch(new RegExp(`^${flowId}\\s+Standard - menu principal\\s+-\\s+never\\s+r1$`));

    const exportFile = join(folder, 'exported.json');
    expect((await flows('export', flowId!, '--out', exportFile)).code).toBe(0);
    const original = JSON.parse(readFileSync(example('ivr-6003.json'), 'utf8'));
    expect(JSON.parse(readFileSync(exportFile, 'utf8'))).toEqual(original);
    expect(Object.keys(JSON.parse(readFileSync(exportFile, 'utf8')))).toEqual(Object.keys(original));
  });

  it('writes nothing when the file is broken JSON or not a flow document', async () => {
    const broken = await flows('import', writeFile('broken.json', '{"format": 1, "name": "x",,}'));
    expect(broken.code).toBe(1);
    expect(broken.err).toEqual([
      `${join(folder, 'broken.json')}:1:27: the JSON is broken at line 1, column 27: A field name between double quotes was expected, but found ",".`,
      'Nothing was imported.',
    ]);
    const notAFlow = await flows(
      'import',
      writeFile('shape.json', JSON.stringify({ format: 1, name: 'x', nodes: [{ id: 'a' }] })),
    );
    expect(notAFlow.code).toBe(1);
    expect(notAFlow.err.at(-1)).toBe('Nothing was imported.');
    expect(notAFlow.err[0]).toContain('field nodes.0.type');
    // Not even the database file was created.
    expect(existsSync(database)).toBe(false);
  });

  it('imports a well-shaped draft with errors, printing them as warnings of the import', async () => {
    const result = await flows('import', writeFile('broken.json', JSON.stringify(brokenMenu)));
    expect(result.code).toBe(0);
    expect(result.err).toEqual([
      expect.stringMatching(/: warning: node "menu-1", field options.2.digit: .*\[menu-digit-duplicate\]$/),
      expect.stringMatching(/: warning: node "menu-1": .*\[branch-unconnected\]$/),
      expect.stringMatching(/: warning: node "lost": .*\[node-unreachable\]$/),
    ]);
    expect(result.out[0]).toMatch(
      /^Imported "Broken menu" as flow flw_\w+ \(draft revision 1\); fix 2 problems before publishing it\.$/,
    );
    expect(storedFlows().map((flow) => flow.name)).toEqual(['Broken menu']);
  });

  it('publishes a valid draft: prompts rendered, numbers bound; refuses an invalid one with its diagnostics', async () => {
    const ivr = (await flows('import', example('ivr-6003.json'))).out[0]!.match(/flw_[a-z0-9]+/)![0];
    const published = await flows('publish', ivr, '--comment', 'first version');
    expect(published.code).toBe(0);
    expect(published.out).toEqual([
      'Published "Standard - menu principal" as version 1 (5 prompts ready); it answers 6003.',
    ]);
    expect(published.rendered).toContain(
      'Appuyez sur 1 pour joindre le service compte. Appuyez sur 2 pour joindre le service RH. Appuyez sur 3 pour joindre le service informatique.',
    );
    expect(storedFlows()[0]).toMatchObject({ boundNumbers: ['6003'], publishedVersionNumber: 1 });

    const broken = (await flows('import', writeFile('broken.json', JSON.stringify(brokenMenu)))).out[0]!.match(
      /flw_[a-z0-9]+/,
    )![0];
    const refused = await flows('publish', broken);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `flow ${broken}: node "menu-1", field options.2.digit: Menu "menu-1": key 2 is used twice. [menu-digit-duplicate]`,
    );
    expect(refused.err.at(-1)).toBe('Not published: 2 errors to fix first. Nothing was changed.');
    expect(storedFlows().find((flow) => flow.id === broken)?.publishedVersionNumber).toBeNull();
  });

  it('refuses a number another published flow holds', async () => {
    const first = (await flows('import', example('person-6001.json'))).out[0]!.match(/flw_[a-z0-9]+/)![0];
    expect((await flows('publish', first)).code).toBe(0);
    const copy = JSON.parse(readFileSync(example('person-6001.json'), 'utf8'));
    const second = (
      await flows('import', writeFile('copy.json', JSON.stringify({ ...copy, name: 'Copie' })))
    ).out[0]!.match(/flw_[a-z0-9]+/)![0];
    const refused = await flows('publish', second);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toBe(
      `flow ${second}: field numbers.0: The number 6001 already reaches the published flow "Alice (6001)": remove it from one of the two flows. [number-claimed]`,
    );
  });

  it('exports the published version on request, and says when a flow does not exist', async () => {
    const flowId = (await flows('import', example('voicemail-6099.json'))).out[0]!.match(/flw_[a-z0-9]+/)![0];
    const neverPublished = await flows('export', flowId, '--published');
    expect(neverPublished.code).toBe(1);
    expect(neverPublished.err).toEqual(['switchboard flows: the flow "Messagerie vocale" has never been published.']);
    await flows('publish', flowId);
    const exported = await flows('export', flowId, '--published');
    expect(exported.code).toBe(0);
    // The published version is the typed document: defaults filled in.
    expect(JSON.parse(exported.out.join('\n')).nodes[1].data).toEqual({
      box: { kind: 'ask' },
      language: 'fr-FR',
      maxPinAttempts: 3,
      lockMinutes: 5,
    });
    expect((await flows('export', 'flw_nope')).code).toBe(1);
    expect((await flows('publish', 'flw_nope')).code).toBe(1);
    expect((await flows('export')).code).toBe(2);
  });
});

describe('the switchboard executable', () => {
  const run = promisify(execFile);
  const switchboardIn = (locale: Record<string, string>, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', join(repository, 'cli/main.ts'), ...args], {
      cwd: repository,
      // The machine's own locale must not leak in: each test says which one its terminal has.
      env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', ...locale },
    }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  const switchboard = (...args: string[]) => switchboardIn({ LANG: 'en_US.UTF-8' }, ...args);

  it('dispatches `flows validate` and passes its exit code on', async () => {
    const valid = await switchboard('flows', 'validate', example('ivr-6003.json'));
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe('1 file checked: 0 errors, 0 warnings (valid).\n');
    const broken = await switchboard('flows', 'validate', writeFile('broken.json', JSON.stringify(brokenMenu)));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('[menu-digit-duplicate]');
  });

  it('speaks French with LANG=fr_FR.UTF-8, English with --lang en, and refuses another --lang with exit 2', async () => {
    const file = writeFile('broken.json', JSON.stringify(brokenMenu));
    const french = await switchboardIn({ LANG: 'fr_FR.UTF-8' }, 'flows', 'validate', file);
    expect(french.code).toBe(1);
    expect(french.stdout.split('\n')).toEqual([
      `${file} : bloc « menu-1 », champ options.2.digit : Menu « menu-1 » : la touche 2 est utilisée deux fois. [menu-digit-duplicate]`,
      `${file} : bloc « menu-1 » : Menu « menu-1 » : la sortie « Touche 2 » n'est reliée à aucune étape suivante. [branch-unconnected]`,
      `${file} : avertissement : bloc « lost » : Raccrocher « lost » : aucun appel ne peut atteindre ce bloc depuis le bloc Début. [node-unreachable]`,
      '1 fichier vérifié : 2 erreurs, 1 avertissement (non valide).',
      '',
    ]);

    // --lang wins over every locale variable, wherever it stands on the command line.
    const english = await switchboardIn({ LC_ALL: 'fr_FR.UTF-8' }, '--lang', 'en', 'flows', 'validate', file);
    expect(english.code).toBe(1);
    expect(english.stdout).toContain(
      `${file}: node "menu-1": Menu "menu-1": the branch "Key 2" is not connected to a next step. [branch-unconnected]`,
    );
    expect(english.stdout).toContain('1 file checked: 2 errors, 1 warning (not valid).');
    const last = await switchboardIn({ LANG: 'fr_FR.UTF-8' }, 'flows', 'validate', file, '--lang=en');
    expect(last.stdout).toBe(english.stdout);

    const unknown = await switchboardIn({ LANG: 'en_US.UTF-8' }, '--lang', 'de', 'flows', 'validate', file);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('switchboard: unknown language "de" for --lang: use one of fr, en');
  });
});

describe('the language of `switchboard flows`', () => {
  it('follows LC_ALL over LC_MESSAGES over LANG, and is French when none is set', async () => {
    const file = example('ivr-6003.json');
    const summary = async (locale: Record<string, string>) => (await flowsIn(locale, 'validate', file)).out;
    expect(await summary({})).toEqual(['1 fichier vérifié : 0 erreur, 0 avertissement (valide).']);
    expect(await summary({ LANG: 'en_GB.UTF-8' })).toEqual(['1 file checked: 0 errors, 0 warnings (valid).']);
    expect(await summary({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toEqual([
      '1 fichier vérifié : 0 erreur, 0 avertissement (valide).',
    ]);
    expect(await summary({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toEqual([
      '1 file checked: 0 errors, 0 warnings (valid).',
    ]);
    // A locale the interface does not speak (C, de_DE) falls back to French.
    expect(await summary({ LC_ALL: 'C' })).toEqual(['1 fichier vérifié : 0 erreur, 0 avertissement (valide).']);
  });

  it('imports and refuses to publish in French, with the codes unchanged', async () => {
    const imported = await flowsIn({}, 'import', writeFile('broken.json', JSON.stringify(brokenMenu)));
    expect(imported.code).toBe(0);
    expect(imported.out[0]).toMatch(
      /^Parcours « Broken menu » importé sous l'identifiant flw_\w+ \(brouillon, révision 1\) ; corrigez 2 problèmes avant de le publier\.$/,
    );
    expect(imported.err[0]).toMatch(
      / : avertissement : bloc « menu-1 », champ options\.2\.digit : .*\[menu-digit-duplicate\]$/,
    );
    const flowId = imported.out[0]!.match(/flw_[a-z0-9]+/)![0];
    const refused = await flowsIn({}, 'publish', flowId, '--lang', 'fr');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `parcours ${flowId} : bloc « menu-1 », champ options.2.digit : Menu « menu-1 » : la touche 2 est utilisée deux fois. [menu-digit-duplicate]`,
    );
    expect(refused.err.at(-1)).toBe("Non publié : 2 erreurs à corriger d'abord. Rien n'a été modifié.");
    const listed = await flowsIn({ LANG: 'fr_FR.UTF-8' }, 'list');
    expect(listed.out[0]).toMatch(/^ID\s+NOM\s+NUMÉROS\s+PUBLIÉ\s+BROUILLON$/);
    expect(listed.out[1]).toMatch(new RegExp(`^${flowId}\\s+Broken menu\\s+-\\s+jamais\\s+r1$`));
    expect((await flowsIn({}, 'export', 'flw_nope')).err).toEqual([
      'switchboard flows : aucun parcours « flw_nope » (voir switchboard flows list).',
    ]);
  });
});

describe('a file nested too deep', () => {
  it('makes `flows validate` and `flows import` exit 1 with the file and the place, not a crash', async () => {
    // GIVEN a flow file whose node data hides lists nested 200,000 levels deep
    const flow = JSON.stringify(brokenMenu);
    const depth = 200_000;
    const file = writeFile(
      'deep.json',
      flow.replace('"data":{}', `"data":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    );

    for (const command of ['validate', 'import']) {
      const result = await flows(command, file);
      expect(result.code, command).toBe(1);
      expect([...result.out, ...result.err].join('\n'), command).toMatch(
        /deep\.json:1:\d+: .*nested more than 100 levels deep/,
      );
    }
    expect(storedFlows()).toEqual([]);
  });
});

describe('a flow with too many nodes', () => {
  it('makes `flows validate` and `flows import` exit 1 naming the limit, and stores nothing', async () => {
    const nodes = Array.from({ length: 2001 }, (_, index) =>
      index === 0
        ? { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }
        : { id: `hangup-${index}`, type: 'hangup', position: { x: index, y: 0 }, data: {} },
    );
    const file = writeFile('huge.json', JSON.stringify({ format: 1, name: 'Huge', nodes, edges: [] }));

    for (const command of ['validate', 'import']) {
      const result = await flows(command, file);
      expect(result.code, command).toBe(1);
      expect([...result.out, ...result.err].join('\n'), command).toContain(
        'huge.json: field nodes: This flow has 2,001 nodes; a flow may have at most 2,000. Split it into several flows. [flow-too-large]',
      );
    }
    expect(storedFlows()).toEqual([]);
  });
});
