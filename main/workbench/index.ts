// The SQL workbench's main-side surface: one service the IPC handlers call.
export { createWorkbench, SAVED_QUERIES_FOLDER, WORKBENCH_FOLDER, type Workbench, type WorkbenchDeps } from './workbench';
