// Reads and writes of the workspace, over IndexedDB or (when the browser refuses storage) over
// memory, behind one interface so the rest never asks which. Every method rejects with the
// browser's own error (QuotaExceededError, InvalidStateError, …); callers show it.

import {
  openWorkspaceDb,
  runKey,
  type OpenOptions,
  type RunRecord,
  type WorkflowRecord,
  type WorkspaceDb,
} from './db'

/** What deleting a workflow removed, so Undo can put it back exactly. */
export interface DeletedWorkflow {
  record: WorkflowRecord
  runs: RunRecord[]
}

export interface WorkspaceRepository {
  /** True when data survives a reload (IndexedDB), false for the in-memory fallback. */
  readonly durable: boolean
  listWorkflows(): Promise<WorkflowRecord[]>
  getWorkflow(id: string): Promise<WorkflowRecord | undefined>
  putWorkflow(record: WorkflowRecord): Promise<void>
  /**
   * Writes a workflow and its changed runs in ONE transaction whose requests are all issued
   * before this returns, so a save started in `pagehide` completes even as the page goes.
   */
  saveWorkflow(record: WorkflowRecord, putRuns: RunRecord[], removeRunIds: string[]): Promise<void>
  /** Removes a workflow and its runs in one transaction; returns what was removed. */
  deleteWorkflow(id: string): Promise<DeletedWorkflow | undefined>
  /** Puts back what deleteWorkflow removed. */
  restoreWorkflow(deleted: DeletedWorkflow): Promise<void>
  getRuns(workflowId: string): Promise<RunRecord[]>
  /** Writes the given runs and deletes the runs of the workflow named in `removeRunIds`. */
  saveRuns(workflowId: string, put: RunRecord[], removeRunIds: string[]): Promise<void>
  getMeta(key: string): Promise<unknown>
  setMeta(key: string, value: unknown): Promise<void>
  close(): void
}

export class IdbRepository implements WorkspaceRepository {
  readonly durable = true

  private constructor(private readonly db: WorkspaceDb) {}

  static async open(options: OpenOptions = {}): Promise<IdbRepository> {
    return new IdbRepository(await openWorkspaceDb(options))
  }

  listWorkflows() {
    return this.db.getAll('workflows')
  }

  getWorkflow(id: string) {
    return this.db.get('workflows', id)
  }

  async putWorkflow(record: WorkflowRecord) {
    await this.db.put('workflows', record)
  }

  saveWorkflow(record: WorkflowRecord, putRuns: RunRecord[], removeRunIds: string[]) {
    const tx = this.db.transaction(['workflows', 'runs'], 'readwrite')
    const requests: Promise<unknown>[] = [tx.objectStore('workflows').put(record)]
    const runs = tx.objectStore('runs')
    for (const run of putRuns) requests.push(runs.put(run))
    for (const id of removeRunIds) requests.push(runs.delete(runKey(record.id, id)))
    // Nothing more comes: commit now rather than at the end of the task (the page may be going).
    tx.commit()
    return Promise.all([...requests, tx.done]).then(() => undefined)
  }

  async deleteWorkflow(id: string) {
    const tx = this.db.transaction(['workflows', 'runs'], 'readwrite')
    const record = await tx.objectStore('workflows').get(id)
    if (!record) {
      await tx.done
      return undefined
    }
    const runs = await tx.objectStore('runs').index('workflowId').getAll(id)
    await tx.objectStore('workflows').delete(id)
    for (const run of runs) await tx.objectStore('runs').delete(run.key)
    await tx.done
    return { record, runs }
  }

  async restoreWorkflow({ record, runs }: DeletedWorkflow) {
    const tx = this.db.transaction(['workflows', 'runs'], 'readwrite')
    await tx.objectStore('workflows').put(record)
    for (const run of runs) await tx.objectStore('runs').put(run)
    await tx.done
  }

  getRuns(workflowId: string) {
    return this.db.getAllFromIndex('runs', 'workflowId', workflowId)
  }

  async saveRuns(workflowId: string, put: RunRecord[], removeRunIds: string[]) {
    if (put.length === 0 && removeRunIds.length === 0) return
    const tx = this.db.transaction('runs', 'readwrite')
    for (const run of put) await tx.store.put(run)
    for (const id of removeRunIds) await tx.store.delete(runKey(workflowId, id))
    await tx.done
  }

  async getMeta(key: string) {
    return (await this.db.get('meta', key))?.value
  }

  async setMeta(key: string, value: unknown) {
    await this.db.put('meta', { key, value })
  }

  close() {
    this.db.close()
  }
}

/** The fallback when IndexedDB cannot be used: the same behaviour, gone on reload. */
export class MemoryRepository implements WorkspaceRepository {
  readonly durable = false
  private readonly workflows = new Map<string, WorkflowRecord>()
  private readonly runs = new Map<string, RunRecord>()
  private readonly meta = new Map<string, unknown>()

  async listWorkflows() {
    return [...this.workflows.values()].map((r) => structuredClone(r))
  }

  async getWorkflow(id: string) {
    const record = this.workflows.get(id)
    return record && structuredClone(record)
  }

  async putWorkflow(record: WorkflowRecord) {
    this.workflows.set(record.id, structuredClone(record))
  }

  async saveWorkflow(record: WorkflowRecord, putRuns: RunRecord[], removeRunIds: string[]) {
    await this.putWorkflow(record)
    await this.saveRuns(record.id, putRuns, removeRunIds)
  }

  async deleteWorkflow(id: string) {
    const record = this.workflows.get(id)
    if (!record) return undefined
    const runs = [...this.runs.values()].filter((r) => r.workflowId === id)
    this.workflows.delete(id)
    for (const run of runs) this.runs.delete(run.key)
    return { record, runs }
  }

  async restoreWorkflow({ record, runs }: DeletedWorkflow) {
    this.workflows.set(record.id, record)
    for (const run of runs) this.runs.set(run.key, run)
  }

  async getRuns(workflowId: string) {
    return [...this.runs.values()].filter((r) => r.workflowId === workflowId)
  }

  async saveRuns(workflowId: string, put: RunRecord[], removeRunIds: string[]) {
    for (const run of put) this.runs.set(run.key, structuredClone(run))
    for (const id of removeRunIds) this.runs.delete(runKey(workflowId, id))
  }

  async getMeta(key: string) {
    return this.meta.get(key)
  }

  async setMeta(key: string, value: unknown) {
    this.meta.set(key, value)
  }

  close() {}
}

/** A sentence for a storage failure: what happened and what it means for the user's work. */
export function describeStorageError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  const message = error instanceof Error ? error.message : String(error)
  switch (name) {
    case 'QuotaExceededError':
      return 'The browser’s storage for this site is full: the latest changes are not saved. Delete workflows or runs you no longer need.'
    case 'SecurityError':
    case 'InvalidStateError':
      return 'This browser does not allow this page to store data (private browsing?): the workspace lasts only until the tab closes.'
    case 'VersionError':
      return 'A newer version of Stepwise has upgraded the workspace in another tab: reload this page to keep working with it.'
    default:
      return `The workspace could not be saved: ${message || name || 'unknown storage error'}.`
  }
}
