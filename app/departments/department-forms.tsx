// A department's settings form (create and edit) and its members table, for supervisors on /departments.
import { Badge, Button, Flex, Heading, Table, Text, TextField } from '@radix-ui/themes';
import type { ReactNode } from 'react';
import { Form } from 'react-router';
import type { DepartmentRecord } from '#db/departments.ts';
import { RING_STRATEGY_INFO } from '#runtime/queue/agent-state-text.ts';
import { RING_STRATEGIES } from '#runtime/queue/departments.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import type { DepartmentsActionResult } from './departments-page.server.ts';

type Failure = Extract<DepartmentsActionResult, { ok: false }>;

export function ActionMessage({ result, form }: { result: DepartmentsActionResult | undefined; form: string }) {
  if (!result || result.form !== form) return null;
  return (
    <Text
      as="p"
      size="2"
      color={result.ok ? 'green' : 'red'}
      role={result.ok ? 'status' : 'alert'}
      mb="2"
      data-testid={`message-${form}`}
    >
      {result.ok ? result.done : result.message}
    </Text>
  );
}

function Field(props: { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div>
        {props.children}
        {props.hint ? (
          <Text as="p" size="1" color="gray">
            {props.hint}
          </Text>
        ) : null}
        {props.error ? (
          <Text as="p" size="1" color="red" className="field-error" data-field={props.id}>
            {props.error}
          </Text>
        ) : null}
      </div>
    </>
  );
}

const SECOND_FIELDS = [
  {
    name: 'agentRingSeconds',
    label: 'Ring each agent for (s)',
    hint: 'How long one agent rings before the next try (app_queue timeout).',
  },
  {
    name: 'retrySeconds',
    label: 'Retry after (s)',
    hint: 'An agent who did not answer is not rung again before this (app_queue retry).',
  },
  {
    name: 'wrapUpSeconds',
    label: 'Wrap-up (s)',
    hint: 'Rest after each call before the next one rings (app_queue wrapuptime).',
  },
  {
    name: 'widenPenaltyEverySeconds',
    label: 'Widen penalty every (s)',
    hint: '0: every penalty from the start (lowest available first). Otherwise a caller reaches penalty p after waiting p × this (a queue rule raising QUEUE_MAX_PENALTY).',
  },
] as const;

/** Create (department null) or edit a department's name, strategy and timings. */
export function DepartmentSettingsForm(props: { department: DepartmentRecord | null; failed: Failure | null }) {
  const { department, failed } = props;
  const prefix = department ? `dep-${department.id}` : 'new-dep';
  const value = (name: string, saved: string | number | undefined, fallback: string) =>
    failed?.values[name] ?? (saved !== undefined ? String(saved) : fallback);
  const errors = failed?.fieldErrors ?? {};
  const strategy = value('strategy', department?.strategy, 'ring-all');
  return (
    <Form
      method="post"
      className="form-grid"
      aria-label={department ? `Settings of ${department.name}` : 'New department'}
    >
      <CsrfInput />
      {department ? <input type="hidden" name="departmentId" value={department.id} /> : null}
      <Field id={`${prefix}-name`} label="Name" error={errors.name}>
        <TextField.Root id={`${prefix}-name`} name="name" defaultValue={value('name', department?.name, '')} required />
      </Field>
      <Field
        id={`${prefix}-strategy`}
        label="Strategy"
        error={errors.strategy}
        hint={
          <span data-testid={`${prefix}-strategy-help`}>
            {RING_STRATEGIES.map((s) => (
              <span key={s} style={{ display: 'block' }}>
                <strong>{RING_STRATEGY_INFO[s].label}</strong> ({RING_STRATEGY_INFO[s].appQueue}):{' '}
                {RING_STRATEGY_INFO[s].explanation}
              </span>
            ))}
          </span>
        }
      >
        <select id={`${prefix}-strategy`} name="strategy" defaultValue={strategy}>
          {RING_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {RING_STRATEGY_INFO[s].label} — app_queue {RING_STRATEGY_INFO[s].appQueue}
            </option>
          ))}
        </select>
      </Field>
      {SECOND_FIELDS.map((field) => (
        <Field
          key={field.name}
          id={`${prefix}-${field.name}`}
          label={field.label}
          error={errors[field.name]}
          hint={field.hint}
        >
          <TextField.Root
            id={`${prefix}-${field.name}`}
            name={field.name}
            inputMode="numeric"
            defaultValue={value(
              field.name,
              department?.[field.name],
              { agentRingSeconds: '15', retrySeconds: '5', wrapUpSeconds: '10', widenPenaltyEverySeconds: '0' }[
                field.name
              ],
            )}
          />
        </Field>
      ))}
      <span />
      <Flex gap="2">
        <Button type="submit" name="intent" value={department ? 'update' : 'create'}>
          {department ? 'Save settings' : 'Create department'}
        </Button>
      </Flex>
    </Form>
  );
}

export function MembersTable(props: {
  department: DepartmentRecord;
  people: { id: string; username: string; label: string }[];
  failed: Failure | null;
  describeState: (personId: string) => string;
}) {
  const { department, people, failed } = props;
  const outside = people.filter((person) => !department.members.some((m) => m.personId === person.id));
  return (
    <>
      <Heading as="h3" size="3" mt="4" mb="2">
        Members
      </Heading>
      {department.members.length === 0 ? (
        <Text as="p" color="gray" size="2" mb="2">
          No members yet.
        </Text>
      ) : (
        <Table.Root variant="surface" size="1" mb="3">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Person</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Logged in here</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Agent state</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Penalty (0 = rung first)</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {department.members.map((member) => (
              <Table.Row key={member.personId} data-testid={`member-${department.name}-${member.username}`}>
                <Table.Cell>
                  {member.extension} · {member.displayName} ({member.username})
                </Table.Cell>
                <Table.Cell>
                  {member.loggedIn ? <Badge color="green">yes</Badge> : <Badge color="gray">no</Badge>}
                </Table.Cell>
                <Table.Cell>{props.describeState(member.personId)}</Table.Cell>
                <Table.Cell>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="departmentId" value={department.id} />
                    <input type="hidden" name="personId" value={member.personId} />
                    <input
                      name="penalty"
                      type="number"
                      min={0}
                      max={99}
                      defaultValue={member.penalty}
                      aria-label={`Penalty of ${member.username} in ${department.name}`}
                      style={{ width: '5em' }}
                    />{' '}
                    <Button type="submit" size="1" variant="soft" name="intent" value="set-penalty">
                      Set
                    </Button>
                  </Form>
                </Table.Cell>
                <Table.Cell>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="departmentId" value={department.id} />
                    <input type="hidden" name="personId" value={member.personId} />
                    <Button
                      type="submit"
                      size="1"
                      variant="soft"
                      color="gray"
                      name="intent"
                      value="remove-member"
                      aria-label={`Remove ${member.username} from ${department.name}`}
                    >
                      Remove
                    </Button>
                  </Form>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
      <Form method="post" className="inline-form" aria-label={`Add a member to ${department.name}`}>
        <CsrfInput />
        <input type="hidden" name="departmentId" value={department.id} />
        <Flex gap="2" align="center" wrap="wrap">
          <select
            name="personId"
            defaultValue={failed?.values.personId ?? ''}
            aria-label={`Person to add to ${department.name}`}
          >
            <option value="">Choose a person…</option>
            {outside.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label} ({person.username})
              </option>
            ))}
          </select>
          <label>
            Penalty{' '}
            <input
              name="penalty"
              type="number"
              min={0}
              max={99}
              defaultValue={failed?.values.penalty ?? '0'}
              aria-label={`Penalty for the new member of ${department.name}`}
              style={{ width: '5em' }}
            />
          </label>
          <Button type="submit" size="1" name="intent" value="add-member">
            Add member
          </Button>
        </Flex>
        {failed?.fieldErrors.personId || failed?.fieldErrors.penalty ? (
          <Text as="p" size="1" color="red">
            {failed.fieldErrors.personId ?? failed.fieldErrors.penalty}
          </Text>
        ) : null}
      </Form>
    </>
  );
}
