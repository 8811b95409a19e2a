import nodemailer from 'nodemailer';
import type { OutboundCalls } from '../audit/outbound-call.ts';
import type { Job } from '../jobs/job.ts';
import type { AlertMessage } from './alert-message.ts';
import { defaultPort, type EmailChannel, plainAuthProblem } from './channel-settings.ts';
import { type DeliveryResult, delivered, failed } from './delivery-result.ts';

/** How long each SMTP phase may take, in ms: a relay that does not answer fails the attempt and it is retried. */
const CONNECT_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** The relay's error as a merchant-readable value; 5xx replies and bad credentials will not mend themselves. */
function smtpFailure(error: SmtpError, where: string): DeliveryResult {
  const detail = { code: error.code, responseCode: error.responseCode, response: error.response };
  if (error.code === 'EAUTH') {
    return failed(
      'ALERT_SMTP_AUTH_FAILED',
      `${where} refused the user name or password: correct them under Alert channels.`,
      false,
      detail,
    );
  }
  if (error.code === 'ETLS') {
    return failed(
      'ALERT_SMTP_TLS_FAILED',
      `TLS with ${where} failed (${error.message}): check the TLS mode and port.`,
      false,
      detail,
    );
  }
  if (error.responseCode !== undefined && error.responseCode >= 500) {
    return failed(
      'ALERT_SMTP_REJECTED',
      `${where} rejected the message: ${error.response ?? error.message}`,
      false,
      detail,
    );
  }
  if (error.responseCode !== undefined && error.responseCode >= 400) {
    return failed(
      'ALERT_SMTP_TEMPORARY',
      `${where} asked to try later: ${error.response ?? error.message}`,
      true,
      detail,
    );
  }
  return failed(
    'ALERT_SMTP_UNREACHABLE',
    `Could not reach ${where}: ${error.message}. It will be retried.`,
    true,
    detail,
  );
}

/**
 * Sends through nodemailer: a maintained SMTP client that gets the dialogue right (STARTTLS, AUTH, dot-stuffing,
 * MIME with UTF-8 headers), which a hand-written one would have to re-learn.
 */
export async function sendEmail(
  outbound: OutboundCalls,
  email: EmailChannel,
  password: string | undefined,
  message: AlertMessage,
  job?: Job,
): Promise<DeliveryResult> {
  const refused = plainAuthProblem(email);
  if (refused) return failed('ALERT_SMTP_PLAIN_AUTH_REFUSED', refused, false);
  const port = email.port ?? defaultPort(email.tls);
  const where = `the SMTP server ${email.host}:${port}`;
  const transport = nodemailer.createTransport({
    host: email.host,
    port,
    secure: email.tls === 'implicit',
    requireTLS: email.tls === 'starttls',
    ignoreTLS: email.tls === 'none',
    ...(email.username ? { auth: { user: email.username, pass: password ?? '' } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  try {
    const info = await outbound.other(
      {
        target: 'alert',
        method: 'SMTP',
        url: `smtp://${email.host}:${port}`,
        request: { tls: email.tls, authenticated: Boolean(email.username), recipients: email.recipients.length },
        response: (sent: { accepted: unknown[]; rejected: unknown[]; response: string }) => ({
          accepted: sent.accepted.length,
          rejected: sent.rejected.length,
          reply: sent.response,
        }),
        ...(job ? { job } : {}),
      },
      () =>
        transport.sendMail({
          from: email.from,
          to: email.recipients,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        }),
    );
    return delivered(`Sent to ${info.accepted.length} of ${email.recipients.length} recipients through ${where}.`);
  } catch (error) {
    return smtpFailure(error as SmtpError, where);
  } finally {
    transport.close();
  }
}
