import type { ServiceLocation } from '../api/types';

/** Where a service happens, in words: the address, "By phone: …" or "Video call". */
export function locationText(l: ServiceLocation | null | undefined): string | null {
  if (!l) return null;
  switch (l.kind) {
    case 'inPerson':
      return l.address;
    case 'phone':
      return l.phone ? `By phone: ${l.phone}` : 'By phone';
    case 'video':
      return 'Video call (the link is in your confirmation)';
  }
}
