// GET /flows/:flowId/export[?version=N]: the draft (or a published version) as a flow document file, for people
// signed in to the pages (the /api twin takes bearer tokens only). What it downloads imports back from the list page.
import { flowDocumentForRole } from '#flows/redact.ts';
import { requireRole } from '../auth.server.ts';
import { flowDownload } from '../flow-download.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { loadFlowVersion } from './flow-version.server.ts';
import type { Route } from './+types/flows-export';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const versionParam = new URL(request.url).searchParams.get('version');
  const number = versionParam !== null && /^[1-9]\d{0,8}$/.test(versionParam) ? Number(versionParam) : null;
  const found = loadFlowVersion(context.services.db, params.flowId, number);
  const t = requestTranslator(request, context);
  if (!found) {
    throw new Response(t('flows:errors.flowNotFound', { flowId: params.flowId }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  const { flow, version } = found;
  if (versionParam === null) return flowDownload(flowDocumentForRole(flow.draft, account.role), flow);
  if (!version) {
    throw new Response(t('flows:errors.versionNotFound', { name: flow.name, number: versionParam }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  return flowDownload(flowDocumentForRole(version.document, account.role), flow, version.number);
}
