// /conferences: the live rooms with their participants, kept current by /conferences/events, the actions editors
// and admins may take on them, and the recordings with a player. Viewers see everything and get no buttons; the
// action refuses them anyway (requireRole), with the CSRF check every form has.
import { Badge, Callout, Card, Flex, Heading, Table, Text } from '@radix-ui/themes';
import { useEffect, useRef } from 'react';
import { data, useRevalidator } from 'react-router';
import { z } from 'zod';
import type { ParticipantSnapshot, RoomSnapshot } from '#runtime/conference/conference-rooms.ts';
import { RoomActionButton } from '#app/conferences/room-action-button.tsx';
import {
  applyRoomAction,
  ConferenceActionFailedError,
  ConferenceTargetNotFoundError,
  NoConferenceRuntimeError,
  PARTICIPANT_ACTIONS,
  requireConferences,
  ROOM_ACTIONS,
  type RoomAction,
} from '#app/conferences/room-actions.server.ts';
import { listRecordingViews, pageAudioUrl, type RecordingView } from '#app/conferences/recordings.server.ts';
import { useLiveRooms, type LiveState } from '#app/conferences/use-live-rooms.ts';
import { log } from '#runtime/log.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import type { Route } from './+types/conferences';

export function meta() {
  return [{ title: 'Conference rooms · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const auth = await requireRole(request, context, 'viewer');
  const { conferences, db } = context.services;
  return {
    attached: conferences !== undefined,
    rooms: conferences?.rooms() ?? [],
    recordings: listRecordingViews(db, pageAudioUrl, { limit: 50 }),
    canAct: hasRole(auth.account, 'editor'),
  };
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(PARTICIPANT_ACTIONS), room: z.string().min(1), participantId: z.string().min(1) }),
  z.object({ intent: z.enum(ROOM_ACTIONS), room: z.string().min(1) }),
]);

function toRoomAction(input: z.output<typeof actionSchema>): RoomAction {
  return 'participantId' in input
    ? { kind: input.intent, room: input.room, participantId: input.participantId }
    : { kind: input.intent, room: input.room };
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireRole(request, context, 'editor');
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data(
      { error: `This is not a room action: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` },
      { status: 400 },
    );
  }
  try {
    await applyRoomAction(requireConferences(context.services.conferences), toRoomAction(parsed.data));
    return { ok: true as const };
  } catch (error) {
    if (error instanceof NoConferenceRuntimeError) return data({ error: error.message }, { status: 503 });
    if (error instanceof ConferenceTargetNotFoundError) return data({ error: error.message }, { status: 404 });
    if (error instanceof ConferenceActionFailedError) {
      log.warn('room action failed', { error: error.message });
      return data({ error: error.message }, { status: 502 });
    }
    throw error;
  }
}

export default function Conferences({ loaderData }: Route.ComponentProps) {
  const { attached, canAct, recordings } = loaderData;
  const { rooms, state } = useLiveRooms(loaderData.rooms, attached);
  useRecordingsRefresh(rooms);
  return (
    <Flex direction="column" gap="4">
      <Flex align="center" gap="3">
        <Heading as="h1" size="6">
          Conference rooms
        </Heading>
        {attached ? <LiveIndicator state={state} /> : null}
      </Flex>
      {!attached ? (
        <Callout.Root color="orange" data-testid="no-conference-runtime">
          <Callout.Text>
            No conference runtime is attached to this server: Asterisk is not configured (ARI_URL, ARI_USER and
            ARI_PASS), so no room can be live. Recordings made earlier are listed below.
          </Callout.Text>
        </Callout.Root>
      ) : rooms.length === 0 ? (
        <Text color="gray" data-testid="no-live-room">
          No room is live right now. A room appears here as soon as someone dials it.
        </Text>
      ) : (
        rooms.map((room) => <LiveRoom key={room.number} room={room} canAct={canAct} />)
      )}
      <Recordings recordings={recordings} />
    </Flex>
  );
}

function LiveIndicator({ state }: { state: LiveState }) {
  const label = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…' }[state];
  return (
    <Badge color={state === 'live' ? 'green' : 'orange'} data-testid="live-state" data-state={state}>
      {label}
    </Badge>
  );
}

/** Starting or stopping a recording adds or closes a row in the recordings table: read it again then. */
function useRecordingsRefresh(rooms: RoomSnapshot[]) {
  const revalidator = useRevalidator();
  const recordingRooms = rooms
    .filter((room) => room.recording)
    .map((room) => room.number)
    .join(',');
  const previous = useRef(recordingRooms);
  useEffect(() => {
    if (previous.current === recordingRooms) return;
    previous.current = recordingRooms;
    void revalidator.revalidate();
  }, [recordingRooms, revalidator]);
}

function clock(at: number): string {
  // UTC, as the call history shows times: the same text on the server and in the browser.
  return new Date(at).toISOString().slice(11, 19);
}

function LiveRoom({ room, canAct }: { room: RoomSnapshot; canAct: boolean }) {
  const count = room.participants.length;
  return (
    <Card data-testid={`room-${room.number}`} data-room={room.number}>
      <Flex direction="column" gap="3">
        <Flex align="center" gap="3" wrap="wrap">
          <Heading as="h2" size="4">
            {room.name} <Text color="gray">({room.number})</Text>
          </Heading>
          <Text size="2" color="gray">
            {count} participant{count === 1 ? '' : 's'} · since {clock(room.startedAt)} UTC
          </Text>
          {room.locked ? (
            <Badge color="amber" data-testid="room-locked">
              locked
            </Badge>
          ) : null}
          {room.recording ? (
            <Badge color="red" data-testid="room-recording">
              ● recording
            </Badge>
          ) : null}
          {canAct ? (
            <Flex gap="2" ml="auto" wrap="wrap">
              <RoomActionButton
                intent={room.locked ? 'unlock' : 'lock'}
                room={room.number}
                label={room.locked ? 'Unlock' : 'Lock'}
              />
              <RoomActionButton
                intent={room.recording ? 'stop-recording' : 'start-recording'}
                room={room.number}
                label={room.recording ? 'Stop recording' : 'Start recording'}
              />
              <RoomActionButton
                intent="end"
                room={room.number}
                label="End conference"
                color="red"
                variant="solid"
                confirm={`End the conference in ${room.name} (${room.number})? Everyone in it is disconnected.`}
              />
            </Flex>
          ) : null}
        </Flex>
        <Table.Root size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Caller</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Role</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Joined (UTC)</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Microphone</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Talking</Table.ColumnHeaderCell>
              {canAct ? <Table.ColumnHeaderCell>Actions</Table.ColumnHeaderCell> : null}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {room.participants.map((participant) => (
              <ParticipantRow key={participant.id} room={room.number} participant={participant} canAct={canAct} />
            ))}
          </Table.Body>
        </Table.Root>
      </Flex>
    </Card>
  );
}

function ParticipantRow({
  room,
  participant,
  canAct,
}: {
  room: string;
  participant: ParticipantSnapshot;
  canAct: boolean;
}) {
  return (
    <Table.Row data-participant-id={participant.id} data-talking={participant.talking} data-muted={participant.muted}>
      <Table.Cell>
        {participant.callerNumber || <Text color="gray">unknown</Text>}
        {participant.callerName ? <Text color="gray"> {participant.callerName}</Text> : null}
      </Table.Cell>
      <Table.Cell>
        {participant.role === 'moderator' ? <Badge color="indigo">moderator</Badge> : 'participant'}
        {participant.waiting ? (
          <Badge color="gray" ml="2" title="Hearing music until a moderator joins">
            waiting
          </Badge>
        ) : null}
      </Table.Cell>
      <Table.Cell>{clock(participant.joinedAt)}</Table.Cell>
      <Table.Cell>
        {participant.muted ? <Badge color="orange">muted</Badge> : <Text color="gray">open</Text>}
      </Table.Cell>
      <Table.Cell>
        {participant.talking ? (
          <Badge color="green" data-testid="talking">
            ◉ talking
          </Badge>
        ) : (
          <Text color="gray">—</Text>
        )}
      </Table.Cell>
      {canAct ? (
        <Table.Cell>
          <Flex gap="2">
            <RoomActionButton
              intent={participant.muted ? 'unmute' : 'mute'}
              room={room}
              participantId={participant.id}
              label={participant.muted ? 'Unmute' : 'Mute'}
            />
            <RoomActionButton intent="kick" room={room} participantId={participant.id} label="Kick" color="red" />
          </Flex>
        </Table.Cell>
      ) : null}
    </Table.Row>
  );
}

function Recordings({ recordings }: { recordings: RecordingView[] }) {
  return (
    <Flex direction="column" gap="2" data-testid="recordings">
      <Heading as="h2" size="4">
        Recordings
      </Heading>
      {recordings.length === 0 ? (
        <Text color="gray">No conference has been recorded yet.</Text>
      ) : (
        <Table.Root size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Room</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Started (UTC)</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Length</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Listen</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {recordings.map((recording) => (
              <Table.Row key={recording.id} data-recording-id={recording.id}>
                <Table.Cell>
                  {recording.room.name} <Text color="gray">({recording.room.number})</Text>
                </Table.Cell>
                <Table.Cell>{new Date(recording.startedAt).toISOString().replace('T', ' ').slice(0, 19)}</Table.Cell>
                <Table.Cell>
                  {recording.endedAt === null ? (
                    <Badge color="red">recording…</Badge>
                  ) : (
                    formatLength(recording.endedAt - recording.startedAt)
                  )}
                </Table.Cell>
                <Table.Cell>
                  {/* The runtime saves the file when the recording stops: no player before then. */}
                  {recording.endedAt === null ? (
                    <Text color="gray">when it stops</Text>
                  ) : (
                    <audio controls preload="none" src={recording.audioUrl} />
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Flex>
  );
}

function formatLength(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
