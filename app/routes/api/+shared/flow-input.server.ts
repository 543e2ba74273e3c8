import type { FlowDocument } from '#flows/document.ts';
import { validateFlow, type Diagnostic, type ValidationContext } from '#flows/validate.ts';
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
    const count = validation.diagnostics.length;
    const tooLarge = validation.diagnostics.find((diagnostic) => diagnostic.code === 'flow-too-large');
    throw new ApiError(
      400,
      tooLarge
        ? `This flow is too large: ${tooLarge.message} Nothing was saved.`
        : `This is not a flow document (${count} problem${count === 1 ? '' : 's'}); nothing was saved.`,
      {
        diagnostics: validation.diagnostics,
      },
    );
  }
  return { shaped: validation.document, diagnostics: validation.diagnostics };
}
