// A section that only makes sense with an Apple key (Apps, Requests), as it shows over a lake:
// its heading and why there is nothing to do here, instead of the "add a key" first steps.
import { PageSection } from '../../components/PageSection';
import { LakeModeNotice } from './LakeModeNotice';
import type { LakeTopic } from './lakeText';

export function LakeSectionPage({ id, title, topic }: { id: string; title: string; topic: LakeTopic }) {
  return (
    <PageSection id={id} title={title}>
      <LakeModeNotice topic={topic} />
    </PageSection>
  );
}
