// The workspace database (IndexedDB, through `idb`). One record per workflow; runs in their own
// object store (a run's history may hold 100,000 events, and the workflow record is rewritten on
// every edit); a small meta store for what was open.
//
// Versions and their upgrades run in order, so a browser on any older version reaches the
// current one in one open:
//   1  workflows (keyPath id), meta (keyPath key)
//   2  runs (keyPath key, index workflowId); runs kept inline in a v1 workflow record move there

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb'
import type { JsonObject, WorkflowType } from '../../core/asl/types'
import type { SerializedLayout } from '../../core/graph/layoutMap'

export const DB_NAME = 'stepwise-workspace'
export const DB_VERSION = 2

/** One workflow of the workspace, as stored. */
export interface WorkflowRecord {
  id: string
  name: string
  /** Milliseconds since the epoch. */
  createdAt: number
  updatedAt: number
  workflowType: WorkflowType
  definition: JsonObject
  /** Positions keyed by state path (`serializeLayout`), so they survive a reload. */
  layout: SerializedLayout
  /**
   * Each per-workflow store's data as its `exportPersisted()` gives it (code draft, mocks,
   * execution without its runs), by store key ('code', 'mocks', 'execution').
   */
  slices: Record<string, unknown>
}

/** One run of a workflow (its history events included), stored apart from the workflow. */
export interface RunRecord {
  /** `${workflowId}/${runId}`. */
  key: string
  workflowId: string
  runId: string
  /** The run as the execution store exports it. */
  data: unknown
}

export interface MetaRecord {
  key: string
  value: unknown
}

export interface WorkspaceSchema extends DBSchema {
  workflows: { key: string; value: WorkflowRecord }
  runs: { key: string; value: RunRecord; indexes: { workflowId: string } }
  meta: { key: string; value: MetaRecord }
}

export type WorkspaceDb = IDBPDatabase<WorkspaceSchema>

export interface OpenOptions {
  name?: string
  /** Another tab keeps an older version open: the upgrade waits until it closes. */
  onBlocked?: () => void
  /** Another tab wants a newer version: this connection has been closed. */
  onVersionChange?: () => void
}

type UpgradeTransaction = IDBPTransaction<
  WorkspaceSchema,
  ('workflows' | 'runs' | 'meta')[],
  'versionchange'
>

/** The upgrade from version `to - 1` to `to`. */
const MIGRATIONS: Record<number, (db: WorkspaceDb, tx: UpgradeTransaction) => Promise<void>> = {
  1: async (db) => {
    db.createObjectStore('workflows', { keyPath: 'id' })
    db.createObjectStore('meta', { keyPath: 'key' })
  },
  2: async (db, tx) => {
    const runs = db.createObjectStore('runs', { keyPath: 'key' })
    runs.createIndex('workflowId', 'workflowId')
    // Version 1 kept runs inside the execution slice of the workflow record.
    let cursor = await tx.objectStore('workflows').openCursor()
    while (cursor) {
      const record = cursor.value
      const execution = record.slices?.execution as { runs?: unknown } | undefined
      if (execution && Array.isArray(execution.runs)) {
        const split = splitRuns(execution)
        for (const run of split.runs) {
          await tx.objectStore('runs').put({
            key: runKey(record.id, run.id),
            workflowId: record.id,
            runId: run.id,
            data: run.data,
          })
        }
        await cursor.update({ ...record, slices: { ...record.slices, execution: split.rest } })
      }
      cursor = await cursor.continue()
    }
  },
}

/** Opens (creating or upgrading) the workspace database. */
export async function openWorkspaceDb(
  options: OpenOptions = {},
  version = DB_VERSION,
): Promise<WorkspaceDb> {
  const db = await openDB<WorkspaceSchema>(options.name ?? DB_NAME, version, {
    async upgrade(database, oldVersion, newVersion, transaction) {
      for (let v = oldVersion + 1; v <= (newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v]
        if (!migrate) throw new Error(`No upgrade of the workspace database to version ${v}`)
        await migrate(database, transaction)
      }
    },
    blocked() {
      options.onBlocked?.()
    },
    blocking() {
      db.close()
      options.onVersionChange?.()
    },
  })
  return db
}

export function runKey(workflowId: string, runId: string): string {
  return `${workflowId}/${runId}`
}

// ---------------------------------------------------------------------------------------------
// Runs out of the execution slice and back

/** The execution slice without its runs, and the run ids in order. */
export interface ExecutionRest {
  [key: string]: unknown
  /** Ids of the runs stored apart, in the store's order. */
  runIds: string[]
}

export interface SplitRuns {
  rest: unknown
  runs: { id: string; data: unknown }[]
}

/**
 * Takes the runs (objects with an `id`) out of an execution store's persisted data. Data of
 * another shape stays as it is, with no runs taken out.
 */
export function splitRuns(data: unknown): SplitRuns {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { rest: data, runs: [] }
  }
  const record = data as Record<string, unknown>
  const list = record.runs
  if (!Array.isArray(list) || !list.every(hasRunId)) return { rest: data, runs: [] }
  const runs = list.map((run) => ({ id: String(run.id), data: run as unknown }))
  const rest: ExecutionRest = { ...record, runIds: runs.map((r) => r.id) }
  delete rest.runs
  return { rest, runs }
}

/** Puts runs back into the execution slice, in the order the slice names them. */
export function joinRuns(rest: unknown, runs: ReadonlyMap<string, unknown>): unknown {
  if (typeof rest !== 'object' || rest === null || Array.isArray(rest)) return rest
  const record = rest as Record<string, unknown>
  if (!Array.isArray(record.runIds)) return rest
  const { runIds, ...others } = record as ExecutionRest
  return {
    ...others,
    runs: runIds.filter((id) => runs.has(id)).map((id) => runs.get(id)),
  }
}

function hasRunId(run: unknown): run is { id: string | number } {
  if (typeof run !== 'object' || run === null) return false
  const id = (run as { id?: unknown }).id
  return typeof id === 'string' || typeof id === 'number'
}
