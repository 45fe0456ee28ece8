// API Keys: add a key (file or paste), test it, choose the default, remove it. Over a read-only lake: why none is needed.
import { useEffect, useState } from 'react';
import type { ConnectionResult, KeyInfo } from '../../../shared/keys';
import { useClient, useCommand } from '../../ipc/ClientContext';
import { ErrorState, Loading } from '../../components/States';
import { AddKeyForm } from './AddKeyForm';
import { KeyList } from './KeyList';
import { useLakeMode } from '../lake/lakeMode';
import { LakeModeNotice } from '../lake/LakeModeNotice';

export function KeysPage({ onKeysChanged }: { onKeysChanged?: () => void }) {
  const client = useClient();
  const [loaded, reload] = useCommand('keys:list', {});
  const [store] = useCommand('keys:storeStatus', {});
  const [keys, setKeys] = useState<KeyInfo[] | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionResult>>({});
  useEffect(() => {
    if (loaded.state === 'ready') setKeys(loaded.data);
  }, [loaded]);
  const lake = useLakeMode().lake;

  // Over a read-only lake no key is used: no form to add one.
  if (lake) {
    return (
      <section className="page" aria-labelledby="keys-title">
        <h1 id="keys-title">API Keys</h1>
        <LakeModeNotice topic="keys" />
      </section>
    );
  }
  if (loaded.state === 'error') return <ErrorState error={loaded.error} onRetry={reload} />;
  if (store.state === 'error') return <ErrorState error={store.error} />;
  if (keys === null || store.state !== 'ready') return <Loading />;

  const update = (next: KeyInfo[]) => {
    setKeys(next);
    onKeysChanged?.();
  };
  const record = (keyId: string, r: ConnectionResult) => setResults((prev) => ({ ...prev, [keyId]: r }));

  return (
    <section className="page" aria-labelledby="keys-title">
      <h1 id="keys-title">API Keys</h1>
      {keys.length === 0 && (
        <p className="lead">No API key yet. Orchard needs one to talk to App Store Connect; its private key stays in your system keychain.</p>
      )}
      {keys.length > 0 && <KeyList keys={keys} onChange={update} results={results} onResult={record} />}
      <AddKeyForm
        store={store.data}
        onAdded={async (added) => {
          update(await client.invoke('keys:list', {}));
          record(added.key.keyId, await client.invoke('keys:test', { keyId: added.key.keyId }));
        }}
      />
    </section>
  );
}
