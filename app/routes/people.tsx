// /people (administrators): the phone directory. Each person has an extension, a SIP account for their phone and a
// voicemail box; adding one also publishes their personal flow and pushes their account to Asterisk
// (provisioning/people/people-service.ts). SIP passwords and PINs are write-only: typed once, never shown again.
import { Badge, Button, Callout, Flex, Heading, Table, Text, TextField, Theme } from '@radix-ui/themes';
import type { ReactNode } from 'react';
import { Form, Link } from 'react-router';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import { changePeople, loadPeoplePage, type FormValues, type PeopleActionResult } from './people.server.ts';
import type { Route } from './+types/people';

export function meta() {
  return [{ title: 'People · Switchboard' }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'admin');
  const url = new URL(request.url);
  const people = loadPeoplePage(context.services.db);
  const editing = url.searchParams.get('edit');
  const removing = url.searchParams.get('remove');
  return {
    people,
    editing: editing ? (people.find((person) => person.id === editing) ?? null) : null,
    removing: removing ? (people.find((person) => person.id === removing) ?? null) : null,
    asteriskLive: context.services.sipProvisioner !== undefined,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'admin');
  return changePeople(context.services, account.username, await request.formData());
}

type Person = Route.ComponentProps['loaderData']['people'][number];

export default function People({ loaderData, actionData }: Route.ComponentProps) {
  const { people, editing, removing, asteriskLive } = loaderData;
  const result = actionData as PeopleActionResult | undefined;
  const failed = result && 'fieldErrors' in result ? result : null;
  const done = result && 'done' in result ? result : null;
  return (
    <Theme hasBackground={false}>
      <Heading as="h1" mb="2">
        People
      </Heading>
      <Text as="p" color="gray" mb="3">
        Everyone with a phone: their extension rings their SIP account, then their voicemail, through a personal flow
        you can redraw in the designer. SIP passwords and voicemail PINs are never shown again once saved.
        {asteriskLive
          ? ' Changes reach Asterisk at once.'
          : ' No Asterisk is connected: changes reach it when Switchboard next connects to it.'}
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
              <Link to={`/flows/${done.flowId}/edit`}>Open their flow in the designer</Link>
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

      <Table.Root variant="surface" mb="5">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>Extension</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>SIP user name</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>E-mail</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>Language</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {people.map((person) => (
            <Table.Row key={person.id} data-testid={`person-${person.username}`}>
              <Table.Cell>{person.extension}</Table.Cell>
              <Table.Cell>
                {person.displayName} {person.pinLocked ? <Badge color="orange">voicemail locked</Badge> : null}
              </Table.Cell>
              <Table.Cell>{person.username}</Table.Cell>
              <Table.Cell>{person.email ?? ''}</Table.Cell>
              <Table.Cell>{person.language}</Table.Cell>
              <Table.Cell>
                <Flex gap="3">
                  <Link to={`/people?edit=${person.id}`}>Edit</Link>
                  <Link to={`/people?remove=${person.id}`}>Remove</Link>
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
          title={`Edit ${editing.displayName}`}
          person={editing}
          failed={failed?.intent === 'edit' ? failed : null}
        />
      ) : (
        <PersonForm
          key={`add-${done?.done ?? ''}`}
          intent="add"
          title="Add a person"
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
  const problem = error ? Object.values(error.fieldErrors)[0] : undefined;
  return (
    <Callout.Root color="red" mb="3" role="alert">
      <Callout.Text>
        {`Remove ${person.displayName} (${person.extension})? Their SIP account stops working, their voicemail messages ` +
          `are deleted, and their personal flow stops answering ${person.extension} and is archived.`}
      </Callout.Text>
      {problem ? <Callout.Text weight="bold">{problem}</Callout.Text> : null}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="personId" value={person.id} />
        <Flex gap="2" mt="2">
          <Button type="submit" name="intent" value="remove" color="red">
            Remove {person.username}
          </Button>
          <Button asChild variant="soft" color="gray">
            <Link to="/people">Keep</Link>
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
  const { intent, person, failed } = props;
  const errors = failed?.fieldErrors ?? {};
  const initial = (name: keyof FormValues, fallback = '') =>
    failed?.values[name] ?? (person ? String(person[name] ?? '') : fallback);
  const secretHint = intent === 'edit' ? 'Leave empty to keep the current one.' : undefined;
  return (
    <section className="panel">
      <Heading as="h2" size="4" mb="3">
        {props.title}
      </Heading>
      <Form method="post" className="form-grid" aria-label={props.title}>
        <CsrfInput />
        {person ? <input type="hidden" name="personId" value={person.id} /> : null}
        <Field label="Name" name="displayName" error={errors.displayName}>
          <TextField.Root
            id="person-displayName"
            name="displayName"
            defaultValue={initial('displayName')}
            required
            autoComplete="off"
          />
        </Field>
        <Field label="Extension" name="extension" error={errors.extension}>
          <TextField.Root
            id="person-extension"
            name="extension"
            defaultValue={initial('extension')}
            required
            inputMode="numeric"
            autoComplete="off"
          />
        </Field>
        <Field label="SIP user name" name="username" error={errors.username}>
          <TextField.Root
            id="person-username"
            name="username"
            defaultValue={initial('username')}
            required
            autoComplete="off"
          />
        </Field>
        <Field
          label="SIP password"
          name="sipPassword"
          error={errors.sipPassword}
          hint={secretHint ?? 'At least 8 characters, not the user name.'}
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
          label="Voicemail PIN"
          name="voicemailPin"
          error={errors.voicemailPin}
          hint={secretHint ?? '4 to 10 digits.'}
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
        <Field label="E-mail" name="email" error={errors.email}>
          <TextField.Root
            id="person-email"
            name="email"
            type="email"
            defaultValue={initial('email')}
            autoComplete="off"
          />
        </Field>
        <Field label="Language" name="language" error={errors.language} hint="Of their voicemail, e.g. fr-FR or en-US.">
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
            {intent === 'add' ? 'Add' : 'Save'}
          </Button>
          {intent === 'edit' ? (
            <Button asChild variant="soft" color="gray">
              <Link to="/people">Cancel</Link>
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
