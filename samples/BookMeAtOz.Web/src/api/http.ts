import { currentTenant } from './tenant';

/** An RFC 9457 problem from the API, or a network failure (code 'network'). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: Record<string, string[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The whole problem body, for routes whose problems carry more (a series' `skipped`). */
  readonly body: unknown;

  constructor(status: number, code: string, detail: string, errors?: Record<string, string[]>, retryAfterSeconds?: number, body?: unknown) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string;
  manageToken?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** 'blob' for downloads such as the .ics file. */
  as?: 'json' | 'blob';
}

/** The headers every API call of this page carries (X-Tenant when the tenant came from `?tenant=`). */
export function tenantHeaders(): Record<string, string> {
  const tenant = currentTenant();
  return tenant.source === 'query' && tenant.slug ? { 'X-Tenant': tenant.slug } : {};
}

/** Calls the API under /api/v1 and returns the parsed body; throws ApiError for any problem. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...tenantHeaders(), ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.manageToken) headers['X-Manage-Token'] = options.manageToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'We could not reach the server. Please check your connection and try again.');
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  if (options.as === 'blob') return (await response.blob()) as T;
  // Some answers have no body (202 to a password-reset request).
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problemOf(response: Response): Promise<ApiError> {
  const retry = Number(response.headers.get('Retry-After') ?? NaN);
  try {
    const p = (await response.json()) as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
    return new ApiError(
      response.status,
      p.code ?? `http_${response.status}`,
      p.detail ?? p.title ?? `The server answered ${response.status}.`,
      p.errors,
      Number.isFinite(retry) ? retry : undefined,
      p,
    );
  } catch {
    return new ApiError(response.status, `http_${response.status}`, `The server answered ${response.status}.`);
  }
}

/** A message for a person from any error thrown by request(). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited') {
      return error.retryAfterSeconds ? `Too many tries. Please wait ${error.retryAfterSeconds} seconds and try again.` : 'Too many tries. Please wait a minute and try again.';
    }
    return error.message;
  }
  return 'Something went wrong. Please try again.';
}
