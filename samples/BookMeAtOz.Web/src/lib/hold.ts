// A checkout hold's countdown on the guest's screen. The server judges a hold lapsed by its own clock; the
// browser's clock may be off, so the deadline shown is the server's `expiresAt`, but never later than the
// policy's hold length after the answer arrived (a fast browser clock would otherwise show too little time,
// a slow one too much).

/** The local instant (ms since the epoch) at which to show the hold as lapsed. */
export function holdDeadline(expiresAt: string, receivedAt: number, holdMinutes?: number): number {
  const server = Date.parse(expiresAt);
  if (!holdMinutes || holdMinutes <= 0) return server;
  return Math.min(server, receivedAt + holdMinutes * 60_000);
}

/** Whole seconds left until the deadline (0 once it has passed). */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** `m:ss` for a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
