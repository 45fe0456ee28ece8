// A section whose capability has not landed yet: says what it will hold and the next step now.
import { EmptyState } from '../components/States';

export function PlaceholderPage({ title, description, next }: { title: string; description: string; next: string }) {
  return (
    <section className="page" aria-labelledby={`${title}-title`}>
      <h1 id={`${title}-title`}>{title}</h1>
      <EmptyState title={description}>{next}</EmptyState>
    </section>
  );
}
