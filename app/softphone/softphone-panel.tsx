// Where the softphone shows: a button in the top bar with the registration state, the floating panel it opens, the
// full /phone page, and the flow page's "Call this flow" buttons. All read the one provider of the root Layout.
import { Link } from 'react-router';
import { Button, IconButton } from '@radix-ui/themes';
import { useSoftphone } from './softphone-context.ts';
import { isConnected } from './phone-state.ts';
import { SoftphoneView, RegistrationBadge } from './softphone-view.tsx';
import { useTranslate } from './use-translate.ts';

export const PHONE_PAGE_PATH = '/phone';

/** The top bar's button: the registration state at a glance; opens or closes the panel. */
export function SoftphoneToggle() {
  const t = useTranslate();
  const softphone = useSoftphone();
  if (!softphone) return null;
  const { model, actions } = softphone;
  const ringing = model.phone.call.state === 'incoming-ringing';
  // With the panel closed, the button still shows that a call is going on.
  const busy = isConnected(model.phone.call) || model.phone.call.state === 'outgoing-ringing';
  return (
    <button
      type="button"
      className={`softphone-toggle${ringing ? ' ringing' : ''}${busy ? ' in-call' : ''}`}
      onClick={model.panelOpen ? actions.closePanel : actions.openPanel}
      aria-expanded={model.panelOpen}
      title={model.panelOpen ? t('softphone:close') : t('softphone:open')}
      data-testid="softphone-toggle"
    >
      <span className="softphone-icon" aria-hidden="true" /> {t('softphone:title')}{' '}
      <RegistrationBadge state={model.phone.registration.state} testId="softphone-status" />
    </button>
  );
}

export function FloatingSoftphone() {
  const t = useTranslate();
  const softphone = useSoftphone();
  if (!softphone) return null;
  const { model, actions } = softphone;
  return (
    <div className="floating-panel softphone-floating">
      <SoftphoneView
        model={model}
        actions={actions}
        layout="panel"
        headerExtra={
          <span className="softphone-header-actions">
            <Link to={PHONE_PAGE_PATH} onClick={actions.closePanel}>
              {t('softphone:fullPage')}
            </Link>
            <IconButton
              size="1"
              variant="ghost"
              color="gray"
              onClick={actions.closePanel}
              aria-label={t('softphone:close')}
              data-testid="softphone-close"
            >
              ×
            </IconButton>
          </span>
        }
      />
    </div>
  );
}

/** The /phone page: the same softphone, full size (also the start page of the installed web app). */
export function SoftphonePage() {
  const softphone = useSoftphone();
  if (!softphone) return null;
  return <SoftphoneView model={softphone.model} actions={softphone.actions} layout="page" />;
}

/** Beside a number of the flow page: calls it with the browser's phone (opens the panel). */
export function CallThisFlowButton({ number }: { number: string }) {
  const t = useTranslate();
  const softphone = useSoftphone();
  if (!softphone || softphone.model.setup.status === 'no-person') return null;
  const { model, actions } = softphone;
  const free = model.phone.call.state === 'idle' || model.phone.call.state === 'ended';
  return (
    <Button
      size="1"
      variant="soft"
      disabled={!free || model.phone.registration.state !== 'registered'}
      onClick={() => actions.dial(number)}
      title={t('softphone:callThisFlowTitle', { number })}
      data-testid="call-this-flow"
      data-number={number}
    >
      {t('softphone:callThisFlow')}
    </Button>
  );
}
