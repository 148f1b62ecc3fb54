/**
 * Subdomains no business may take (the server's Tenant.ReservedSlugs): the web app's one list, used by the sign-up
 * form and by tenant resolution. tests/e2e/contract.e2e.test.ts checks that the server refuses each.
 */
export const RESERVED_SLUGS: readonly string[] = ['www', 'api', 'app', 'admin', 'static', 'assets', 'mail', 'hubs', 'health', 'metrics'];
