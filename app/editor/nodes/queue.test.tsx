import { describe, expect, it } from 'vitest';
import { queueNode } from '#flows/nodes/queue.ts';
import { probeInspector } from './inspector-probe.tsx';

const data = queueNode.defaults();

describe('Queue inspector', () => {
  it('shows the department, the priority, the limits, the music, the announcements, the keys and the language', () => {
    const form = probeInspector('queue', data);
    expect(form.fields).toEqual([
      'department',
      'priority.kind',
      'priority.value',
      'maxWaitSeconds',
      'maxWaiting',
      'joinWhenNoAgents',
      'leaveWhenNoAgents',
      'musicClass',
      'announcePosition',
      'firstAnnounceAfterSeconds',
      'announceEverySeconds',
      'leaveKey',
      'callbackKey',
      'periodicMessage',
      'language',
    ]);
  });

  it('switches the priority to a variable, and sets and clears the keys', () => {
    const form = probeInspector('queue', data);
    expect(form.edit('priority.kind', 'variable').data.priority).toEqual({
      kind: 'variable',
      name: 'priority',
      fallback: 0,
    });
    expect(form.edit('leaveKey', '9').data.leaveKey).toBe('9');
    expect(form.edit('callbackKey', 'none').data).toStrictEqual(data);
  });

  it('adds a periodic message with its own fields', () => {
    const withMessage = probeInspector('queue', data).edit('periodicMessage', true).data;
    expect(withMessage.periodicMessage?.everySeconds).toBe(45);
    const form = probeInspector('queue', withMessage);
    expect(form.fields).toContain('periodicMessage.prompt.text');
    expect(form.fields).toContain('periodicMessage.everySeconds');
  });
});
