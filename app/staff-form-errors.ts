import { z } from 'zod';

/**
 * A staff form's field errors (setup, staff page), as catalogue keys. The user-name rule is shared with the directory
 * and the flow language (flows/nodes/shared.ts), which word its refusal for themselves: the staff forms give their
 * own sentence for a refused user name.
 */
export function staffFieldErrors(error: z.ZodError): Partial<Record<string, string[]>> {
  const fieldErrors: Partial<Record<string, string[]>> = z.flattenError(error).fieldErrors;
  return fieldErrors.username ? { ...fieldErrors, username: ['auth:errors.username'] } : fieldErrors;
}
