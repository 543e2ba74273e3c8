// `switchboard users <command>`: the people of the phone directory (list, add, edit, remove, reset-secrets:
// cli/commands/people.ts) and the staff accounts of the web app, for the first administrator and for recovery
// (whoever can run this can read the database anyway, so it needs no sign-in).
//   create-admin [--username U] [--name N] [--password P | --password-stdin]
//   create USERNAME --role viewer|editor|admin [--name N] [--password P | --password-stdin]
//   set-password USERNAME [--password P | --password-stdin]
//   list --staff
// All take --db PATH. Missing values are asked for on a terminal (the password without echo).
// Exit codes: 0 done, 1 refused (taken user name, weak password...), 2 the command line is wrong.
import { z } from 'zod';
import { parseOptions, UsageError, withDatabase } from '../command-kit.ts';
import { wantsHelp } from '../help.ts';
import { validationMessages } from '../validation-messages.ts';
import { peopleUsage, runPeopleCommand } from './people.ts';

const usage = `usage: switchboard users <command> [options]
${peopleUsage}
Staff accounts of the web app (who signs in; distinct from the directory):
  create-admin                 create an administrator (--username U --name N --password P, or asked for)
  create USERNAME --role R     create a viewer, editor or admin account
  set-password USERNAME        give an account a new password (signs it out everywhere)
  list --staff                 the staff accounts
Options: --db PATH (default: $SWITCHBOARD_DB or ./data/switchboard.db), --password-stdin (read the password from
the first line of standard input instead of --password, which other users of the machine may see in ps)`;

/** Where the command writes and reads; tests pass their own. */
export interface UsersCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Asks on the terminal; null when there is none (then a missing value is a usage error). */
  ask: ((question: string, options: { secret: boolean }) => Promise<string>) | null;
  /** All of standard input, for --password-stdin. */
  readStdin(): Promise<string>;
}

/** A refusal already explained to the person; exit 1. */
class Refused extends Error {}
const peopleErrors = {
  usage: (message: string) => new UsageError(message),
  refused: (message: string) => new Refused(message),
};

const processIo: UsersCommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  ask: process.stdin.isTTY ? askOnTerminal : null,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export async function runUsersCommand(args: string[], io: UsersCommandIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  if (wantsHelp(args)) {
    io.out(usage);
    return 0;
  }
  try {
    switch (command) {
      case 'create-admin':
        return await createAccount(rest, io, 'admin');
      case 'create':
        return await createAccount(rest, io, null);
      case 'set-password':
        return await setPassword(rest, io);
      case 'list':
        if (rest.includes('--staff'))
          return await list(
            rest.filter((arg) => arg !== '--staff'),
            io,
          );
        return await runPeopleCommand('list', rest, io, peopleErrors, (file, use) => withDatabase(file, io.env, use));
      case 'add':
      case 'edit':
      case 'remove':
      case 'reset-secrets':
        return await runPeopleCommand(command, rest, io, peopleErrors, (file, use) => withDatabase(file, io.env, use));
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
      io.err(`switchboard users: ${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof Refused) {
      io.err(`switchboard users: ${error.message}`);
      return 1;
    }
    if (error instanceof z.ZodError) {
      io.err(`switchboard users: ${validationMessages(error, io.env)}`);
      return 1;
    }
    throw error;
  }
}

const commonOptions = {
  db: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

async function valueOrAsk(
  value: string | undefined,
  io: UsersCommandIo,
  question: string,
  option: string,
): Promise<string> {
  if (value !== undefined) return value;
  if (!io.ask) throw new UsageError(`${option} is required when not run on a terminal`);
  return io.ask(question, { secret: false });
}

/** From --password, --password-stdin, or asked twice without echo. */
async function passwordFrom(
  values: { password?: string; 'password-stdin'?: boolean },
  io: UsersCommandIo,
): Promise<string> {
  if (values.password !== undefined && values['password-stdin']) {
    throw new UsageError('use --password or --password-stdin, not both');
  }
  if (values.password !== undefined) return values.password;
  if (values['password-stdin']) return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!io.ask) throw new UsageError('--password or --password-stdin is required when not run on a terminal');
  const password = await io.ask('Password: ', { secret: true });
  const again = await io.ask('Password again: ', { secret: true });
  if (password !== again) throw new Refused('the two passwords differ; nothing was changed');
  return password;
}

async function createAccount(args: string[], io: UsersCommandIo, fixedRole: 'admin' | null): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    ...commonOptions,
    username: { type: 'string' },
    role: { type: 'string' },
  });
  const auth = await import('#db/auth.ts');
  if (fixedRole && values.role !== undefined) throw new UsageError('create-admin always creates an admin; drop --role');
  if (positionals.length > 1) throw new UsageError(`expected at most one USERNAME, got ${positionals.length}`);
  const role = fixedRole ?? values.role;
  if (role === undefined) throw new UsageError('create needs --role viewer|editor|admin');
  const parsedRole = auth.staffRoleSchema.safeParse(role);
  if (!parsedRole.success) throw new UsageError(`--role is one of ${auth.STAFF_ROLES.join(', ')}, not "${role}"`);

  const username = await valueOrAsk(values.username ?? positionals[0], io, 'User name: ', '--username');
  auth.usernameSchema.parse(username);
  const name =
    values.name ??
    (io.ask ? await io.ask(`Full name (empty for "${username.trim().toLowerCase()}"): `, { secret: false }) : '');
  const password = await passwordFrom(values, io);

  return withDatabase(values.db, io.env, async (db) => {
    try {
      const account = await auth.createStaffAccount(db, {
        username,
        displayName: name,
        password,
        role: parsedRole.data,
      });
      io.out(
        `Created ${account.role} "${account.username}" (${account.displayName}) in ${db.file}. Sign in at /sign-in.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof auth.StaffUsernameTakenError) {
        throw new Refused(
          `${error.message}; use "switchboard users set-password ${error.username}" to reset its password`,
        );
      }
      throw error;
    }
  });
}

async function setPassword(args: string[], io: UsersCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, commonOptions);
  if (positionals.length !== 1) throw new UsageError('set-password needs one USERNAME');
  const auth = await import('#db/auth.ts');
  const username = positionals[0]!;
  return withDatabase(values.db, io.env, async (db) => {
    const account = auth.getStaffAccountByUsername(db, username);
    if (!account) throw new Refused(`there is no staff account "${username}"`);
    await auth.setStaffPassword(db, account.id, await passwordFrom(values, io));
    io.out(`New password set for "${account.username}"; its sessions were ended.`);
    return 0;
  });
}

async function list(args: string[], io: UsersCommandIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { db: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('list takes no arguments');
  const auth = await import('#db/auth.ts');
  return withDatabase(values.db, io.env, (db) => {
    const accounts = auth.listStaffAccounts(db);
    if (accounts.length === 0) io.out('No staff accounts yet: create one with "switchboard users create-admin".');
    for (const account of accounts) {
      const status = account.disabledAt ? 'disabled' : 'active';
      io.out(`${account.username}\t${account.role}\t${status}\t${account.displayName}`);
    }
    return 0;
  });
}

/** Reads one line from the terminal; a secret is read in raw mode and not echoed. */
function askOnTerminal(question: string, options: { secret: boolean }): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  return new Promise((resolveAnswer, reject) => {
    let answer = '';
    const wasRaw = stdin.isRaw;
    if (options.secret) stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      if (options.secret) {
        stdin.setRawMode(wasRaw);
        process.stdout.write('\n');
      }
      stdin.pause();
      if (error) reject(error);
      else resolveAnswer(answer);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\n' || character === '\r') return finish();
        if (character === '\u0003' || character === '\u0004')
          return finish(new Refused('cancelled; nothing was changed'));
        if (character === '\u007f' || character === '\b') answer = answer.slice(0, -1);
        else answer += character;
      }
    };
    stdin.on('data', onData);
  });
}
