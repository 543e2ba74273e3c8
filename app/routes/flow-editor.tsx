import '@xyflow/react/dist/style.css';
import '../styles/editor.css';
import { useRevalidator, type ShouldRevalidateFunctionArgs } from 'react-router';
import { FlowEditor } from '#app/editor/flow-editor.tsx';
import { pageTitle } from '../i18n/meta.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { flowDocumentForRole } from '#flows/redact.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { handleEditorAction, loadEditorPage } from './flow-editor.server.ts';
import type { Route } from './+types/flow-editor';

export function meta({ data, matches }: Route.MetaArgs) {
  const name = data?.flow.name;
  return [
    { title: name ? pageTitle(matches, 'editor:title', { name }) : pageTitle(matches, 'editor:titleWithoutName') },
  ];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  // Viewers get the same page read-only; saving and publishing (the action) still need the editor role.
  const { account } = await requireRole(request, context, 'viewer');
  const page = loadEditorPage(context.services.db, params.flowId);
  const t = requestTranslator(request, context);
  if (!page)
    throw new Response(t('editor:errors.noFlow', { id: params.flowId }), { status: 404, statusText: 'Not found' });
  const { flow } = page;
  if (flow.archivedAt !== null) {
    throw new Response(t('editor:errors.archived', { name: flow.name }), {
      status: 409,
      statusText: 'Archived',
    });
  }
  return {
    flow: {
      id: flow.id,
      name: flow.name,
      // A viewer's read-only editor never receives the room PINs (flows/redact.ts).
      draft: flowDocumentForRole(flow.draft, account.role),
      revision: flow.revision,
      publishedVersion: flow.publishedVersion?.number ?? null,
    },
    claimedNumbers: page.claimedNumbers,
    readOnly: !hasRole(account, 'editor'),
    otherFlows: page.otherFlows,
    calendars: page.calendars,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return handleEditorAction(request, context, params.flowId);
}

/**
 * Saving and publishing answer with what the editor needs; reloading the draft after them would replace the
 * canvas (and the undo history) under the user's hands. The page reloads only when asked (after a conflict).
 */
export function shouldRevalidate({ formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod && formMethod.toUpperCase() !== 'GET') return false;
  return defaultShouldRevalidate;
}

export default function FlowEditorPage({ loaderData }: Route.ComponentProps) {
  const { flow, claimedNumbers: claimed, otherFlows, calendars, readOnly } = loaderData;
  const revalidator = useRevalidator();
  return (
    <FlowEditor
      // A reload after a conflict brings a new revision: start a fresh editor (and history) from it.
      key={`${flow.id}@${flow.revision}`}
      flowId={flow.id}
      document={flow.draft}
      revision={flow.revision}
      claimedNumbers={claimed}
      otherFlows={otherFlows}
      calendars={calendars}
      publishedVersion={flow.publishedVersion}
      actionUrl={`/flows/${flow.id}/edit`}
      historyUrl={`/flows/${flow.id}`}
      onReload={() => void revalidator.revalidate()}
      readOnly={readOnly}
    />
  );
}
