// `switchboard <group> <command> ...`: one module per group in cli/commands/.
import { runAsteriskCommand } from './commands/asterisk.ts';
import { runFlowsCommand } from './commands/flows.ts';

type CommandGroup = (args: string[]) => Promise<number>;

const groups: Record<string, CommandGroup> = {
  flows: runFlowsCommand,
  asterisk: runAsteriskCommand,
};

const usage = `usage: switchboard <group> <command> [options]
  flows     validate | import | export | publish | list
  asterisk  config --out DIR [--sandbox]`;

export async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (!group || group === '--help' || group === '-h') {
    console.log(usage);
    return group ? 0 : 2;
  }
  const run = groups[group];
  if (!run) {
    console.error(`switchboard: unknown command group "${group}"\n${usage}`);
    return 2;
  }
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
