// `switchboard flows <command>`: check flow files, and move flows in and out of the database.
//   validate FILE...                      judge flow files; exit 1 when any has an error
//   import FILE [--db PATH] [--author NAME]
//   export FLOW_ID [--out FILE] [--published] [--db PATH]
//   publish FLOW_ID [--comment TEXT] [--author NAME] [--db PATH]
//   list [--all] [--db PATH]
// Every command takes --lang fr|en (else LC_ALL, LC_MESSAGES, LANG, else French) for the language of its messages;
// diagnostic codes, ids and file names are the same in every language.
// Exit codes: 0 done, 1 the flow or the request was refused (diagnostics say why), 2 the command line is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import type { FlowDocument } from '#flows/document.ts';
import { parseJsonWithLocation } from '#flows/validation/parse-json.ts';
import { validateFlow, type Diagnostic } from '#flows/validate.ts';
import type { UiLanguage } from '#i18n/languages.ts';
import { translatorFor, type Translate } from '#i18n/translator.ts';
import type { PromptStore } from '#runtime/tts/prompt-store.ts';
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';
import { cliLanguage, takeLanguageOption } from '../language.ts';

const usage = `usage: switchboard flows <command> [options]
  validate FILE...             check flow documents; one line per problem, exit 1 if any error
  import FILE                  store a flow document as a new draft
  export FLOW_ID               print a flow's draft as JSON (--out FILE to write it, --published for what runs)
  publish FLOW_ID              validate, render the prompts and publish the draft (--comment TEXT)
  list                         the flows in the database (--all includes archived ones)
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db), --author NAME (default: $USER),
  --lang fr|en (the language of messages; default: LC_ALL, LC_MESSAGES or LANG, else French)`;

/** Where the command writes and what it reads from its surroundings; tests pass their own. */
export interface FlowsCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** The prompt store publishing renders into; by default built from the environment (TTS_PROVIDER...). */
  promptStore?: () => PromptStore | Promise<PromptStore>;
}

const processIo: FlowsCommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

/** What every command needs besides its arguments: where to write, and in which language. */
interface CommandIo extends FlowsCommandIo {
  language: UiLanguage;
  t: Translate;
}

export async function runFlowsCommand(args: string[], io: FlowsCommandIo = processIo): Promise<number> {
  if (wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  try {
    const { language: option, rest: withoutLanguage } = takeLanguageOption(args, io.env);
    const language = cliLanguage(io.env, option);
    const commandIo: CommandIo = { ...io, language, t: translatorFor(language) };
    const [command, ...rest] = withoutLanguage;
    switch (command) {
      case 'validate':
        return validateFiles(rest, commandIo);
      case 'import':
        return await importFlow(rest, commandIo);
      case 'export':
        return await exportFlow(rest, commandIo);
      case 'publish':
        return await publish(rest, commandIo);
      case 'list':
        return await list(rest, commandIo);
      case '--help':
      case '-h':
      case 'help':
        io.out(usage);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchboard flows: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
}

const dbOption = { db: { type: 'string' } } as const;
const authorOption = { author: { type: 'string' } } as const;

function exactlyOne(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one ${what}, got ${positionals.length}`);
  return positionals[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and printing

/** `node "main-menu", field options.1.digit: ` — where a diagnostic points, for people and for grep. */
function locationOf(diagnostic: Diagnostic, t: Translate): string {
  const parts = [
    diagnostic.nodeId !== undefined ? t('cli:flows.node', { id: diagnostic.nodeId }) : '',
    diagnostic.edgeId !== undefined ? t('cli:flows.edge', { id: diagnostic.edgeId }) : '',
    diagnostic.field !== undefined ? t('cli:flows.field', { field: diagnostic.field }) : '',
  ].filter(Boolean);
  return parts.length > 0 ? t('cli:flows.location', { where: parts.join(', ') }) : '';
}

/** One line per diagnostic: `FILE: [warning: ]node "id": message [code]`, in the words of `t` (English by default). */
export function formatDiagnostic(
  origin: string,
  diagnostic: Diagnostic,
  severity = diagnostic.severity,
  t: Translate = translatorFor('en'),
): string {
  const values = { origin, location: locationOf(diagnostic, t), message: diagnostic.message, code: diagnostic.code };
  return severity === 'warning' ? t('cli:flows.warningLine', values) : t('cli:flows.line', values);
}

type LoadedFile = { ok: true; value: unknown } | { ok: false; line: string };

/** Reads and parses a JSON file; on failure, one line saying the file and where and why it breaks. */
function loadJsonFile(file: string, { t, language }: Pick<CommandIo, 't' | 'language'>): LoadedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? t('cli:flows.noSuchFile')
        : code === 'EISDIR'
          ? t('cli:flows.isFolder')
          : (error as Error).message;
    return { ok: false, line: t('cli:flows.unreadable', { file, reason }) };
  }
  const parsed = parseJsonWithLocation(text, language);
  if (parsed.ok) return parsed;
  const { line, column, message } = parsed.error;
  return { ok: false, line: t('cli:flows.brokenJson', { file, line, column, message }) };
}

// ---------------------------------------------------------------------------------------------------------------
// validate

function validateFiles(args: string[], io: CommandIo): number {
  const { positionals } = parseOptions(args, {});
  if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
  const { t, language } = io;
  let errors = 0;
  let warnings = 0;
  for (const file of positionals) {
    const loaded = loadJsonFile(file, io);
    if (!loaded.ok) {
      io.out(loaded.line);
      errors++;
      continue;
    }
    for (const diagnostic of validateFlow(loaded.value, { language }).diagnostics) {
      io.out(formatDiagnostic(file, diagnostic, diagnostic.severity, t));
      if (diagnostic.severity === 'error') errors++;
      else warnings++;
    }
  }
  io.out(
    t('cli:flows.summary', {
      files: t('cli:flows.files', { count: positionals.length }),
      errors: t('cli:flows.errors', { count: errors }),
      warnings: t('cli:flows.warnings', { count: warnings }),
      verdict: errors > 0 ? t('cli:flows.invalid') : t('cli:flows.valid'),
    }),
  );
  return errors > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Database commands. Storage is imported lazily: `validate` works without SQLite or the prompt renderer loaded.

function authorFrom(value: string | undefined, io: FlowsCommandIo): string {
  return value?.trim() || io.env.USER?.trim() || 'cli';
}

async function importFlow(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, ...authorOption });
  const file = exactlyOne(positionals, 'FILE to import');
  const { t, language } = io;
  const loaded = loadJsonFile(file, io);
  if (!loaded.ok) {
    io.err(loaded.line);
    io.err(t('cli:flows.nothingImported'));
    return 1;
  }
  // The shape is checked before the database is even opened: a file that is not a flow writes nothing at all.
  const shape = validateFlow(loaded.value, { language });
  if (!shape.document) {
    for (const diagnostic of shape.diagnostics) io.err(formatDiagnostic(file, diagnostic, diagnostic.severity, t));
    io.err(t('cli:flows.nothingImported'));
    return 1;
  }
  const document: FlowDocument = shape.document;
  return withDatabase(values.db, io.env, async (db) => {
    const { claimedNumbers, createFlow } = await import('#db/flows.ts');
    const { calendarNames } = await import('#db/calendars.ts');
    // A draft may be unfinished: its problems are reported as warnings now, and block only publishing.
    const { diagnostics } = validateFlow(document, {
      claimedNumbers: claimedNumbers(db),
      calendars: calendarNames(db),
      language,
    });
    for (const diagnostic of diagnostics) io.err(formatDiagnostic(file, diagnostic, 'warning', t));
    const { flowId, revision } = createFlow(db, { document, author: authorFrom(values.author, io) });
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const imported = { name: document.name, id: flowId, revision };
    io.out(
      errors > 0
        ? t('cli:flows.importedWithProblems', { ...imported, count: errors })
        : t('cli:flows.imported', imported),
    );
    return 0;
  });
}

async function exportFlow(args: string[], io: CommandIo): Promise<number> {
  const { t } = io;
  const { values, positionals } = parseOptions(args, {
    ...dbOption,
    out: { type: 'string' },
    published: { type: 'boolean' },
  });
  const flowId = exactlyOne(positionals, 'FLOW_ID to export');
  return withDatabase(values.db, io.env, async (db) => {
    const { getFlow, getVersion } = await import('#db/flows.ts');
    const flow = getFlow(db, flowId);
    if (!flow) {
      io.err(t('cli:flows.noSuchFlow', { id: flowId }));
      return 1;
    }
    let document: FlowDocument = flow.draft;
    if (values.published) {
      const version = flow.publishedVersion ? getVersion(db, flowId, flow.publishedVersion.number) : null;
      if (!version) {
        io.err(t('cli:flows.neverPublished', { name: flow.name }));
        return 1;
      }
      document = version.document;
    }
    const json = `${JSON.stringify(inReadingOrder(document), null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, json);
      io.err(t('cli:flows.wrote', { name: flow.name, file: values.out }));
    } else {
      io.out(json.trimEnd());
    }
    return 0;
  });
}

/** The fields in the order a person reads a flow file: what it is, which numbers, then its nodes and edges. */
function inReadingOrder(document: FlowDocument): FlowDocument {
  const { format, name, description, language, numbers, nodes, edges, ...rest } = document;
  return { format, name, description, language, numbers, nodes, edges, ...rest };
}

async function publish(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, ...authorOption, comment: { type: 'string' } });
  const flowId = exactlyOne(positionals, 'FLOW_ID to publish');
  return withDatabase(values.db, io.env, async (db) => {
    const [
      { publishFlow, PublishRefusedError },
      { FlowNotFoundError, FlowArchivedError, NumberClaimedError },
      { PromptRenderError },
    ] = await Promise.all([
      import('#provisioning/publish-flow.ts'),
      import('#db/errors.ts'),
      import('#runtime/tts/prompt-store.ts'),
    ]);
    const prompts = io.promptStore
      ? await io.promptStore()
      : (await import('#runtime/tts/index.ts')).createPromptStore(io.env);
    const { t, language } = io;
    const origin = t('cli:flows.origin', { id: flowId });
    try {
      const published = await publishFlow(
        db,
        { flowId, author: authorFrom(values.author, io), comment: values.comment ?? '', language },
        prompts,
      );
      for (const diagnostic of published.diagnostics) {
        io.err(formatDiagnostic(origin, diagnostic, diagnostic.severity, t));
      }
      const { getFlow } = await import('#db/flows.ts');
      const flow = getFlow(db, flowId);
      const numbers = flow?.boundNumbers ?? [];
      const facts = {
        name: flow?.name ?? flowId,
        version: published.versionNumber,
        prompts: t('cli:flows.promptsReady', { count: published.promptsRendered }),
      };
      io.out(
        numbers.length > 0
          ? t('cli:flows.published', { ...facts, count: numbers.length, numbers: numbers.join(', ') })
          : t('cli:flows.publishedNoNumber', facts),
      );
      return 0;
    } catch (error) {
      if (error instanceof PublishRefusedError) {
        for (const diagnostic of error.diagnostics) {
          io.err(formatDiagnostic(origin, diagnostic, diagnostic.severity, t));
        }
        const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
        io.err(t('cli:flows.notPublished', { count: errors }));
        return 1;
      }
      if (
        error instanceof FlowNotFoundError ||
        error instanceof FlowArchivedError ||
        error instanceof NumberClaimedError ||
        error instanceof PromptRenderError
      ) {
        io.err(t('cli:flows.notPublishedBecause', { reason: error.message }));
        return 1;
      }
      throw error;
    }
  });
}

async function list(args: string[], io: CommandIo): Promise<number> {
  const { t } = io;
  const { values, positionals } = parseOptions(args, { ...dbOption, all: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`list takes no argument, got "${positionals[0]}"`);
  return withDatabase(values.db, io.env, async (db) => {
    const { listFlows } = await import('#db/flows.ts');
    const flows = listFlows(db, { includeArchived: values.all === true });
    if (flows.length === 0) {
      io.out(t('cli:flows.noFlows'));
      return 0;
    }
    const rows = flows.map((flow) => [
      flow.id,
      flow.archivedAt !== null ? t('cli:flows.archivedName', { name: flow.name }) : flow.name,
      flow.boundNumbers.join(' ') || '-',
      flow.publishedVersionNumber === null ? t('cli:flows.neverVersion') : `v${flow.publishedVersionNumber}`,
      `r${flow.revision}`,
    ]);
    const columns = (['id', 'name', 'answers', 'published', 'draft'] as const).map((column) =>
      t(`cli:flows.columns.${column}`),
    );
    for (const line of table(columns, rows)) io.out(line);
    return 0;
  });
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}
