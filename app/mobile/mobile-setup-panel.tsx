// The People page's "Set up a mobile phone" panel for one person (/people?mobile=<personId>): make a one-time link
// and show it as a QR code and as text, with its expiry; list the person's outstanding links, each with a Revoke
// button. Rendered on the server like the rest of the page, so it works before (and without) the page's scripts.
import { Button, Callout, Flex, Heading, Text, TextField } from '@radix-ui/themes';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Link } from 'react-router';
import { CsrfInput } from '../components/csrf-input.tsx';
import { useFormat } from '../i18n/use-format.ts';
import type { CreatedMobileLink, MobileActionResult, MobileSetup } from '../routes/people-mobile.server.ts';
import './mobile-setup.css';

export function MobileSetupPanel(props: { setup: MobileSetup; result: MobileActionResult['mobile'] | null }) {
  const { t } = useTranslation(['mobile', 'common']);
  const format = useFormat();
  const { person, links, tlsAvailable } = props.setup;
  const result = props.result?.personId === person.id ? props.result : null;
  // A link just made is shown while it is still outstanding: once revoked (or used, or expired) its QR code goes.
  const created =
    result && 'created' in result && links.some((link) => link.id === result.created.linkId) ? result.created : null;
  // A link lives up to a day: its times carry the date when it is not the same day (as today, or as its creation).
  const moment = (ms: number, reference = Date.now()) =>
    sameDay(ms, reference) ? format.time(ms) : format.dateTime(ms);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [person.id]);

  return (
    <section
      className="panel mobile-setup"
      role="dialog"
      aria-labelledby="mobile-setup-title"
      data-testid="mobile-setup"
    >
      <Flex justify="between" align="start" gap="3" mb="2">
        <Heading as="h2" size="4" mt="0" id="mobile-setup-title" ref={heading} tabIndex={-1}>
          {t('dialog.title', { name: person.displayName })}
        </Heading>
        <Button asChild variant="soft" color="gray" size="1">
          <Link to="/people" data-testid="mobile-setup-close">
            {t('dialog.close')}
          </Link>
        </Button>
      </Flex>
      <Text as="p" size="2" mb="2">
        {t('dialog.intro', { name: person.displayName, username: person.username })}
      </Text>
      <ol className="mobile-setup-steps">
        <li>{t('dialog.step1')}</li>
        <li>{t('dialog.step2')}</li>
        <li>{t('dialog.step3')}</li>
      </ol>

      {!tlsAvailable ? (
        <Callout.Root color="orange" mb="3" role="alert">
          <Callout.Text>{t('dialog.noTls')}</Callout.Text>
        </Callout.Root>
      ) : null}
      {result && 'error' in result ? (
        <Callout.Root color="red" mb="3" role="alert" data-testid="mobile-setup-error">
          <Callout.Text>{result.error}</Callout.Text>
        </Callout.Root>
      ) : null}
      {result && 'done' in result ? (
        <Callout.Root color="green" mb="3" role="status" data-testid="mobile-setup-done">
          <Callout.Text>{result.done}</Callout.Text>
        </Callout.Root>
      ) : null}

      {created ? <CreatedLink created={created} name={person.displayName} /> : null}

      <Form method="post" className="mobile-setup-create">
        <CsrfInput />
        <input type="hidden" name="personId" value={person.id} />
        <Button
          type="submit"
          name="intent"
          value="mobile-link-create"
          disabled={!tlsAvailable}
          data-testid="mobile-link-create"
        >
          {created ? t('dialog.createAnother') : t('dialog.create')}
        </Button>
      </Form>

      <Heading as="h3" size="3" mt="4" mb="2">
        {t('dialog.outstanding')}
      </Heading>
      {links.length === 0 ? (
        <Text as="p" size="2" color="gray" data-testid="mobile-links-none">
          {t('dialog.none')}
        </Text>
      ) : (
        <ul className="mobile-setup-links" data-testid="mobile-links">
          {links.map((link) => {
            const createdAt = moment(link.createdAt);
            return (
              <li key={link.id} data-testid={`mobile-link-${link.id}`} data-link-id={link.id}>
                <Text size="2">
                  {t('dialog.linkRow', {
                    created: createdAt,
                    author: link.createdByUsername ?? t('dialog.unknownAuthor'),
                    expires: moment(link.expiresAt, link.createdAt),
                  })}
                </Text>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="personId" value={person.id} />
                  <input type="hidden" name="linkId" value={link.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="mobile-link-revoke"
                    color="red"
                    variant="soft"
                    size="1"
                    aria-label={t('dialog.revokeLabel', { created: createdAt })}
                    data-testid="mobile-link-revoke"
                  >
                    {t('dialog.revoke')}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CreatedLink({ created, name }: { created: CreatedMobileLink; name: string }) {
  const { t } = useTranslation('mobile');
  const format = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [created.linkId]);

  async function copy() {
    try {
      // Only in a secure context (HTTPS or localhost); elsewhere the selected text is copied the old way.
      await navigator.clipboard.writeText(created.url);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  }

  return (
    <div className="mobile-setup-link" data-testid="mobile-link-created" data-link-id={created.linkId}>
      <img
        className="mobile-setup-qr"
        src={created.qrCode}
        alt={t('dialog.qrAlt', { name })}
        width={256}
        height={256}
        data-testid="mobile-link-qr"
      />
      <div className="mobile-setup-link-text">
        <label htmlFor="mobile-link-url">
          <Text size="2" weight="bold">
            {t('dialog.linkLabel')}
          </Text>
        </label>
        <TextField.Root
          id="mobile-link-url"
          ref={input}
          readOnly
          value={created.url}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="mobile-link-url"
        />
        <Flex gap="2" align="center" wrap="wrap">
          <Button type="button" variant="soft" size="1" onClick={() => void copy()} data-testid="mobile-link-copy">
            {copied ? t('dialog.copied') : t('dialog.copy')}
          </Button>
        </Flex>
        <Text as="p" size="2" data-testid="mobile-link-expiry">
          {t('dialog.expires', {
            time: sameDay(created.expiresAt, Date.now())
              ? format.time(created.expiresAt)
              : format.dateTime(created.expiresAt),
            minutes: created.minutes,
          })}
        </Text>
        <Text as="p" size="1" color="gray">
          {t('dialog.shownOnce')}
        </Text>
        {created.plainHttp ? (
          <Callout.Root color="orange" size="1" role="alert" data-testid="mobile-link-plain-http">
            <Callout.Text>{t('dialog.plainHttp')}</Callout.Text>
          </Callout.Root>
        ) : null}
      </div>
    </div>
  );
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
