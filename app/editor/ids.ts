// Ids people can read in diagnostics and call logs: "menu-2", "say-7", and edges named after where they leave from.

/** The next free id for a node of `type`: one more than the highest "<type>-<n>" in use ("menu-3" after "menu-2"). */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  const prefix = `${slug(type)}-`;
  let highest = 0;
  for (const id of taken) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^[0-9]{1,9}$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  let candidate = highest + 1;
  while (taken.has(`${prefix}${candidate}`)) candidate += 1;
  return `${prefix}${candidate}`;
}

/** "menu-1" + branch "#" -> "menu-1-hash"; a suffix keeps it unique. */
export function nextEdgeId(source: string, branch: string, taken: ReadonlySet<string>): string {
  const base = `${source}-${slug(branch)}`;
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}

// Node ids allow letters, digits, "_" and "-" (flows/document.ts); menu keys "*" and "#" need words.
function slug(text: string): string {
  const words = text.replace(/\*/g, 'star').replace(/#/g, 'hash');
  const cleaned = words.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned || 'node';
}
