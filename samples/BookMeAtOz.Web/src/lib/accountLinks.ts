// The links of the account e-mails (docs/http-api.md, "Account links"): `/reset-password#token=…` and
// `/accept-invitation#token=…`. The token is in the fragment (browsers send it to no server), escaped as a
// URI component.

/** The token of a link's fragment (`#token=…`, other parameters allowed), or null when there is none. */
export function tokenFromFragment(hash: string): string | null {
  const params = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of params.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== 'token') continue;
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, '%20'));
    } catch {
      return null;
    }
    value = value.trim();
    return value.length > 0 && value.length <= 1000 && !/\s/.test(value) ? value : null;
  }
  return null;
}
