import { Button, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { Component, Fragment, type ReactNode } from 'react';

interface Props {
  /** Fetches the screen's data again before it is shown again (a malformed reply would fail the same way). */
  onRetry?: () => Promise<unknown> | undefined;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped on Try again, so the screen mounts afresh and loads its data again. */
  attempt: number;
}

/**
 * Keeps one screen's failure to itself: a reply the screen cannot render (the sidecar's `store` without `webhooks`)
 * becomes an error notice with Try again, and the page's other tabs keep working.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  retry = async () => {
    try {
      await this.props.onRetry?.();
    } finally {
      this.setState(({ attempt }) => ({ error: null, attempt: attempt + 1 }));
    }
  };

  override render() {
    const { error, attempt } = this.state;
    if (!error) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return (
      <Notice status="error" isDismissible={false} className="mlc-screen-error">
        {sprintf(
          /* translators: %s: the error's own message, in English. */
          __(
            'This part of the page could not be shown: the reply it got was not what it expected (%s).',
            'ml-connector',
          ),
          error.message,
        )}{' '}
        <Button variant="link" onClick={() => void this.retry()}>
          {__('Try again', 'ml-connector')}
        </Button>
      </Notice>
    );
  }
}
