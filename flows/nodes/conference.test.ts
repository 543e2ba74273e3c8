import { inEnglish } from '../testing/branch-words.ts';
import { describe, expect, it } from 'vitest';
import { conferenceNode } from './conference.ts';

describe('conference node', () => {
  it('starts as room 7000 with the ConfBridge defaults of docs/conference.md', () => {
    const defaults = conferenceNode.defaults();
    expect(conferenceNode.data.parse(defaults)).toEqual(defaults);
    expect(conferenceNode.data.parse({ room: '7000', name: 'Room' })).toEqual({
      ...defaults,
      name: 'Room',
    });
  });

  it('accepts PINs for participants and moderators', () => {
    const data = { room: '7001', name: 'Board', participantPin: '1234', moderatorPin: '987654' };
    expect(conferenceNode.data.parse(data)).toMatchObject(data);
  });

  it('refuses a PIN of 2 digits and a room of one member', () => {
    const result = conferenceNode.data.safeParse({ room: '7000', name: 'R', participantPin: '12', maxMembers: 1 });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'A PIN is 3 to 12 digits',
      'At least 2 members',
    ]);
  });

  it('goes on, optionally, after leaving or when the room is full', () => {
    expect(inEnglish(conferenceNode.branches(conferenceNode.defaults()))).toEqual([
      { id: 'next', label: 'After leaving', required: false },
      { id: 'full', label: 'Room full', required: false },
    ]);
  });

  it('renders no prompt of its own and points at no one in the directory (a room is not a person)', () => {
    const data = conferenceNode.defaults();
    expect(conferenceNode.spokenPrompts(data)).toEqual([]);
    expect(conferenceNode.references(data)).toEqual([]);
  });
});
