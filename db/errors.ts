import type { InputProblem } from './input-problem.ts';

// Errors storage raises for expected situations. Each carries the facts a caller needs to explain itself to a
// person (which revision, which number, which flow), and a message that already does.

export class FlowNotFoundError extends Error {
  override readonly name = 'FlowNotFoundError';
  constructor(readonly flowId: string) {
    super(`No flow with id "${flowId}"`);
  }
}

export class FlowArchivedError extends Error {
  override readonly name = 'FlowArchivedError';
  constructor(
    readonly flowId: string,
    readonly flowName: string,
  ) {
    super(`The flow "${flowName}" is archived; restore it before changing it`);
  }
}

/** A draft save started from a revision that someone else has since replaced. Nothing was written. */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly flowId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      `The flow was changed elsewhere: this edit started from revision ${expectedRevision}, ` +
        `but the saved draft is at revision ${currentRevision}. Reload it before saving again.`,
    );
  }
}

/** A publish asked for a number that another flow answers. Nothing was written. */
export class NumberClaimedError extends Error {
  override readonly name = 'NumberClaimedError';
  constructor(
    readonly number: string,
    readonly flowName: string,
    readonly flowId: string,
  ) {
    super(`The number ${number} already reaches the flow "${flowName}"; remove it there first`);
  }
}

export class FlowInUseError extends Error {
  override readonly name = 'FlowInUseError';
  constructor(
    readonly flowId: string,
    readonly flowName: string,
    readonly boundNumbers: string[],
    readonly runningCalls: number,
  ) {
    const reasons = [
      boundNumbers.length > 0 ? `it still answers ${boundNumbers.join(', ')}` : '',
      runningCalls > 0 ? `${runningCalls} call(s) are running in it` : '',
    ].filter(Boolean);
    super(`The flow "${flowName}" cannot be archived: ${reasons.join(' and ')}`);
  }
}

export class VersionNotFoundError extends Error {
  override readonly name = 'VersionNotFoundError';
  constructor(
    readonly flowId: string,
    readonly versionNumber: number,
  ) {
    super(`The flow "${flowId}" has no version ${versionNumber}`);
  }
}

/** A document that is not shaped like a flow document at all (validation of its content is flows/validate.ts). */
export class InvalidFlowDocumentError extends Error {
  override readonly name = 'InvalidFlowDocumentError';
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`Not a flow document: ${problems.map((p) => `${p.path || '(document)'}: ${p.message}`).join('; ')}`);
  }
}

export class CallNotFoundError extends Error {
  override readonly name = 'CallNotFoundError';
  constructor(readonly callId: string) {
    super(`No call with id "${callId}"`);
  }
}

export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError';
  constructor(readonly key: string) {
    super(`No person with user name or id "${key}"`);
  }
}

/** A username or extension already taken by someone else. */
export class UserConflictError extends Error {
  override readonly name = 'UserConflictError';
  constructor(
    readonly field: 'username' | 'extension',
    readonly value: string,
  ) {
    super(`The ${field} "${value}" is already taken`);
  }
}

/** Input for a person that fails its checks; `problems` name the field each message belongs to. */
export class InvalidUserInputError extends Error {
  override readonly name = 'InvalidUserInputError';
  constructor(readonly problems: InputProblem[]) {
    super(`Invalid person details: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

/**
 * The database cannot be used where it was asked for: a missing folder, a read-only file or folder, something that
 * is not a database. The message names the path and says what to do; callers print it as one line.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
