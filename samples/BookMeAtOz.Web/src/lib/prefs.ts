// The customer's display time zone: detected from the browser, switchable, remembered on this device.
import { useCallback, useState } from 'react';
import { detectTimeZone, isValidTimeZone } from './time';

const KEY = 'bookmeatoz.timeZone';

function stored(): string | null {
  try {
    const z = localStorage.getItem(KEY);
    return z && isValidTimeZone(z) ? z : null;
  } catch {
    return null;
  }
}

export function useDisplayTimeZone(): [string, (zone: string) => void] {
  const [zone, setZone] = useState(() => stored() ?? detectTimeZone());
  const change = useCallback((next: string) => {
    if (!isValidTimeZone(next)) return;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not remembered; still used on this page.
    }
    setZone(next);
  }, []);
  return [zone, change];
}

/** The chosen language for Intl formatting (src/i18n sets it; a live binding, so every reader sees a change). */
export let locale: string | undefined = typeof navigator !== 'undefined' ? navigator.language : undefined;

export function setFormatLocale(next: string) {
  locale = next;
}
