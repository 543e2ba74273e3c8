import type { AsteriskLinkStatus } from '#server/services.ts';

export function AsteriskStatusBanner({ status }: { status: AsteriskLinkStatus }) {
  const tone = status.state === 'connected' ? 'ok' : 'warn';
  const label =
    status.state === 'connected'
      ? 'Asterisk connected'
      : status.state === 'not-configured'
        ? 'No Asterisk connected'
        : `Asterisk ${status.state}`;
  return (
    <div className={`status ${tone}`} role="status">
      <strong>{label}.</strong> {status.message}
    </div>
  );
}
