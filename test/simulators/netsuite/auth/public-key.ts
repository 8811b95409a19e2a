import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

/** Certificate requirements of the M2M setup (spec §2a, [S45]). */
const RSA_BITS = new Set([3072, 4096]);
const EC_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);
const MAX_VALIDITY_MS = 2 * 366 * 24 * 3600 * 1000;

/**
 * The public key of a PEM certificate (`-----BEGIN CERTIFICATE-----`) or SPKI public key, refused with a reason
 * when NetSuite's M2M setup would refuse the upload.
 */
export function importIntegrationKey(pem: string): KeyObject {
  const key = pem.includes('BEGIN CERTIFICATE') ? certificateKey(pem) : createPublicKey(pem);
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    if (!RSA_BITS.has(details.modulusLength ?? 0)) {
      throw new Error(`RSA keys must have 3072 or 4096 bits, this one has ${details.modulusLength}`);
    }
    return key;
  }
  if (key.asymmetricKeyType === 'ec') {
    if (!EC_CURVES.has(details.namedCurve ?? '')) {
      throw new Error(`EC keys must use P-256, P-384 or P-521, this one uses ${details.namedCurve}`);
    }
    return key;
  }
  throw new Error(`unsupported key type ${key.asymmetricKeyType}: use RSA or EC`);
}

function certificateKey(pem: string): KeyObject {
  const certificate = new X509Certificate(pem);
  const validityMs = Date.parse(certificate.validTo) - Date.parse(certificate.validFrom);
  if (!(validityMs <= MAX_VALIDITY_MS)) throw new Error('certificates may be valid for at most two years');
  return certificate.publicKey;
}
