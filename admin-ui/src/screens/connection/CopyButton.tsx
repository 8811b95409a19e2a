import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useEffect, useState } from 'react';

/**
 * Copies a text to the clipboard. wp-admin is often served over plain http, where `navigator.clipboard` does not
 * exist; the selected-textarea copy still works there.
 */
async function copy(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission): try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand?.('copy') ?? false;
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** A small Copy button that says whether it worked. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (result === null) return;
    const timer = setTimeout(() => setResult(null), 3000);
    return () => clearTimeout(timer);
  }, [result]);

  return (
    <Button
      variant="link"
      label={label}
      onClick={() => void copy(text).then((ok) => setResult(ok ? 'copied' : 'failed'))}
    >
      {result === 'copied'
        ? __('Copied', 'ml-connector')
        : result === 'failed'
          ? __('Select and copy it by hand', 'ml-connector')
          : __('Copy', 'ml-connector')}
    </Button>
  );
}
