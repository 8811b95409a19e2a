import { Button, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import type { AuditEventPreview, BodyPreview } from '../../api/types.ts';

interface Props {
  bodies: NonNullable<AuditEventPreview['bodies']>;
  /** Fetches the event whole in place of these previews; rejects with an ApiError. Without it, no Show full body. */
  onShowWhole?: (() => Promise<void>) | undefined;
}

const KB = 1024;

/** A cut body's size as people read it (a cut one is over 2 KB): KB, then MB, with one decimal. */
function sizeLabel(bytes: number): string {
  const one = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 1 });
  if (bytes < KB * KB) {
    return sprintf(/* translators: %s: a size in kilobytes. */ __('%s KB', 'ml-connector'), one(bytes / KB));
  }
  return sprintf(/* translators: %s: a size in megabytes. */ __('%s MB', 'ml-connector'), one(bytes / KB / KB));
}

/** A whole JSON body indented, as the rest of the details are; text as it came. */
function readable(body: BodyPreview): string {
  if (body.truncated) return `${body.preview}…`;
  try {
    return JSON.stringify(JSON.parse(body.preview), null, 2);
  } catch {
    return body.preview;
  }
}

/** An outbound call's request and response bodies as the audit lists preview them; a cut one can be read whole. */
export function BodyPreviews({ bodies, onShowWhole }: Props) {
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const showWhole = async () => {
    if (!onShowWhole) return;
    setLoading(true);
    setError(null);
    try {
      await onShowWhole();
    } catch (reason) {
      setError((reason as ApiError).message);
    } finally {
      setLoading(false);
    }
  };

  const parts = [
    ['request', __('Request body', 'ml-connector'), bodies.request],
    ['response', __('Response body', 'ml-connector'), bodies.response],
  ] as const;
  return (
    <div className="mlc-bodies">
      {parts.map(
        ([key, label, body]) =>
          body && (
            <div key={key}>
              <h4>{label}</h4>
              <pre>{readable(body)}</pre>
              {body.truncated && (
                <p>
                  {sprintf(
                    /* translators: %s: the body's whole size (such as 81.2 KB). */
                    __('Only its start is shown: the whole body is %s.', 'ml-connector'),
                    sizeLabel(body.bytes),
                  )}{' '}
                  {onShowWhole && (
                    <Button variant="link" onClick={() => void showWhole()} isBusy={loading} disabled={loading}>
                      {__('Show full body', 'ml-connector')}
                    </Button>
                  )}
                </p>
              )}
            </div>
          ),
      )}
      {error && (
        <Notice status="error" onRemove={() => setError(null)}>
          {error}
        </Notice>
      )}
    </div>
  );
}
