// /flows/:flowId/versions/:number: one published version, read-only (its graph and a summary of its document), and
// for editors a Revert button that publishes it again as the next version (app/routes/flow-version.server.ts).
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { documentToCanvas } from '#app/editor/conversion.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { isNodeType } from '#flows/catalogue.ts';
import { nodeTitle } from '#flows/node-texts.ts';
import { flowDocumentForRole } from '#flows/redact.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestLanguage, requestTranslator } from '../i18n/language.server.ts';
import { translatorFor } from '#i18n/translator.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import { loadFlowVersion, revertFlow } from './flow-version.server.ts';
import { ReadOnlyGraph } from '#app/editor/read-only-graph.tsx';
import type { Route } from './+types/flow-version';

export function meta({ data: loaded, matches }: Route.MetaArgs) {
  if (!loaded) return [{ title: pageTitle(matches, 'flows:version.fallbackName') }];
  return [
    { title: pageTitle(matches, 'flows:version.title', { name: loaded.flow.name, number: loaded.version.number }) },
  ];
}

/** "3" -> 3; anything else is no version number (a 404, not a crash). */
function versionNumberOf(param: string): number | null {
  return /^[1-9]\d{0,8}$/.test(param) ? Number(param) : null;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const found = loadFlowVersion(context.services.db, params.flowId, versionNumberOf(params.number));
  const t = requestTranslator(request, context);
  if (!found) {
    throw new Response(t('flows:errors.flowNotFound', { flowId: params.flowId }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  const { flow, version } = found;
  if (!version) {
    throw new Response(t('flows:errors.versionNotFound', { name: flow.name, number: params.number }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  const nodeTypes = new Map<string, number>();
  for (const node of version.document.nodes) nodeTypes.set(node.type, (nodeTypes.get(node.type) ?? 0) + 1);
  return {
    flow: {
      id: flow.id,
      name: flow.name,
      archived: flow.archivedAt !== null,
      latest: flow.publishedVersion?.number ?? null,
    },
    version: { ...version, document: flowDocumentForRole(version.document, account.role) },
    nodeTypes: [...nodeTypes],
    canRevert: hasRole(account, 'editor') && flow.archivedAt === null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'editor');
  const form = await request.formData();
  const language = requestLanguage(request, context);
  const t = translatorFor(language);
  const number = versionNumberOf(params.number);
  if (number === null) {
    return data(
      { message: t('flows:version.errors.notVersionNumber', { number: params.number }), problems: [] },
      { status: 404 },
    );
  }
  const outcome = await revertFlow(context, language, {
    flowId: params.flowId,
    versionNumber: number,
    author: account.username,
    comment: String(form.get('comment') ?? ''),
  });
  if (!outcome.ok) return data({ message: outcome.message, problems: outcome.problems }, { status: outcome.status });
  return redirect(`/flows/${params.flowId}?reverted=${outcome.versionNumber}`);
}

export default function FlowVersionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['flows', 'common']);
  const format = useFormat();
  const { flow, version, nodeTypes, canRevert } = loaderData;
  const canvas = useMemo(() => documentToCanvas(version.document), [version.document]);
  const document = version.document;
  return (
    <>
      <p>
        <Link to={`/flows/${flow.id}`}>← {flow.name}</Link>
      </p>
      <h1>
        {t('version.heading', { number: version.number })}{' '}
        {version.number === flow.latest ? (
          <span className="badge ok">{t('version.current')}</span>
        ) : (
          <span className="badge">{t('version.older')}</span>
        )}
      </h1>
      <section className="panel" data-testid="version-summary">
        <p>
          <Trans
            t={t}
            i18nKey="version.publishedBy"
            values={{ when: format.dateTime(version.publishedAt), author: version.author }}
            components={{ strong: <strong /> }}
          />
          {version.revertedFrom !== null ? t('version.backTo', { number: version.revertedFrom }) : ''}
          {version.sourceRevision !== null ? t('version.fromRevision', { revision: version.sourceRevision }) : ''}.
        </p>
        <p>
          {t('version.comment')} {version.comment || <span className="muted">{t('version.none')}</span>}
        </p>
        <p>
          {t('version.name', { name: document.name })} · {t('version.numbers')}{' '}
          {document.numbers.join(', ') || <span className="muted">{t('version.none')}</span>} ·{' '}
          {t('version.nodes', {
            count: document.nodes.length,
            types: nodeTypes
              .map(([type, count]) => `${count} ${isNodeType(type) ? nodeTitle(type, t) : type}`)
              .join(', '),
          })}{' '}
          · {t('version.connections', { count: document.edges.length })}
        </p>
        <p>{document.description || <span className="muted">{t('version.noDescription')}</span>}</p>
        <p>
          <a href={`/flows/${flow.id}/export?version=${version.number}`} download data-testid="export-version">
            {t('version.export')}
          </a>
        </p>
      </section>
      <ReadOnlyGraph nodes={canvas.nodes} edges={canvas.edges} testId="version-graph" />
      {canRevert && version.number !== flow.latest ? (
        <RevertForm number={version.number} error={actionData ?? null} />
      ) : null}
    </>
  );
}

function RevertForm({ number, error }: { number: number; error: { message: string; problems: string[] } | null }) {
  const { t } = useTranslation(['flows', 'common']);
  const reverting = useNavigation().state === 'submitting';
  return (
    <Form method="post" className="panel" data-testid="revert-form">
      <CsrfInput />
      <h2>{t('version.revert.heading')}</h2>
      <p className="muted">{t('version.revert.explanation', { number })}</p>
      <p className="inline-form">
        <label htmlFor="revert-comment">{t('version.revert.comment')}</label>
        <input
          id="revert-comment"
          name="comment"
          maxLength={500}
          placeholder={t('version.revert.placeholder', { number })}
        />
        <button type="submit" className="primary" disabled={reverting} data-testid="revert-submit">
          {reverting ? t('version.revert.submitting') : t('version.revert.submit', { number })}
        </button>
      </p>
      {error ? (
        <div className="form-error" role="alert" data-testid="revert-error">
          <p>{error.message}</p>
          {error.problems.length > 0 ? (
            <ul>
              {error.problems.map((problem, index) => (
                <li key={index}>{translateMessage(t, problem)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Form>
  );
}
