// /voicemail: the signed-in person's voicemail box (administrators: every box, with a filter). Each message has a
// player (playing it marks it heard), "mark as heard / as new" and a confirmed delete. Who sees which box:
// docs/decisions/007-voicemail-web-access.md; the audio itself comes from /voicemail/:messageId/audio.
import {
  AlertDialog,
  Badge,
  Button,
  Callout,
  Flex,
  Heading,
  Link as ThemeLink,
  Select,
  Table,
  Text,
} from '@radix-ui/themes';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, Link, useFetcher, useNavigate, useRevalidator } from 'react-router';
import { z } from 'zod';
import type { InboxMessage } from '#db/voicemail-inbox.ts';
import type { Translate } from '#i18n/translator.ts';
import { VoicemailTheme } from '../voicemail/radix-theme.tsx';
import { requireUser } from '../auth.server.ts';
import { CSRF_FIELD, useCsrfToken } from '../components/csrf-input.tsx';
import {
  deleteVoicemailMessage,
  inboxViewerOf,
  loadInbox,
  markVoicemailMessageHeard,
} from '../voicemail/inbox.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { Route } from './+types/voicemail';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'voicemail:title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const auth = await requireUser(request, context);
  const viewer = inboxViewerOf(context.services, auth);
  const requestedBox = new URL(request.url).searchParams.get('box') ?? '';
  // Only administrators choose a box; a person's view is their box whatever the address says.
  const box = viewer.kind === 'all-boxes' && /^[0-9]{1,20}$/.test(requestedBox) ? requestedBox : '';
  return { viewer, box, ...loadInbox(context.services.db, viewer, box) };
}

const messageId = z.string().min(1, 'voicemail:errors.whichMessage');
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('heard'), messageId, heard: z.enum(['true', 'false']) }),
  z.object({
    intent: z.literal('delete'),
    messageId,
    // The confirmation dialog sends it; a delete without it is refused, so no stray request deletes a message.
    confirm: z.literal('delete', { error: 'voicemail:errors.confirmDeletion' }),
  }),
]);

export type VoicemailActionResult = { ok: true } | { error: string };

export async function action({ request, context }: Route.ActionArgs) {
  const auth = await requireUser(request, context);
  const viewer = inboxViewerOf(context.services, auth);
  const t = requestTranslator(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'form'}: ${translateMessage(t, issue.message)}`)
      .join('; ');
    return data<VoicemailActionResult>({ error: t('voicemail:errors.invalidRequest', { problems }) }, { status: 400 });
  }
  const input = parsed.data;
  const outcome =
    input.intent === 'heard'
      ? markVoicemailMessageHeard(context.services.db, viewer, input.messageId, input.heard === 'true')
      : deleteVoicemailMessage(context.services.db, viewer, input.messageId);
  if (outcome === 'not-found')
    return data<VoicemailActionResult>({ error: t('voicemail:errors.noSuchMessage') }, { status: 404 });
  return data<VoicemailActionResult>({ ok: true });
}

/** UTC on the server (so the first render is the same everywhere), the reader's own time zone once in the browser. */
function ReceivedAt({ ms }: { ms: number }) {
  const format = useFormat();
  const iso = new Date(ms).toISOString();
  const [label, setLabel] = useState(`${iso.replace('T', ' ').slice(0, 16)} UTC`);
  useEffect(() => {
    setLabel(format.dateTime(ms));
  }, [ms, format]);
  return <time dateTime={iso}>{label}</time>;
}

function MessageRow({ message, showBox }: { message: InboxMessage; showBox: boolean }) {
  const { t } = useTranslation(['voicemail', 'common']);
  const format = useFormat();
  const csrf = useCsrfToken();
  const caller = message.callerName || message.callerNumber;
  const heardFetcher = useFetcher<VoicemailActionResult>();
  const deleteFetcher = useFetcher<VoicemailActionResult>();
  // Shown at once, before the server answers: the request is small and the list reloads after it anyway.
  const pendingHeard = heardFetcher.formData?.get('heard');
  const heard =
    pendingHeard !== undefined && pendingHeard !== null ? pendingHeard === 'true' : message.heardAt !== null;
  const error = [heardFetcher.data, deleteFetcher.data].find((result) => result && 'error' in result);

  const markHeard = (value: boolean) =>
    heardFetcher.submit(
      { intent: 'heard', messageId: message.id, heard: String(value), [CSRF_FIELD]: csrf },
      { method: 'post', action: '/voicemail' },
    );

  return (
    <Table.Row
      data-testid={`message-${message.id}`}
      data-state={heard ? 'heard' : 'new'}
      hidden={deleteFetcher.state !== 'idle'}
    >
      <Table.Cell>
        <ReceivedAt ms={message.receivedAt} />
      </Table.Cell>
      {showBox ? (
        <Table.Cell>
          {message.box}
          {message.ownerName ? <Text color="gray"> · {message.ownerName}</Text> : null}
        </Table.Cell>
      ) : null}
      <Table.Cell>
        <Text weight={heard ? 'regular' : 'bold'}>{caller || t('message.unknownCaller')}</Text>
        {message.callerName && message.callerNumber ? <Text color="gray"> · {message.callerNumber}</Text> : null}
      </Table.Cell>
      <Table.Cell>{format.duration(message.durationMs / 1000)}</Table.Cell>
      <Table.Cell>
        {heard ? <Badge color="gray">{t('message.heard')}</Badge> : <Badge color="green">{t('message.new')}</Badge>}
      </Table.Cell>
      <Table.Cell>
        <audio
          controls
          preload="metadata"
          src={`/voicemail/${message.id}/audio`}
          aria-label={caller ? t('message.player', { caller }) : t('message.playerUnknown')}
          onPlay={() => {
            if (!heard) void markHeard(true);
          }}
        />
      </Table.Cell>
      <Table.Cell>
        <Flex gap="2" align="center" wrap="wrap">
          <Button size="1" variant="soft" onClick={() => void markHeard(!heard)}>
            {heard ? t('message.markNew') : t('message.markHeard')}
          </Button>
          <AlertDialog.Root>
            <AlertDialog.Trigger>
              <Button size="1" variant="soft" color="red">
                {t('common:actions.delete')}
              </Button>
            </AlertDialog.Trigger>
            <AlertDialog.Content maxWidth="420px">
              <AlertDialog.Title>{t('deletion.title')}</AlertDialog.Title>
              <AlertDialog.Description size="2">
                {caller ? t('deletion.description', { caller }) : t('deletion.descriptionUnknown')}
              </AlertDialog.Description>
              <Flex gap="3" mt="4" justify="end">
                <AlertDialog.Cancel>
                  <Button variant="soft" color="gray">
                    {t('deletion.keep')}
                  </Button>
                </AlertDialog.Cancel>
                <AlertDialog.Action>
                  <Button
                    color="red"
                    onClick={() =>
                      void deleteFetcher.submit(
                        { intent: 'delete', messageId: message.id, confirm: 'delete', [CSRF_FIELD]: csrf },
                        { method: 'post', action: '/voicemail' },
                      )
                    }
                  >
                    {t('deletion.confirm')}
                  </Button>
                </AlertDialog.Action>
              </Flex>
            </AlertDialog.Content>
          </AlertDialog.Root>
          {error && 'error' in error ? (
            <Text size="1" color="red" role="alert">
              {error.error}
            </Text>
          ) : null}
        </Flex>
      </Table.Cell>
    </Table.Row>
  );
}

function summaryLine(t: Translate, what: string, total: number, fresh: number): string {
  if (total === 0) return t('voicemail:summary.empty', { what });
  return t('voicemail:summary.line', {
    what,
    total: t('voicemail:summary.total', { count: total }),
    fresh: t('voicemail:summary.fresh', { count: fresh }),
  });
}

/** Messages arrive from calls at any time: look again every 30 s while the page is in view. */
function useRefreshWhileVisible(intervalMs = 30_000) {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && latest.current.state === 'idle') void latest.current.revalidate();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}

export default function Voicemail({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation(['voicemail', 'common']);
  const { viewer, box, messages, boxes } = loaderData;
  const navigate = useNavigate();
  useRefreshWhileVisible();
  const newCount = messages.filter((message) => message.heardAt === null).length;
  const allBoxes = viewer.kind === 'all-boxes';

  if (viewer.kind === 'unlinked') {
    return (
      <VoicemailTheme>
        <Heading as="h1" mb="3">
          {t('title')}
        </Heading>
        <Callout.Root color="amber" data-testid="voicemail-unlinked">
          <Callout.Text>{t('unlinked')}</Callout.Text>
        </Callout.Root>
      </VoicemailTheme>
    );
  }

  return (
    <VoicemailTheme>
      <Flex justify="between" align="center" mb="3" gap="3" wrap="wrap">
        <Heading as="h1">{t('title')}</Heading>
        {allBoxes ? (
          <Flex gap="3" align="center">
            <Text as="label" size="2" htmlFor="voicemail-box">
              {t('filter.label')}
            </Text>
            <Select.Root
              value={box || 'all'}
              onValueChange={(value) => void navigate(value === 'all' ? '/voicemail' : `/voicemail?box=${value}`)}
            >
              <Select.Trigger id="voicemail-box" data-testid="box-filter" />
              <Select.Content>
                <Select.Item value="all">{t('filter.allBoxes')}</Select.Item>
                {boxes.map((summary) => (
                  <Select.Item key={summary.box} value={summary.box}>
                    {summary.box}
                    {summary.ownerName ? ` · ${summary.ownerName}` : ''}{' '}
                    {t('filter.newCount', { count: summary.newMessages })}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
            <ThemeLink asChild size="2">
              <Link to="/voicemail/access">{t('filter.accessLink')}</Link>
            </ThemeLink>
          </Flex>
        ) : null}
      </Flex>
      <Text as="p" color="gray" mb="3" data-testid="voicemail-summary">
        {summaryLine(
          t,
          viewer.kind === 'person'
            ? t('summary.personBox', { extension: viewer.person.extension, name: viewer.person.displayName })
            : box
              ? t('summary.box', { box })
              : t('summary.allBoxes'),
          messages.length,
          newCount,
        )}
      </Text>
      {messages.length > 0 ? (
        <Table.Root variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('columns.received')}</Table.ColumnHeaderCell>
              {allBoxes ? <Table.ColumnHeaderCell>{t('columns.box')}</Table.ColumnHeaderCell> : null}
              <Table.ColumnHeaderCell>{t('columns.caller')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('columns.duration')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('columns.status')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('columns.listen')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('columns.actions')}</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {messages.map((message) => (
              <MessageRow key={message.id} message={message} showBox={allBoxes} />
            ))}
          </Table.Body>
        </Table.Root>
      ) : null}
    </VoicemailTheme>
  );
}
