// The signed-in admin: tokens kept in this browser's localStorage for this tenant's origin, the access
// token refreshed shortly before it expires (and once on a 401), one refresh at a time.
import { useSyncExternalStore } from 'react';
import { ApiError, request, type RequestOptions } from '../api/http';
import type { Auth, ChangePasswordRequest } from '../api/types';

const KEY = 'bookmeatoz.session';
const listeners = new Set<() => void>();
let session: Auth | null = load();
let refreshing: Promise<Auth | null> | null = null;
let signInNote: string | null = null;

function load(): Auth | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Auth) : null;
  } catch {
    return null;
  }
}

export function setSession(next: Auth | null) {
  session = next;
  if (next) signInNote = null;
  try {
    if (next) localStorage.setItem(KEY, JSON.stringify(next));
    else localStorage.removeItem(KEY);
  } catch {
    // Kept for this page only.
  }
  listeners.forEach((l) => l());
}

export function useSession(): Auth | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => session,
  );
}

export async function signIn(email: string, password: string): Promise<Auth> {
  const auth = await request<Auth>('/auth/token', { body: { email, password } });
  setSession(auth);
  return auth;
}

/** Exchanges a refresh token (from sign-up on the apex page) for a session on this origin. */
export async function adoptRefreshToken(refreshToken: string): Promise<Auth> {
  const auth = await request<Auth>('/auth/refresh', { body: { refreshToken } });
  setSession(auth);
  return auth;
}

export function signOut() {
  setSession(null);
}

/**
 * Changes the signed-in user's password. The API ends every other session and the access token used for
 * the call, and answers a fresh pair for this one, which replaces the stored pair.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Auth> {
  const body: ChangePasswordRequest = { currentPassword, newPassword };
  const auth = await adminRequest<Auth>('/auth/password', { body });
  setSession(auth);
  return auth;
}

/** A message for the sign-in screen (after a password reset), until someone signs in. */
export function leaveSignInNote(note: string) {
  signInNote = note;
}

export function signInNoteLeft(): string | null {
  return signInNote;
}

function refresh(): Promise<Auth | null> {
  const current = session;
  if (!current) return Promise.resolve(null);
  refreshing ??= request<Auth>('/auth/refresh', { body: { refreshToken: current.refreshToken } })
    .then((auth) => {
      setSession(auth);
      return auth;
    })
    .catch((e: unknown) => {
      // A network failure keeps the session for another try; a refused token ends it.
      if (e instanceof ApiError && e.status !== 0) setSession(null);
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

const signedOut = () => new ApiError(401, 'unauthorized', 'Please sign in again.');

/** An API call as the signed-in user. */
export async function adminRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let current = session;
  if (!current) throw signedOut();
  if (new Date(current.expiresAt).getTime() - Date.now() < 30_000) current = (await refresh()) ?? current;
  try {
    return await request<T>(path, { ...options, token: current.accessToken });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    const renewed = await refresh();
    if (!renewed) throw signedOut();
    return request<T>(path, { ...options, token: renewed.accessToken });
  }
}

/** The access token, refreshed first when it is about to expire (for the live connection). */
export async function freshAccessToken(): Promise<string | undefined> {
  const current = session;
  if (!current) return undefined;
  if (new Date(current.expiresAt).getTime() - Date.now() < 30_000) return (await refresh())?.accessToken ?? current.accessToken;
  return current.accessToken;
}

/** The current access token, for components that call shared API helpers. */
export function accessToken(): string | undefined {
  return session?.accessToken;
}
