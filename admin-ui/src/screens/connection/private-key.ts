import { __, sprintf } from '@wordpress/i18n';

/** `openssl` turns a PKCS#1 (RSA) or SEC1 (EC) key into the PKCS#8 one the sidecar signs with. */
const TO_PKCS8 = 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem';
/** `openssl pkey` writes PKCS#8 by default and asks for the passphrase of an encrypted key. */
const DECRYPT = 'openssl pkey -in key.pem -out key-pkcs8.pem';

/**
 * Why a private key cannot be used, or null when it looks like an unencrypted PKCS#8 PEM. The sidecar checks the
 * same (and parses the key); checking here tells the merchant before the secret leaves the browser, and says how to
 * convert the key NetSuite's certificate set-up often produces.
 */
export function privateKeyProblem(pem: string): string | null {
  const text = pem.trim();
  if (text === '') return __('Upload or paste the private key of the certificate you gave NetSuite.', 'ml-connector');
  const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label === undefined) {
    return __('The private key must be a PEM file that starts with “-----BEGIN PRIVATE KEY-----”.', 'ml-connector');
  }
  if (label === 'RSA PRIVATE KEY' || label === 'EC PRIVATE KEY') {
    if (/Proc-Type:\s*4,ENCRYPTED/.test(text)) return encrypted();
    return sprintf(
      /* translators: 1: the PEM label found, such as "RSA PRIVATE KEY", 2: an openssl command. */
      __(
        'This key is in the older “%1$s” format; the sidecar needs PKCS#8 (“BEGIN PRIVATE KEY”). Convert it with: %2$s and upload key-pkcs8.pem.',
        'ml-connector',
      ),
      label,
      TO_PKCS8,
    );
  }
  if (label === 'ENCRYPTED PRIVATE KEY') return encrypted();
  if (label === 'CERTIFICATE' || label.endsWith('PUBLIC KEY')) {
    return __(
      'This is the certificate or public key you uploaded to NetSuite; here goes its private key (“BEGIN PRIVATE KEY”).',
      'ml-connector',
    );
  }
  if (label !== 'PRIVATE KEY') {
    return sprintf(
      /* translators: %s: the PEM label found. */
      __('This PEM holds “%s”, not a private key (“BEGIN PRIVATE KEY”).', 'ml-connector'),
      label,
    );
  }
  if (!/\n-----END PRIVATE KEY-----$/.test(text.replace(/\r\n/g, '\n'))) {
    return __('The private key is cut short: it must end with “-----END PRIVATE KEY-----”.', 'ml-connector');
  }
  return null;
}

const encrypted = () =>
  sprintf(
    /* translators: %s: an openssl command. */
    __(
      'This key is encrypted with a passphrase; the sidecar needs it unencrypted. Convert it with: %s (it asks for the passphrase) and upload key-pkcs8.pem.',
      'ml-connector',
    ),
    DECRYPT,
  );
