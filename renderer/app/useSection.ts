// The current section lives in the URL fragment (#/reports) so reloads and the back button
// keep the user's place; Ctrl/Cmd+1…9 switch sections.
import { useCallback, useEffect, useState } from 'react';
import { SECTIONS, isSectionId, type SectionId } from './sections';

function fromHash(): SectionId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isSectionId(id) ? id : 'overview';
}

export function useSection(): [SectionId, (id: SectionId) => void] {
  const [section, setSection] = useState<SectionId>(fromHash);
  useEffect(() => {
    const onHash = () => setSection(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((id: SectionId) => {
    window.location.hash = `/${id}`;
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.metaKey || e.ctrlKey) || e.altKey || e.shiftKey) return;
      const target = SECTIONS[Number(e.key) - 1];
      if (target) {
        e.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  return [section, go];
}
