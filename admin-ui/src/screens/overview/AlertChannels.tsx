import { Button, CheckboxControl, Notice, SelectControl, Spinner, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useCallback, useEffect, useState } from 'react';
import {
  type AlertChannels as Channels,
  type ChannelTestResult,
  getAlertChannels,
  saveAlertChannels,
  testAlertChannels,
} from '../../api/alert-channels.ts';
import type { ApiError } from '../../api/client.ts';
import { ResultNotice } from '../../components/ResultNotice.tsx';
import { type ChannelsForm, type ChannelsProblems, formOf, formProblems, inputOf } from './alert-channels-form.ts';

/** The form keeps every field as text; the selects' values are the schema's words. */
type SelectOption = { label: string; value: string };

const Problem = ({ text }: { text: string | undefined }) => (text ? <p className="mlc-error">{text}</p> : null);

const CHANNEL_NAMES = { email: __('E-mail', 'ml-connector'), webhook: __('Webhook', 'ml-connector') };

/**
 * Where alerts are sent besides wp-admin: e-mail over SMTP and a Slack-compatible webhook, with the least severity
 * sent and kinds muted. The SMTP password and the webhook URL are write-only: left empty, the stored ones are kept.
 */
export function AlertChannels() {
  return (
    <section className="mlc-alert-channels">
      <h2>{__('Alert channels', 'ml-connector')}</h2>
      <ChannelsPanel />
    </section>
  );
}

function ChannelsPanel() {
  const [stored, setStored] = useState<Channels | null>(null);
  const [form, setForm] = useState<ChannelsForm>(formOf(null));
  const [problems, setProblems] = useState<ChannelsProblems>({});
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);
  const [results, setResults] = useState<ChannelTestResult[]>([]);
  const [busy, setBusy] = useState<'load' | 'save' | 'test' | null>('load');

  const load = useCallback(async () => {
    setBusy('load');
    setLoadError(null);
    try {
      const view = await getAlertChannels();
      setStored(view);
      setForm(formOf(view));
    } catch (reason) {
      setLoadError(reason as ApiError);
    } finally {
      setBusy(null);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const field = <K extends keyof ChannelsForm>(key: K) => ({
    value: form[key] as string,
    onChange: (value: string) => setForm((current) => ({ ...current, [key]: value })),
  });
  const flag = (key: 'emailOn' | 'webhookOn') => ({
    checked: form[key],
    onChange: (checked: boolean) => setForm((current) => ({ ...current, [key]: checked })),
  });

  const save = async () => {
    setNotice(null);
    const found = formProblems(form, stored);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy('save');
    try {
      const view = await saveAlertChannels(inputOf(form));
      setStored(view);
      setForm(formOf(view));
      setNotice({ status: 'success', text: __('Alert channels saved.', 'ml-connector') });
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    setNotice(null);
    setResults([]);
    setBusy('test');
    try {
      setResults((await testAlertChannels()).results);
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setBusy(null);
    }
  };

  if (busy === 'load') return <Spinner />;
  if (loadError) {
    return (
      <Notice status="error" isDismissible={false} actions={[{ label: __('Retry', 'ml-connector'), onClick: load }]}>
        {loadError.message}
      </Notice>
    );
  }
  const text = (key: keyof ChannelsForm, label: string, extra: Record<string, unknown> = {}) => (
    <>
      <TextControl __nextHasNoMarginBottom __next40pxDefaultSize label={label} {...field(key)} {...extra} />
      <Problem text={problems[key]} />
    </>
  );

  return (
    <div>
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <SelectControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        label={__('Send alerts of at least', 'ml-connector')}
        {...field('minSeverity')}
        options={
          [
            { label: __('Info', 'ml-connector'), value: 'info' },
            { label: __('Warning', 'ml-connector'), value: 'warning' },
            { label: __('Error', 'ml-connector'), value: 'error' },
          ] satisfies SelectOption[]
        }
      />
      {text('mutedKinds', __('Never send these kinds (optional, comma-separated)', 'ml-connector'))}

      <CheckboxControl
        __nextHasNoMarginBottom
        label={__('Send by e-mail (SMTP)', 'ml-connector')}
        {...flag('emailOn')}
      />
      {form.emailOn && (
        <fieldset className="mlc-alert-channels__email">
          {text('host', __('SMTP server', 'ml-connector'))}
          <SelectControl
            __nextHasNoMarginBottom
            __next40pxDefaultSize
            label={__('Encryption', 'ml-connector')}
            {...field('tls')}
            options={
              [
                { label: __('STARTTLS (port 587)', 'ml-connector'), value: 'starttls' },
                { label: __('TLS from the start (port 465)', 'ml-connector'), value: 'implicit' },
                { label: __('None (a relay on this machine only)', 'ml-connector'), value: 'none' },
              ] satisfies SelectOption[]
            }
          />
          <Problem text={problems.tls} />
          {text('port', __('Port (optional)', 'ml-connector'), { type: 'number' })}
          {text('username', __('User name (optional)', 'ml-connector'), { autoComplete: 'off' })}
          {text('password', __('Password', 'ml-connector'), {
            type: 'password',
            autoComplete: 'new-password',
            help: stored?.email?.passwordSet ? __('Stored. Leave empty to keep it.', 'ml-connector') : undefined,
          })}
          {text('from', __('From', 'ml-connector'), { type: 'email' })}
          {text('recipients', __('Recipients (comma-separated)', 'ml-connector'))}
        </fieldset>
      )}

      <CheckboxControl
        __nextHasNoMarginBottom
        label={__('Send to a webhook (Slack-compatible)', 'ml-connector')}
        {...flag('webhookOn')}
      />
      {form.webhookOn &&
        text('webhookUrl', __('Webhook URL', 'ml-connector'), {
          type: 'password',
          autoComplete: 'off',
          help: stored?.webhook
            ? sprintf(
                /* translators: %s: the host the stored webhook URL points at. */
                __('Stored (%s). Leave empty to keep it.', 'ml-connector'),
                stored.webhook.host,
              )
            : undefined,
        })}

      <p>
        <Button variant="primary" onClick={() => void save()} isBusy={busy === 'save'} disabled={busy !== null}>
          {__('Save alert channels', 'ml-connector')}
        </Button>{' '}
        <Button
          variant="secondary"
          onClick={() => void test()}
          isBusy={busy === 'test'}
          disabled={busy !== null || (!stored?.email && !stored?.webhook)}
        >
          {__('Send test', 'ml-connector')}
        </Button>
      </p>
      {results.length > 0 && (
        <ul className="mlc-alert-channels__results">
          {results.map((result) => (
            <li key={result.channel} className={result.ok ? 'mlc-ok' : 'mlc-error'}>
              {sprintf(
                /* translators: 1: channel (E-mail, Webhook), 2: what happened. */
                result.ok ? __('%1$s: sent. %2$s', 'ml-connector') : __('%1$s: not sent. %2$s', 'ml-connector'),
                CHANNEL_NAMES[result.channel],
                result.message,
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
