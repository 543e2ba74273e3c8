import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAsteriskCommand } from './commands/asterisk.ts';
import { runFlowsCommand } from './commands/flows.ts';
import { runTokensCommand } from './commands/tokens.ts';
import { runUsersCommand } from './commands/users.ts';
import { wantsHelp } from './help.ts';

afterEach(() => vi.restoreAllMocks());

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
    env: {},
    ask: null,
    readStdin: async () => '',
  };
  return { io, out, err };
}

describe('--help on every command', () => {
  it('asterisk config --help prints the usage, no "Unknown option", exit 0', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const args of [['config', '--help'], ['config', '-h'], ['--help'], ['help'], ['config', '--out', 'x', '-h']]) {
      expect(await runAsteriskCommand(args)).toBe(0);
    }
    expect(error).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(5);
    expect(String(log.mock.calls[0]![0])).toMatch(/^usage: switchboard asterisk config/);
  });

  it.each([['validate'], ['import'], ['export'], ['publish'], ['list']])(
    'flows %s --help prints the usage, exit 0',
    async (command) => {
      const { io, out, err } = captureIo();
      expect(await runFlowsCommand([command, '--help'], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toMatch(/^usage: switchboard flows/);
    },
  );

  it.each([['list'], ['add'], ['edit'], ['remove'], ['reset-secrets'], ['create-admin'], ['create'], ['set-password']])(
    'users %s --help prints the usage, exit 0',
    async (command) => {
      const { io, out, err } = captureIo();
      expect(await runUsersCommand([command, '--help'], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toMatch(/^usage: switchboard users/);
    },
  );

  it.each([['create'], ['list'], ['revoke'], ['help']])(
    'tokens %s --help prints the usage, exit 0',
    async (command) => {
      const { io, out, err } = captureIo();
      expect(await runTokensCommand([command, '--help'], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toMatch(/^usage: switchboard tokens/);
    },
  );

  it('reads --help only before "--"', () => {
    expect(wantsHelp(['config', '--help'])).toBe(true);
    expect(wantsHelp(['validate', '--', '--help'])).toBe(false);
  });
});
