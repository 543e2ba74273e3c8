import type { ConferenceRooms } from './conference/conference-rooms.ts';
import type { QueueAccess } from './queue/queue-service.ts';
import type { CalendarDirectory } from './ports.ts';
import type { VoicemailBoxes } from './voicemail/voicemail-boxes.ts';

// What a session uses when it was started without a voicemail store or conference service (a unit test that does
// not need them, a tool that only walks menus). Every use fails with a clear error, so the session's usual path
// applies: an error event, the spoken apology, the call ends with outcome "error".

export class ServiceUnavailableError extends Error {
  constructor(service: string) {
    super(`The ${service} service is not available in this runtime`);
    this.name = 'ServiceUnavailableError';
  }
}

function unavailable(service: string): never {
  throw new ServiceUnavailableError(service);
}

export const unavailableVoicemail: VoicemailBoxes = {
  box: () => unavailable('voicemail'),
  saveMessage: () => unavailable('voicemail'),
  checkPin: () => unavailable('voicemail'),
  pinMatches: () => unavailable('voicemail'),
  messages: () => unavailable('voicemail'),
  markHeard: () => unavailable('voicemail'),
  deleteMessage: () => unavailable('voicemail'),
  saveGreeting: () => unavailable('voicemail'),
};

export const unavailableConferences: ConferenceRooms = {
  join: () => unavailable('conference'),
  rooms: () => [],
  subscribe: () => () => undefined,
  setMuted: () => unavailable('conference'),
  kick: () => unavailable('conference'),
  setLocked: () => unavailable('conference'),
  startRecording: () => unavailable('conference'),
  stopRecording: () => unavailable('conference'),
  end: () => unavailable('conference'),
};

export const unavailableQueues: QueueAccess = {
  department: () => unavailable('queue'),
  join: () => unavailable('queue'),
  callbackEndpointFor: () => null,
};

export const unavailableCalendars: CalendarDirectory = {
  calendar: () => unavailable('calendar'),
};
