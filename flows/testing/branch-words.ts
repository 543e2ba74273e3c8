import { translatorFor } from '#i18n/translator.ts';
import type { BranchSpec } from '../node-definition.ts';
import { branchLabel } from '../node-texts.ts';

/** Branches with their labels (and unconnected warnings) in English words, as the tests describe them. */
export function inEnglish(branches: readonly BranchSpec[]) {
  const english = translatorFor('en');
  return branches.map(({ warnWhenUnconnected, ...branch }) => ({
    ...branch,
    label: branchLabel(branch, english),
    ...(warnWhenUnconnected ? { warnWhenUnconnected: branchLabel({ label: warnWhenUnconnected }, english) } : {}),
  }));
}
