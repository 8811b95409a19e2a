import { Button, FormFileUpload, TextareaControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { type ChangeEvent, useState } from 'react';

interface Props {
  value: string;
  onChange: (pem: string) => void;
  problem?: string | undefined;
}

/** A PEM is a few kilobytes; anything much larger is the wrong file, and is not read. */
const MAX_FILE_BYTES = 64 * 1024;

/**
 * The M2M private key: uploaded (read here with FileReader, never sent anywhere but the sidecar) or pasted. A
 * loaded file is not echoed back into the page: only its name shows.
 */
export function PrivateKeyField({ value, onChange, problem }: Props) {
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  // The form clears the key after a save: forget the file's name with it.
  const shownFile = value === '' ? null : fileName;

  const read = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Lets the same file be picked again after a change.
    input.value = '';
    if (!file) return;
    setReadError(null);
    if (file.size > MAX_FILE_BYTES) {
      setReadError(
        sprintf(
          /* translators: %s: a file name. */
          __('“%s” is too large to be a private key: pick the .pem file with “BEGIN PRIVATE KEY”.', 'ml-connector'),
          file.name,
        ),
      );
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setFileName(file.name);
      onChange(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () =>
      setReadError(
        sprintf(/* translators: %s: a file name. */ __('“%s” could not be read.', 'ml-connector'), file.name),
      );
    reader.readAsText(file);
  };

  return (
    <div className="mlc-private-key">
      <p className="mlc-field-label">{__('Private key (PKCS#8 PEM)', 'ml-connector')}</p>
      <FormFileUpload accept=".pem,.key,.txt,application/x-pem-file" onChange={read} __next40pxDefaultSize>
        {shownFile ? __('Upload another key file', 'ml-connector') : __('Upload private key file…', 'ml-connector')}
      </FormFileUpload>
      {shownFile ? (
        <p>
          {sprintf(/* translators: %s: a file name. */ __('Key loaded from “%s”.', 'ml-connector'), shownFile)}{' '}
          <Button
            variant="link"
            onClick={() => {
              setFileName(null);
              onChange('');
            }}
          >
            {__('Remove', 'ml-connector')}
          </Button>
        </p>
      ) : (
        <TextareaControl
          __nextHasNoMarginBottom
          label={__('…or paste the private key', 'ml-connector')}
          help={__(
            'The key of the certificate uploaded to NetSuite (Setup → Integration → OAuth 2.0 Client Credentials).',
            'ml-connector',
          )}
          value={value}
          onChange={onChange}
          rows={4}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PRIVATE KEY-----"
        />
      )}
      {readError && <p className="mlc-error">{readError}</p>}
      {problem && <p className="mlc-error">{problem}</p>}
    </div>
  );
}
