// /departments: the call centre's teams. Everyone signed in sees their own agent state (when their account is linked
// to a person of the directory) and logs in, out and pauses there; supervisors (editor, admin) also see every agent
// live and manage departments: name, ring strategy, timings, members and their penalties (docs/call-centre.md).
import { Callout, Heading, Text, Theme } from '@radix-ui/themes';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { AgentsBoard, MyAgentPanel } from '#app/departments/agent-panels.tsx';
import { ActionMessage, DepartmentSettingsForm, MembersTable } from '#app/departments/department-forms.tsx';
import { useLiveAgents, useNow } from '#app/departments/use-live-agents.ts';
import type { DepartmentsActionResult } from '#app/departments/departments-page.server.ts';
import { changeDepartments, loadDepartmentsPage } from '#app/departments/departments-page.server.ts';
import { agentStateLabel } from '#app/departments/department-text.ts';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { requestTranslator } from '../i18n/language.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import type { Route } from './+types/departments';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'departments:title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  return loadDepartmentsPage(context.services.db, { id: account.id, role: account.role });
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'viewer');
  return changeDepartments(
    context.services.db,
    { id: account.id, role: account.role },
    await request.formData(),
    requestTranslator(request, context),
  );
}

export default function Departments({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['departments', 'common']);
  const { supervisor, me, departments, people } = loaderData;
  const result = actionData as DepartmentsActionResult | undefined;
  const { snapshot, state: live } = useLiveAgents(loaderData.snapshot);
  const now = useNow();
  const names = useMemo(() => {
    const byId = snapshot.departmentNames;
    return (id: string) => byId[id] ?? id;
  }, [snapshot]);
  const agentsById = new Map(snapshot.agents.map((agent) => [agent.personId, agent]));
  const myAgent = me.kind === 'linked' ? (agentsById.get(me.agent.personId) ?? me.agent) : null;
  const failedFor = (form: string) => (result && !result.ok && result.form === form ? result : null);

  return (
    <Theme hasBackground={false}>
      <Heading as="h1" mb="2">
        {t('title')}
      </Heading>
      <Text as="p" color="gray" mb="3">
        {t('intro')}
      </Text>
      {result?.form === 'page' ? (
        <Callout.Root color={result.ok ? 'green' : 'red'} mb="3" role="alert">
          <Callout.Text>{result.ok ? result.done : result.message}</Callout.Text>
        </Callout.Root>
      ) : null}

      <section className="panel" aria-label={t('me.title')}>
        <Heading as="h2" size="4" mb="2">
          {t('me.title')}
        </Heading>
        <ActionMessage result={result} form="me" />
        <MyAgentPanel agent={myAgent} names={names} now={now} />
      </section>

      {supervisor ? (
        <>
          <section className="panel" aria-label={t('board.title')}>
            <AgentsBoard agents={snapshot.agents} names={names} now={now} live={live} />
          </section>

          {departments.map((department) => {
            const describe = (personId: string) => {
              const agent = agentsById.get(personId);
              return agent ? agentStateLabel(t, agent.state, names, now) : t('states.loggedOut');
            };
            return (
              <section
                className="panel"
                key={department.id}
                aria-label={t('section', { name: department.name })}
                data-testid={`department-${department.name}`}
              >
                <Heading as="h2" size="4" mb="2">
                  {department.name}
                </Heading>
                <ActionMessage result={result} form={`department:${department.id}`} />
                <DepartmentSettingsForm
                  key={`${department.id}-${department.updatedAt}`}
                  department={department}
                  failed={failedFor(`department:${department.id}`)}
                />
                <ActionMessage result={result} form={`members:${department.id}`} />
                <MembersTable
                  department={department}
                  people={people}
                  failed={failedFor(`members:${department.id}`)}
                  describeState={describe}
                />
                <Form method="post" style={{ marginTop: 'var(--space-3)' }}>
                  <CsrfInput />
                  <input type="hidden" name="departmentId" value={department.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="delete"
                    onClick={(event) => {
                      const what =
                        department.members.length > 0
                          ? t('delete.confirmWithMembers', {
                              name: department.name,
                              count: department.members.length,
                            })
                          : t('delete.confirm', { name: department.name });
                      if (!window.confirm(what)) event.preventDefault();
                    }}
                  >
                    {t('delete.button', { name: department.name })}
                  </button>
                </Form>
              </section>
            );
          })}

          <section className="panel" aria-label={t('newDepartment')}>
            <Heading as="h2" size="4" mb="2">
              {t('newDepartment')}
            </Heading>
            <ActionMessage result={result} form="create" />
            <DepartmentSettingsForm
              key={result?.ok && result.form === 'create' ? result.done : 'new'}
              department={null}
              failed={failedFor('create')}
            />
          </section>
        </>
      ) : (
        <Text as="p" color="gray">
          {t('supervisorsOnly')}
        </Text>
      )}
    </Theme>
  );
}
