// `switchboard <group> <command> ...`: one module per group in cli/commands/, loaded only when called so a command
// does not pay for the others' imports.
import { DatabaseUnavailableError } from '#db/errors.ts';
import { UsageError } from './command-kit.ts';
import { setGlobalLanguageOption, takeLanguageOption } from './language.ts';

type CommandGroup = (args: string[]) => Promise<number>;

const groups: Record<string, () => Promise<CommandGroup>> = {
  flows: async () => (await import('./commands/flows.ts')).runFlowsCommand,
  asterisk: async () => (await import('./commands/asterisk.ts')).runAsteriskCommand,
  users: async () => (await import('./commands/users.ts')).runUsersCommand,
  tokens: async () => (await import('./commands/tokens.ts')).runTokensCommand,
  departments: async () => (await import('./commands/departments.ts')).runDepartmentsCommand,
  agents: async () => (await import('./commands/agents.ts')).runAgentsCommand,
  calendars: async () => (await import('./commands/calendars.ts')).runCalendarsCommand,
};

const usage = `usage: switchboard <group> <command> [options]
  flows     validate FILE... | import FILE | export FLOW_ID | publish FLOW_ID | list
  asterisk  config --out DIR [--sandbox]
  users     list | add USERNAME | edit USERNAME | remove USERNAME | reset-secrets [USERNAME...] (the phone directory)
            create-admin | create USERNAME --role ROLE | set-password USERNAME | list --staff (web app accounts)
  tokens    create NAME --role ROLE | list | revoke ID|NAME (API tokens; the secret is shown once)
  departments list | show | create | set | delete | add-member | remove-member | set-penalty (call centre teams)
  agents    list | login USERNAME [DEPARTMENT] | logout | pause USERNAME [--reason R] | unpause (agent states)
  calendars list | show | create | set | set-hours | add-closure | remove-closure | override | clear-override |
            delete (opening hours of business-hours nodes; --help for each)
Options: --lang fr|en   the language of messages, such as validation's (default: LC_ALL, LC_MESSAGES or LANG,
                        e.g. fr_FR.UTF-8, else French); diagnostic codes are the same in every language`;

export async function main(argv: string[]): Promise<number> {
  // --lang may stand anywhere (switchboard --lang en flows validate F, or at the end): it is taken out here, once,
  // so no command's own option parsing sees it.
  let args: string[];
  try {
    const { language, rest } = takeLanguageOption(argv, process.env);
    setGlobalLanguageOption(language);
    args = rest;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`switchboard: ${error.message}\n${usage}`);
    return 2;
  }
  const [group, ...rest] = args;
  if (!group || group === '--help' || group === '-h' || group === 'help') {
    console.log(usage);
    return group ? 0 : 2;
  }
  const load = groups[group];
  if (!load) {
    console.error(`switchboard: unknown command group "${group}"\n${usage}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (error) {
    // A database that cannot be used is the person's setting, not a bug: one line, no stack trace.
    if (error instanceof DatabaseUnavailableError) {
      console.error(`switchboard: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
