/** `--help` or `-h` anywhere before `--` asks for the usage, whatever else the line holds (exit 0, nothing done). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
