import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fetchCredentials = vi.hoisted(() => vi.fn());
vi.mock('./credentials-client.ts', () => ({ fetchSoftphoneCredentials: fetchCredentials }));

const { forgetSoftphoneStore, readDeviceChoice, saveDeviceChoice, softphoneStoreFor } =
  await import('./softphone-store.ts');

/** Just enough of a document and a localStorage for the store: an element that can be appended and removed. */
function fakeBrowser() {
  const appended: Array<{ removed: boolean }> = [];
  const storage = new Map<string, string>();
  vi.stubGlobal('document', {
    createElement: () => {
      const element = { dataset: {} as Record<string, string>, removed: false, remove: () => (element.removed = true) };
      return element;
    },
    body: { append: (element: { removed: boolean }) => appended.push(element) },
  });
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
    },
  });
  return { appended, storage };
}

beforeEach(() => {
  vi.useFakeTimers();
  fetchCredentials.mockReset();
  fetchCredentials.mockResolvedValue({ status: 'no-person' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the softphone store', () => {
  it('asks for credentials once, and says when the account has no person', async () => {
    fakeBrowser();
    const store = softphoneStoreFor('alice');
    store.attach('token');
    store.attach('token');
    await vi.runAllTimersAsync();
    expect(fetchCredentials).toHaveBeenCalledTimes(1);
    expect(fetchCredentials).toHaveBeenCalledWith('token');
    expect(store.getSnapshot().setup).toEqual({ status: 'no-person' });
    forgetSoftphoneStore(store);
  });

  it('keeps the phone through a remount, and stops it when no provider comes back', async () => {
    const { appended } = fakeBrowser();
    const store = softphoneStoreFor('bob');
    store.attach('token');
    const stopped = vi.fn();
    store.detach(stopped);
    store.attach('token');
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).not.toHaveBeenCalled();
    expect(softphoneStoreFor('bob')).toBe(store);
    store.detach(stopped);
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(appended[0]?.removed).toBe(true);
    forgetSoftphoneStore(store);
  });

  it('reports a failure to get credentials as such', async () => {
    fakeBrowser();
    fetchCredentials.mockResolvedValue({ status: 'unavailable' });
    const store = softphoneStoreFor('carol');
    store.attach('token');
    await vi.runAllTimersAsync();
    expect(store.getSnapshot().phone.registration).toEqual({
      state: 'failed',
      reason: { kind: 'credentials-unavailable' },
    });
    forgetSoftphoneStore(store);
  });

  it('gives a new store to another account, stopping the previous one', () => {
    const { appended } = fakeBrowser();
    const first = softphoneStoreFor('dave');
    const second = softphoneStoreFor('erin');
    expect(second).not.toBe(first);
    expect(appended[0]?.removed).toBe(true);
    forgetSoftphoneStore(second);
  });

  it('keeps the device choice, and ignores a malformed one', () => {
    const { storage } = fakeBrowser();
    saveDeviceChoice({ microphoneId: 'mic-2', speakerId: null });
    expect(readDeviceChoice()).toEqual({ microphoneId: 'mic-2', speakerId: null });
    storage.set('switchboard.softphone.devices', '{"microphoneId": 5}');
    expect(readDeviceChoice()).toEqual({ microphoneId: null, speakerId: null });
  });
});
