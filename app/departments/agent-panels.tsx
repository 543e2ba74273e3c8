// The agent side of /departments: "My agent status" (log in and out of one's departments, pause, unpause) for the
// person one's account is linked to, and the supervisors' live board of every agent.
import { Badge, Button, Flex, Heading, Table, Text, TextField } from '@radix-ui/themes';
import { Form } from 'react-router';
import type { AgentOverview } from '#db/departments.ts';
import type { AgentState } from '#runtime/queue/departments.ts';
import { describeAgentState } from '#runtime/queue/agent-state-text.ts';
import { DEFAULT_PAUSE_REASON, PAUSE_REASONS } from '#runtime/queue/pause-reasons.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
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
  const { agent } = props;
  return (
    <Flex gap="1" align="center" wrap="wrap">
      <Badge
        color={STATE_COLOURS[agent.state.kind]}
        data-testid={`state-${agent.username}`}
        data-state={agent.state.kind}
      >
        {describeAgentState(agent.state, props.names, props.now)}
      </Badge>
      {agent.pendingPause !== null ? (
        <Badge color="orange" variant="outline">
          pause “{agent.pendingPause}” after this call
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
  const { agent } = props;
  if (!agent) {
    return (
      <Text as="p" color="gray" data-testid="my-agent-unlinked">
        Your account is not linked to a person of the phone directory, so you are nobody’s agent here. An administrator
        links accounts to people on the Voicemail access page.
      </Text>
    );
  }
  if (agent.departments.length === 0) {
    return (
      <Text as="p" color="gray" data-testid="my-agent-none">
        You ({agent.displayName}, {agent.extension}) are in no department yet: a supervisor adds you on this page.
      </Text>
    );
  }
  const paused = agent.state.kind === 'paused' || agent.pendingPause !== null;
  const loggedInAnywhere = agent.departments.some((d) => d.loggedIn);
  return (
    <div data-testid="my-agent">
      <Flex gap="2" align="center" mb="3">
        <Text>
          {agent.displayName} ({agent.extension}):
        </Text>
        <AgentStateBadge agent={agent} names={props.names} now={props.now} />
        {agent.since ? (
          <Text size="1" color="gray">
            for {sinceText(agent.since, props.now)}
          </Text>
        ) : null}
      </Flex>
      <Table.Root variant="surface" size="1" mb="3">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Department</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>You are</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {agent.departments.map((department) => (
            <Table.Row key={department.id} data-testid={`my-department-${department.name}`}>
              <Table.Cell>{department.name}</Table.Cell>
              <Table.Cell>{department.loggedIn ? 'logged in' : 'logged out'}</Table.Cell>
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
                    {department.loggedIn ? `Log out of ${department.name}` : `Log in to ${department.name}`}
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
            {loggedInAnywhere ? 'Log out of all' : 'Log in to all'}
          </Button>
        </Form>
        {paused ? (
          <Form method="post">
            <CsrfInput />
            <Button type="submit" name="intent" value="my-unpause" color="green">
              End pause
            </Button>
          </Form>
        ) : loggedInAnywhere ? (
          <Form method="post" aria-label="Pause">
            <CsrfInput />
            <Flex gap="2" align="center">
              <select name="reason" defaultValue={DEFAULT_PAUSE_REASON} aria-label="Pause reason">
                <option value={DEFAULT_PAUSE_REASON}>{DEFAULT_PAUSE_REASON}</option>
                {PAUSE_REASONS.map((reason) => (
                  <option key={reason.label} value={reason.label}>
                    {reason.label} (*46{reason.digit})
                  </option>
                ))}
                <option value="other">Other…</option>
              </select>
              <TextField.Root
                name="otherReason"
                placeholder="Other reason"
                aria-label="Other pause reason"
                maxLength={60}
              />
              <Button type="submit" name="intent" value="my-pause" color="orange">
                Pause
              </Button>
            </Flex>
          </Form>
        ) : null}
      </Flex>
      <Text as="p" size="1" color="gray" mt="2">
        From your phone: *45 logs you in to (or out of) all your departments, *46 pauses or ends the pause (*46 then a
        digit for a reason). A pause asked for during a call starts when the call ends.
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
  return (
    <>
      <Flex gap="2" align="center" mb="2">
        <Heading as="h2" size="4">
          Agents
        </Heading>
        <Badge color={props.live === 'live' ? 'green' : 'gray'} data-testid="agents-live">
          {props.live === 'live' ? 'live' : props.live}
        </Badge>
      </Flex>
      {props.agents.length === 0 ? (
        <Text as="p" color="gray">
          No agents: add people to a department below.
        </Text>
      ) : (
        <Table.Root variant="surface" size="1">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Agent</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>State</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>For</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Calls since log-in</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Departments (logged in in bold)</Table.ColumnHeaderCell>
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
