import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptInvitation, confirmPasswordReset, requestPasswordReset } from './accounts';
import { ApiError } from './http';

// The account calls over a stubbed fetch, on a tenant's subdomain as the e-mailed links are.
let calls: { url: string; init: RequestInit }[];

function answer(status: number, body?: string, headers: Record<string, string> = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body ?? null, { status, headers });
    }),
  );
}

beforeEach(() => {
  calls = [];
  vi.stubGlobal('window', { location: { hostname: 'demo.localhost', search: '' } });
  vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => undefined });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('account calls', () => {
  it('takes the body-less 202 of a reset request', async () => {
    answer(202);
    await expect(requestPasswordReset('ann@example.com')).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/v1/auth/password-reset');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ email: 'ann@example.com' });
  });

  it('confirms a reset (204) and accepts an invitation (a token pair)', async () => {
    answer(204);
    await expect(confirmPasswordReset({ token: 't0k', newPassword: 'a fresh phrase' })).resolves.toBeUndefined();
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ token: 't0k', newPassword: 'a fresh phrase' });

    const pair = { accessToken: 'a', refreshToken: 'r', expiresAt: '2030-01-01T00:00:00+00:00', user: { id: 'u', tenantId: 't', name: 'Ivy', email: 'ivy@example.com', role: 'staff', staffId: 's' } };
    answer(200, JSON.stringify(pair), { 'Content-Type': 'application/json' });
    await expect(acceptInvitation({ token: 't0k', name: 'Ivy', password: 'ivy own phrase' })).resolves.toEqual(pair);
    expect(calls[1]!.url).toBe('/api/v1/auth/invitations/accept');
  });

  it('turns a refused token into an ApiError with the field', async () => {
    const problem = { type: 'about:blank', title: 'Validation failed', status: 400, code: 'validation_failed', detail: 'The request is not valid.', errors: { token: ['The link is not valid.'] } };
    answer(400, JSON.stringify(problem), { 'Content-Type': 'application/problem+json' });
    const error = await confirmPasswordReset({ token: 'used', newPassword: 'a fresh phrase' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', errors: { token: ['The link is not valid.'] } });
  });
});
