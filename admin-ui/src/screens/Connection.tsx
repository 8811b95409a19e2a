/** Until the React connection screen comes, pairing, Connect and Disconnect stay on the PHP forms. */
export function Connection({ classicUrl }: { classicUrl: string }) {
  return (
    <div className="mlc-connection">
      <p>
        Pair with the sidecar, connect this store to NetSuite in one click, or disconnect it on the{' '}
        <a href={classicUrl}>connection settings page</a>.
      </p>
    </div>
  );
}
