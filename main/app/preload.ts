// Preload (sandboxed): exposes the contract-checked bridge as `window.orchard` and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createElectronBridge } from './preloadBridge';

contextBridge.exposeInMainWorld('orchard', createElectronBridge(ipcRenderer));
