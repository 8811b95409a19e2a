import { createReduxStore, register } from '@wordpress/data';
import * as actions from './actions.ts';
import { reducer } from './reducer.ts';
import * as selectors from './selectors.ts';

export const STORE_NAME = 'ml-connector';

/** The admin UI's one store: each screen's remote data with its loading and error state, and the writes. */
export const store = createReduxStore(STORE_NAME, { reducer, actions, selectors });

let registered = false;

/** Registers the store once (tests and the page both call it). */
export function registerStore(): void {
  if (registered) return;
  register(store);
  registered = true;
}
