import { Button, __experimentalConfirmDialog as ConfirmDialog } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { type ReactNode, useState } from 'react';

interface Props {
  /** The button's text. */
  children: ReactNode;
  /** The question the dialog asks. */
  question: ReactNode;
  confirmText: string;
  onConfirm: () => Promise<void>;
  isDestructive?: boolean;
  variant?: 'primary' | 'secondary' | 'tertiary' | 'link';
}

/** A button that asks first, then runs its action with the button busy until it settles. */
export function ConfirmButton({
  children,
  question,
  confirmText,
  onConfirm,
  isDestructive,
  variant = 'secondary',
}: Props) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setAsking(false);
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant={variant}
        isDestructive={isDestructive}
        isBusy={busy}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {children}
      </Button>
      <ConfirmDialog
        isOpen={asking}
        confirmButtonText={confirmText}
        cancelButtonText={__('Cancel', 'ml-connector')}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        {question}
      </ConfirmDialog>
    </>
  );
}
