import { describe, expect, it } from 'vitest';
import type { AriRest } from './ari-rest.ts';
import { pollLineStates } from './line-states.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('pollLineStates', () => {
  it("counts a call on a person's browser device as that person's line, and skips Switchboard's own legs", async () => {
    const channels = new Map([
      ['bob~web', ['1796558410.7']],
      ['alice', ['dial-1f2e-switchboard']],
      ['julien', []],
    ]);
    const rest = { endpointChannels: async () => channels } as unknown as AriRest;
    const lines = pollLineStates(() => rest, quiet);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(['bob', 'alice', 'julien'].map((name) => lines.busyNow(name))).toEqual([true, false, false]);
    } finally {
      lines.stop();
    }
  });
});
