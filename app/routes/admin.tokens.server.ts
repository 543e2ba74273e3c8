// The API tokens page's storage work: the list, creating a token (its secret is shown once) and revoking one.
import { data } from 'react-router';
import { z } from 'zod';
import type { SwitchboardDb } from '#db/client.ts';
import type { Translate } from '#i18n/translator.ts';
import {
  ApiTokenNotFoundError,
  apiTokenNameSchema,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  STAFF_ROLES,
  staffRoleSchema,
} from '#db/auth.ts';
import { translateFieldErrors } from '../i18n/translate-message.ts';

export function loadApiTokensPage(db: SwitchboardDb) {
  return { tokens: listApiTokens(db), roles: STAFF_ROLES };
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), name: apiTokenNameSchema, role: staffRoleSchema }),
  z.object({ intent: z.literal('revoke'), tokenId: z.string().min(1, 'admin:tokens.errors.whichToken') }),
]);

/** What the page shows after a change, already in the reader's language. */
export type ApiTokensActionResult = {
  fieldErrors: Partial<Record<string, string>>;
  formError: string | null;
  done: string | null;
  /** Only in the response to "create": the one time the secret is shown. */
  created: { name: string; role: string; secret: string } | null;
};

/** Creates a token (its secret shown this once) or revokes one, for administrator `account`; says so with `t`. */
export function changeApiTokens(db: SwitchboardDb, account: { id: string }, form: FormData, t: Translate) {
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  const result = (fields: Partial<ApiTokensActionResult>): ApiTokensActionResult => ({
    fieldErrors: {},
    formError: null,
    done: null,
    created: null,
    ...fields,
  });
  if (!parsed.success) {
    return data(result({ fieldErrors: translateFieldErrors(t, z.flattenError(parsed.error).fieldErrors) }), {
      status: 400,
    });
  }
  const input = parsed.data;
  if (input.intent === 'create') {
    const { token, secret } = createApiToken(db, { name: input.name, role: input.role, accountId: account.id });
    // Never cache a page that carries a secret.
    return data(result({ created: { name: token.name, role: token.role, secret } }), {
      headers: { 'Cache-Control': 'no-store' },
    });
  }
  try {
    revokeApiToken(db, input.tokenId);
    return result({ done: t('admin:tokens.revoked') });
  } catch (error) {
    if (error instanceof ApiTokenNotFoundError) {
      return data(result({ formError: t('admin:tokens.errors.notFound') }), { status: 404 });
    }
    throw error;
  }
}
