// Starts the reference host (in-memory store, seeded `demo` tenant, Development) on a free port,
// serving the built app from dist/, and stops it after the run.
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMailSink, type MailSink } from './mail-sink';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '../..');
const repoRoot = resolve(webRoot, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    hostUrl: string;
    artifactsDir: string;
    /** Where the host's e-mail lands, one .eml file per message (mail-sink.ts). */
    mailDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

function hostDll(): string {
  const fromEnv = process.env.BOOKMEATOZ_HOST_DLL;
  if (fromEnv) return resolve(fromEnv);
  // The most recently built configuration.
  const built = ['Release', 'Debug']
    .map((config) => join(repoRoot, 'samples/BookMeAtOz.Host/bin', config, 'net10.0/BookMeAtOz.Host.dll'))
    .filter((dll) => existsSync(dll))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built[0]) return built[0];
  throw new Error('Build the host first (dotnet build samples/BookMeAtOz.Host), or set BOOKMEATOZ_HOST_DLL.');
}

let host: ChildProcess | undefined;
let sink: MailSink | undefined;

export default async function setup(project: TestProject) {
  const dist = join(webRoot, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Build the web app first: npm run build');
  const artifactsDir = resolve(process.env.BOOKMEATOZ_WEB_ARTIFACTS ?? join(webRoot, 'test-results'));
  mkdirSync(artifactsDir, { recursive: true });

  const port = await freePort();
  const url = `http://localhost:${port}`;
  // The host's e-mail (booking e-mails, reset and invitation links) goes to a loopback SMTP sink.
  const mailDir = join(artifactsDir, 'mail');
  rmSync(mailDir, { recursive: true, force: true });
  sink = await startMailSink(mailDir);
  const dll = hostDll();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: 'Development',
    ASPNETCORE_URLS: url,
    BookMeAtOz__WebApp__Root: dist,
    // Generous limits: the tests book and sign in more often than a person would in a minute.
    BookMeAtOz__RateLimiting__Bookings__PermitLimit: '1000',
    // Every time a test picks on the booking page is held first (POST /holds, 30 a minute by default).
    BookMeAtOz__RateLimiting__Holds__PermitLimit: '1000',
    BookMeAtOz__RateLimiting__SignIn__PermitLimit: '1000',
    BookMeAtOz__RateLimiting__SignUp__PermitLimit: '1000',
    BookMeAtOz__Smtp__Host: '127.0.0.1',
    BookMeAtOz__Smtp__Port: String(sink.port),
    BookMeAtOz__Smtp__UseStartTls: 'false',
    BookMeAtOz__Smtp__From: 'Bookings <bookings@demo.bookmeatoz.test>',
    // The account e-mails' links lead to this run's pages (by default they would name the production root domain).
    BookMeAtOz__Notifications__AccountLinkBaseUrl: `http://{tenant}.localhost:${port}`,
    // The integration screens' tests (integrations.e2e.test.ts): webhooks and a CalDAV calendar on loopback, and a
    // CalDAV encryption key made for this run (never one in the tree).
    BookMeAtOz__Webhooks__AllowPrivateTargets: 'true',
    BookMeAtOz__CalendarSync__AllowPrivateAddresses: 'true',
    BookMeAtOz__CalendarSync__EncryptionKey: randomBytes(32).toString('base64'),
  };
  // The in-memory store and its demo tenant: no database, no Redis.
  delete env.ConnectionStrings__BookMeAtOz;
  delete env.ConnectionStrings__Redis;

  const log = createWriteStream(join(artifactsDir, 'host.log'));
  host = spawn('dotnet', [dll], { cwd: dirname(dll), env, stdio: ['ignore', 'pipe', 'pipe'] });
  host.stdout?.pipe(log);
  host.stderr?.pipe(log);
  let exited: number | null = null;
  host.on('exit', (code) => (exited = code ?? -1));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`The host exited with ${exited} before it was ready; see ${join(artifactsDir, 'host.log')}`);
    try {
      const r = await fetch(`${url}/health/live`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The host did not answer /health/live within 90 s; see ${join(artifactsDir, 'host.log')}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  project.provide('hostUrl', url);
  project.provide('artifactsDir', artifactsDir);
  project.provide('mailDir', mailDir);
  console.log(`e2e: host ${url} (pid ${host.pid}), screenshots in ${artifactsDir}`);

  return async () => {
    const child = host;
    if (!child || child.exitCode !== null) return void (await sink?.close());
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
    await sink?.close();
  };
}
