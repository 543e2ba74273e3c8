// The language the CLI writes its messages in (validation sentences, the flows commands' own lines): `--lang fr|en`,
// else the locale variables in POSIX order (LC_ALL, LC_MESSAGES, LANG: "fr_FR.UTF-8" -> French), else French, the
// interface's default. Codes ([branch-unconnected]), ids and file names never change with it.
import { DEFAULT_UI_LANGUAGE, isUiLanguage, UI_LANGUAGES, uiLanguageOf, type UiLanguage } from '#i18n/languages.ts';
import { translatorFor } from '#i18n/translator.ts';
import { UsageError } from './command-kit.ts';

type Env = Record<string, string | undefined>;

/** The language the locale variables name: the first one set wins, as for any POSIX program; French otherwise. */
export function environmentLanguage(env: Env): UiLanguage {
  return uiLanguageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? DEFAULT_UI_LANGUAGE;
}

/**
 * Takes `--lang X` or `--lang=X` out of the arguments, wherever it stands (before `--`), so the commands' own
 * option parsing never sees it. A value other than fr or en, or none, is a usage error naming the accepted values,
 * worded in the language of the environment.
 */
export function takeLanguageOption(args: readonly string[], env: Env): { language: UiLanguage | null; rest: string[] } {
  const rest: string[] = [];
  let language: UiLanguage | null = null;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') {
      rest.push(...args.slice(index));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--lang' ? args[++index] : arg.slice('--lang='.length);
    const t = translatorFor(environmentLanguage(env));
    const accepted = UI_LANGUAGES.join(', ');
    if (value === undefined || value === '' || value.startsWith('--')) {
      throw new UsageError(t('cli:lang.missing', { accepted }));
    }
    if (!isUiLanguage(value)) throw new UsageError(t('cli:lang.unknown', { value, accepted }));
    language = value;
  }
  return { language, rest };
}

/** `--lang` given to `switchboard` itself, before the command group: main.ts sets it once per process. */
let globalOption: UiLanguage | null = null;

export function setGlobalLanguageOption(language: UiLanguage | null): void {
  globalOption = language;
}

/** The language of a command's messages: its own --lang, the global one, the locale variables, French. */
export function cliLanguage(env: Env, option: UiLanguage | null = null): UiLanguage {
  return option ?? globalOption ?? environmentLanguage(env);
}
