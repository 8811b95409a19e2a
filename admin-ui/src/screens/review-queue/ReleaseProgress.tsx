import { Notice } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ReleaseProgress as Progress } from '../../store/state.ts';

/** A bulk release under way: n of m done, as a bar and in words, and each refusal as it comes. */
export function ReleaseProgress({ progress }: { progress: Progress }) {
  const { done, total, failed } = progress;
  const text = sprintf(
    /* translators: 1: orders handled so far, 2: orders to release, 3: how many of them were refused. */
    __('Releasing: %1$d of %2$d done, %3$d refused…', 'ml-connector'),
    done,
    total,
    failed.length,
  );
  return (
    <div className="mlc-release-progress">
      <p role="status">{text}</p>
      <progress max={total} value={done} aria-label={__('Release progress', 'ml-connector')} />
    </div>
  );
}

/** What a bulk release could not release, each with the sidecar's reason (already released elsewhere, gone). */
export function ReleaseFailures({
  failures,
  onDismiss,
}: {
  failures: { id: string; name: string; message: string }[];
  onDismiss: () => void;
}) {
  return (
    <Notice status="error" onRemove={onDismiss}>
      <p>
        {sprintf(
          /* translators: %d: how many orders were not released. */
          _n('%d order was not released:', '%d orders were not released:', failures.length, 'ml-connector'),
          failures.length,
        )}
      </p>
      <ul className="mlc-release-failures">
        {failures.map(({ id, name, message }) => (
          <li key={id}>
            {sprintf(
              /* translators: 1: an order number or job id, 2: why it was refused. */ __('#%1$s: %2$s', 'ml-connector'),
              name,
              message,
            )}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
