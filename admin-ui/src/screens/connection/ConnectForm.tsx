import { Button, SelectControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import type { NetSuiteAccount } from '../../api/netsuite-accounts.ts';

interface Props {
  accounts: NetSuiteAccount[];
  onConnect: (input: { netsuiteAccountId: string; masterLocationId: string }) => Promise<void>;
}

/** Connect in one click: the NetSuite account and the location that fulfils orders, as the PHP form asks. */
export function ConnectForm({ accounts, onConnect }: Props) {
  const [accountId, setAccountId] = useState(accounts.length === 1 ? (accounts[0]?.id ?? '') : '');
  const [locationId, setLocationId] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const connect = async () => {
    const found = (
      [
        !accounts.some((account) => account.id === accountId) && __('Choose the NetSuite account.', 'ml-connector'),
        !/^[0-9]{1,20}$/.test(locationId.trim()) &&
          __('Enter the internal id of the NetSuite location that fulfils orders (digits).', 'ml-connector'),
      ] as (string | false)[]
    ).filter((problem): problem is string => typeof problem === 'string');
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await onConnect({ netsuiteAccountId: accountId, masterLocationId: locationId.trim() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mlc-form">
      <SelectControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        label={__('NetSuite account', 'ml-connector')}
        value={accountId}
        onChange={setAccountId}
        options={[
          { label: __('Choose an account…', 'ml-connector'), value: '' },
          ...accounts.map((account) => ({ label: account.accountId, value: account.id })),
        ]}
      />
      <TextControl
        __nextHasNoMarginBottom
        __next40pxDefaultSize
        inputMode="numeric"
        label={__('NetSuite location id', 'ml-connector')}
        help={__('Internal id of the location that fulfils orders no routing rule claims.', 'ml-connector')}
        value={locationId}
        onChange={setLocationId}
      />
      {problems.map((problem) => (
        <p key={problem} className="mlc-error">
          {problem}
        </p>
      ))}
      <p>
        {__(
          'Connect creates a WooCommerce REST API key for the sidecar, registers this store with it and creates the WooCommerce webhooks that send orders, refunds and customers. No secret needs copying.',
          'ml-connector',
        )}
      </p>
      <div>
        <Button variant="primary" onClick={() => void connect()} isBusy={busy} disabled={busy}>
          {__('Connect in one click', 'ml-connector')}
        </Button>
      </div>
    </div>
  );
}
