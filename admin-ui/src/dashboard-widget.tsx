import '@wordpress/components/build-style/style.css';
import './style.css';
import { dispatch } from '@wordpress/data';
import { createRoot } from 'react-dom/client';
import { configureApi } from './api/client.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { loadTranslations } from './i18n.ts';
import { DashboardWidget } from './screens/DashboardWidget.tsx';
import { registerStore, store } from './store/index.ts';

// The dashboard widget's own small entry (plugin/includes/class-dashboard-widget.php prints its root and settings).
const root = document.getElementById('ml-connector-dashboard-widget');
const settings = window.mlConnector;
if (root && settings) {
  loadTranslations();
  configureApi(settings);
  registerStore();
  createRoot(root).render(
    <ErrorBoundary onRetry={() => dispatch(store).loadReviewQueue()}>
      <DashboardWidget reviewQueueUrl={settings.pageUrl ?? 'admin.php?page=ml-connector'} />
    </ErrorBoundary>,
  );
}
