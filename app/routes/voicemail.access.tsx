// /voicemail/access (administrators): which staff account is which person of the directory, i.e. whose voicemail
// each account hears on /voicemail. Explicit links only (docs/decisions/007-voicemail-web-access.md).
import { Badge, Button, Callout, Flex, Heading, Select, Table, Text } from '@radix-ui/themes';
import { useTranslation } from 'react-i18next';
import { data, Form } from 'react-router';
import { z } from 'zod';
import { VoicemailTheme } from '../voicemail/radix-theme.tsx';
import { requireRole } from '../auth.server.ts';
import { CsrfInput } from '../components/csrf-input.tsx';
import {
  linkedPersonOfAccount,
  linkStaffAccountToPerson,
  loadVoicemailAccessPage,
  unlinkStaffAccount,
} from './voicemail.access.server.ts';
import { requestTranslator } from '../i18n/language.server.ts';
import { revokeAfterLinkChange, softphoneDeps } from '../softphone/credentials.server.ts';
import { pageTitle } from '../i18n/meta.ts';
import { translateMessage } from '../i18n/translate-message.ts';
import type { Route } from './+types/voicemail.access';

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: pageTitle(matches, 'voicemail:access.title') }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireRole(request, context, 'admin');
  return loadVoicemailAccessPage(context.services.db);
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('link'),
    accountId: z.string().min(1),
    personId: z.string().min(1, 'voicemail:access.errors.choosePerson'),
  }),
  z.object({ intent: z.literal('unlink'), accountId: z.string().min(1) }),
]);

type ActionResult = { done: string } | { error: string };

export async function action({ request, context }: Route.ActionArgs) {
  const { account } = await requireRole(request, context, 'admin');
  const t = requestTranslator(request, context);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const error = parsed.error.issues.map((issue) => translateMessage(t, issue.message)).join('; ');
    return data<ActionResult>({ error }, { status: 400 });
  }
  const input = parsed.data;
  // The link also says whose phone the account's web softphone uses: a password issued for the person it was
  // linked to stops working when it changes.
  const before = linkedPersonOfAccount(context.services.db, input.accountId);
  const softphone = softphoneDeps(context.services);
  if (input.intent === 'unlink') {
    unlinkStaffAccount(context.services.db, input.accountId);
    await revokeAfterLinkChange(softphone, before, null, `staff account ${input.accountId} unlinked`);
    return data<ActionResult>({ done: t('voicemail:access.unlinked') });
  }
  const linked = linkStaffAccountToPerson(
    context.services.db,
    { accountId: input.accountId, personId: input.personId, linkedBy: account.username },
    t,
  );
  if (!linked.ok) return data<ActionResult>({ error: linked.message }, { status: 409 });
  await revokeAfterLinkChange(
    softphone,
    before,
    input.personId,
    `staff account ${input.accountId} linked to another person`,
  );
  return data<ActionResult>({ done: t('voicemail:access.linked') });
}

export default function VoicemailAccess({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation(['voicemail', 'common']);
  const result = actionData as ActionResult | undefined;
  return (
    <VoicemailTheme>
      <Heading as="h1" mb="2">
        {t('access.title')}
      </Heading>
      <Text as="p" color="gray" mb="3">
        {t('access.intro')}
      </Text>
      {result ? (
        <Callout.Root color={'error' in result ? 'red' : 'green'} mb="3" role="status">
          <Callout.Text>{'error' in result ? result.error : result.done}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Table.Root variant="surface">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeaderCell>{t('access.columns.account')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>{t('access.columns.role')}</Table.ColumnHeaderCell>
            <Table.ColumnHeaderCell>{t('access.columns.person')}</Table.ColumnHeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {loaderData.accounts.map((account) => (
            <Table.Row key={account.id} data-testid={`access-${account.username}`}>
              <Table.Cell>
                {account.username} {account.disabled ? <Badge color="gray">{t('access.disabled')}</Badge> : null}
              </Table.Cell>
              <Table.Cell>{t(`common:roles.${account.role}`)}</Table.Cell>
              <Table.Cell>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="accountId" value={account.id} />
                  <Flex gap="2" align="center">
                    <Select.Root name="personId" defaultValue={account.link?.personId}>
                      <Select.Trigger
                        placeholder={t('access.noPerson')}
                        aria-label={t('access.personFor', { username: account.username })}
                      />
                      <Select.Content>
                        {loaderData.people.map((person) => (
                          <Select.Item key={person.id} value={person.id}>
                            {person.label}
                          </Select.Item>
                        ))}
                      </Select.Content>
                    </Select.Root>
                    <Button type="submit" name="intent" value="link" size="1" variant="soft">
                      {t('access.link')}
                    </Button>
                    {account.link ? (
                      <Button type="submit" name="intent" value="unlink" size="1" variant="soft" color="gray">
                        {t('access.unlink')}
                      </Button>
                    ) : null}
                  </Flex>
                </Form>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </VoicemailTheme>
  );
}
