export const conferences = {} as const;
