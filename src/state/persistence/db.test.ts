import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { openDB } from 'idb'
import { beforeEach, describe, expect, it } from 'vitest'
import { joinRuns, openWorkspaceDb, splitRuns } from './db'
import { IdbRepository, MemoryRepository, describeStorageError } from './repository'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

const record = (id: string, slices: Record<string, unknown> = {}) => ({
  id,
  name: id,
  createdAt: 1,
  updatedAt: 1,
  workflowType: 'STANDARD' as const,
  definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
  layout: { A: { x: 1, y: 2 } },
  slices,
})

describe('splitRuns / joinRuns', () => {
  it('takes runs out of the execution data and puts them back in order', () => {
    const data = {
      input: '{}',
      runs: [
        { id: 'r1', events: [1] },
        { id: 2, events: [] },
      ],
    }
    const split = splitRuns(data)
    expect(split.rest).toEqual({ input: '{}', runIds: ['r1', '2'] })
    expect(split.runs.map((r) => r.id)).toEqual(['r1', '2'])
    const back = joinRuns(split.rest, new Map(split.runs.map((r) => [r.id, r.data])))
    expect(back).toEqual(data)
  })

  it('leaves data of another shape alone', () => {
    expect(splitRuns({ input: 1 })).toEqual({ rest: { input: 1 }, runs: [] })
    expect(splitRuns(undefined)).toEqual({ rest: undefined, runs: [] })
    expect(joinRuns({ input: 1 }, new Map())).toEqual({ input: 1 })
  })
})

describe('workspace database', () => {
  it('upgrades a version 1 database, moving inline runs into the runs store', async () => {
    const v1 = await openWorkspaceDb({ name: 'upgrade' }, 1)
    expect([...v1.objectStoreNames].sort()).toEqual(['meta', 'workflows'])
    await v1.put(
      'workflows',
      record('w1', { execution: { input: 'x', runs: [{ id: 'r1', n: 1 }] } }),
    )
    v1.close()

    const repo = await IdbRepository.open({ name: 'upgrade' })
    const upgraded = await repo.getWorkflow('w1')
    expect(upgraded?.slices.execution).toEqual({ input: 'x', runIds: ['r1'] })
    expect(await repo.getRuns('w1')).toEqual([
      { key: 'w1/r1', workflowId: 'w1', runId: 'r1', data: { id: 'r1', n: 1 } },
    ])
    repo.close()
    const raw = await openDB('upgrade')
    expect(raw.version).toBe(2)
    raw.close()
  })

  for (const [label, make] of [
    ['IndexedDB', () => IdbRepository.open({ name: 'repo' })],
    ['memory', async () => new MemoryRepository()],
  ] as const) {
    it(`${label}: stores workflows and runs; delete removes both and restore puts them back`, async () => {
      const repo = await make()
      await repo.putWorkflow(record('a'))
      await repo.putWorkflow(record('b'))
      await repo.saveRuns(
        'a',
        [
          { key: 'a/1', workflowId: 'a', runId: '1', data: { id: '1' } },
          { key: 'a/2', workflowId: 'a', runId: '2', data: { id: '2' } },
        ],
        [],
      )
      await repo.saveRuns('a', [], ['1'])
      expect((await repo.getRuns('a')).map((r) => r.runId)).toEqual(['2'])
      const removed = await repo.deleteWorkflow('a')
      expect(removed?.runs).toHaveLength(1)
      expect((await repo.listWorkflows()).map((w) => w.id)).toEqual(['b'])
      expect(await repo.getRuns('a')).toEqual([])
      await repo.restoreWorkflow(removed!)
      expect((await repo.listWorkflows()).map((w) => w.id).sort()).toEqual(['a', 'b'])
      expect(await repo.getRuns('a')).toHaveLength(1)
      await repo.setMeta('open', 'b')
      expect(await repo.getMeta('open')).toBe('b')
      repo.close()
    })
  }
})

describe('describeStorageError', () => {
  it('explains quota, private mode and unknown failures', () => {
    expect(describeStorageError(new DOMException('full', 'QuotaExceededError'))).toContain('full')
    expect(describeStorageError(new DOMException('no', 'InvalidStateError'))).toContain(
      'private browsing',
    )
    expect(describeStorageError(new Error('disk on fire'))).toContain('disk on fire')
  })
})
