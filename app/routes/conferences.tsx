// /conferences: the live rooms with their participants, kept current by /conferences/events, the actions editors
// and admins may take on them, and the recordings with a player. Viewers see everything and get no buttons; the
// action refuses them anyway (requireRole), with the CSRF check every form has.
import { Badge, Callout, Card, Flex, Heading, Table, Text } from '@radix-ui/themes';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
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
import { roomActionErrorMessage } from '#app/conferences/room-action-errors.server.ts';
import { listRecordingViews, pageAudioUrl, type RecordingView } from '#app/conferences/recordings.server.ts';
import { useLiveRooms, type LiveState } from '#app/conferences/use-live-rooms.ts';
import { useUtcFormat } from '#app/conferences/use-utc-format.ts';
import { log } from '#runtime/log.ts';
import { hasRole, requireRole } from '../auth.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { Route } from './+types/conferences';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'conferences:title') }];
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
  const t = requestTranslator(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    // Only a hand-made request gets here (the buttons send valid actions): zod's own words are enough.
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    return data({ error: t('conferences:errors.notAnAction', { problems }) }, { status: 400 });
  }
  try {
    await applyRoomAction(requireConferences(context.services.conferences), toRoomAction(parsed.data));
    return { ok: true as const };
  } catch (error) {
    const message = roomActionErrorMessage(t, error);
    if (message === null) throw error;
    if (error instanceof NoConferenceRuntimeError) return data({ error: message }, { status: 503 });
    if (error instanceof ConferenceTargetNotFoundError) return data({ error: message }, { status: 404 });
    if (error instanceof ConferenceActionFailedError) log.warn('room action failed', { error: error.message });
    return data({ error: message }, { status: 502 });
  }
}

export default function Conferences({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(['conferences', 'common']);
  const { attached, canAct, recordings } = loaderData;
  const { rooms, state } = useLiveRooms(loaderData.rooms, attached);
  useRecordingsRefresh(rooms);
  return (
    <Flex direction="column" gap="4">
      <Flex align="center" gap="3">
        <Heading as="h1" size="6">
          {t('title')}
        </Heading>
        {attached ? <LiveIndicator state={state} /> : null}
      </Flex>
      {!attached ? (
        <Callout.Root color="orange" data-testid="no-conference-runtime">
          <Callout.Text>{t('noRuntime')}</Callout.Text>
        </Callout.Root>
      ) : rooms.length === 0 ? (
        <Text color="gray" data-testid="no-live-room">
          {t('noLiveRoom')}
        </Text>
      ) : (
        rooms.map((room) => <LiveRoom key={room.number} room={room} canAct={canAct} />)
      )}
      <Recordings recordings={recordings} />
    </Flex>
  );
}

function LiveIndicator({ state }: { state: LiveState }) {
  const { t } = useTranslation('conferences');
  return (
    <Badge color={state === 'live' ? 'green' : 'orange'} data-testid="live-state" data-state={state}>
      {t(`live.${state}`)}
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

function LiveRoom({ room, canAct }: { room: RoomSnapshot; canAct: boolean }) {
  const { t } = useTranslation('conferences');
  const utc = useUtcFormat();
  const count = room.participants.length;
  return (
    <Card data-testid={`room-${room.number}`} data-room={room.number}>
      <Flex direction="column" gap="3">
        <Flex align="center" gap="3" wrap="wrap">
          <Heading as="h2" size="4">
            {room.name} <Text color="gray">({room.number})</Text>
          </Heading>
          <Text size="2" color="gray">
            {t('room.participants', { count, time: utc.clock(room.startedAt) })}
          </Text>
          {room.locked ? (
            <Badge color="amber" data-testid="room-locked">
              {t('room.locked')}
            </Badge>
          ) : null}
          {room.recording ? (
            <Badge color="red" data-testid="room-recording">
              {t('room.recording')}
            </Badge>
          ) : null}
          {canAct ? (
            <Flex gap="2" ml="auto" wrap="wrap">
              <RoomActionButton
                intent={room.locked ? 'unlock' : 'lock'}
                room={room.number}
                label={room.locked ? t('room.unlock') : t('room.lock')}
              />
              <RoomActionButton
                intent={room.recording ? 'stop-recording' : 'start-recording'}
                room={room.number}
                label={room.recording ? t('room.stopRecording') : t('room.startRecording')}
              />
              <RoomActionButton
                intent="end"
                room={room.number}
                label={t('room.end')}
                color="red"
                variant="solid"
                confirm={t('room.confirmEnd', { name: room.name, number: room.number })}
              />
            </Flex>
          ) : null}
        </Flex>
        <Table.Root size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('participants.columns.caller')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('participants.columns.role')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('participants.columns.joined')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('participants.columns.microphone')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('participants.columns.talking')}</Table.ColumnHeaderCell>
              {canAct ? <Table.ColumnHeaderCell>{t('participants.columns.actions')}</Table.ColumnHeaderCell> : null}
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
  const { t } = useTranslation('conferences');
  const utc = useUtcFormat();
  return (
    <Table.Row data-participant-id={participant.id} data-talking={participant.talking} data-muted={participant.muted}>
      <Table.Cell>
        {participant.callerNumber || <Text color="gray">{t('participants.unknown')}</Text>}
        {participant.callerName ? <Text color="gray"> {participant.callerName}</Text> : null}
      </Table.Cell>
      <Table.Cell>
        {participant.role === 'moderator' ? (
          <Badge color="indigo">{t('participants.moderator')}</Badge>
        ) : (
          t('participants.participant')
        )}
        {participant.waiting ? (
          <Badge color="gray" ml="2" title={t('participants.waitingHint')}>
            {t('participants.waiting')}
          </Badge>
        ) : null}
      </Table.Cell>
      <Table.Cell>{utc.clock(participant.joinedAt)}</Table.Cell>
      <Table.Cell>
        {participant.muted ? (
          <Badge color="orange">{t('participants.muted')}</Badge>
        ) : (
          <Text color="gray">{t('participants.open')}</Text>
        )}
      </Table.Cell>
      <Table.Cell>
        {participant.talking ? (
          <Badge color="green" data-testid="talking">
            {t('participants.talking')}
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
              label={participant.muted ? t('participants.unmute') : t('participants.mute')}
            />
            <RoomActionButton
              intent="kick"
              room={room}
              participantId={participant.id}
              label={t('participants.kick')}
              color="red"
            />
          </Flex>
        </Table.Cell>
      ) : null}
    </Table.Row>
  );
}

function Recordings({ recordings }: { recordings: RecordingView[] }) {
  const { t } = useTranslation('conferences');
  const utc = useUtcFormat();
  const format = useFormat();
  return (
    <Flex direction="column" gap="2" data-testid="recordings">
      <Heading as="h2" size="4">
        {t('recordings.title')}
      </Heading>
      {recordings.length === 0 ? (
        <Text color="gray">{t('recordings.none')}</Text>
      ) : (
        <Table.Root size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('recordings.columns.room')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('recordings.columns.started')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('recordings.columns.length')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('recordings.columns.listen')}</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {recordings.map((recording) => (
              <Table.Row key={recording.id} data-recording-id={recording.id}>
                <Table.Cell>
                  {recording.room.name} <Text color="gray">({recording.room.number})</Text>
                </Table.Cell>
                <Table.Cell>{utc.dateTime(recording.startedAt)}</Table.Cell>
                <Table.Cell>
                  {recording.endedAt === null ? (
                    <Badge color="red">{t('recordings.running')}</Badge>
                  ) : (
                    format.duration((recording.endedAt - recording.startedAt) / 1000)
                  )}
                </Table.Cell>
                <Table.Cell>
                  {/* The runtime saves the file when the recording stops: no player before then. */}
                  {recording.endedAt === null ? (
                    <Text color="gray">{t('recordings.whenItStops')}</Text>
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
