import { notYetExecutable } from './not-yet-executable.ts';

// Leaving a message (record the caller into the box) is built by the voicemail issue, which replaces this file.
export const voicemailExecutor = notYetExecutable('voicemail');
