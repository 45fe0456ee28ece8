// Reads and validates the GitHub workflow files for the packaging tests: action-validator (the
// npm CLI of the GitHub workflow schema) for syntax, js-yaml for the structure the tests check.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const WORKFLOWS = ['ci.yml', 'release.yml'].map((f) => path.join(ROOT, '.github', 'workflows', f));

// js-yaml arrives with electron-builder; it has no bundled types, so only `load` is declared.
const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

export interface Step { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string>; shell?: string }
export interface Job { 'runs-on': string; strategy?: { matrix: { include?: Array<Record<string, string>>; os?: string[] } }; steps: Step[]; env?: Record<string, string>; needs?: string | string[]; permissions?: Record<string, string> }
export interface Workflow { name: string; on: Record<string, unknown>; jobs: Record<string, Job>; permissions?: Record<string, string>; env?: Record<string, string> }

export function loadWorkflow(file: string): Workflow {
  return yaml.load(readFileSync(file, 'utf8')) as Workflow;
}

/** Runs the action-validator CLI on one file: exit status and what it printed. */
export function validateWorkflow(file: string): { status: number | null; output: string } {
  const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'action-validator.cmd' : 'action-validator');
  const run = spawnSync(bin, [file], { encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
  return { status: run.status, output: `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}` };
}

export const allSteps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((job) => job.steps);
