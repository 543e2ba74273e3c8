// `switchboard users list|add|edit|remove|reset-secrets`: the phone directory from the command line, through the
// same service as the People page (provisioning/people/people-service.ts): a person added here gets their personal flow
// published, and their SIP account pushed to Asterisk when ARI_URL/ARI_USER/ARI_PASS are set. Without them the web
// server pushes the change the next time it connects to Asterisk.
// Secrets: --sip-password-stdin, or asked on the terminal without echo; --sip-password and --pin work for scripts but
// other users of the machine may see them in `ps`.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SwitchboardDb } from '#db/client.ts';
import { describeAsteriskOutcome, describeFlowOutcome } from '#provisioning/people/describe-outcome.ts';
import type { PeopleServiceDeps } from '#provisioning/people/people-service.ts';

export const peopleUsage = `People of the phone directory (extension, SIP account, voicemail box):
  list                          everyone, by extension (no secrets)
  add USERNAME --extension E --name N [--email M] [--language fr-FR] [--ring-seconds 10]
                                [--sip-password P | --sip-password-stdin] [--pin 1234]
  edit USERNAME [--extension E] [--name N] [--email M|""] [--language L] [--username NEW]
                [--sip-password P | --sip-password-stdin | --new-sip-password] [--pin P | --new-pin]
  remove USERNAME [--yes]       removes them, their SIP account and voicemail; archives their flow
  reset-secrets [USERNAME...] [--yes] [--demo]
                                new random SIP password and PIN, printed once and pushed to Asterisk (everyone
                                when no USERNAME: asks, or --yes); --demo: the brief's bonjour/1234, test sandboxes only`;

export interface PeopleCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  ask: ((question: string, options: { secret: boolean }) => Promise<string>) | null;
  readStdin(): Promise<string>;
}

/** Errors the users command turns into exit codes: 2 for a wrong command line, 1 for a refusal. */
export interface PeopleCommandErrors {
  usage(message: string): Error;
  refused(message: string): Error;
}

type WithDatabase = <T>(file: string | undefined, use: (db: SwitchboardDb) => Promise<T> | T) => Promise<T>;

function parse<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options,
  errors: PeopleCommandErrors,
) {
  try {
    return parseArgs({ args, options: { ...options, db: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw errors.usage((error as Error).message);
  }
}

async function serviceDeps(db: SwitchboardDb, io: PeopleCommandIo): Promise<PeopleServiceDeps> {
  const { ariSettingsFromEnv } = await import('#runtime/ari/settings.ts');
  const { createAriSipAccountProvisioner } = await import('#runtime/ari/pjsip-provisioning.ts');
  const { createPromptStore } = await import('#runtime/tts/index.ts');
  const ari = ariSettingsFromEnv(io.env);
  return {
    db,
    prompts: createPromptStore(io.env),
    provisioner: ari ? createAriSipAccountProvisioner(ari) : null,
    author: 'cli',
  };
}

/** A secret from its option, from stdin, or asked twice without echo. */
async function secret(
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  what: string,
  options: { value: string | undefined; stdin?: boolean; option: string },
): Promise<string> {
  if (options.value !== undefined && options.stdin)
    throw errors.usage(`use ${options.option} or ${options.option}-stdin, not both`);
  if (options.value !== undefined) return options.value;
  if (options.stdin) return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!io.ask) throw errors.usage(`${options.option} is required when not run on a terminal`);
  const first = await io.ask(`${what}: `, { secret: true });
  const again = await io.ask(`${what} again: `, { secret: true });
  if (first !== again) throw errors.refused(`the two ${what.toLowerCase()}s differ; nothing was changed`);
  return first;
}

function reportOutcome(io: PeopleCommandIo, notes: ({ text: string } | null)[]): void {
  for (const note of notes) if (note) io.out(`  ${note.text}`);
}

/** Turns the service's refusals into one line per field. */
async function refusalsAsMessages<T>(errors: PeopleCommandErrors, run: () => Promise<T>): Promise<T> {
  const { InvalidUserInputError, UserConflictError, UserNotFoundError } = await import('#db/errors.ts');
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidUserInputError) {
      throw errors.refused(
        `nothing was changed:\n${error.problems.map((problem) => `  ${cliName(problem.field)}: ${problem.message}`).join('\n')}`,
      );
    }
    if (error instanceof UserConflictError || error instanceof UserNotFoundError) throw errors.refused(error.message);
    throw error;
  }
}

/** The option a field comes from, so a message points at what to retype. */
function cliName(field: string): string {
  const names: Record<string, string> = {
    displayName: '--name',
    sipPassword: '--sip-password',
    voicemailPin: '--pin',
    username: 'USERNAME',
  };
  return names[field] ?? `--${field}`;
}

export async function runPeopleCommand(
  command: 'list' | 'add' | 'edit' | 'remove' | 'reset-secrets',
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  switch (command) {
    case 'list':
      return list(args, io, errors, withDatabase);
    case 'add':
      return add(args, io, errors, withDatabase);
    case 'edit':
      return edit(args, io, errors, withDatabase);
    case 'remove':
      return remove(args, io, errors, withDatabase);
    case 'reset-secrets':
      return resetSecrets(args, io, errors, withDatabase);
  }
}

/**
 * The way to (re)learn the secrets of the seed people, printed once at first start: new ones, printed once again.
 * A phone keeps working only once its settings get the new password.
 */
async function resetSecrets(
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  const { values, positionals } = parse(args, { yes: { type: 'boolean' }, demo: { type: 'boolean' } }, errors);
  const { listUsers, getUserByUsername } = await import('#db/users.ts');
  const { resetSecrets: reset } = await import('#provisioning/people/people-service.ts');
  const { describeSecrets } = await import('#db/seed.ts');
  return withDatabase(values.db, async (db) => {
    const people = positionals.length > 0 ? positionals.map((name) => getUserByUsername(db, name)) : listUsers(db);
    const unknown = positionals.filter((_, index) => people[index] === null);
    if (unknown.length > 0)
      throw errors.refused(
        `there is nobody with the user name ${unknown.map((name) => `"${name}"`).join(', ')} (see "switchboard users list"); nothing was changed`,
      );
    if (people.length === 0) throw errors.refused('nobody in the directory yet: nothing to reset');
    if (positionals.length === 0 && !values.yes) {
      if (!io.ask) throw errors.usage('reset-secrets without USERNAME resets everyone: add --yes, or name the people');
      const answer = await io.ask(
        `New SIP password and PIN for all ${people.length} people (their phones must be set up again)? [y/N] `,
        { secret: false },
      );
      if (!/^y(es)?$/i.test(answer.trim())) throw errors.refused('nothing was changed');
    }
    const deps = await serviceDeps(db, io);
    const done = [];
    for (const person of people) done.push(await reset(deps, person!.id, { demo: values.demo === true }));
    for (const line of describeSecrets(
      done.map(({ person, sipPassword, voicemailPin }) => ({
        username: person.username,
        extension: person.extension,
        sipPassword,
        voicemailPin,
      })),
      values.demo
        ? 'New secrets: the DEMO ones (bonjour / 1234), for test sandboxes only:'
        : 'New secrets (the old ones no longer work):',
    ))
      io.out(line);
    for (const { person, asterisk } of done) {
      io.out(`  ${person.username}: ${describeAsteriskOutcome(asterisk, 'saved').text}`);
    }
    return 0;
  });
}

async function list(
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  const { values, positionals } = parse(args, {}, errors);
  if (positionals.length > 0) throw errors.usage('list takes no arguments');
  const { listUsers } = await import('#db/users.ts');
  return withDatabase(values.db, (db) => {
    const people = listUsers(db);
    if (people.length === 0) io.out('Nobody in the directory yet: add someone with "switchboard users add".');
    for (const person of people) {
      io.out([person.extension, person.username, person.displayName, person.email ?? '-', person.language].join('\t'));
    }
    return 0;
  });
}

async function add(
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      extension: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      language: { type: 'string' },
      'ring-seconds': { type: 'string' },
      'sip-password': { type: 'string' },
      'sip-password-stdin': { type: 'boolean' },
      pin: { type: 'string' },
    },
    errors,
  );
  if (positionals.length !== 1) throw errors.usage('add needs one USERNAME');
  if (values.extension === undefined) throw errors.usage('add needs --extension');
  if (values.name === undefined) throw errors.usage('add needs --name');
  const ringSeconds = values['ring-seconds'] === undefined ? undefined : Number(values['ring-seconds']);
  if (ringSeconds !== undefined && !(Number.isInteger(ringSeconds) && ringSeconds >= 1 && ringSeconds <= 300)) {
    throw errors.usage('--ring-seconds is a whole number from 1 to 300');
  }
  const sipPassword = await secret(io, errors, 'SIP password', {
    value: values['sip-password'],
    stdin: values['sip-password-stdin'],
    option: '--sip-password',
  });
  const voicemailPin = await secret(io, errors, 'Voicemail PIN', { value: values.pin, option: '--pin' });
  const { addPerson } = await import('#provisioning/people/people-service.ts');
  return withDatabase(values.db, async (db) => {
    const change = await refusalsAsMessages(errors, async () =>
      addPerson(await serviceDeps(db, io), {
        username: positionals[0]!,
        extension: values.extension!,
        displayName: values.name!,
        email: values.email || null,
        ...(values.language ? { language: values.language } : {}),
        sipPassword,
        voicemailPin,
        ...(ringSeconds !== undefined ? { ringSeconds } : {}),
      }),
    );
    io.out(
      `Added ${change.person.displayName}, extension ${change.person.extension}, user name ${change.person.username}.`,
    );
    reportOutcome(io, [describeFlowOutcome(change.flow), describeAsteriskOutcome(change.asterisk, 'saved')]);
    return 0;
  });
}

async function edit(
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      extension: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      language: { type: 'string' },
      username: { type: 'string' },
      'sip-password': { type: 'string' },
      'sip-password-stdin': { type: 'boolean' },
      'new-sip-password': { type: 'boolean' },
      pin: { type: 'string' },
      'new-pin': { type: 'boolean' },
    },
    errors,
  );
  if (positionals.length !== 1) throw errors.usage('edit needs one USERNAME');
  const wantsSecret =
    values['sip-password'] !== undefined || values['sip-password-stdin'] || values['new-sip-password'];
  const sipPassword = wantsSecret
    ? await secret(io, errors, 'SIP password', {
        value: values['sip-password'],
        stdin: values['sip-password-stdin'],
        option: '--sip-password',
      })
    : undefined;
  const voicemailPin =
    values.pin !== undefined || values['new-pin']
      ? await secret(io, errors, 'Voicemail PIN', { value: values.pin, option: '--pin' })
      : undefined;
  const { getUserByUsername } = await import('#db/users.ts');
  const { changePerson } = await import('#provisioning/people/people-service.ts');
  return withDatabase(values.db, async (db) => {
    const person = getUserByUsername(db, positionals[0]!);
    if (!person)
      throw errors.refused(`there is nobody with the user name "${positionals[0]}" (see "switchboard users list")`);
    const patch = {
      ...(values.extension !== undefined ? { extension: values.extension } : {}),
      ...(values.name !== undefined ? { displayName: values.name } : {}),
      ...(values.email !== undefined ? { email: values.email || null } : {}),
      ...(values.language !== undefined ? { language: values.language } : {}),
      ...(values.username !== undefined ? { username: values.username } : {}),
      ...(sipPassword !== undefined ? { sipPassword } : {}),
      ...(voicemailPin !== undefined ? { voicemailPin } : {}),
    };
    if (Object.keys(patch).length === 0) throw errors.usage('edit needs at least one change (see the options)');
    const change = await refusalsAsMessages(errors, async () =>
      changePerson(await serviceDeps(db, io), person.id, patch),
    );
    io.out(`Saved ${change.person.displayName} (${change.person.extension}, ${change.person.username}).`);
    reportOutcome(io, [describeFlowOutcome(change.flow), describeAsteriskOutcome(change.asterisk, 'saved')]);
    return 0;
  });
}

async function remove(
  args: string[],
  io: PeopleCommandIo,
  errors: PeopleCommandErrors,
  withDatabase: WithDatabase,
): Promise<number> {
  const { values, positionals } = parse(args, { yes: { type: 'boolean' } }, errors);
  if (positionals.length !== 1) throw errors.usage('remove needs one USERNAME');
  const { getUserByUsername } = await import('#db/users.ts');
  const { removePerson } = await import('#provisioning/people/people-service.ts');
  return withDatabase(values.db, async (db) => {
    const person = getUserByUsername(db, positionals[0]!);
    if (!person)
      throw errors.refused(`there is nobody with the user name "${positionals[0]}" (see "switchboard users list")`);
    if (!values.yes) {
      if (!io.ask) throw errors.usage('remove needs --yes when not run on a terminal');
      const answer = await io.ask(
        `Remove ${person.displayName} (${person.extension}), their SIP account and voicemail messages? [y/N] `,
        { secret: false },
      );
      if (!/^y(es)?$/i.test(answer.trim())) throw errors.refused('not removed');
    }
    const removal = await refusalsAsMessages(errors, async () => removePerson(await serviceDeps(db, io), person.id));
    io.out(`Removed ${removal.person.displayName} (${removal.person.extension}) and their voicemail messages.`);
    reportOutcome(io, [describeFlowOutcome(removal.flow), describeAsteriskOutcome(removal.asterisk, 'removed')]);
    return 0;
  });
}
