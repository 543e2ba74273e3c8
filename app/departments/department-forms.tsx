// A department's settings form (create and edit) and its members table, for supervisors on /departments.
import { Badge, Button, Flex, Heading, Table, Text, TextField } from '@radix-ui/themes';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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

// Their labels and hints are in the catalogues (departments:form.<name>).
const SECOND_FIELDS = [
  { name: 'agentRingSeconds', fallback: '15' },
  { name: 'retrySeconds', fallback: '5' },
  { name: 'wrapUpSeconds', fallback: '10' },
  { name: 'widenPenaltyEverySeconds', fallback: '0' },
] as const;

/** Create (department null) or edit a department's name, strategy and timings. */
export function DepartmentSettingsForm(props: { department: DepartmentRecord | null; failed: Failure | null }) {
  const { t } = useTranslation(['departments', 'common']);
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
      aria-label={department ? t('form.settingsOf', { name: department.name }) : t('newDepartment')}
    >
      <CsrfInput />
      {department ? <input type="hidden" name="departmentId" value={department.id} /> : null}
      <Field id={`${prefix}-name`} label={t('form.name')} error={errors.name}>
        <TextField.Root id={`${prefix}-name`} name="name" defaultValue={value('name', department?.name, '')} required />
      </Field>
      <Field
        id={`${prefix}-strategy`}
        label={t('form.strategy')}
        error={errors.strategy}
        hint={
          <span data-testid={`${prefix}-strategy-help`}>
            {RING_STRATEGIES.map((s) => (
              <span key={s} style={{ display: 'block' }}>
                <strong>{t(`strategies.${s}.label`)}</strong>{' '}
                {t('form.strategyHelp', {
                  appQueue: RING_STRATEGY_INFO[s].appQueue,
                  explanation: t(`strategies.${s}.explanation`),
                })}
              </span>
            ))}
          </span>
        }
      >
        <select id={`${prefix}-strategy`} name="strategy" defaultValue={strategy}>
          {RING_STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t('form.strategyOption', {
                label: t(`strategies.${s}.label`),
                appQueue: RING_STRATEGY_INFO[s].appQueue,
              })}
            </option>
          ))}
        </select>
      </Field>
      {SECOND_FIELDS.map((field) => (
        <Field
          key={field.name}
          id={`${prefix}-${field.name}`}
          label={t(`form.${field.name}.label`)}
          error={errors[field.name]}
          hint={t(`form.${field.name}.hint`)}
        >
          <TextField.Root
            id={`${prefix}-${field.name}`}
            name={field.name}
            inputMode="numeric"
            defaultValue={value(field.name, department?.[field.name], field.fallback)}
          />
        </Field>
      ))}
      <Field id={`${prefix}-dialCode`} label={t('form.dialCode')} error={errors.dialCode} hint={t('form.dialCodeHint')}>
        <TextField.Root
          id={`${prefix}-dialCode`}
          name="dialCode"
          inputMode="numeric"
          defaultValue={value('dialCode', department?.dialCode ?? undefined, '')}
        />
      </Field>
      <span />
      <Flex gap="2">
        <Button type="submit" name="intent" value={department ? 'update' : 'create'}>
          {department ? t('form.save') : t('form.create')}
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
  const { t } = useTranslation(['departments', 'common']);
  const { department, people, failed } = props;
  const outside = people.filter((person) => !department.members.some((m) => m.personId === person.id));
  return (
    <>
      <Heading as="h3" size="3" mt="4" mb="2">
        {t('members.title')}
      </Heading>
      {department.members.length === 0 ? (
        <Text as="p" color="gray" size="2" mb="2">
          {t('members.none')}
        </Text>
      ) : (
        <Table.Root variant="surface" size="1" mb="3">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>{t('members.columns.person')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('members.columns.loggedInHere')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('members.columns.state')}</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>{t('members.columns.penalty')}</Table.ColumnHeaderCell>
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
                  {member.loggedIn ? (
                    <Badge color="green">{t('common:state.yes')}</Badge>
                  ) : (
                    <Badge color="gray">{t('common:state.no')}</Badge>
                  )}
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
                      aria-label={t('members.penaltyOf', { username: member.username, department: department.name })}
                      style={{ width: '5em' }}
                    />{' '}
                    <Button type="submit" size="1" variant="soft" name="intent" value="set-penalty">
                      {t('members.setPenalty')}
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
                      aria-label={t('members.removeFrom', { username: member.username, department: department.name })}
                    >
                      {t('common:actions.remove')}
                    </Button>
                  </Form>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
      <Form method="post" className="inline-form" aria-label={t('members.addTo', { department: department.name })}>
        <CsrfInput />
        <input type="hidden" name="departmentId" value={department.id} />
        <Flex gap="2" align="center" wrap="wrap">
          <select
            name="personId"
            defaultValue={failed?.values.personId ?? ''}
            aria-label={t('members.personToAdd', { department: department.name })}
          >
            <option value="">{t('members.choosePerson')}</option>
            {outside.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label} ({person.username})
              </option>
            ))}
          </select>
          <label>
            {t('members.penalty')}{' '}
            <input
              name="penalty"
              type="number"
              min={0}
              max={99}
              defaultValue={failed?.values.penalty ?? '0'}
              aria-label={t('members.newPenalty', { department: department.name })}
              style={{ width: '5em' }}
            />
          </label>
          <Button type="submit" size="1" name="intent" value="add-member">
            {t('members.add')}
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
