// The ARI events the runtime reads. Asterisk sends an app every event of its channels unless told otherwise
// (ChannelVarset, ChannelDialplan, ChannelCallerId...): each one costs Asterisk a JSON serialisation and a WebSocket
// write, and us a parse, for nothing. PUT /applications/{app}/eventFilter (Asterisk 16.3+) keeps only these
// (docs/decisions/023-runtime-efficiency.md). A new event type read anywhere under runtime/ must be added here;
// event-filter.test.ts checks the list against the sources.
export const EVENTS_THE_RUNTIME_READS = [
  'StasisStart',
  'StasisEnd',
  'ChannelStateChange',
  'ChannelHangupRequest',
  'ChannelDestroyed',
  'ChannelDtmfReceived',
  'ChannelTalkingStarted',
  'ChannelTalkingFinished',
  'ChannelEnteredBridge',
  'ChannelLeftBridge',
  'BridgeDestroyed',
  'PlaybackStarted',
  'PlaybackContinuing',
  'PlaybackFinished',
  'RecordingStarted',
  'RecordingFinished',
  'RecordingFailed',
  'Dial',
  // Another client taking our app over: worth knowing even if nothing reads it yet.
  'ApplicationReplaced',
] as const;

/** The body of PUT /applications/{app}/eventFilter. */
export function eventFilterBody(): { allowed: { type: string }[] } {
  return { allowed: EVENTS_THE_RUNTIME_READS.map((type) => ({ type })) };
}
