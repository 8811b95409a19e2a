import '@wordpress/components/build-style/style.css';
import './style.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { configureApi, type PageSettings } from './api/client.ts';
import { loadTranslations } from './i18n.ts';
import { registerStore } from './store/index.ts';

declare global {
  interface Window {
    mlConnector?: PageSettings & { classicUrl?: string; pageUrl?: string };
  }
}

const root = document.getElementById('ml-connector-admin');
const settings = window.mlConnector;
if (root && settings) {
  loadTranslations();
  configureApi(settings);
  registerStore();
  createRoot(root).render(<App classicUrl={settings.classicUrl ?? '?page=ml-connector&classic=1'} />);
}
