import { notYetExecutable } from './not-yet-executable.ts';

// Listening to messages (box number, PIN, playback menu) is built by the voicemail issue, which replaces this file.
export const voicemailInboxExecutor = notYetExecutable('voicemail-inbox');
