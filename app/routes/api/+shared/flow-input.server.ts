import type { FlowDocument } from '#flows/document.ts';
import { validateFlow, type Diagnostic, type ValidationContext } from '#flows/validate.ts';
import { translatorFor } from '#i18n/translator.ts';
import { ApiError } from './api.server.ts';

/**
 * A document must at least be shaped like a flow to be stored (a draft may still have errors: those come back as
 * diagnostics). A shapeless one is refused with the validator's field-by-field explanation, and nothing is written.
 */
export function requireFlowDocumentShape(
  input: unknown,
  context: ValidationContext = {},
): { shaped: FlowDocument; diagnostics: Diagnostic[] } {
  const validation = validateFlow(input, context);
  if (!validation.document) {
    const t = translatorFor(context.language ?? 'en');
    const count = validation.diagnostics.length;
    const tooLarge = validation.diagnostics.find((diagnostic) => diagnostic.code === 'flow-too-large');
    throw new ApiError(
      400,
      tooLarge
        ? t('diagnostics:refused.tooLarge', { problem: tooLarge.message })
        : t('diagnostics:refused.notADocument', { count }),
      {
        diagnostics: validation.diagnostics,
      },
    );
  }
  return { shaped: validation.document, diagnostics: validation.diagnostics };
}
