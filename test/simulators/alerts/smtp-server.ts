import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** The raw message as the server received it (headers and body). */
  raw: string;
  user: string | undefined;
}

/**
 * A small SMTP server on 127.0.0.1 for the tests (the `smtp-server` package, plain text, no STARTTLS): it keeps what
 * it receives, checks AUTH PLAIN/LOGIN against one user, and can be told to refuse the next sessions.
 */
export async function startSmtpServer(options: { user?: string; password?: string } = {}) {
  const mails: ReceivedMail[] = [];
  let refuseNext = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !options.user,
    // Loopback only: plain authentication without TLS is what the sidecar allows to a local relay.
    allowInsecureAuth: true,
    logger: false,
    onConnect(_session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        return callback(Object.assign(new Error('Service not available, try later'), { responseCode: 421 }));
      }
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) {
        return callback(null, { user: auth.username });
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    /** The next `count` connections are answered 421 (try later), as a relay that is down does. */
    refuse(count: number) {
      refuseNext = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
