import { describe, expect, it } from 'vitest';
import { conferenceNode } from '#flows/nodes/conference.ts';
import { probeInspector } from './inspector-probe.tsx';

const data = conferenceNode.defaults();

describe('Conference room inspector', () => {
  it('shows the room, its PINs, its size, announcements, every switch and the language', () => {
    const form = probeInspector('conference', data);
    expect(form.fields).toEqual([
      'room',
      'name',
      'participantPin',
      'moderatorPin',
      'maxMembers',
      'announceJoinLeave',
      'muteOnJoin',
      'announceCount',
      'musicWhenAlone',
      'waitForModerator',
      'endWhenLastModeratorLeaves',
      'record',
      'talkDetection',
      'language',
    ]);
    expect(form.labels).toContain('Record the conference');
  });

  it('hands on a switch, a PIN, and removes an emptied PIN', () => {
    const form = probeInspector('conference', { ...data, participantPin: '1234' });
    expect(form.edit('record', true)).toEqual({
      data: { ...data, participantPin: '1234', record: true },
      field: 'record',
    });
    expect(form.edit('moderatorPin', '9999').data.moderatorPin).toBe('9999');
    expect(form.edit('participantPin', undefined).data).toStrictEqual(data);
  });

  it('hands on the room number and its size', () => {
    const form = probeInspector('conference', data);
    expect(form.edit('room', '7001').data.room).toBe('7001');
    expect(form.edit('maxMembers', 50).data.maxMembers).toBe(50);
    expect(form.edit('announceJoinLeave', 'off').data.announceJoinLeave).toBe('off');
  });
});
