// POST /simulations/:simulationId/:command, the tester's hands on a test call (editor role, X-CSRF-Token header):
//   keys {digits}   press keys (0-9, * and #)
//   skip            end the current wait now (a prompt, a menu timeout, a ringing phone)
//   answer {questionId, answer}   answer the dial question: answered | no-answer | busy | failed
//   hangup          the caller hangs up
import { z } from 'zod';
import { requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { ownedSimulation, problem, simulationFailure, simulationsOf } from '../simulator/services.server.ts';
import type { Route } from './+types/simulations.command';

const keysSchema = z.object({ digits: z.string().regex(/^[0-9*#]{1,32}$/, 'digits: 1 to 32 keys among 0-9, * and #') });
const answerSchema = z.object({
  questionId: z.string().min(1),
  answer: z.enum(['answered', 'no-answer', 'busy', 'failed']),
});

export function loader() {
  return problem(405, 'Use POST.');
}

export async function action({ request, context, params }: Route.ActionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST.');
  const auth = await requireRole(request, context, 'editor');
  const manager = simulationsOf(context);
  const { simulationId, command } = params;
  ownedSimulation(manager, simulationId, auth, requestTranslator(request, context));
  const body: unknown = await request.json().catch(() => ({}));
  try {
    switch (command) {
      case 'keys': {
        const parsed = keysSchema.safeParse(body);
        if (!parsed.success) return problem(400, parsed.error.issues.map((issue) => issue.message).join('; '));
        manager.pressKeys(simulationId, parsed.data.digits);
        return Response.json({ ok: true });
      }
      case 'skip':
        return Response.json({ ok: true, skipped: manager.skip(simulationId) });
      case 'answer': {
        const parsed = answerSchema.safeParse(body);
        if (!parsed.success) {
          return problem(
            400,
            parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
          );
        }
        manager.answer(simulationId, parsed.data.questionId, parsed.data.answer);
        return Response.json({ ok: true });
      }
      case 'hangup':
        manager.hangUp(simulationId);
        return Response.json({ ok: true });
      default:
        return problem(404, `"${command}" is not a test call command; use keys, skip, answer or hangup.`);
    }
  } catch (error) {
    return simulationFailure(error);
  }
}
