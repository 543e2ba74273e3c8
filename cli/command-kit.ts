// What every `switchboard <group>` command shares: a usage error (exit 2), strict option parsing that turns node's
// parse errors into one, and the database the command works on (--db, else SWITCHBOARD_DB, else the default).
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SwitchboardDb } from '#db/client.ts';

/** The command line itself is wrong: the command prints its usage and exits 2. */
export class UsageError extends Error {}

export function parseOptions<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Opens the database for `use` and closes it afterwards, whatever happens. */
export async function withDatabase<T>(
  file: string | undefined,
  env: Record<string, string | undefined>,
  use: (db: SwitchboardDb) => Promise<T> | T,
): Promise<T> {
  const { openDatabase, closeDatabase } = await import('#db/client.ts');
  const target = file ?? env.SWITCHBOARD_DB;
  const db = openDatabase(target ? resolve(target) : undefined);
  try {
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}
