// The web app's view of the API against the host it runs with: the generated types (src/api/schema.d.ts, which
// src/api/contract.ts checks the app's own types against at build time) match the host's OpenAPI document, and
// the app's reserved subdomains are the server's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, SCHEMA_FILE } from '../../scripts/api-types-lib.mjs';
import { RESERVED_SLUGS } from '../../src/lib/reserved';
import { hostUrl } from './support';

describe('contract', () => {
  it('has API types generated from the host’s OpenAPI document, unchanged since', async () => {
    const generated: string = await generateApiTypes(hostUrl);
    const committed = readFileSync(new URL(`../../${SCHEMA_FILE}`, import.meta.url), 'utf8');
    // On a difference: `node scripts/api-types.mjs <host>` with a host of this build, then commit the file.
    expect(committed === generated, `${SCHEMA_FILE} drifted from ${hostUrl}/openapi/v1.json: run \`npm run api-types -- <host URL>\``).toBe(true);
  });

  it('refuses every reserved subdomain the app refuses', async () => {
    for (const slug of RESERVED_SLUGS) {
      const r = await fetch(`${hostUrl}/api/v1/tenants`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ name: 'Reserved', slug, timeZone: 'UTC', currency: 'AUD', owner: { name: 'Res Erved', email: `res-${slug}@example.com`, password: 'a-long-password' } }),
      });
      const body = (await r.json()) as { code?: string; errors?: Record<string, string[]> };
      expect([slug, r.status, Object.keys(body.errors ?? {})]).toEqual([slug, 400, ['slug']]);
    }
  });
});
