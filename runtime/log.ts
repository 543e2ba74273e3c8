// A tiny leveled logger: one line per event, to stderr, silenced in unit tests (SWITCHBOARD_LOG=silent).
// Messages and fields often carry what strangers sent (URLs, caller names, user names): control characters, line
// breaks and the Unicode ones that reorder or break lines are written as escapes, so nobody can forge a log line
// or hide one.
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// Read at each write, so a test may turn the log on for a moment.
function threshold(): number {
  return order[(process.env.SWITCHBOARD_LOG ?? 'info') as Level | 'silent'] ?? order.info;
}

const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every character that could break or disguise a log line written as an escape (`\n`, `\u001b`). */
export function escapeForLog(text: string): string {
  return text.replace(
    UNSAFE,
    (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function describeFields(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
  } catch (error) {
    return `{"unprintable":${JSON.stringify((error as Error).message)}}`;
  }
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (order[level] < threshold()) return;
  const suffix = fields ? ' ' + describeFields(fields) : '';
  process.stderr.write(`${new Date().toISOString()} ${level.padEnd(5)} ${escapeForLog(message + suffix)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
export type Logger = typeof log;

/** Ends a process that cannot start (a missing database folder, a wrong setting): one line, whatever the level. */
export function stopAtStart(message: string): never {
  process.stderr.write(`switchboard: ${escapeForLog(message)}\n`);
  process.exit(1);
}
