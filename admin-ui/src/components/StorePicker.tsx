import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { Connection } from '../api/types.ts';

interface Props {
  stores: Connection[];
  chosen: Connection;
  onChoose: (id: string) => void;
  /** What the panel shows of the only store, when there is no choice to make. */
  describeOnly: (store: Connection) => string;
}

/** Which store a panel acts on: a picker when there are several, a sentence naming it when there is one. */
export function StorePicker({ stores, chosen, onChoose, describeOnly }: Props) {
  if (stores.length <= 1) return <p>{describeOnly(chosen)}</p>;
  return (
    <SelectControl
      __nextHasNoMarginBottom
      label={__('Store', 'ml-connector')}
      value={chosen.id}
      onChange={onChoose}
      options={stores.map((item) => ({ value: item.id, label: `${item.name} (${item.storeUrl})` }))}
    />
  );
}
