import { Button, PanelBody, RadioControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { type AuthType, createNetSuiteAccount } from '../../api/netsuite-accounts.ts';
import {
  type AccountForm,
  type AccountFormProblems,
  accountFormProblems,
  accountInputOf,
  emptyAccountForm,
} from './account-form.ts';
import { ConnectionCard, useCardNotice } from './ConnectionCard.tsx';
import { PrivateKeyField } from './PrivateKeyField.tsx';

const Problem = ({ text }: { text?: string | undefined }) => (text ? <p className="mlc-error">{text}</p> : null);

/**
 * Adds a NetSuite account: machine-to-machine (client id, certificate id, private key) or token-based. Checked here
 * as the sidecar will check it; once saved, every secret is dropped from the form.
 */
export function AddAccountForm({ onSaved }: { onSaved: () => void }) {
  const [form, setForm] = useState<AccountForm>(emptyAccountForm);
  const [problems, setProblems] = useState<AccountFormProblems>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useCardNotice();

  const field = <K extends keyof AccountForm>(key: K) => ({
    value: form[key],
    onChange: (value: AccountForm[K]) => setForm((current) => ({ ...current, [key]: value })),
  });
  const secret = (key: 'consumerKey' | 'consumerSecret' | 'tokenId' | 'tokenSecret', label: string) => (
    <>
      <TextControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        type="password"
        autoComplete="off"
        label={label}
        {...field(key)}
      />
      <Problem text={problems[key]} />
    </>
  );

  const save = async () => {
    const found = accountFormProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setNotice(null);
    try {
      const created = await createNetSuiteAccount(accountInputOf(form));
      setForm(emptyAccountForm);
      setNotice({
        status: 'success',
        text: sprintf(
          /* translators: %s: NetSuite account id. */
          __(
            'NetSuite account %s added; its credentials are kept by the sidecar. Test the connection to check them.',
            'ml-connector',
          ),
          created.accountId,
        ),
      });
      onSaved();
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <ConnectionCard
      title={__('Add a NetSuite account', 'ml-connector')}
      notice={notice}
      onDismissNotice={() => setNotice(null)}
      bodyClassName="mlc-form"
    >
      <TextControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        label={__('NetSuite account ID', 'ml-connector')}
        help={__('Such as 1234567 or 1234567_SB1 (Setup → Company → Company Information).', 'ml-connector')}
        {...field('accountId')}
      />
      <Problem text={problems.accountId} />
      <PanelBody title={__('Advanced', 'ml-connector')} initialOpen={form.baseUrl !== ''}>
        <TextControl
          __nextHasNoMarginBottom
          __next40pxDefaultSize
          type="url"
          label={__('Base URL (optional)', 'ml-connector')}
          help={__('Leave empty for the account’s own SuiteTalk host. Scheme, host and port only.', 'ml-connector')}
          {...field('baseUrl')}
        />
        <Problem text={problems.baseUrl} />
      </PanelBody>
      <RadioControl
        label={__('Authentication', 'ml-connector')}
        selected={form.authType}
        options={[
          { label: __('Machine to machine (OAuth 2.0 client credentials)', 'ml-connector'), value: 'm2m' },
          { label: __('Token-based authentication (TBA)', 'ml-connector'), value: 'tba' },
        ]}
        onChange={(value) => setForm((current) => ({ ...current, authType: value as AuthType }))}
      />
      {form.authType === 'm2m' ? (
        <>
          <TextControl
            __nextHasNoMarginBottom
            __next40pxDefaultSize
            autoComplete="off"
            label={__('Client ID', 'ml-connector')}
            {...field('clientId')}
          />
          <Problem text={problems.clientId} />
          <TextControl
            __nextHasNoMarginBottom
            __next40pxDefaultSize
            autoComplete="off"
            label={__('Certificate ID', 'ml-connector')}
            {...field('certificateId')}
          />
          <Problem text={problems.certificateId} />
          <PrivateKeyField {...field('privateKeyPem')} problem={problems.privateKeyPem} />
        </>
      ) : (
        <>
          {secret('consumerKey', __('Consumer key', 'ml-connector'))}
          {secret('consumerSecret', __('Consumer secret', 'ml-connector'))}
          {secret('tokenId', __('Token ID', 'ml-connector'))}
          {secret('tokenSecret', __('Token secret', 'ml-connector'))}
        </>
      )}
      <div>
        <Button variant="primary" onClick={() => void save()} isBusy={saving} disabled={saving}>
          {__('Add account', 'ml-connector')}
        </Button>
      </div>
    </ConnectionCard>
  );
}
