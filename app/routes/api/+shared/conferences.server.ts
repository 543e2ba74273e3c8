// The conference endpoints' common ground: the runtime or a 503, and the room actions' errors as API errors.
import type { ConferenceRooms, RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import {
  applyRoomAction,
  ConferenceActionFailedError,
  ConferenceTargetNotFoundError,
  NoConferenceRuntimeError,
  requireConferences,
  requireRoom,
  type RoomAction,
} from '#app/conferences/room-actions.server.ts';
import { ApiError, json, type ApiArgs } from './api.server.ts';

function asApiError(error: unknown): unknown {
  if (error instanceof NoConferenceRuntimeError) return new ApiError(503, error.message);
  if (error instanceof ConferenceTargetNotFoundError) return new ApiError(404, error.message);
  if (error instanceof ConferenceActionFailedError) return new ApiError(502, error.message);
  return error;
}

/** The live rooms of this server, or a 503 saying no runtime is attached (no Asterisk configured). */
export function conferencesOf(args: ApiArgs): ConferenceRooms {
  try {
    return requireConferences(args.context.services.conferences);
  } catch (error) {
    throw asApiError(error);
  }
}

/** One live room by number, or a 404 (nobody is in it). */
export function liveRoomOf(args: ApiArgs, room: string): RoomSnapshot {
  const conferences = conferencesOf(args);
  try {
    return requireRoom(conferences, room);
  } catch (error) {
    throw asApiError(error);
  }
}

/** Runs a room action and answers `{ room }`: the room as it is now, null once it has ended or emptied. */
export async function roomActionResponse(args: ApiArgs, action: RoomAction): Promise<Response> {
  const conferences = conferencesOf(args);
  try {
    return json({ room: await applyRoomAction(conferences, action) });
  } catch (error) {
    throw asApiError(error);
  }
}

/** Turns a URL's command segment into one of `allowed`, or a 404 naming the ones that exist. */
export function commandOf<T extends string>(args: ApiArgs, allowed: Record<string, T>, where: string): T {
  const command = args.params.command ?? '';
  const kind = Object.hasOwn(allowed, command) ? allowed[command] : undefined;
  if (!kind) {
    throw new ApiError(404, `"${command}" is not a ${where} command; use ${Object.keys(allowed).join(', ')}.`);
  }
  return kind;
}
