export const voicemail = {} as const;
