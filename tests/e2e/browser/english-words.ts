// "No English word of the interface on a French screen", made checkable: the words of the English catalogue that
// the French catalogue never uses (so "Menu" or "Switchboard", the same in both, do not count), minus the words of
// what people typed (a flow's prompts, its node ids such as "end-call", names). A French page whose text contains
// one of them shows an English text that escaped translation.
import { enCatalogue } from '#i18n/catalogues/en/index.ts';
import { frCatalogue } from '#i18n/catalogues/fr/index.ts';

type Tree = { readonly [key: string]: string | Tree };

function sentencesOf(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : sentencesOf(value)));
}

/** Lower-case words of three letters or more; placeholders ({{count}}) are not words of the sentence. */
export function wordsOf(text: string): Set<string> {
  const withoutPlaceholders = text.replace(/\{\{[^}]*\}\}/g, ' ');
  return new Set(withoutPlaceholders.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
}

/** The words only the English catalogue uses, less those of `userContent` (the data shown on the pages). */
export function englishOnlyWords(userContent: string): Set<string> {
  const french = wordsOf(sentencesOf(frCatalogue as Tree).join(' '));
  const typed = wordsOf(userContent);
  const english = wordsOf(sentencesOf(enCatalogue as Tree).join(' '));
  return new Set([...english].filter((word) => !french.has(word) && !typed.has(word)));
}

/** The English-only words a page's text contains, each with a little of the text around it to find it. */
export function englishWordsIn(pageText: string, englishOnly: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const match of pageText.matchAll(/\p{L}{3,}/gu)) {
    if (!englishOnly.has(match[0].toLowerCase())) continue;
    const at = match.index ?? 0;
    found.push(`"${match[0]}" in "…${pageText.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ')}…"`);
  }
  return found;
}
