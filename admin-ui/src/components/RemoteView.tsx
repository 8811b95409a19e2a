import { Button, Notice, Spinner } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';
import type { Remote } from '../store/state.ts';

interface Props<T> {
  remote: Remote<T>;
  /** Whether the data is empty (a list with no rows). */
  isEmpty?: (data: T) => boolean;
  empty: ReactNode;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** The three states every screen has besides its data: loading, error (with a retry) and empty. */
export function RemoteView<T>({ remote, isEmpty, empty, onRetry, children }: Props<T>) {
  const { status, data, error } = remote;
  return (
    <>
      {status === 'error' && error && (
        <Notice status="error" isDismissible={false}>
          {error.message}{' '}
          <Button variant="link" onClick={onRetry}>
            {__('Try again', 'ml-connector')}
          </Button>
        </Notice>
      )}
      {(status === 'loading' || status === 'idle') && data === null && (
        <p className="mlc-loading">
          <Spinner /> {__('Loading…', 'ml-connector')}
        </p>
      )}
      {data !== null && (isEmpty?.(data) ? <p className="mlc-empty">{empty}</p> : children(data))}
    </>
  );
}
