import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '#i18n/translator.ts';
import type { SoftphoneActions, SoftphoneModel } from './softphone-context.ts';
import { initialPhoneState, type PhoneState } from './phone-state.ts';
import { clock, partyName, SoftphoneView, visibleFailure } from './softphone-view.tsx';
import { SoftphoneContext } from './softphone-context.ts';
import { CallThisFlowButton, SoftphoneToggle } from './softphone-panel.tsx';

const noop = () => undefined;
const actions: SoftphoneActions = {
  call: noop,
  answer: noop,
  decline: noop,
  hangUp: noop,
  toggleMute: noop,
  toggleHold: noop,
  sendDtmf: noop,
  blindTransfer: noop,
  attendedTransfer: noop,
  completeTransfer: noop,
  cancelTransfer: noop,
  useHere: noop,
  dismissNotice: noop,
  dismissCall: noop,
  chooseMicrophone: noop,
  chooseSpeaker: noop,
  refreshDevices: noop,
  openPanel: noop,
  closePanel: noop,
  dial: noop,
};

const alice = { number: '201', name: 'Alice Martin' };
const registered: PhoneState = { ...initialPhoneState, registration: { state: 'registered' } };

function model(phone: PhoneState, overrides: Partial<SoftphoneModel> = {}): SoftphoneModel {
  return {
    setup: { status: 'ready', displayName: 'Bob', extension: '6002' },
    phone,
    panelOpen: true,
    recentCalls: [],
    directory: [],
    microphones: [{ deviceId: 'mic-1', label: 'Headset' }],
    speakers: [],
    canChooseSpeaker: false,
    microphoneId: null,
    speakerId: null,
    remoteStream: null,
    ...overrides,
  };
}

function render(phone: PhoneState, overrides: Partial<SoftphoneModel> = {}): string {
  return renderToStaticMarkup(<SoftphoneView model={model(phone, overrides)} actions={actions} layout="panel" />);
}

/** The data-testid values of the markup, in order. */
const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((match) => match[1]);

describe('the softphone panel', () => {
  it('shows the registration state and the call state as data-state attributes', () => {
    const html = render(registered);
    expect(html).toContain('class="softphone-status softphone-status-registered" data-state="registered"');
    expect(html).toMatch(/data-testid="softphone-call-state" data-state="idle"/);
  });

  it('offers the number field, the call button and the twelve keys when free', () => {
    const ids = testIds(render(registered));
    expect(ids).toEqual(
      expect.arrayContaining(['softphone-number', 'softphone-call', 'softphone-microphone', 'softphone-speaker']),
    );
    for (const key of ['0', '1', '9', '*', '#']) expect(ids).toContain(`softphone-key-${key}`);
    expect(ids).not.toContain('softphone-hangup');
  });

  it('offers answer and decline while a call rings in, with who is calling', () => {
    const html = render({
      ...registered,
      call: { state: 'incoming-ringing', remote: alice, startedAt: 1 },
    });
    expect(testIds(html)).toEqual(expect.arrayContaining(['softphone-answer', 'softphone-decline']));
    expect(html).toContain('Alice Martin (201) is calling');
    expect(testIds(html)).not.toContain('softphone-call');
  });

  it('offers mute, hold, transfer, hang up, the keypad and the level meter during a call', () => {
    const html = render({
      ...registered,
      call: { state: 'in-call', remote: alice, direction: 'outgoing', since: Date.now(), muted: true, held: false },
    });
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'softphone-mute',
        'softphone-hold',
        'softphone-transfer',
        'softphone-hangup',
        'softphone-key-5',
        'softphone-level',
        'softphone-timer',
      ]),
    );
    expect(html).toContain('Unmute');
  });

  it('offers to complete an attended transfer once the target answered', () => {
    const html = render({
      ...registered,
      call: {
        state: 'transferring',
        kind: 'attended',
        target: '202',
        consultation: 'connected',
        remote: alice,
        direction: 'incoming',
        since: 1,
        muted: false,
        held: true,
      },
    });
    expect(html).toMatch(/data-testid="softphone-call-state" data-state="transferring"/);
    expect(testIds(html)).toEqual(expect.arrayContaining(['softphone-transfer-target', 'softphone-transfer-complete']));
    expect(html).toContain('202 answered');
  });

  it('shows a failed registration in a Callout with "Use here"', () => {
    const html = render({
      ...initialPhoneState,
      registration: { state: 'failed', reason: { kind: 'registration-refused' } },
    });
    expect(html).toContain('softphone-status-failed');
    expect(testIds(html)).toEqual(expect.arrayContaining(['softphone-error', 'softphone-use-here']));
    expect(html).toContain('another browser');
  });

  it('says so, and offers nothing to dial, when the account has no person', () => {
    const html = render(initialPhoneState, { setup: { status: 'no-person' } });
    expect(html).toContain('Ask an administrator to link your account to a person of the directory');
    expect(testIds(html)).toContain('softphone-no-person');
    expect(testIds(html)).not.toContain('softphone-number');
  });

  it('lists the recent calls', () => {
    const html = render(registered, {
      recentCalls: [
        { number: '201', name: 'Alice Martin', direction: 'incoming', at: Date.UTC(2026, 11, 6, 9), outcome: 'missed' },
      ],
    });
    expect(html).toContain('Alice Martin (201)');
    expect(html).toContain('missed');
  });
});

describe('the top bar button and Call this flow', () => {
  const inContext = (phone: PhoneState, node: ReactNode) =>
    renderToStaticMarkup(
      <SoftphoneContext.Provider value={{ model: model(phone), actions }}>{node}</SoftphoneContext.Provider>,
    );

  it('shows the registration state on exactly one softphone-status', () => {
    const html = inContext(registered, <SoftphoneToggle />);
    expect(testIds(html).filter((id) => id === 'softphone-status')).toHaveLength(1);
    expect(html).toContain('data-testid="softphone-status" data-state="registered"');
    expect(testIds(html)).toContain('softphone-toggle');
  });

  it('offers Call this flow once registered, and renders nothing without a softphone', () => {
    expect(inContext(registered, <CallThisFlowButton number="6100" />)).toContain('data-testid="call-this-flow"');
    expect(inContext(initialPhoneState, <CallThisFlowButton number="6100" />)).toContain('disabled');
    expect(renderToStaticMarkup(<CallThisFlowButton number="6100" />)).toBe('');
  });
});

describe('helpers of the view', () => {
  const t = translatorFor('en');

  it('names the other end by name and number, either alone, or as withheld', () => {
    expect(partyName(t, alice)).toBe('Alice Martin (201)');
    expect(partyName(t, { number: '201', name: null })).toBe('201');
    expect(partyName(t, { number: '', name: null })).toBe('Withheld number');
  });

  it('writes a call clock', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(62)).toBe('1:02');
    expect(clock(3723)).toBe('1:02:03');
  });

  it('shows a notice before the failed call, and the failed call before the registration', () => {
    const failedRegistration: PhoneState = {
      ...initialPhoneState,
      registration: { state: 'failed', reason: { kind: 'connection-failed', host: 'h' } },
    };
    const failedCall: PhoneState = {
      ...failedRegistration,
      call: {
        state: 'ended',
        remote: alice,
        direction: 'outgoing',
        cause: { kind: 'failed', failure: { kind: 'not-found' } },
        duration: 0,
        endedAt: 1,
      },
    };
    expect(visibleFailure(model(failedRegistration))?.kind).toBe('connection-failed');
    expect(visibleFailure(model(failedCall))?.kind).toBe('not-found');
    expect(visibleFailure(model({ ...failedCall, notice: { kind: 'busy' } }))?.kind).toBe('busy');
  });
});
