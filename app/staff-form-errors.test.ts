import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { displayNameSchema, passwordSchema, usernameSchema } from '#db/auth.ts';
import { translatorFor } from '#i18n/translator.ts';
import { translateFieldErrors } from './i18n/translate-message.ts';
import { staffFieldErrors } from './staff-form-errors.ts';

const form = z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema });

describe('the staff forms’ field errors', () => {
  it('are catalogue keys, the user name with the staff forms’ own sentence', () => {
    const parsed = form.safeParse({ username: '1 bad', displayName: 'x'.repeat(81), password: 'short' });
    expect(parsed.success).toBe(false);
    expect(staffFieldErrors(parsed.error!)).toEqual({
      username: ['auth:errors.username'],
      displayName: ['auth:errors.nameTooLong'],
      password: ['auth:errors.passwordTooShort'],
    });
  });

  it('read as sentences of the reader’s language', () => {
    const parsed = form.safeParse({ username: 'ok', displayName: '', password: 'short' });
    const errors = staffFieldErrors(parsed.error!);
    expect(translateFieldErrors(translatorFor('fr'), errors)).toEqual({
      password: 'Le mot de passe doit compter au moins 10 caractères',
    });
    expect(translateFieldErrors(translatorFor('en'), errors)).toEqual({
      password: 'A password has at least 10 characters',
    });
  });
});
