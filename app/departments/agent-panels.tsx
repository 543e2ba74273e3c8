// The agent side of /departments: "My agent status" (log in and out of one's departments, pause, unpause) for the
// person one's account is linked to, and the supervisors' live board of every agent.
import { Badge, Button, Flex, Heading, Table, Text, TextField } from '@radix-ui/themes';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import type { AgentOverview } from '#db/departments.ts';
import type { AgentState } from '#runtime/queue/departments.ts';
import { DEFAULT_PAUSE_REASON, PAUSE_REASONS } from '#runtime/queue/pause-reasons.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { agentStateLabel, pauseReasonLabel } from './department-text.ts';
import type { LiveState } from './use-live-agents.ts';

const STATE_COLOURS: Record<AgentState['kind'], 'gray' | 'green' | 'amber' | 'blue' | 'violet' | 'orange'> = {
  'logged-out': 'gray',
  available: 'green',
  ringing: 'amber',
  'on-call': 'blue',
  'wrap-up': 'violet',
  paused: 'orange',
};

export function AgentStateBadge(props: { agent: AgentOverview; names: (id: string) => string; now: number }) {
  const { t } = useTranslation(['departments', 'common']);
  const { agent } = props;
  return (
    <Flex gap="1" align="center" wrap="wrap">
      <Badge
        color={STATE_COLOURS[agent.state.kind]}
        data-testid={`state-${agent.username}`}
        data-state={agent.state.kind}
      >
        {agentStateLabel(t, agent.state, props.names, props.now)}
      </Badge>
      {agent.pendingPause !== null ? (
        <Badge color="orange" variant="outline">
          {t('states.pendingPause', { reason: pauseReasonLabel(t, agent.pendingPause) })}
        </Badge>
      ) : null}
    </Flex>
  );
}

export function sinceText(since: number, now: number): string {
  if (since === 0) return '';
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function MyAgentPanel(props: { agent: AgentOverview | null; names: (id: string) => string; now: number }) {
  const { t } = useTranslation(['departments', 'common']);
  const { agent } = props;
  if (!agent) {
    return (
      <Text as="p" color="gray" data-testid="my-agent-unlinked">
        {t('me.unlinked')}
      </Text>
    );
  }
  if (agent.departments.length === 0) {
    return (
      <Text as="p" color="gray" data-testid="my-agent-none">
        {t('me.noDepartment', { name: agent.displayName, extension: agent.extension })}
      </Text>
    );
  }
  const paused = agent.state.kind === 'paused' || agent.pendingPause !== null;
  const loggedInAnywhere = agent.departments.some((d) => d.loggedIn);
  return (
    <div data-testid="my-agent">
      <Flex gap="2" align="center" mb="3">
        <Text>{t('me.who', { name: agent.displayName, extension: agent.extension })}</Text>
        <AgentStateBadge agent={agent} names={props.names} now={props.now} />
        {agent.since ? (
          <Text size="1" color="gray">
            {t('me.since', { duration: sinceText(agent.since, props.now) })}
          </Text>
        ) : null}
      </Flex>
      <Table.Root variant="surface" size="1" mb="3">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>{t('me.columns.department')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>{t('me.columns.youAre')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {agent.departments.map((department) => (
            <Table.Row key={department.id} data-testid={`my-department-${department.name}`}>
              <Table.Cell>
                {department.name}
                {department.dialCode !== null ? (
                  <Text size="1" color="gray">
                    {' '}
                    {t('me.phoneCode', { code: department.dialCode })}
                  </Text>
                ) : null}
              </Table.Cell>
              <Table.Cell>{department.loggedIn ? t('me.loggedIn') : t('me.loggedOut')}</Table.Cell>
              <Table.Cell>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="departmentId" value={department.id} />
                  <Button
                    type="submit"
                    size="1"
                    variant="soft"
                    name="intent"
                    value={department.loggedIn ? 'my-logout' : 'my-login'}
                  >
                    {department.loggedIn
                      ? t('me.logOutOf', { name: department.name })
                      : t('me.logInTo', { name: department.name })}
                  </Button>
                </Form>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      <Flex gap="3" align="center" wrap="wrap">
        <Form method="post">
          <CsrfInput />
          <Button type="submit" name="intent" value={loggedInAnywhere ? 'my-logout' : 'my-login'}>
            {loggedInAnywhere ? t('me.logOutOfAll') : t('me.logInToAll')}
          </Button>
        </Form>
        {paused ? (
          <Form method="post">
            <CsrfInput />
            <Button type="submit" name="intent" value="my-unpause" color="green">
              {agent.state.kind === 'paused' ? t('me.endPause') : t('me.cancelPendingPause')}
            </Button>
          </Form>
        ) : loggedInAnywhere ? (
          <Form method="post" aria-label={t('me.pauseForm')}>
            <CsrfInput />
            <Flex gap="2" align="center">
              <select name="reason" defaultValue={DEFAULT_PAUSE_REASON} aria-label={t('me.pauseReason')}>
                <option value={DEFAULT_PAUSE_REASON}>{pauseReasonLabel(t, DEFAULT_PAUSE_REASON)}</option>
                {PAUSE_REASONS.map((reason) => (
                  <option key={reason.label} value={reason.label}>
                    {pauseReasonLabel(t, reason.label)} (*46{reason.digit})
                  </option>
                ))}
                <option value="other">{t('me.otherReasonOption')}</option>
              </select>
              <TextField.Root
                name="otherReason"
                placeholder={t('me.otherReason')}
                aria-label={t('me.otherReasonLabel')}
                maxLength={60}
              />
              <Button type="submit" name="intent" value="my-pause" color="orange">
                {t('me.pause')}
              </Button>
            </Flex>
          </Form>
        ) : null}
      </Flex>
      <Text as="p" size="1" color="gray" mt="2">
        {t('me.phoneHelp')}
      </Text>
    </div>
  );
}

export function AgentsBoard(props: {
  agents: AgentOverview[];
  names: (id: string) => string;
  now: number;
  live: LiveState;
}) {
  const { t } = useTranslation(['departments', 'common']);
  return (
    <>
      <Flex gap="2" align="center" mb="2">
        <Heading as="h2" size="4">
          {t('board.title')}
        </Heading>
        <Badge color={props.live === 'live' ? 'green' : 'gray'} data-testid="agents-live">
          {t(`board.live.${props.live}`)}
        </Badge>
      </Flex>
      {props.agents.length === 0 ? (
        <Text as="p" color="gray">
          {t('board.empty')}
        </Text>
      ) : (
        <Table.Root variant="surface" size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('board.columns.agent')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('board.columns.state')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('board.columns.for')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('board.columns.calls')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('board.columns.departments')}</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {props.agents.map((agent) => (
              <Table.Row key={agent.personId} data-testid={`agent-${agent.username}`}>
                <Table.Cell>
                  {agent.extension} · {agent.displayName}
                </Table.Cell>
                <Table.Cell>
                  <AgentStateBadge agent={agent} names={props.names} now={props.now} />
                </Table.Cell>
                <Table.Cell>{sinceText(agent.since, props.now)}</Table.Cell>
                <Table.Cell>{agent.callsTaken}</Table.Cell>
                <Table.Cell>
                  {agent.departments.map((d, index) => (
                    <span key={d.id}>
                      {index > 0 ? ', ' : ''}
                      {d.loggedIn ? <strong>{d.name}</strong> : <span style={{ color: 'var(--muted)' }}>{d.name}</span>}
                    </span>
                  ))}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </>
  );
}
