import { Button, Text } from '@radix-ui/themes';
import type { ComponentProps } from 'react';
import { useFetcher } from 'react-router';
import { CsrfInput } from '#app/components/csrf-input.tsx';

// One action on a live room as a small form posted to /conferences without leaving the page: the change itself
// comes back through the room stream, so the button only shows that it is busy, or why the server refused.

export interface RoomActionButtonProps {
  intent: string;
  room: string;
  participantId?: string;
  label: string;
  /** A sentence to confirm first, for actions that cut people off. */
  confirm?: string;
  color?: ComponentProps<typeof Button>['color'];
  variant?: ComponentProps<typeof Button>['variant'];
}

export function RoomActionButton({
  intent,
  room,
  participantId,
  label,
  confirm,
  color,
  variant = 'soft',
}: RoomActionButtonProps) {
  const fetcher = useFetcher<{ ok: true } | { error: string }>();
  const busy = fetcher.state !== 'idle';
  const error = fetcher.state === 'idle' && fetcher.data && 'error' in fetcher.data ? fetcher.data.error : null;
  return (
    <fetcher.Form
      method="post"
      action="/conferences"
      className="inline-form"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="room" value={room} />
      {participantId !== undefined ? <input type="hidden" name="participantId" value={participantId} /> : null}
      <Button type="submit" size="1" color={color} variant={variant} loading={busy} data-action={intent}>
        {label}
      </Button>
      {error ? (
        <Text size="1" color="red" role="alert">
          {error}
        </Text>
      ) : null}
    </fetcher.Form>
  );
}
