// POST /simulations {flowId, document?, callerNumber?, dialledNumber?, dialOutcomes?, variables?, at?} -> {simulationId}
// Starts a test call of the draft being edited (editor role, X-CSRF-Token header). The document is the editor's
// current draft, saved or not; without it the saved draft is used.
import { z } from 'zod';
import { requireRole } from '../auth.server.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { translatorFor } from '#i18n/translator.ts';
import { flowToSimulate, problem, simulationFailure, simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/simulations';

const startSchema = z.object({
  flowId: z.string().min(1),
  document: z.unknown().optional(),
  callerNumber: z.string().max(32).optional(),
  dialledNumber: z.string().min(1).max(32).optional(),
  dialOutcomes: z
    .array(z.enum(['answered', 'no-answer', 'busy', 'failed']))
    .max(20)
    .optional(),
  // Names are checked by the manager (the message names the bad one); here only the shape.
  variables: z.record(z.string(), z.string()).optional(),
  /** The instant the call happens at, for business-hours nodes (ISO with offset); absent: now. */
  at: z.iso.datetime({ offset: true, message: 'at: a date-time such as 2026-12-25T10:00:00+01:00' }).optional(),
  csrf: z.string().optional(),
});

export function loader() {
  return problem(405, 'Send a POST with {"flowId", "document"} to start a test call.');
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST.');
  const auth = await requireRole(request, context, 'editor');
  const parsed = startSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return problem(
      400,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  const input = parsed.data;
  const language = requestLanguage(request, context);
  const t = translatorFor(language);
  const flow = flowToSimulate(context.services.db, input.flowId);
  if (!flow) return problem(404, t('simulator:errors.noFlow', { id: input.flowId }));
  try {
    const started = simulationsOf(context).start({
      flowId: flow.id,
      flowName: flow.name,
      revision: flow.revision,
      document: input.document ?? flow.draft,
      owner: auth.account.id,
      // A refused draft's diagnostics in the tester's language.
      language,
      ...(input.callerNumber !== undefined ? { callerNumber: input.callerNumber } : {}),
      ...(input.dialledNumber !== undefined ? { dialledNumber: input.dialledNumber } : {}),
      ...(input.dialOutcomes ? { dialOutcomes: input.dialOutcomes } : {}),
      ...(input.variables ? { variables: input.variables } : {}),
      ...(input.at ? { at: input.at } : {}),
    });
    return Response.json(started, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return simulationFailure(error, t);
  }
}
