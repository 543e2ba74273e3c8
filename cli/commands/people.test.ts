import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '#db/client.ts';
import { getFlow } from '#db/flows.ts';
import { seedPeople } from '#db/seed.ts';
import { flowIdBoundToNumber } from '#db/number-owner.ts';
import { users } from '#db/schema.ts';
import { getUserByUsername, pinMatchesHash, sipMd5Cred } from '#db/users.ts';
import { eq } from 'drizzle-orm';
import { runUsersCommand, type UsersCommandIo } from './users.ts';

let folder: string;
let dbFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-people-cli-'));
  dbFile = join(folder, 'switchboard.db');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function fakeIo(options: { answers?: string[]; stdin?: string; terminal?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: { question: string; secret: boolean }[] = [];
  const answers = [...(options.answers ?? [])];
  const io: UsersCommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    // No ARI settings: the CLI saves the directory and says Asterisk gets the change later.
    env: { PROMPTS_DIR: join(folder, 'prompts'), TTS_PROVIDER: 'espeak' },
    ask:
      options.terminal === false
        ? null
        : async (question, { secret }) => {
            asked.push({ question, secret });
            return answers.shift() ?? '';
          },
    readStdin: async () => options.stdin ?? '',
  };
  return { io, out, err, asked };
}

async function withDb<T>(use: (db: ReturnType<typeof openDatabase>) => Promise<T> | T): Promise<T> {
  const db = openDatabase(dbFile);
  try {
    return await use(db);
  } finally {
    closeDatabase(db);
  }
}

const users_ = (args: string[], io: UsersCommandIo) => runUsersCommand([...args, '--db', dbFile], io);

describe('switchboard users (the phone directory)', () => {
  it('add asks for the secrets without echo, publishes the personal flow and lists the person', async () => {
    const { io, out, asked } = fakeIo({ answers: ['Lune-Rousse-58', 'Lune-Rousse-58', '7391', '7391'] });
    expect(
      await users_(['add', 'dora', '--extension', '6030', '--name', 'Dora', '--email', 'dora@example.org'], io),
    ).toBe(0);
    expect(asked).toEqual([
      { question: 'SIP password: ', secret: true },
      { question: 'SIP password again: ', secret: true },
      { question: 'Voicemail PIN: ', secret: true },
      { question: 'Voicemail PIN again: ', secret: true },
    ]);
    expect(out[0]).toBe('Added Dora, extension 6030, user name dora.');
    expect(out.join('\n')).toContain('Their flow "Dora (6030)" is published (version 1)');
    expect(out.join('\n')).toContain('No Asterisk is connected (ARI settings)');
    await withDb(async (db) => {
      const row = db.orm.select().from(users).where(eq(users.username, 'dora')).get()!;
      expect(row.sipMd5Cred).toBe(sipMd5Cred('dora', 'Lune-Rousse-58'));
      expect(await pinMatchesHash('7391', row.voicemailPinHash)).toBe(true);
      expect(getFlow(db, flowIdBoundToNumber(db, '6030')!)!.name).toBe('Dora (6030)');
    });

    const listing = fakeIo({ terminal: false });
    expect(await users_(['list'], listing.io)).toBe(0);
    expect(listing.out).toEqual(['6030\tdora\tDora\tdora@example.org\tfr-FR']);
  });

  it('refuses bad values with one line per option, and writes nothing', async () => {
    const { io, err } = fakeIo({ terminal: false, stdin: 'dora6030\n' });
    const code = await users_(
      ['add', 'dora', '--extension', '6030', '--name', '', '--sip-password-stdin', '--pin', '1'],
      io,
    );
    expect(code).toBe(1);
    const [first, ...problems] = err.join('\n').split('\n');
    expect(first).toBe('switchboard users: nothing was changed:');
    expect(problems.sort()).toEqual([
      '  --name: Give the person a name',
      '  --pin: A voicemail PIN is 4 to 10 digits',
      '  --sip-password: The SIP password must not contain the user name or the extension',
    ]);
    await withDb((db) => expect(getUserByUsername(db, 'dora')).toBeNull());
  });

  it('is a usage error without a terminal when a secret or a required option is missing', async () => {
    const noSecret = fakeIo({ terminal: false });
    expect(await users_(['add', 'dora', '--extension', '6030', '--name', 'Dora'], noSecret.io)).toBe(2);
    expect(noSecret.err.join('\n')).toContain('--sip-password is required when not run on a terminal');
    const noExtension = fakeIo({ terminal: false });
    expect(await users_(['add', 'dora', '--name', 'Dora'], noExtension.io)).toBe(2);
    expect(noExtension.err.join('\n')).toContain('add needs --extension');
  });

  it('edit changes only what is given; remove needs --yes off a terminal and archives the flow', async () => {
    const add = fakeIo({ terminal: false });
    expect(
      await users_(
        ['add', 'dora', '--extension', '6030', '--name', 'Dora', '--sip-password', 'Lune-Rousse-58', '--pin', '7391'],
        add.io,
      ),
    ).toBe(0);
    const edit = fakeIo({ terminal: false, stdin: 'Soleil-Vert-12\n' });
    expect(await users_(['edit', 'dora', '--extension', '6031', '--sip-password-stdin'], edit.io)).toBe(0);
    expect(edit.out[0]).toBe('Saved Dora (6031, dora).');
    await withDb(async (db) => {
      const row = db.orm.select().from(users).where(eq(users.username, 'dora')).get()!;
      expect(row.sipMd5Cred).toBe(sipMd5Cred('dora', 'Soleil-Vert-12'));
      expect(await pinMatchesHash('7391', row.voicemailPinHash)).toBe(true);
      expect(flowIdBoundToNumber(db, '6031')).not.toBeNull();
    });

    const unconfirmed = fakeIo({ terminal: false });
    expect(await users_(['remove', 'dora'], unconfirmed.io)).toBe(2);
    const declined = fakeIo({ answers: ['n'] });
    expect(await users_(['remove', 'dora'], declined.io)).toBe(1);
    await withDb((db) => expect(getUserByUsername(db, 'dora')).not.toBeNull());

    const confirmed = fakeIo({ terminal: false });
    expect(await users_(['remove', 'dora', '--yes'], confirmed.io)).toBe(0);
    expect(confirmed.out.join('\n')).toContain('Their flow "Dora (6031)" no longer answers and is archived');
    await withDb((db) => {
      expect(getUserByUsername(db, 'dora')).toBeNull();
      expect(flowIdBoundToNumber(db, '6031')).toBeNull();
    });
    const missing = fakeIo({ terminal: false });
    expect(await users_(['remove', 'dora', '--yes'], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toContain('there is nobody with the user name "dora"');
  });
});

describe('switchboard users reset-secrets', () => {
  it('prints new secrets once for the people named, saves them, and says when Asterisk gets them', async () => {
    // GIVEN a fresh install's seed people (random secrets printed at first start, now lost)
    const seeded = await withDb((db) => seedPeople(db));
    // WHEN an administrator resets bob's and julien's
    const { io, out } = fakeIo({ terminal: false });
    expect(await users_(['reset-secrets', 'bob', 'julien'], io)).toBe(0);
    // THEN the new secrets are printed, one line per person, and are the ones stored
    const text = out.join('\n');
    const line = (name: string) => out.find((candidate) => candidate.trim().startsWith(`${name} `))!;
    const [, , sipPassword, pin] = line('bob').trim().split(/\s+/);
    await withDb(async (db) => {
      const row = db.orm.select().from(users).where(eq(users.username, 'bob')).get()!;
      expect(row.sipMd5Cred).toBe(sipMd5Cred('bob', sipPassword!));
      expect(await pinMatchesHash(pin!, row.voicemailPinHash)).toBe(true);
      const alice = db.orm.select().from(users).where(eq(users.username, 'alice')).get()!;
      expect(alice.sipMd5Cred).toBe(sipMd5Cred('alice', seeded[0]!.sipPassword));
    });
    expect(sipPassword).not.toBe(seeded[1]!.sipPassword);
    expect(line('julien')).toBeDefined();
    expect(text).not.toContain('alice ');
    expect(text).toContain('bob: No Asterisk is connected (ARI settings)');
  });

  it('needs --yes (or a terminal) to reset everyone; --demo gives bonjour/1234; unknown names change nothing', async () => {
    await withDb((db) => seedPeople(db));
    expect(await users_(['reset-secrets'], fakeIo({ terminal: false }).io)).toBe(2);
    const unknown = fakeIo({ terminal: false });
    expect(await users_(['reset-secrets', 'bob', 'zed'], unknown.io)).toBe(1);
    expect(unknown.err.join('\n')).toContain('nobody with the user name "zed"');
    const all = fakeIo({ terminal: false });
    expect(await users_(['reset-secrets', '--yes', '--demo'], all.io)).toBe(0);
    await withDb((db) => {
      for (const name of ['alice', 'bob', 'julien']) {
        const row = db.orm.select().from(users).where(eq(users.username, name)).get()!;
        expect(row.sipMd5Cred).toBe(sipMd5Cred(name, 'bonjour'));
      }
    });
    expect(all.out.join('\n')).toContain('DEMO');
  });
});
