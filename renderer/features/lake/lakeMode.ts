// Whether Orchard browses a published Parquet lake (`npm run web -- --lake`) rather than its own
// warehouse, as every screen sees it: the shell asks warehouse:health once and provides the answer;
// the pages that sync or hold keys read it to say why they offer nothing to do.
import { createContext, useContext, useEffect, useState } from 'react';
import type { LakeInfo } from '../../../shared/rebuild';
import type { OrchardClient } from '../../ipc/client';

export interface LakeMode {
  /** False until warehouse:health answered (or failed): screens that differ wait for it. */
  known: boolean;
  /** Non-null when the warehouse is a read-only lake. */
  lake: LakeInfo | null;
  /** The health message: who published the lake and when, in words. */
  message: string;
}

const NOT_KNOWN: LakeMode = { known: false, lake: null, message: '' };

export const LakeModeContext = createContext<LakeMode>(NOT_KNOWN);

export function useLakeMode(): LakeMode {
  return useContext(LakeModeContext);
}

/** For the shell: asks once. A failed answer counts as "not a lake" so the app still starts. */
export function useWarehouseLake(client: OrchardClient): LakeMode {
  const [mode, setMode] = useState<LakeMode>(NOT_KNOWN);
  useEffect(() => {
    let live = true;
    client.invoke('warehouse:health', {}).then(
      (health) => live && setMode({ known: true, lake: health.lake ?? null, message: health.message }),
      () => live && setMode({ known: true, lake: null, message: '' }),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return mode;
}
