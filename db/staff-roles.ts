// The roles of staff accounts, with no dependencies (no storage, crypto or zod), so that any module may import them
// cheaply. Pages reach them through their .server.ts modules like the rest of db/ (the role pickers get the list from
// their loader).

export const STAFF_ROLES = ['viewer', 'editor', 'admin'] as const;
/** viewer < editor < admin: each role may do everything the ones before it may. */
export type StaffRole = (typeof STAFF_ROLES)[number];

const ROLE_RANK: Record<StaffRole, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` may do what `needed` may: admin > editor > viewer. */
export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export function lowerRole(a: StaffRole, b: StaffRole): StaffRole {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}
