import { TabPanel } from '@wordpress/components';
import { Activity } from './screens/Activity.tsx';
import { Connection } from './screens/Connection.tsx';
import { Mappings } from './screens/Mappings.tsx';
import { Overview } from './screens/Overview.tsx';
import { ReviewQueue } from './screens/ReviewQueue.tsx';

const TABS = [
  { name: 'overview', title: 'Overview' },
  { name: 'review-queue', title: 'Review queue' },
  { name: 'mappings', title: 'Mappings' },
  { name: 'activity', title: 'Activity' },
  { name: 'connection', title: 'Connection' },
];

/** The NetSuite page: one tab per screen, each loading its own data when opened. */
export function App({ classicUrl }: { classicUrl: string }) {
  return (
    <TabPanel className="mlc-tabs" tabs={TABS}>
      {(tab) => {
        switch (tab.name) {
          case 'review-queue':
            return <ReviewQueue />;
          case 'mappings':
            return <Mappings />;
          case 'activity':
            return <Activity />;
          case 'connection':
            return <Connection classicUrl={classicUrl} />;
          default:
            return <Overview />;
        }
      }}
    </TabPanel>
  );
}
