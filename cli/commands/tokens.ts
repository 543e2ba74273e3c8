// `switchboard tokens <command>`: API tokens for the JSON API (docs/api.md), as the admin page /admin/tokens makes
// them, for servers without a browser and for scripts. Like `users`, it needs no sign-in: whoever can run it can read
// the database anyway.
//   create NAME --role viewer|editor|admin [--as ADMIN]   the secret is printed once, alone on standard output
//   list                                                 never shows a secret, only its first characters
//   revoke ID|NAME                                       requests using it are refused from then on
// All take --db PATH. Exit codes: 0 done, 1 refused (unknown token, ambiguous name...), 2 the command line is wrong.
import { z } from 'zod';
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';
import { validationMessages } from '../validation-messages.ts';

const usage = `usage: switchboard tokens <command> [options]
  create NAME --role R [--as ADMIN]   create a viewer, editor or admin token; prints its secret once, alone on
                                      standard output (TOKEN=$(npx switchboard tokens create ci --role editor))
  list                                every token: id, name, first characters, role, creator, use, status
  revoke ID|NAME                      refuse the token from now on (a name must match one active token)
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db), --as ADMIN the administrator the token acts
for (needed when there are several; the token stops working if that account is disabled or demoted below its role)`;

export interface TokensCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
}

/** A refusal explained to the person; exit 1. */
class Refused extends Error {}

const dbOption = { db: { type: 'string' } } as const;

const processIo: TokensCommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

export async function runTokensCommand(args: string[], io: TokensCommandIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  try {
    switch (command) {
      case 'create':
        return await create(rest, io);
      case 'list':
        return await list(rest, io);
      case 'revoke':
        return await revoke(rest, io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`switchboard tokens: ${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof Refused) {
      io.err(`switchboard tokens: ${error.message}`);
      return 1;
    }
    if (error instanceof z.ZodError) {
      io.err(`switchboard tokens: ${validationMessages(error, io.env)}`);
      return 1;
    }
    throw error;
  }
}

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

async function create(args: string[], io: TokensCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...dbOption, role: { type: 'string' }, as: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('create needs one NAME (what will use the token), in quotes');
  const auth = await import('#db/auth.ts');
  if (values.role === undefined) throw new UsageError('create needs --role viewer|editor|admin');
  const role = auth.staffRoleSchema.safeParse(values.role);
  if (!role.success) throw new UsageError(`--role is one of ${auth.STAFF_ROLES.join(', ')}, not "${values.role}"`);
  const name = auth.apiTokenNameSchema.parse(positionals[0]);
  return withDatabase(values.db, io.env, (db) => {
    const admins = auth
      .listStaffAccounts(db)
      .filter((account) => account.role === 'admin' && account.disabledAt === null);
    let creator;
    if (values.as !== undefined) {
      creator = auth.getStaffAccountByUsername(db, values.as);
      if (!creator)
        throw new Refused(`there is no staff account "${values.as}" (see "switchboard users list --staff")`);
      if (creator.role !== 'admin' || creator.disabledAt !== null)
        throw new Refused(`"${creator.username}" is not an active administrator: only administrators make tokens`);
    } else if (admins.length === 1) {
      creator = admins[0]!;
    } else if (admins.length === 0) {
      throw new Refused('there is no active administrator yet: create one with "switchboard users create-admin"');
    } else {
      throw new UsageError(
        `several administrators (${admins.map((admin) => admin.username).join(', ')}): say which with --as`,
      );
    }
    const { token, secret } = auth.createApiToken(db, { name, role: role.data, accountId: creator.id });
    io.err(
      `Created ${token.role} token "${token.name}" (${token.id}) for ${creator.username}. ` +
        'Its secret follows, shown this once: store it now (Authorization: Bearer <secret>).',
    );
    io.out(secret);
    return 0;
  });
}

async function list(args: string[], io: TokensCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length > 0) throw new UsageError('list takes no arguments');
  const auth = await import('#db/auth.ts');
  return withDatabase(values.db, io.env, (db) => {
    const tokens = auth.listApiTokens(db);
    if (tokens.length === 0) {
      io.out('No API tokens yet: create one with "switchboard tokens create NAME --role viewer".');
      return 0;
    }
    io.out(['id', 'name', 'token', 'role', 'created by', 'created', 'last used', 'status'].join('\t'));
    for (const token of tokens) {
      const status = token.revokedAt === null ? 'active' : `revoked ${when(token.revokedAt)}`;
      io.out(
        [
          token.id,
          token.name,
          `${token.prefix}…`,
          token.role,
          token.createdByUsername,
          when(token.createdAt),
          when(token.lastUsedAt),
          status,
        ].join('\t'),
      );
    }
    return 0;
  });
}

async function revoke(args: string[], io: TokensCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, dbOption);
  if (positionals.length !== 1)
    throw new UsageError('revoke needs one token ID or NAME (see "switchboard tokens list")');
  const wanted = positionals[0]!;
  const auth = await import('#db/auth.ts');
  return withDatabase(values.db, io.env, (db) => {
    const tokens = auth.listApiTokens(db);
    let token = tokens.find((candidate) => candidate.id === wanted);
    if (!token) {
      const named = tokens.filter((candidate) => candidate.name === wanted.trim());
      const active = named.filter((candidate) => candidate.revokedAt === null);
      if (named.length === 0)
        throw new Refused(`no API token has the id or name "${wanted}" (see "switchboard tokens list")`);
      if (active.length > 1) {
        throw new Refused(
          `${active.length} active tokens are named "${wanted}": revoke one by id (${active.map((t) => t.id).join(', ')})`,
        );
      }
      token = active[0] ?? named[0]!;
    }
    if (token.revokedAt !== null) {
      io.out(`Token "${token.name}" (${token.id}) was already revoked on ${when(token.revokedAt)}.`);
      return 0;
    }
    auth.revokeApiToken(db, token.id);
    io.out(`Revoked token "${token.name}" (${token.id}): requests using it are refused from now on.`);
    return 0;
  });
}
