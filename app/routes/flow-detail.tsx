import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { CsrfInput } from '../components/csrf-input.tsx';
import { flowDocumentForRole } from '#flows/redact.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { requestLanguage } from '../i18n/language.server.ts';
import { translatorFor } from '#i18n/translator.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CallThisFlowButton } from '../softphone/softphone-panel.tsx';
import { loadFlowDetail } from './flow-detail.server.ts';
import type { Route } from './+types/flow-detail';

export function meta({ data, matches }: Route.MetaArgs) {
  return [{ title: data ? `${data.flow.name} · Switchboard` : pageTitle(matches, 'flows:detail.fallbackTitle') }];
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  const language = requestLanguage(request, context);
  const found = loadFlowDetail(context.services.db, params.flowId, language);
  if (!found) {
    const t = translatorFor(language);
    throw new Response(t('flows:errors.flowNotFound', { flowId: params.flowId }), {
      status: 404,
      statusText: 'Not found',
    });
  }
  const { flow, diagnostics, versions } = found;
  return {
    flow: { ...flow, draft: flowDocumentForRole(flow.draft, account.role) },
    diagnostics,
    versions,
    canEdit: hasRole(account, 'editor'),
    // Set by the import and revert actions when they send the person here, so the page says what just happened.
    notice: noticeOf(new URL(request.url).searchParams),
  };
}

type Notice = { kind: 'imported' } | { kind: 'reverted'; number: number };

function noticeOf(search: URLSearchParams): Notice | null {
  if (search.has('imported')) return { kind: 'imported' };
  const reverted = search.get('reverted');
  if (reverted && /^\d+$/.test(reverted)) return { kind: 'reverted', number: Number(reverted) };
  return null;
}

export default function FlowDetail({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(['flows', 'common']);
  const format = useFormat();
  const { flow, diagnostics, versions, canEdit, notice } = loaderData;
  return (
    <>
      <p>
        <Link to="/">{t('detail.back')}</Link>
      </p>
      <h1>
        {flow.name}{' '}
        {canEdit ? (
          <Link to={`/flows/${flow.id}/edit`} className="edit-link" data-testid="edit-flow">
            {t('common:actions.edit')}
          </Link>
        ) : null}
      </h1>
      {notice ? (
        <p className="status ok" role="status" data-testid="flow-notice">
          {notice.kind === 'imported' ? t('detail.imported') : t('detail.reverted', { number: notice.number })}
        </p>
      ) : null}
      <section className="panel">
        <p>{flow.description || <span className="muted">{t('detail.noDescription')}</span>}</p>
        <p>
          {t('detail.numbers')}{' '}
          {flow.draft.numbers.length > 0 ? (
            flow.draft.numbers.map((number, index) => (
              <span key={number} className="flow-number">
                {index > 0 ? ', ' : null}
                {number} <CallThisFlowButton number={number} />
              </span>
            ))
          ) : (
            <span className="muted">{t('detail.none')}</span>
          )}{' '}
          · {t('detail.nodes', { count: flow.draft.nodes.length })} ·{' '}
          {t('detail.revision', { revision: flow.revision })}
        </p>
        <p>
          {/* Plain links: downloads the browser fetches itself, not pages the router renders. */}
          <a href={`/flows/${flow.id}/export`} download data-testid="export-draft">
            {t('detail.exportDraft')}
          </a>
          {flow.publishedVersion ? (
            <>
              {' · '}
              <a
                href={`/flows/${flow.id}/export?version=${flow.publishedVersion.number}`}
                download
                data-testid="export-published"
              >
                {t('detail.exportPublished', { number: flow.publishedVersion.number })}
              </a>
            </>
          ) : null}
        </p>
      </section>
      <section className="panel">
        <h2>{t('detail.validation')}</h2>
        {diagnostics.length === 0 ? (
          <p className="badge ok">{t('detail.noProblems')}</p>
        ) : (
          <ul className="diagnostics">
            {diagnostics.map((diagnostic, index) => (
              <li key={index}>
                <span className={`badge ${diagnostic.severity}`}>{t(`detail.severity.${diagnostic.severity}`)}</span>{' '}
                {translateMessage(t, diagnostic.message)}
                <code>{diagnostic.code}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>{t('detail.versions')}</h2>
        {versions.length === 0 ? (
          <p className="muted">{t('detail.neverPublished')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('detail.columns.version')}</th>
                <th>{t('detail.columns.published')}</th>
                <th>{t('detail.columns.author')}</th>
                <th>{t('detail.columns.comment')}</th>
                {canEdit ? <th>{t('detail.columns.revert')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.number}>
                  <td>
                    <Link to={`/flows/${flow.id}/versions/${version.number}`} data-testid="version-link">
                      {t('detail.version', { number: version.number })}
                    </Link>
                    {version.revertedFrom !== null ? (
                      <span className="muted">{t('detail.backTo', { number: version.revertedFrom })}</span>
                    ) : null}
                  </td>
                  <td>{format.dateTime(version.publishedAt)}</td>
                  <td>{version.author}</td>
                  <td>{version.comment}</td>
                  {canEdit ? (
                    <td>
                      {version.number === versions[0]?.number ? (
                        <span className="muted">{t('detail.runsNow')}</span>
                      ) : (
                        <RevertRowForm flowId={flow.id} number={version.number} archived={flow.archivedAt !== null} />
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/**
 * Posts to the version's own page, whose action reverts: on success it comes back here with a notice, on refusal
 * the version page shows why (e.g. a number another flow took since).
 */
function RevertRowForm({ flowId, number, archived }: { flowId: string; number: number; archived: boolean }) {
  const { t } = useTranslation(['flows', 'common']);
  if (archived) return <span className="muted">{t('detail.archived')}</span>;
  return (
    <Form
      method="post"
      action={`/flows/${flowId}/versions/${number}`}
      className="inline-form"
      data-testid="revert-row-form"
    >
      <CsrfInput />
      <input
        name="comment"
        aria-label={t('detail.revertComment', { number })}
        placeholder={t('detail.revertPlaceholder', { number })}
        maxLength={500}
      />
      <button type="submit">{t('detail.revertTo', { number })}</button>
    </Form>
  );
}
