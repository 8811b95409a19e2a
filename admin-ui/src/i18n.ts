import { type LocaleData, setLocaleData } from '@wordpress/i18n';

export const TEXT_DOMAIN = 'ml-connector';

declare global {
  interface Window {
    wp?: { i18n?: { getLocaleData?: (domain: string) => LocaleData } };
  }
}

/**
 * The bundle carries its own @wordpress/i18n, which WordPress's wp_set_script_translations() never reaches: it loads
 * the translations into the page's `wp.i18n`. Copies them across, once, before the first render.
 */
export function loadTranslations(): void {
  const data = window.wp?.i18n?.getLocaleData?.(TEXT_DOMAIN);
  if (data && Object.keys(data).length > 1) setLocaleData(data, TEXT_DOMAIN);
}
