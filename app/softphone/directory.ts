// The directory the softphone searches: display names and extensions only (GET /softphone/directory).
import { z } from 'zod';

export const SOFTPHONE_DIRECTORY_PATH = '/softphone/directory';

export const directoryEntrySchema = z.object({ displayName: z.string(), extension: z.string() });
export const directorySchema = z.array(directoryEntrySchema);
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

/** Folds case and accents, so "hel" finds "Hélène". */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** People whose name or extension contains every word of the query, at most `limit`. */
export function searchDirectory(entries: DirectoryEntry[], query: string, limit = 8): DirectoryEntry[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries.slice(0, limit);
  return entries
    .filter((entry) => {
      const haystack = folded(`${entry.displayName} ${entry.extension}`);
      return words.every((word) => haystack.includes(word));
    })
    .slice(0, limit);
}

export async function fetchDirectory(fetchImpl: typeof fetch = fetch): Promise<DirectoryEntry[]> {
  try {
    const response = await fetchImpl(SOFTPHONE_DIRECTORY_PATH, { headers: { Accept: 'application/json' } });
    if (!response.ok) return [];
    const parsed = directorySchema.safeParse(await response.json());
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
