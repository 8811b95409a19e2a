import { __, sprintf } from '@wordpress/i18n';
import { type AuthType, LIMITS, type NetSuiteAccountInput } from '../../api/netsuite-accounts.ts';
import { privateKeyProblem } from './private-key.ts';

/** The add-account form as typed; its secrets live here only until the account is saved. */
export interface AccountForm {
  accountId: string;
  baseUrl: string;
  authType: AuthType;
  clientId: string;
  certificateId: string;
  privateKeyPem: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export const emptyAccountForm: AccountForm = {
  accountId: '',
  baseUrl: '',
  authType: 'm2m',
  clientId: '',
  certificateId: '',
  privateKeyPem: '',
  consumerKey: '',
  consumerSecret: '',
  tokenId: '',
  tokenSecret: '',
};

export type AccountFormProblems = Partial<Record<keyof AccountForm, string>>;

/** Production `1234567`, sandbox `1234567_SB1`, release preview `1234567_RP`, test drive `TSTDRV1234567` (the sidecar's rule). */
const ACCOUNT_ID = /^(?:[0-9]+(?:_(?:SB|RP)[0-9]*)?|TSTDRV[0-9]+)$/i;

const labels = (): Record<
  Exclude<keyof AccountForm, 'accountId' | 'baseUrl' | 'authType' | 'privateKeyPem'>,
  string
> => ({
  clientId: __('Client ID', 'ml-connector'),
  certificateId: __('Certificate ID', 'ml-connector'),
  consumerKey: __('Consumer key', 'ml-connector'),
  consumerSecret: __('Consumer secret', 'ml-connector'),
  tokenId: __('Token ID', 'ml-connector'),
  tokenSecret: __('Token secret', 'ml-connector'),
});

function textProblem(label: string, value: string): string | undefined {
  if (value.trim() === '')
    return sprintf(/* translators: %s: a field's label. */ __('Enter the %s.', 'ml-connector'), label);
  if (value.trim().length > LIMITS.text) {
    return sprintf(
      /* translators: 1: a field's label, 2: the most characters it may have. */
      __('The %1$s is at most %2$d characters.', 'ml-connector'),
      label,
      LIMITS.text,
    );
  }
  return undefined;
}

/** A base URL is an origin: the client adds `/services/rest/…` itself, so a path would be silently dropped. */
function baseUrlProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const refuse = __(
    'The base URL is a scheme, host and port only, such as https://1234567.suitetalk.api.netsuite.com.',
    'ml-connector',
  );
  if (value.trim().length > LIMITS.baseUrl) return refuse;
  try {
    const url = new URL(value.trim());
    const isOrigin = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return (url.protocol === 'https:' || url.protocol === 'http:') && isOrigin ? undefined : refuse;
  } catch {
    return refuse;
  }
}

/** Every problem with the form, per field, before anything is sent; empty when it can be saved. */
export function accountFormProblems(form: AccountForm): AccountFormProblems {
  const problems: AccountFormProblems = {};
  const accountId = form.accountId.trim();
  if (accountId === '') problems.accountId = __('Enter the NetSuite account ID.', 'ml-connector');
  else if (accountId.length > LIMITS.accountId || !ACCOUNT_ID.test(accountId)) {
    problems.accountId = __(
      'A NetSuite account ID looks like 1234567, 1234567_SB1, 1234567_RP or TSTDRV1234567 (Setup → Company → Company Information).',
      'ml-connector',
    );
  }
  const baseUrl = baseUrlProblem(form.baseUrl);
  if (baseUrl) problems.baseUrl = baseUrl;
  const fields =
    form.authType === 'm2m'
      ? (['clientId', 'certificateId'] as const)
      : (['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret'] as const);
  for (const field of fields) {
    const problem = textProblem(labels()[field], form[field]);
    if (problem) problems[field] = problem;
  }
  if (form.authType === 'm2m') {
    const pem = form.privateKeyPem.trim();
    const problem =
      pem.length > LIMITS.privateKeyPem
        ? __('The private key file is too large: a PEM private key is a few kilobytes at most.', 'ml-connector')
        : privateKeyProblem(pem);
    if (problem) problems.privateKeyPem = problem;
  }
  return problems;
}

/** The POST body: only the chosen method's credentials, trimmed; no base URL unless one was given. */
export function accountInputOf(form: AccountForm): NetSuiteAccountInput {
  const baseUrl = form.baseUrl.trim();
  return {
    accountId: form.accountId.trim(),
    ...(baseUrl ? { baseUrl } : {}),
    auth:
      form.authType === 'm2m'
        ? {
            type: 'm2m',
            clientId: form.clientId.trim(),
            certificateId: form.certificateId.trim(),
            privateKeyPem: form.privateKeyPem.trim(),
          }
        : {
            type: 'tba',
            consumerKey: form.consumerKey.trim(),
            consumerSecret: form.consumerSecret.trim(),
            tokenId: form.tokenId.trim(),
            tokenSecret: form.tokenSecret.trim(),
          },
  };
}
