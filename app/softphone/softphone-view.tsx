// The softphone as the person sees it, the same in the floating panel and on the /phone page: a pure view of the
// model and the actions (softphone-context.ts), so a unit test renders it for any state without a browser.
import { useEffect, useState, type ReactNode } from 'react';
import { Button, Callout, TextField } from '@radix-ui/themes';
import { useFormat } from '../i18n/use-format.ts';
import type { Translate } from '#i18n/translator.ts';
import { endCauseText, failureMessage } from './failure-message.ts';
import { remedyOf, type PhoneFailure } from './phone-errors.ts';
import { isConnected, type Call, type Party } from './phone-state.ts';
import { searchDirectory } from './directory.ts';
import type { SoftphoneActions, SoftphoneModel } from './softphone-context.ts';
import { useAudioLevel } from './use-audio-level.ts';
import { useTranslate } from './use-translate.ts';

export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** "Alice Martin (201)", "201", or "Withheld number". */
export function partyName(t: Translate, party: Party): string {
  if (!party.number && !party.name) return t('softphone:unknownCaller');
  if (party.name && party.number) return `${party.name} (${party.number})`;
  return party.name ?? party.number;
}

/** 62 -> "1:02", 3723 -> "1:02:03": a call's clock reads the same in every language. */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(whole % 60)}` : `${minutes}:${pad(whole % 60)}`;
}

/** The one failure worth a Callout now: a fresh notice first, then the failed call, then the registration's. */
export function visibleFailure(model: SoftphoneModel): PhoneFailure | null {
  const { phone } = model;
  if (phone.notice) return phone.notice;
  if (phone.call.state === 'ended' && phone.call.cause.kind === 'failed') return phone.call.cause.failure;
  if (phone.registration.state === 'failed') return phone.registration.reason;
  return null;
}

interface ViewProps {
  model: SoftphoneModel;
  actions: SoftphoneActions;
  layout: 'panel' | 'page';
  /** The panel's header buttons (close, full page); the page has none. */
  headerExtra?: ReactNode;
}

export function SoftphoneView({ model, actions, layout, headerExtra }: ViewProps) {
  const t = useTranslate();
  const { setup, phone } = model;
  return (
    <section
      className={`softphone softphone-${layout}`}
      data-testid={layout === 'panel' ? 'softphone-panel' : 'softphone-page'}
      aria-label={t('softphone:title')}
    >
      <header className="softphone-header">
        <h2>{t('softphone:title')}</h2>
        <RegistrationBadge state={phone.registration.state} />
        {headerExtra}
      </header>
      {setup.status === 'no-person' ? (
        <Callout.Root color="gray" data-testid="softphone-no-person">
          <Callout.Text>{t('softphone:noPerson')}</Callout.Text>
        </Callout.Root>
      ) : (
        <>
          {setup.status === 'starting' ? <p className="muted">{t('softphone:loading')}</p> : null}
          {setup.status === 'ready' ? (
            <p className="muted softphone-me">
              {t('softphone:you', { name: setup.displayName, extension: setup.extension })}
            </p>
          ) : null}
          <FailureCallout model={model} actions={actions} />
          <CallPanel model={model} actions={actions} />
          <Extras model={model} actions={actions} />
        </>
      )}
    </section>
  );
}

/** The registration state as a coloured word; `testId` only on the top bar's one, so tests find exactly one. */
export function RegistrationBadge({
  state,
  testId,
}: {
  state: SoftphoneModel['phone']['registration']['state'];
  testId?: string;
}) {
  const t = useTranslate();
  return (
    <span className={`softphone-status softphone-status-${state}`} data-testid={testId} data-state={state}>
      {t(`softphone:registration.${state}`)}
    </span>
  );
}

function FailureCallout({ model, actions }: { model: SoftphoneModel; actions: SoftphoneActions }) {
  const t = useTranslate();
  const failure = visibleFailure(model);
  if (!failure) return null;
  const message = failureMessage(t, failure);
  const remedy = remedyOf(failure);
  const dismiss = model.phone.notice
    ? actions.dismissNotice
    : model.phone.call.state === 'ended'
      ? actions.dismissCall
      : null;
  return (
    <Callout.Root color="red" role="alert" data-testid="softphone-error" data-kind={failure.kind}>
      <Callout.Text>
        <strong>{message.title}</strong> {message.advice}
      </Callout.Text>
      <div className="softphone-row">
        {remedy === 'use-here' ? (
          <Button size="1" onClick={actions.useHere} data-testid="softphone-use-here">
            {t('softphone:useHere')}
          </Button>
        ) : null}
        {remedy === 'retry' ? (
          <Button size="1" onClick={actions.useHere} data-testid="softphone-retry">
            {t('softphone:retry')}
          </Button>
        ) : null}
        {dismiss ? (
          <Button size="1" variant="soft" color="gray" onClick={dismiss}>
            {t('softphone:dismiss')}
          </Button>
        ) : null}
      </div>
    </Callout.Root>
  );
}

/** Seconds since `since`, ticking every second while mounted. */
function useElapsed(since: number): number {
  const [now, setNow] = useState(since);
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [since]);
  return Math.max(0, Math.floor((now - since) / 1000));
}

function CallTimer({ since }: { since: number }) {
  return (
    <span className="softphone-timer" data-testid="softphone-timer">
      {clock(useElapsed(since))}
    </span>
  );
}

function callSentence(t: Translate, call: Call): string {
  switch (call.state) {
    case 'idle':
      return t('softphone:call.idle');
    case 'outgoing-ringing':
      return t('softphone:call.outgoing-ringing', { who: partyName(t, call.remote) });
    case 'incoming-ringing':
      return t('softphone:call.incoming-ringing', { who: partyName(t, call.remote) });
    case 'in-call':
      return t(call.held ? 'softphone:call.held' : 'softphone:call.in-call', { who: partyName(t, call.remote) });
    case 'transferring':
      return call.kind === 'attended' && call.consultation === 'connected'
        ? t('softphone:call.consulting', { target: call.target })
        : t('softphone:call.transferring', { target: call.target });
    case 'ended':
      return t('softphone:call.ended', { cause: endCauseText(t, call.cause) });
  }
}

function CallPanel({ model, actions }: { model: SoftphoneModel; actions: SoftphoneActions }) {
  const t = useTranslate();
  const { call, registration } = model.phone;
  const [number, setNumber] = useState('');
  const [transferOpen, setTransferOpen] = useState(false);
  const [transferTarget, setTransferTarget] = useState('');
  const connected = isConnected(call);
  // The transfer form belongs to one call: the next call starts with it closed and empty.
  useEffect(() => {
    if (connected) return;
    setTransferOpen(false);
    setTransferTarget('');
  }, [connected]);
  const free = call.state === 'idle' || call.state === 'ended';
  const canDial = free && registration.state === 'registered' && number.trim() !== '';
  const pressKey = (key: string) => (connected ? actions.sendDtmf(key) : setNumber((typed) => typed + key));
  return (
    <div className="softphone-call">
      <div className="softphone-call-state" data-testid="softphone-call-state" data-state={call.state}>
        <span>{callSentence(t, call)}</span>
        {connected ? <CallTimer since={call.since} /> : null}
        {call.state === 'ended' ? <span className="softphone-timer">{clock(call.duration)}</span> : null}
      </div>
      {call.state === 'incoming-ringing' ? (
        <div className="softphone-row">
          <Button color="green" onClick={actions.answer} data-testid="softphone-answer">
            {t('softphone:answer')}
          </Button>
          <Button color="red" variant="soft" onClick={actions.decline} data-testid="softphone-decline">
            {t('softphone:decline')}
          </Button>
        </div>
      ) : null}
      {call.state === 'outgoing-ringing' || connected ? (
        <div className="softphone-row">
          {connected ? (
            <>
              <Button
                variant={call.muted ? 'solid' : 'soft'}
                onClick={actions.toggleMute}
                aria-pressed={call.muted}
                data-testid="softphone-mute"
              >
                {call.muted ? t('softphone:unmute') : t('softphone:mute')}
              </Button>
              <Button
                variant={call.held ? 'solid' : 'soft'}
                onClick={actions.toggleHold}
                aria-pressed={call.held}
                disabled={call.state === 'transferring'}
                data-testid="softphone-hold"
              >
                {call.held ? t('softphone:unhold') : t('softphone:hold')}
              </Button>
              <Button
                variant="soft"
                onClick={() => setTransferOpen((open) => !open)}
                aria-expanded={transferOpen}
                data-testid="softphone-transfer"
              >
                {t('softphone:transfer')}
              </Button>
            </>
          ) : null}
          <Button color="red" onClick={actions.hangUp} data-testid="softphone-hangup">
            {t('softphone:hangUp')}
          </Button>
        </div>
      ) : null}
      {connected && (transferOpen || call.state === 'transferring') ? (
        <div className="softphone-transfer">
          <label>
            {t('softphone:transferTarget')}
            <TextField.Root
              value={transferTarget}
              onChange={(event) => setTransferTarget(event.target.value)}
              inputMode="tel"
              data-testid="softphone-transfer-target"
            />
          </label>
          <div className="softphone-row">
            {call.state === 'in-call' ? (
              // Attended transfer (actions.attendedTransfer) is not offered: once Asterisk 22 has joined the caller and
              // the target, the codec translators on the target's side, which remember the RTP sequence numbers of our
              // audio, drop the caller's audio in most calls (docs/softphone.md, "Transfers"). Blind transfer works.
              <Button
                size="1"
                disabled={!transferTarget.trim()}
                onClick={() => actions.blindTransfer(transferTarget)}
                data-testid="softphone-transfer-blind"
              >
                {t('softphone:transferBlind')}
              </Button>
            ) : null}
            {call.state === 'transferring' && call.kind === 'attended' ? (
              <>
                <Button
                  size="1"
                  disabled={call.consultation !== 'connected'}
                  onClick={actions.completeTransfer}
                  data-testid="softphone-transfer-complete"
                >
                  {t('softphone:transferComplete')}
                </Button>
                <Button
                  size="1"
                  variant="soft"
                  color="gray"
                  onClick={actions.cancelTransfer}
                  data-testid="softphone-transfer-cancel"
                >
                  {t('softphone:transferCancel')}
                </Button>
              </>
            ) : null}
          </div>
        </div>
      ) : null}
      {free ? (
        <form
          className="softphone-dial"
          onSubmit={(event) => {
            event.preventDefault();
            if (canDial) actions.call(number);
          }}
        >
          <label className="visually-hidden" htmlFor="softphone-number">
            {t('softphone:number')}
          </label>
          <TextField.Root
            id="softphone-number"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
            placeholder={t('softphone:numberPlaceholder')}
            inputMode="tel"
            autoComplete="off"
            className="softphone-number-field"
            data-testid="softphone-number"
          />
          <Button type="submit" color="green" disabled={!canDial} data-testid="softphone-call">
            {t('softphone:callButton')}
          </Button>
        </form>
      ) : null}
      {free || connected ? (
        <div className="softphone-keypad" role="group" aria-label={t('softphone:keypad')}>
          {KEYPAD_KEYS.map((key) => (
            <button
              key={key}
              type="button"
              onClick={() => pressKey(key)}
              aria-label={t('softphone:key', { key })}
              data-testid={`softphone-key-${key}`}
            >
              {key}
            </button>
          ))}
        </div>
      ) : null}
      {connected ? <LevelMeter stream={model.remoteStream} /> : null}
      {free ? <Directory model={model} actions={actions} onPick={setNumber} /> : null}
    </div>
  );
}

function LevelMeter({ stream }: { stream: MediaStream | null }) {
  const t = useTranslate();
  const level = useAudioLevel(stream);
  const percent = Math.round(level * 100);
  return (
    <div
      className="softphone-level"
      role="meter"
      aria-label={t('softphone:level')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid="softphone-level"
    >
      <div className="softphone-level-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}

function Directory({
  model,
  actions,
  onPick,
}: {
  model: SoftphoneModel;
  actions: SoftphoneActions;
  onPick: (number: string) => void;
}) {
  const t = useTranslate();
  const [query, setQuery] = useState('');
  const canCall = model.phone.registration.state === 'registered';
  const found = query.trim() ? searchDirectory(model.directory, query) : [];
  return (
    <div className="softphone-directory">
      <TextField.Root
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder={t('softphone:directory.search')}
        aria-label={t('softphone:directory.search')}
        data-testid="softphone-directory-search"
      />
      {query.trim() && found.length === 0 ? <p className="muted">{t('softphone:directory.empty')}</p> : null}
      {found.length > 0 ? (
        <ul className="softphone-list" data-testid="softphone-directory">
          {found.map((entry) => (
            <li key={entry.extension}>
              <button type="button" className="link-button" onClick={() => onPick(entry.extension)}>
                {entry.displayName} <span className="muted">{entry.extension}</span>
              </button>
              <Button
                size="1"
                variant="soft"
                disabled={!canCall}
                onClick={() => actions.call(entry.extension)}
                aria-label={t('softphone:directory.call', { name: entry.displayName, extension: entry.extension })}
              >
                {t('softphone:callButton')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Extras({ model, actions }: { model: SoftphoneModel; actions: SoftphoneActions }) {
  const t = useTranslate();
  const format = useFormat();
  const canCall =
    model.phone.registration.state === 'registered' &&
    (model.phone.call.state === 'idle' || model.phone.call.state === 'ended');
  return (
    <>
      <details className="softphone-section" data-testid="softphone-recent">
        <summary>{t('softphone:recent.title')}</summary>
        {model.recentCalls.length === 0 ? <p className="muted">{t('softphone:recent.empty')}</p> : null}
        <ul className="softphone-list">
          {model.recentCalls.map((call) => (
            <li key={`${call.at}-${call.number}`} className={`recent-${call.outcome}`}>
              <span>
                {call.direction === 'incoming' ? '←' : '→'} {partyName(t, call)}
              </span>
              <span className="muted">
                {format.time(call.at)} · {t(`softphone:recent.outcomes.${call.outcome}`)}
              </span>
              {call.number ? (
                <Button
                  size="1"
                  variant="ghost"
                  disabled={!canCall}
                  onClick={() => actions.call(call.number)}
                  aria-label={t('softphone:recent.callBack', { number: call.number })}
                >
                  {t('softphone:callButton')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
      {/* Always shown (not folded away): a person with a headset picks it before the first call. */}
      <fieldset className="softphone-devices" onFocus={actions.refreshDevices}>
        <legend>{t('softphone:devices.title')}</legend>
        <label className="softphone-device">
          {t('softphone:devices.microphone')}
          <select
            value={model.microphoneId ?? ''}
            onChange={(event) => actions.chooseMicrophone(event.target.value || null)}
            data-testid="softphone-microphone"
          >
            <option value="">{t('softphone:devices.default')}</option>
            {model.microphones.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t('softphone:devices.unnamed', { number: index + 1 })}
              </option>
            ))}
          </select>
        </label>
        <label className="softphone-device">
          {t('softphone:devices.speaker')}
          <select
            value={model.speakerId ?? ''}
            onChange={(event) => actions.chooseSpeaker(event.target.value || null)}
            disabled={!model.canChooseSpeaker}
            data-testid="softphone-speaker"
          >
            <option value="">{t('softphone:devices.default')}</option>
            {model.speakers.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t('softphone:devices.unnamed', { number: index + 1 })}
              </option>
            ))}
          </select>
        </label>
        {model.canChooseSpeaker ? null : <p className="muted">{t('softphone:devices.speakerUnsupported')}</p>}
      </fieldset>
    </>
  );
}
