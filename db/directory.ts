import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { typedFlowDocumentSchema, type TypedFlowDocument } from '#flows/document.ts';
import type { DirectoryPerson, FlowDirectory, PeopleDirectory, PublishedFlow } from '#runtime/ports.ts';
import type { SwitchboardDb } from './client.ts';
import { flowVersions, flows, numberBindings, users } from './schema.ts';

// The runtime's read side of storage: which flow version answers a number, who is behind an extension.

/** Parsed documents kept per process. Versions never change, so an entry is never stale; the bound keeps memory flat. */
const DOCUMENT_CACHE_SIZE = 200;

export class StoredVersionUnreadableError extends Error {
  override readonly name = 'StoredVersionUnreadableError';
  constructor(
    readonly versionId: string,
    detail: string,
  ) {
    super(`The published version ${versionId} no longer reads as a valid flow: ${detail}`);
  }
}

export function createFlowDirectory(db: SwitchboardDb): FlowDirectory {
  const documents = new Map<string, TypedFlowDocument>();

  const versionColumns = {
    flowId: flows.id,
    flowName: flows.name,
    versionId: flowVersions.id,
    versionNumber: flowVersions.number,
  };
  // Each lookup is one indexed query returning ids only; the (large) document is read and parsed once per version.
  const versionForNumber = db.orm
    .select(versionColumns)
    .from(numberBindings)
    .innerJoin(flows, eq(flows.id, numberBindings.flowId))
    .innerJoin(flowVersions, eq(flowVersions.id, numberBindings.versionId))
    .where(eq(numberBindings.number, sql.placeholder('number')))
    .prepare();

  const latestVersionOfFlow = db.orm
    .select(versionColumns)
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(and(eq(flowVersions.flowId, sql.placeholder('flowId')), isNull(flows.archivedAt)))
    .orderBy(desc(flowVersions.number))
    .limit(1)
    .prepare();

  const documentOfVersion = db.orm
    .select({ document: flowVersions.document })
    .from(flowVersions)
    .where(eq(flowVersions.id, sql.placeholder('versionId')))
    .prepare();

  function documentFor(versionId: string): TypedFlowDocument {
    const cached = documents.get(versionId);
    if (cached) {
      // Re-insert to mark it recently used: Map iteration order is insertion order, so the oldest comes first.
      documents.delete(versionId);
      documents.set(versionId, cached);
      return cached;
    }
    const row = documentOfVersion.get({ versionId });
    if (!row) throw new StoredVersionUnreadableError(versionId, 'the version row is missing');
    // Published documents were validated at publish time; parsing again types the nodes and fills defaults added
    // to node schemas since.
    const parsed = typedFlowDocumentSchema.safeParse(row.document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoredVersionUnreadableError(versionId, `${issue?.path.join('.')}: ${issue?.message}`);
    }
    const document = parsed.data as TypedFlowDocument;
    documents.set(versionId, document);
    if (documents.size > DOCUMENT_CACHE_SIZE) {
      const oldest = documents.keys().next().value;
      if (oldest !== undefined) documents.delete(oldest);
    }
    return document;
  }

  const versionById = db.orm
    .select(versionColumns)
    .from(flowVersions)
    .innerJoin(flows, eq(flows.id, flowVersions.flowId))
    .where(eq(flowVersions.id, sql.placeholder('versionId')))
    .prepare();

  function withDocument(
    row: { flowId: string; flowName: string; versionId: string; versionNumber: number } | undefined,
  ): PublishedFlow | null {
    return row ? { ...row, document: documentFor(row.versionId) } : null;
  }

  return {
    publishedFlowForNumber: (number) => withDocument(versionForNumber.get({ number })),
    publishedFlowById: (flowId) => withDocument(latestVersionOfFlow.get({ flowId })),
    publishedFlowByVersionId: (versionId) => withDocument(versionById.get({ versionId })),
  };
}

export function createPeopleDirectory(db: SwitchboardDb): PeopleDirectory {
  const columns = { username: users.username, extension: users.extension, displayName: users.displayName };
  const byUsername = db.orm
    .select(columns)
    .from(users)
    .where(eq(users.username, sql.placeholder('username')))
    .prepare();
  const byExtension = db.orm
    .select(columns)
    .from(users)
    .where(eq(users.extension, sql.placeholder('extension')))
    .prepare();
  return {
    personByUsername: (username): DirectoryPerson | null => byUsername.get({ username }) ?? null,
    personByExtension: (extension): DirectoryPerson | null => byExtension.get({ extension }) ?? null,
  };
}
