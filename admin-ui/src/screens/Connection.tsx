import { __ } from '@wordpress/i18n';
/** Until the React connection screen comes, pairing, Connect and Disconnect stay on the PHP forms. */
export function Connection({ classicUrl }: { classicUrl: string }) {
  return (
    <div className="mlc-connection">
      <p>
        {__(
          'Pair with the sidecar, connect this store to NetSuite in one click, or disconnect it on the',
          'ml-connector',
        )}{' '}
        <a href={classicUrl}>{__('connection settings page', 'ml-connector')}</a>.
      </p>
    </div>
  );
}
