// "My dashboard": the user's own saved queries pinned as tiles. A placeholder until pinning lands;
// it keeps the props the real tab takes so the Insights tabs need no change then.
import type { DashboardControls } from '../../../shared/dashboards';
import { EmptyState } from '../../components/States';

export function MyDashboardTab(_props: { controls: DashboardControls; openInWorkbench: (sql: string) => void }) {
  return <EmptyState title="Nothing pinned yet">Pin a saved query from the SQL workbench to see it here.</EmptyState>;
}
