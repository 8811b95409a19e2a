import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect } from 'react';
import type { OrdersPerDay } from '../../api/types.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { store } from '../../store/index.ts';

/** Days shown (`stats/orders-per-day?days=`). */
const DAYS = 14;

const SERIES = [
  { key: 'synced', className: 'mlc-bar-synced', label: () => __('Synced', 'ml-connector') },
  { key: 'held', className: 'mlc-bar-held', label: () => __('Held', 'ml-connector') },
  { key: 'dead', className: 'mlc-bar-dead', label: () => __('Failed', 'ml-connector') },
] as const;

// The drawing's own units; the SVG scales to its container's width.
const BAR = 24;
const GAP = 12;
const LEFT = 36;
const TOP = 8;
const PLOT = 120;
const BOTTOM = 24;

const dayText = (day: OrdersPerDay['days'][number]) =>
  sprintf(
    /* translators: 1: a date (YYYY-MM-DD), 2: orders synced, 3: orders held, 4: orders failed. */
    __('%1$s: %2$d synced, %3$d held, %4$d failed', 'ml-connector'),
    day.date,
    day.synced,
    day.held,
    day.dead,
  );

/** Orders synced per day as stacked bars (synced, held, failed), with a table for screen readers. */
export function OrdersPerDayChart() {
  const remote = useSelect((select) => select(store).getOrdersPerDay(), []);
  const { loadOrdersPerDay } = useDispatch(store);

  useEffect(() => {
    void loadOrdersPerDay(DAYS);
  }, [loadOrdersPerDay]);

  return (
    <RemoteView
      remote={remote}
      isEmpty={(data) => data.days.every((day) => day.synced + day.held + day.dead === 0)}
      empty={sprintf(
        /* translators: %d: a number of days. */
        __('No order reached the sidecar in the last %d days.', 'ml-connector'),
        DAYS,
      )}
      onRetry={() => void loadOrdersPerDay(DAYS)}
    >
      {(data) => <Chart data={data} />}
    </RemoteView>
  );
}

function Chart({ data }: { data: OrdersPerDay }) {
  const max = Math.max(1, ...data.days.map((day) => day.synced + day.held + day.dead));
  const width = LEFT + data.days.length * (BAR + GAP);
  const height = TOP + PLOT + BOTTOM;
  const scale = (value: number) => (value / max) * PLOT;
  const caption = sprintf(
    /* translators: 1: a number of days, 2: a time zone. */
    __('Orders per day, last %1$d days (%2$s)', 'ml-connector'),
    data.days.length,
    data.timeZone,
  );

  return (
    <figure className="mlc-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={caption} className="mlc-chart-svg">
        <title>{caption}</title>
        <line x1={LEFT} y1={TOP + PLOT} x2={width} y2={TOP + PLOT} className="mlc-axis" />
        <text x={LEFT - 4} y={TOP + 8} textAnchor="end" className="mlc-axis-label">
          {max}
        </text>
        <text x={LEFT - 4} y={TOP + PLOT} textAnchor="end" className="mlc-axis-label">
          0
        </text>
        {data.days.map((day, index) => {
          const x = LEFT + GAP / 2 + index * (BAR + GAP);
          let base = TOP + PLOT;
          return (
            <g key={day.date} className="mlc-bar" data-date={day.date}>
              <title>{dayText(day)}</title>
              {SERIES.map(({ key, className }) => {
                const h = scale(day[key]);
                base -= h;
                return h > 0 ? <rect key={key} x={x} y={base} width={BAR} height={h} className={className} /> : null;
              })}
              <text x={x + BAR / 2} y={TOP + PLOT + 16} textAnchor="middle" className="mlc-axis-label">
                {day.date.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mlc-chart-legend">
        {SERIES.map(({ key, className, label }) => (
          <span key={key}>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" className={className} />
            </svg>{' '}
            {label()}
          </span>
        ))}
      </figcaption>
      <table className="screen-reader-text">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{__('Day', 'ml-connector')}</th>
            {SERIES.map(({ key, label }) => (
              <th key={key} scope="col">
                {label()}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              <td>{day.synced}</td>
              <td>{day.held}</td>
              <td>{day.dead}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
