import type { AppLoadContext } from 'react-router';
import { data } from 'react-router';
import type { SwitchboardDb } from '#db/client.ts';
import { getFlow } from '#db/flows.ts';
import { log } from '#runtime/log.ts';
import {
  SimulationManager,
  SimulationNotFoundError,
  SimulationRefusedError,
  type SimulationHandle,
} from '#runtime/simulator/manager.ts';
import { timedPromptSource } from '#runtime/simulator/timed-prompts.ts';
import type { SwitchboardServices } from '#server/services.ts';
import type { Translate } from '#i18n/translator.ts';
import type { StaffAuth } from '../auth.server.ts';

// The simulation manager of this server, and the shared answers of the simulation routes.

const made = new WeakMap<SwitchboardServices, SimulationManager>();

/** services.simulations, or one made once per services object (servers that did not build one themselves). */
export function simulationsOf(context: Pick<AppLoadContext, 'services'>): SimulationManager {
  const { services } = context;
  if (services.simulations) return services.simulations;
  let manager = made.get(services);
  if (!manager) {
    manager = SimulationManager.forDatabase(services.db, timedPromptSource(services.prompts), log, {
      language: process.env.SWITCHBOARD_LANGUAGE ?? 'fr-FR',
    });
    made.set(services, manager);
  }
  return manager;
}

/** The saved flow a test call starts from (its draft, unless the editor sends its own), or null. */
export function flowToSimulate(db: SwitchboardDb, flowId: string) {
  const flow = getFlow(db, flowId);
  return flow ? { id: flow.id, name: flow.name, revision: flow.revision, draft: flow.draft } : null;
}

export function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The simulation, if it exists and belongs to the signed-in person; a thrown 404 otherwise (no probing of ids). */
export function ownedSimulation(
  manager: SimulationManager,
  simulationId: string,
  auth: StaffAuth,
  t: Translate,
): SimulationHandle {
  try {
    const handle = manager.get(simulationId);
    if (handle.owner === null || handle.owner === auth.account.id) return handle;
  } catch (error) {
    if (!(error instanceof SimulationNotFoundError)) throw error;
  }
  throw data({ error: t('simulator:errors.noSimulation', { id: simulationId }) }, { status: 404 });
}

/**
 * Turns the manager's refusals into 409/404 answers; anything else is a real failure. A draft refused for its errors
 * is said in the tester's language when `t` is given (the errors themselves come worded by validation).
 */
export function simulationFailure(error: unknown, t?: Translate): Response {
  if (error instanceof SimulationRefusedError) {
    const errors = error.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const message = t && errors > 0 ? t('simulator:errors.refused', { count: errors }) : error.message;
    return problem(409, message, { diagnostics: error.diagnostics });
  }
  if (error instanceof SimulationNotFoundError) return problem(404, error.message);
  if (error instanceof Error && /pressKeys/.test(error.message)) return problem(400, error.message);
  throw error;
}
