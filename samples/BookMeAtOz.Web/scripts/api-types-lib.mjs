// The API's TypeScript types from the host's OpenAPI document (openapi-typescript), as committed in src/api/schema.d.ts.
import openapiTS, { astToString } from 'openapi-typescript';

export const SCHEMA_FILE = 'src/api/schema.d.ts';

const HEADER = `// Generated from the reference host's /openapi/v1.json by openapi-typescript: do not edit.
// Regenerate with \`node scripts/api-types.mjs HOST_URL\`; the e2e suite fails when this file drifts from the host.
`;

export async function generateApiTypes(host) {
  const response = await fetch(`${host}/openapi/v1.json`);
  if (!response.ok) throw new Error(`${host}/openapi/v1.json answered ${response.status}`);
  const document = await response.json();
  const ast = await openapiTS(document);
  return HEADER + astToString(ast);
}
