import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../test/fetch-mock.ts';
import { heldOrder } from '../test/fixtures.ts';
import { findNotice, renderWithStore } from '../test/render.tsx';
import { App } from './App.tsx';

const empty = { body: { items: [], nextCursor: null } };
const store = { connected: true, connectionId: null, webhookUrl: null, connectedAt: null, incomplete: false };

describe('App', () => {
  // React reports a caught render error on the console; the boundary is what is under test, not that report.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows a malformed reply as a notice on its own tab, with Try again, and keeps the other tabs working', async () => {
    let storeReply: unknown = store; // `store` without `webhooks`
    mockApi({
      'GET pairing': { body: { sidecarUrl: 'http://sidecar.test', paired: true } },
      'GET store': () => ({ body: storeReply }),
      'GET jobs': empty,
      'GET alerts': empty,
      'GET review-queue': { body: { items: [heldOrder()], nextCursor: null } },
    });
    renderWithStore(<App classicUrl="?page=ml-connector&classic=1" />);

    expect(await findNotice(/This part of the page could not be shown/)).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Overview' })).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Review queue' }));
    expect(await screen.findByRole('button', { name: 'Release' })).toBeTruthy();
    expect(
      screen.queryByText(/This part of the page could not be shown/, { selector: '.components-notice__content' }),
    ).toBeNull();

    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await findNotice(/This part of the page could not be shown/);
    storeReply = { ...store, webhooks: [] };
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('This store is not connected yet: no webhook delivers to the sidecar.'),
    ).toBeTruthy();
    await waitFor(() =>
      expect(
        screen.queryByText(/This part of the page could not be shown/, { selector: '.components-notice__content' }),
      ).toBeNull(),
    );
  });
});
