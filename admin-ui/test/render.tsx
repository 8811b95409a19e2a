import { render, screen } from '@testing-library/react';
import { createRegistry, RegistryProvider } from '@wordpress/data';
import type { ReactElement } from 'react';
import { store } from '../src/store/index.ts';

/** A registry of its own per test, so no state leaks from one test to the next. */
export function freshRegistry() {
  const registry = createRegistry();
  registry.register(store);
  return registry;
}

export function renderWithStore(ui: ReactElement) {
  const registry = freshRegistry();
  return { registry, ...render(<RegistryProvider value={registry}>{ui}</RegistryProvider>) };
}

/**
 * Finds a Notice by its text. Notices also speak their text through @wordpress/a11y's live region, so a plain
 * findByText would find it twice.
 */
export const findNotice = (text: string | RegExp) =>
  screen.findByText(text, { selector: '.components-notice__content' });
