import { useTranslation } from 'react-i18next';
import type { AsteriskLinkState, AsteriskLinkStatus } from '#server/services.ts';

const LABELS = {
  connected: 'asterisk.connected',
  'not-configured': 'asterisk.notConfigured',
  connecting: 'asterisk.connecting',
  disconnected: 'asterisk.disconnected',
  'auth-failed': 'asterisk.authFailed',
} as const satisfies Record<AsteriskLinkState, string>;

/**
 * The link to Asterisk, as the flows list shows it. Without Asterisk the page says how to connect one; otherwise
 * the link's own detail follows (the ARI adapter's technical words: an address, an error, for whoever runs the
 * server).
 */
export function AsteriskStatusBanner({ status }: { status: AsteriskLinkStatus }) {
  const { t } = useTranslation(['flows', 'common']);
  const tone = status.state === 'connected' ? 'ok' : 'warn';
  const detail = status.state === 'not-configured' ? t('asterisk.notConfiguredHelp') : status.message;
  return (
    <div className={`status ${tone}`} role="status">
      <strong>{t(LABELS[status.state])}.</strong> {detail}
    </div>
  );
}
