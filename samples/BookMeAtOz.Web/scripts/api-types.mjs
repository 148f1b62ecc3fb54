// Generates src/api/schema.d.ts (the API's types) from the reference host's OpenAPI document with
// openapi-typescript, or checks that the committed file matches it.
//
//   node scripts/api-types.mjs [HOST_URL]           # writes the file (default host: $BOOKMEATOZ_API or http://localhost:5285)
//   node scripts/api-types.mjs --check [HOST_URL]   # exits 1 when the committed file differs
//
// The e2e suite runs the same check against the host it starts (tests/e2e/contract.e2e.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateApiTypes, SCHEMA_FILE } from './api-types-lib.mjs';

const args = process.argv.slice(2);
const check = args[0] === '--check';
const host = (check ? args[1] : args[0]) ?? process.env.BOOKMEATOZ_API ?? 'http://localhost:5285';
const file = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));
const generated = await generateApiTypes(host);
if (check) {
  const committed = readFileSync(file, 'utf8');
  if (committed !== generated) {
    console.error(`${SCHEMA_FILE} differs from ${host}/openapi/v1.json: run \`node scripts/api-types.mjs ${host}\` and commit it.`);
    process.exit(1);
  }
  console.log(`${SCHEMA_FILE} matches ${host}/openapi/v1.json`);
} else {
  writeFileSync(file, generated);
  console.log(`wrote ${SCHEMA_FILE} from ${host}/openapi/v1.json`);
}
