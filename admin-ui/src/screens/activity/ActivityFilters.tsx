import { Button, SelectControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import { type AuditFilter, JOB_STATES, type JobState } from '../../api/types.ts';

interface Props {
  onSearch: (filter: AuditFilter) => void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in the browser's time zone as the instant it starts or ends, which the audit route takes. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

/** Free text (order number, SKU, externalId, job id), job state and a range of days: checked, then searched. */
export function ActivityFilters({ onSearch }: Props) {
  const [q, setQ] = useState('');
  const [state, setState] = useState<JobState | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'q' | 'from' | 'to', string>>>({});

  const submit = () => {
    const text = q.trim();
    const found: typeof errors = {};
    // The same bounds the audit route's query schema sets.
    if (text.length > 200) found.q = __('Search for at most 200 characters.', 'ml-connector');
    if (from && !DAY.test(from)) found.from = __('Enter a date as YYYY-MM-DD.', 'ml-connector');
    if (to && !DAY.test(to)) found.to = __('Enter a date as YYYY-MM-DD.', 'ml-connector');
    if (!found.from && !found.to && from && to && from > to) {
      found.to = __('The last day comes on or after the first.', 'ml-connector');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSearch({
      q: text || undefined,
      state: state || undefined,
      from: from ? dayStart(from) : undefined,
      to: to ? dayEnd(to) : undefined,
    });
  };

  return (
    <form
      className="mlc-activity-filters"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div>
        <TextControl
          __nextHasNoMarginBottom
          label={__('Search the activity', 'ml-connector')}
          help={__('An order number, a SKU, a NetSuite externalId such as WOO_ORDER_12, or a job id.', 'ml-connector')}
          value={q}
          onChange={setQ}
        />
        {errors.q && <p className="mlc-error">{errors.q}</p>}
      </div>
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Job state', 'ml-connector')}
        value={state}
        onChange={setState}
        options={[
          { label: __('Any state', 'ml-connector'), value: '' as const },
          ...JOB_STATES.map((name) => ({ label: name, value: name })),
        ]}
      />
      <div>
        <TextControl
          __nextHasNoMarginBottom
          type="date"
          label={__('From (day)', 'ml-connector')}
          value={from}
          onChange={setFrom}
        />
        {errors.from && <p className="mlc-error">{errors.from}</p>}
      </div>
      <div>
        <TextControl
          __nextHasNoMarginBottom
          type="date"
          label={__('To (day)', 'ml-connector')}
          value={to}
          onChange={setTo}
        />
        {errors.to && <p className="mlc-error">{errors.to}</p>}
      </div>
      <Button variant="primary" type="submit">
        {__('Search', 'ml-connector')}
      </Button>
    </form>
  );
}
