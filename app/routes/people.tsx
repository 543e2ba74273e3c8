// /people (administrators): the phone directory. Each person has an extension, a SIP account for their phone and a
// voicemail box; adding one also publishes their personal flow and pushes their account to Asterisk
// (provisioning/people/people-service.ts). SIP passwords and PINs are write-only: typed once, never shown again.
import { Badge, Button, Callout, Flex, Heading, Table, Text, TextField, Theme } from '@radix-ui/themes';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { changePeople, loadPeoplePage, type FormValues, type PeopleActionResult } from './people.server.ts';
import { changeMobileLinks, isMobileIntent, loadMobileSetup, type MobileActionResult } from './people-mobile.server.ts';
import { MobileSetupPanel } from '../mobile/mobile-setup-panel.tsx';
import { requestTranslator } from '../i18n/language.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import type { Route } from './+types/people';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'people:title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'admin');
  const url = new URL(request.url);
  const people = loadPeoplePage(context.services.db);
  const editing = url.searchParams.get('edit');
  const removing = url.searchParams.get('remove');
  const mobile = url.searchParams.get('mobile');
  return {
    people,
    editing: editing ? (people.find((person) => person.id === editing) ?? null) : null,
    removing: removing ? (people.find((person) => person.id === removing) ?? null) : null,
    // "Set up a mobile phone" for one person (app/mobile/mobile-setup-panel.tsx).
    mobileSetup: mobile ? loadMobileSetup(context.services.db, mobile) : null,
    asteriskLive: context.services.sipProvisioner !== undefined,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'admin');
  const form = await request.formData();
  const t = requestTranslator(request, context);
  if (isMobileIntent(form.get('intent'))) {
    return changeMobileLinks({
      db: context.services.db,
      accountId: account.id,
      form,
      t,
      origin: new URL(request.url).origin,
    });
  }
  return changePeople(context.services, account.username, form, t);
}

type Person = Route.ComponentProps['loaderData']['people'][number];

export default function People({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['people', 'common', 'mobile']);
  const { people, editing, removing, mobileSetup, asteriskLive } = loaderData;
  const answer = actionData as PeopleActionResult | MobileActionResult | undefined;
  const mobileResult = answer && 'mobile' in answer ? answer.mobile : null;
  const result = answer && !('mobile' in answer) ? answer : undefined;
  const failed = result && 'fieldErrors' in result ? result : null;
  const done = result && 'done' in result ? result : null;
  return (
    <Theme hasBackground={false}>
      <Heading as="h1" mb="2">
        {t('title')}
      </Heading>
      <Text as="p" color="gray" mb="3">
        {t('intro')} {asteriskLive ? t('asteriskLive') : t('asteriskOffline')}
      </Text>

      {done ? (
        <Callout.Root color="green" mb="3" role="status">
          <Callout.Text>{done.done}</Callout.Text>
          {done.notes.map((note) => (
            <Callout.Text key={note.text} color={note.tone === 'warning' ? 'orange' : undefined}>
              {note.text}
            </Callout.Text>
          ))}
          {done.flowId ? (
            <Callout.Text>
              <Link to={`/flows/${done.flowId}/edit`}>{t('openFlow')}</Link>
            </Callout.Text>
          ) : null}
        </Callout.Root>
      ) : null}
      {failed?.formError ? (
        <Callout.Root color="red" mb="3" role="alert">
          <Callout.Text>{failed.formError}</Callout.Text>
        </Callout.Root>
      ) : null}

      {removing && !(done && done.intent === 'remove') ? (
        <RemoveConfirmation person={removing} error={failed?.intent === 'remove' ? failed : null} />
      ) : null}

      {mobileSetup ? <MobileSetupPanel setup={mobileSetup} result={mobileResult} /> : null}

      <Table.Root variant="surface" mb="5">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>{t('columns.extension')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>{t('columns.name')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>{t('columns.username')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell className="wide-only">{t('columns.email')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell className="wide-only">{t('columns.language')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {people.map((person) => (
            <Table.Row key={person.id} data-testid={`person-${person.username}`}>
              <Table.Cell>{person.extension}</Table.Cell>
              <Table.Cell>
                {person.displayName} {person.pinLocked ? <Badge color="orange">{t('pinLocked')}</Badge> : null}
              </Table.Cell>
              <Table.Cell>{person.username}</Table.Cell>
              <Table.Cell className="wide-only">{person.email ?? ''}</Table.Cell>
              <Table.Cell className="wide-only">{person.language}</Table.Cell>
              <Table.Cell>
                <Flex gap="3" wrap="wrap">
                  <Link to={`/people?edit=${person.id}`}>{t('common:actions.edit')}</Link>
                  <Link to={`/people?remove=${person.id}`}>{t('common:actions.remove')}</Link>
                  <Link to={`/people?mobile=${person.id}`} data-testid="person-mobile-setup">
                    {t('mobile:action')}
                  </Link>
                </Flex>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>

      {editing ? (
        <PersonForm
          key={`edit-${editing.id}-${done?.done ?? ''}`}
          intent="edit"
          title={t('form.editTitle', { name: editing.displayName })}
          person={editing}
          failed={failed?.intent === 'edit' ? failed : null}
        />
      ) : (
        <PersonForm
          key={`add-${done?.done ?? ''}`}
          intent="add"
          title={t('form.addTitle')}
          person={null}
          failed={failed?.intent === 'add' ? failed : null}
        />
      )}
    </Theme>
  );
}

function RemoveConfirmation({
  person,
  error,
}: {
  person: Person;
  error: { fieldErrors: Record<string, string> } | null;
}) {
  const { t } = useTranslation('people');
  const problem = error ? Object.values(error.fieldErrors)[0] : undefined;
  return (
    <Callout.Root color="red" mb="3" role="alert">
      <Callout.Text>{t('remove.confirm', { name: person.displayName, extension: person.extension })}</Callout.Text>
      {problem ? <Callout.Text weight="bold">{problem}</Callout.Text> : null}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="personId" value={person.id} />
        <Flex gap="2" mt="2">
          <Button type="submit" name="intent" value="remove" color="red">
            {t('remove.button', { username: person.username })}
          </Button>
          <Button asChild variant="soft" color="gray">
            <Link to="/people">{t('remove.keep')}</Link>
          </Button>
        </Flex>
      </Form>
    </Callout.Root>
  );
}

function PersonForm(props: {
  intent: 'add' | 'edit';
  title: string;
  person: Person | null;
  failed: { fieldErrors: Record<string, string>; values: FormValues } | null;
}) {
  const { t } = useTranslation(['people', 'common']);
  const { intent, person, failed } = props;
  const errors = failed?.fieldErrors ?? {};
  const initial = (name: keyof FormValues, fallback = '') =>
    failed?.values[name] ?? (person ? String(person[name] ?? '') : fallback);
  const secretHint = intent === 'edit' ? t('form.keepSecret') : undefined;
  return (
    <section className="panel">
      <Heading as="h2" size="4" mb="3">
        {props.title}
      </Heading>
      <Form method="post" className="form-grid" aria-label={props.title}>
        <CsrfInput />
        {person ? <input type="hidden" name="personId" value={person.id} /> : null}
        <Field label={t('form.name')} name="displayName" error={errors.displayName}>
          <TextField.Root
            id="person-displayName"
            name="displayName"
            defaultValue={initial('displayName')}
            required
            autoComplete="off"
          />
        </Field>
        <Field label={t('form.extension')} name="extension" error={errors.extension}>
          <TextField.Root
            id="person-extension"
            name="extension"
            defaultValue={initial('extension')}
            required
            inputMode="numeric"
            autoComplete="off"
          />
        </Field>
        <Field label={t('form.username')} name="username" error={errors.username}>
          <TextField.Root
            id="person-username"
            name="username"
            defaultValue={initial('username')}
            required
            autoComplete="off"
          />
        </Field>
        <Field
          label={t('form.sipPassword')}
          name="sipPassword"
          error={errors.sipPassword}
          hint={secretHint ?? t('form.sipPasswordHint')}
        >
          <TextField.Root
            id="person-sipPassword"
            name="sipPassword"
            type="password"
            autoComplete="new-password"
            required={intent === 'add'}
          />
        </Field>
        <Field
          label={t('form.voicemailPin')}
          name="voicemailPin"
          error={errors.voicemailPin}
          hint={secretHint ?? t('form.pinHint')}
        >
          <TextField.Root
            id="person-voicemailPin"
            name="voicemailPin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            required={intent === 'add'}
          />
        </Field>
        <Field label={t('form.email')} name="email" error={errors.email}>
          <TextField.Root
            id="person-email"
            name="email"
            type="email"
            defaultValue={initial('email')}
            autoComplete="off"
          />
        </Field>
        <Field label={t('form.language')} name="language" error={errors.language} hint={t('form.languageHint')}>
          <TextField.Root
            id="person-language"
            name="language"
            defaultValue={initial('language', 'fr-FR')}
            autoComplete="off"
          />
        </Field>
        <span />
        <Flex gap="2">
          <Button type="submit" name="intent" value={intent}>
            {intent === 'add' ? t('common:actions.add') : t('common:actions.save')}
          </Button>
          {intent === 'edit' ? (
            <Button asChild variant="soft" color="gray">
              <Link to="/people">{t('common:actions.cancel')}</Link>
            </Button>
          ) : null}
        </Flex>
      </Form>
    </section>
  );
}

function Field(props: { label: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={`person-${props.name}`}>{props.label}</label>
      <div>
        {props.children}
        {props.hint ? (
          <Text as="p" size="1" color="gray">
            {props.hint}
          </Text>
        ) : null}
        {props.error ? (
          <Text as="p" size="1" color="red" className="field-error" data-field={props.name}>
            {props.error}
          </Text>
        ) : null}
      </div>
    </>
  );
}
