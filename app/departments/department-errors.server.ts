import { DEPARTMENT_LIMITS, type AgentActionError, type DepartmentInputProblem } from '#db/departments.ts';
import type { Translate } from '#i18n/translator.ts';
import { MAX_PAUSE_REASON_LENGTH } from '#runtime/queue/pause-reasons.ts';
import { translateMessage } from '../i18n/translate-message.ts';

// The refusals of /departments's forms in the reader's language. The database's errors keep their English sentences
// (the command line prints them) and carry what a page needs to word them again: the field, the kind of problem and
// the names it mentions.

const SECOND_FIELDS = ['agentRingSeconds', 'retrySeconds', 'wrapUpSeconds', 'widenPenaltyEverySeconds'] as const;

/** One field's problem as the form shows it under the field. */
export function problemText(t: Translate, problem: DepartmentInputProblem): string {
  const secondField = SECOND_FIELDS.find((field) => field === problem.field);
  if (secondField) {
    const what = t(`departments:errors.seconds.${secondField}`);
    const { min, max } = DEPARTMENT_LIMITS[secondField];
    if (problem.code === 'too_small') return t('departments:errors.secondsAtLeast', { what, count: min });
    if (problem.code === 'too_big') return t('departments:errors.secondsAtMost', { what, count: max });
    return t('departments:errors.secondsWhole', { what });
  }
  switch (problem.field) {
    case 'name':
      if (problem.code === 'too_small') return t('departments:errors.nameRequired');
      if (problem.code === 'too_big') return t('departments:errors.nameTooLong');
      if (problem.code === 'custom') return t('departments:errors.nameReserved');
      break;
    case 'strategy':
      return t('departments:errors.strategy');
    case 'dialCode':
      return problem.code === 'dial-code-taken'
        ? t('departments:errors.dialCodeTaken', {
            code: problem.values?.code ?? '',
            department: problem.values?.department ?? '',
          })
        : t('departments:errors.dialCode');
    case 'penalty':
      return t('departments:errors.penalty');
    case 'reason':
      if (problem.code === 'too_big')
        return t('departments:errors.pauseReasonTooLong', { max: MAX_PAUSE_REASON_LENGTH });
      break;
  }
  // The page's own problems are catalogue keys already ("departments:errors.choosePerson").
  return translateMessage(t, problem.message);
}

/** Why an agent action was refused, to follow "Nothing was saved: ". */
export function refusalText(t: Translate, error: AgentActionError): string {
  const { person = '', department = '' } = error.values;
  switch (error.refusal) {
    case 'not-a-member':
      return t('departments:errors.notAMember', { person, department });
    case 'in-no-department':
      return t('departments:errors.inNoDepartment', { person });
    case 'not-logged-in':
      return t('departments:errors.notLoggedIn', { person });
    case 'not-linked':
      return t('departments:errors.unlinked');
    default:
      return error.message;
  }
}
