import { notYetExecutable } from './not-yet-executable.ts';

// Conference rooms (ConfBridge-like bridges, PINs, announcements) are built by the conference issue, which
// replaces this file.
export const conferenceExecutor = notYetExecutable('conference');
