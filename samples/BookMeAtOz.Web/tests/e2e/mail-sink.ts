// A loopback SMTP server for the end-to-end run: the reference host sends its e-mail here (plain SMTP, no
// TLS), and each message is written to a folder as an .eml file, which the tests read (mail() in
// support.ts). Just enough SMTP for MailKit: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MailSink {
  port: number;
  close: () => Promise<void>;
}

export function startMailSink(dir: string): Promise<MailSink> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1'); // bytes as they are; the tests decode what they need
    let buffer = '';
    let data: string[] | null = null;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 mail-sink ESMTP');

    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === '.') {
            count += 1;
            const name = `${String(Date.now()).padStart(15, '0')}-${String(count).padStart(5, '0')}.eml`;
            // Written under a temporary name first so that a reader never sees half a message.
            writeFileSync(join(dir, `${name}.part`), data.join('\r\n'), 'latin1');
            renameSync(join(dir, `${name}.part`), join(dir, name));
            data = null;
            reply('250 2.0.0 queued');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-mail-sink\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 ok');
        else if (verb === 'DATA') {
          data = [];
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });

  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return fail(new Error('no port'));
      ok({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((s) => s.destroy());
            server.close(() => done());
          }),
      });
    });
  });
}
