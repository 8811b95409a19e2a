import { call } from './call.ts';
import { request } from './client.ts';

/** Shapes and calls of the sidecar's `alert-channels` routes, through the plugin's proxy. */

export type Severity = 'info' | 'warning' | 'error';
export type TlsMode = 'implicit' | 'starttls' | 'none';

export interface EmailChannel {
  host: string;
  port: number;
  tls: TlsMode;
  username?: string;
  from: string;
  recipients: string[];
  /** The password is write-only: only whether one is stored comes back. */
  passwordSet: boolean;
}

/** As the sidecar shows them: the SMTP password and the webhook URL never come back. */
export interface AlertChannels {
  minSeverity: Severity;
  mutedKinds: string[];
  email: EmailChannel | null;
  webhook: { urlSet: true; host: string } | null;
}

/** What a save sends: `password` and `url` omitted keep the stored ones. */
export interface AlertChannelsInput {
  minSeverity: Severity;
  mutedKinds: string[];
  email:
    | (Omit<EmailChannel, 'passwordSet' | 'port' | 'username'> & {
        port?: number;
        username?: string;
        password?: string;
      })
    | null;
  webhook: { url?: string } | null;
}

export interface ChannelTestResult {
  channel: 'email' | 'webhook';
  ok: boolean;
  code?: string;
  message: string;
}

export const getAlertChannels = () => request<AlertChannels>('GET', 'alert-channels');
export const saveAlertChannels = (input: AlertChannelsInput) =>
  request<AlertChannels>('PUT', 'alert-channels', { data: input });
export const testAlertChannels = () => call<{ results: ChannelTestResult[] }>('POST', 'alert-channels/test');
