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
 * The link to Asterisk, as the flows list shows it. Without Asterisk the page says how to connect one. The link's own
 * detail is the ARI adapter's technical wording (an address, a library's error), for whoever runs the server: shown
 * when something is wrong, a tooltip when all is well.
 */
export function AsteriskStatusBanner({ status }: { status: AsteriskLinkStatus }) {
  const { t } = useTranslation(['flows', 'common']);
  const connected = status.state === 'connected';
  const detail =
    status.state === 'not-configured' ? t('asterisk.notConfiguredHelp') : connected ? null : status.message;
  return (
    <div className={`status ${connected ? 'ok' : 'warn'}`} role="status" title={connected ? status.message : undefined}>
      <strong>{t(LABELS[status.state])}.</strong> {detail}
    </div>
  );
}
