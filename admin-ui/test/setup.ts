import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { configureApi } from '../src/api/client.ts';

// The page's settings as class-admin-page.php prints them; api-fetch is configured once per test file, as on the page.
configureApi({ restRoot: 'http://shop.test/wp-json/', namespace: 'ml-connector/v1', nonce: 'nonce-123' });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
