import { TabPanel } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { __ } from '@wordpress/i18n';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Activity } from './screens/Activity.tsx';
import { Connection } from './screens/Connection.tsx';
import { Mappings } from './screens/Mappings.tsx';
import { Overview } from './screens/Overview.tsx';
import { ReviewQueue } from './screens/ReviewQueue.tsx';
import { store } from './store/index.ts';

const tabs = () => [
  { name: 'overview', title: __('Overview', 'ml-connector') },
  { name: 'review-queue', title: __('Review queue', 'ml-connector') },
  { name: 'mappings', title: __('Mappings', 'ml-connector') },
  { name: 'activity', title: __('Activity', 'ml-connector') },
  { name: 'connection', title: __('Connection', 'ml-connector') },
];

/** The NetSuite page: one tab per screen, each loading its own data when opened and failing on its own. */
export function App({ classicUrl }: { classicUrl: string }) {
  const actions = useDispatch(store);

  const screen = (name: string) => {
    switch (name) {
      case 'review-queue':
        return { ui: <ReviewQueue />, reload: () => actions.loadReviewQueue() };
      case 'mappings':
        return { ui: <Mappings />, reload: () => actions.loadSkuMappings() };
      case 'activity':
        return { ui: <Activity />, reload: undefined };
      case 'connection':
        return { ui: <Connection classicUrl={classicUrl} />, reload: undefined };
      default:
        return {
          ui: <Overview />,
          reload: () =>
            Promise.all([
              actions.loadPairing(),
              actions.loadStore(),
              actions.loadJobCounts(),
              actions.loadLastErrors(),
              actions.loadAlerts(),
            ]),
        };
    }
  };

  return (
    <TabPanel className="mlc-tabs" tabs={tabs()}>
      {(tab) => {
        const { ui, reload } = screen(tab.name);
        return (
          <ErrorBoundary key={tab.name} onRetry={reload}>
            {ui}
          </ErrorBoundary>
        );
      }}
    </TabPanel>
  );
}
