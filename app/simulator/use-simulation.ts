import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '#i18n/translator.ts';
import type { DialOutcome } from '#runtime/call-port.ts';
import type { SimulationEvent, SimulationWaitView } from '#runtime/simulator/events.ts';
import { CSRF_HEADER, useCsrfToken } from '#app/components/csrf-input.tsx';
import { EMPTY_PATH, pathFromEvents, type CallPath, type PathEvent } from './path.ts';

// The browser side of a test call: starts it, listens to its server-sent events, sends the tester's keys and
// answers, and keeps what the panel and the canvas show.

/** What a step made the caller hear, as facts: the panel words them in the reader's language (describe.ts). */
export type StepPrompt =
  | { kind: 'text'; text: string }
  | { kind: 'sound'; name: string }
  | { kind: 'audio' }
  | { kind: 'dial'; outcome: string };

export interface SimulationStep {
  nodeId: string;
  nodeType: string | null;
  at: number;
  prompts: StepPrompt[];
  /** The keys pressed at each wait; "" when the wait ended without any. */
  digits: string[];
  branch: string | null;
}

export interface SimulationView {
  status: 'idle' | 'starting' | 'running' | 'ended';
  simulationId: string | null;
  callId: string | null;
  wait: SimulationWaitView | null;
  question: { questionId: string; endpoint: string; outcomes: readonly DialOutcome[] } | null;
  steps: SimulationStep[];
  pathEvents: PathEvent[];
  ended: { outcome: string; reason?: string } | null;
  error: string | null;
  diagnostics: string[];
}

const INITIAL: SimulationView = {
  status: 'idle',
  simulationId: null,
  callId: null,
  wait: null,
  question: null,
  steps: [],
  pathEvents: [],
  ended: null,
  error: null,
  diagnostics: [],
};

type Action =
  | { type: 'starting' }
  | { type: 'started'; simulationId: string }
  | { type: 'failed'; error: string; diagnostics?: string[] }
  | { type: 'event'; event: SimulationEvent };

function reduce(view: SimulationView, action: Action): SimulationView {
  switch (action.type) {
    case 'starting':
      return { ...INITIAL, status: 'starting' };
    case 'started':
      return { ...view, status: 'running', simulationId: action.simulationId };
    case 'failed':
      return {
        ...view,
        status: view.status === 'starting' ? 'idle' : view.status,
        error: action.error,
        diagnostics: action.diagnostics ?? [],
      };
    case 'event':
      return applyEvent(view, action.event);
  }
}

function applyEvent(view: SimulationView, event: SimulationEvent): SimulationView {
  switch (event.type) {
    case 'started':
      // A reconnected stream replays from the start: begin again from a clean list.
      return { ...view, callId: event.callId, steps: [], pathEvents: [], wait: null, question: null };
    case 'waiting':
      return { ...view, wait: event.wait };
    case 'question':
      return {
        ...view,
        question: { questionId: event.questionId, endpoint: event.endpoint, outcomes: event.outcomes },
      };
    case 'question-closed':
      return view.question?.questionId === event.questionId ? { ...view, question: null } : view;
    case 'keys':
      return view;
    case 'ended':
      return {
        ...view,
        status: 'ended',
        wait: null,
        question: null,
        callId: event.callId || view.callId,
        ended: { outcome: event.outcome, ...(event.reason !== undefined ? { reason: event.reason } : {}) },
      };
    case 'call-event': {
      const recorded = event.event;
      const pathEvents = [
        ...view.pathEvents,
        { kind: recorded.kind, at: recorded.at, nodeId: recorded.nodeId ?? null, branch: recorded.branch ?? null },
      ];
      const steps = [...view.steps];
      const last = steps.at(-1);
      if (recorded.kind === 'node-entered' && recorded.nodeId) {
        steps.push({
          nodeId: recorded.nodeId,
          nodeType: recorded.nodeType ?? null,
          at: recorded.at,
          prompts: [],
          digits: [],
          branch: null,
        });
      } else if (last && recorded.nodeId === last.nodeId) {
        const detail = recorded.detail ?? {};
        if (recorded.kind === 'prompt-played') {
          const said: StepPrompt =
            typeof detail.text === 'string'
              ? { kind: 'text', text: detail.text }
              : typeof detail.sound === 'string'
                ? { kind: 'sound', name: detail.sound }
                : { kind: 'audio' };
          steps[steps.length - 1] = { ...last, prompts: [...last.prompts, said] };
        } else if (recorded.kind === 'digits') {
          steps[steps.length - 1] = { ...last, digits: [...last.digits, recorded.digits ?? ''] };
        } else if (recorded.kind === 'dial' && typeof detail.outcome === 'string') {
          steps[steps.length - 1] = {
            ...last,
            prompts: [...last.prompts, { kind: 'dial', outcome: detail.outcome }],
          };
        } else if (recorded.kind === 'node-left') {
          steps[steps.length - 1] = { ...last, branch: recorded.branch ?? null };
        }
      }
      return { ...view, steps, pathEvents };
    }
  }
}

const EVENT_TYPES: SimulationEvent['type'][] = [
  'started',
  'call-event',
  'waiting',
  'question',
  'question-closed',
  'keys',
  'ended',
];

async function errorOf(response: Response, t: Translate): Promise<{ error: string; diagnostics: string[] }> {
  const body = (await response.json().catch(() => null)) as {
    error?: string;
    diagnostics?: { message: string }[];
  } | null;
  return {
    error:
      body?.error ?? t('simulator:errors.serverAnswered', { status: response.status, statusText: response.statusText }),
    diagnostics: (body?.diagnostics ?? []).map((diagnostic) => diagnostic.message),
  };
}

export function useSimulation({ flowId, document }: { flowId: string; document: unknown }) {
  const [view, dispatch] = useReducer(reduce, INITIAL);
  const { t } = useTranslation('simulator');
  const csrf = useCsrfToken();
  const source = useRef<EventSource | null>(null);

  const closeStream = useCallback(() => {
    source.current?.close();
    source.current = null;
  }, []);
  useEffect(() => closeStream, [closeStream]);

  const post = useCallback(
    (url: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: csrf },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      }),
    [csrf],
  );

  const start = useCallback(
    async (options: {
      callerNumber: string;
      dialOutcome: DialOutcome | 'ask';
      variables?: Record<string, string>;
      /** ISO instant the call happens at, for business-hours nodes; null or absent: now. */
      at?: string | null;
    }) => {
      closeStream();
      dispatch({ type: 'starting' });
      const response = await post('/simulations', {
        flowId,
        document,
        callerNumber: options.callerNumber,
        ...(options.at ? { at: options.at } : {}),
        ...(options.variables && Object.keys(options.variables).length > 0 ? { variables: options.variables } : {}),
        ...(options.dialOutcome === 'ask'
          ? {}
          : { dialOutcomes: Array.from({ length: 20 }, () => options.dialOutcome) }),
      }).catch((error: unknown) => error as Error);
      if (response instanceof Error) return dispatch({ type: 'failed', error: response.message });
      if (!response.ok) return dispatch({ type: 'failed', ...(await errorOf(response, t)) });
      const { simulationId } = (await response.json()) as { simulationId: string };
      dispatch({ type: 'started', simulationId });
      const stream = new EventSource(`/simulations/${encodeURIComponent(simulationId)}/events`);
      source.current = stream;
      for (const type of EVENT_TYPES) {
        stream.addEventListener(type, (message) => {
          const event = JSON.parse((message as MessageEvent<string>).data) as SimulationEvent;
          dispatch({ type: 'event', event });
          // The server closes the stream after the end; closing here keeps EventSource from reconnecting.
          if (event.type === 'ended' && source.current === stream) closeStream();
        });
      }
    },
    [closeStream, document, flowId, post, t],
  );

  const command = useCallback(
    async (name: 'keys' | 'skip' | 'answer' | 'hangup', body: unknown = {}) => {
      if (!view.simulationId) return;
      const response = await post(`/simulations/${encodeURIComponent(view.simulationId)}/${name}`, body).catch(
        (error: unknown) => error as Error,
      );
      if (response instanceof Error) return dispatch({ type: 'failed', error: response.message });
      if (!response.ok) dispatch({ type: 'failed', ...(await errorOf(response, t)) });
    },
    [post, view.simulationId, t],
  );

  const path: CallPath = useMemo(
    () => (view.pathEvents.length ? pathFromEvents(view.pathEvents) : EMPTY_PATH),
    [view.pathEvents],
  );

  return {
    view,
    path,
    start,
    pressKey: (digit: string) => command('keys', { digits: digit }),
    skip: () => command('skip'),
    hangUp: () => command('hangup'),
    answer: (questionId: string, answer: DialOutcome) => command('answer', { questionId, answer }),
  };
}
