import { Theme } from '@radix-ui/themes';
import type { ReactNode } from 'react';

/**
 * Radix Themes' Select and AlertDialog need a <Theme> above them (they throw without one). Until the app's root
 * provides it, the voicemail pages bring their own; nested inside the root's, a <Theme> only inherits its settings.
 */
export function VoicemailTheme({ children }: { children: ReactNode }) {
  return <Theme hasBackground={false}>{children}</Theme>;
}
