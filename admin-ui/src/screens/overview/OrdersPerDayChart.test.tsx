import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import { OrdersPerDayChart } from './OrdersPerDayChart.tsx';

const day = (date: string, synced: number, held = 0, dead = 0) => ({ date, synced, held, dead });

describe('Orders per day chart', () => {
  it('draws a stacked bar per day with its numbers, axis labels and a table for screen readers', async () => {
    const calls = mockApi({
      'GET stats/orders-per-day': {
        body: { timeZone: 'UTC', days: [day('2026-11-21', 4, 1, 0), day('2026-11-22', 0), day('2026-11-23', 6, 0, 2)] },
      },
    });
    const { container } = renderWithStore(<OrdersPerDayChart />);
    const chart = await screen.findByRole('img', { name: 'Orders per day, last 3 days (UTC)' });
    expect(calls[0]?.url.searchParams.get('days')).toBe('14');

    const titles = [...chart.querySelectorAll('g.mlc-bar > title')].map((title) => title.textContent);
    expect(titles).toEqual([
      '2026-11-21: 4 synced, 1 held, 0 failed',
      '2026-11-22: 0 synced, 0 held, 0 failed',
      '2026-11-23: 6 synced, 0 held, 2 failed',
    ]);
    // The tallest day fills the plot; its segments stack synced, held, failed.
    const last = chart.querySelectorAll('g.mlc-bar')[2] as SVGGElement;
    const heights = [...last.querySelectorAll('rect')].map((rect) => Number(rect.getAttribute('height')));
    expect(heights).toEqual([90, 30]);
    expect(chart.querySelectorAll('g.mlc-bar')[1]?.querySelectorAll('rect')).toHaveLength(0);
    expect(screen.getByText('11-21')).toBeTruthy();
    expect(screen.getByText('8')).toBeTruthy(); // the y axis' top

    const table = container.querySelector('table.screen-reader-text') as HTMLTableElement;
    expect(table.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(table.querySelector('tbody tr:last-child')?.textContent).toBe('2026-11-23602');
  });

  it('says so when no order arrived, and shows a failed load', async () => {
    mockApi({
      'GET stats/orders-per-day': { body: { timeZone: 'UTC', days: [day('2026-11-22', 0), day('2026-11-23', 0)] } },
    });
    const { unmount } = renderWithStore(<OrdersPerDayChart />);
    expect(await screen.findByText('No order reached the sidecar in the last 14 days.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    unmount();

    mockApi({
      'GET stats/orders-per-day': {
        status: 502,
        body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } },
      },
    });
    renderWithStore(<OrdersPerDayChart />);
    expect(await findNotice(/The sidecar does not answer\./)).toBeTruthy();
  });
});
