import { eq } from 'drizzle-orm';
import type { SwitchboardDb } from './client.ts';
import { numberBindings } from './schema.ts';

/** The flow a dialled number reaches right now, or null when the number is out of service. */
export function flowIdBoundToNumber(db: SwitchboardDb, number: string): string | null {
  return (
    db.orm.select({ flowId: numberBindings.flowId }).from(numberBindings).where(eq(numberBindings.number, number)).get()
      ?.flowId ?? null
  );
}
