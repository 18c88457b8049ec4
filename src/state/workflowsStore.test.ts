import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { findStatesByName } from '../core/graph/model'
import { runExecution, type HistoryEvent } from '../core/interpreter'
import type { StateMachine } from '../core/asl/types'
import { useCodeStore } from './codeStore'
import { toAwsHistory, useExecutionStore } from './executionStore'
import { useMocksStore } from './mocksStore'
import { resetDocumentStore, selectDefinition, useDocumentStore } from './documentStore'
import { IdbRepository, MemoryRepository, type WorkspaceRepository } from './persistence/repository'
import { resetWorkspaceSession, startWorkspace, useWorkflowsStore } from './workflowsStore'
import { useWorkspaceStore } from './workspaceStore'

const workflows = () => useWorkflowsStore.getState()
const doc = () => useDocumentStore.getState()

const ORDERS = {
  StartAt: 'Charge',
  States: { Charge: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
}

async function reload(repository?: WorkspaceRepository) {
  await resetWorkspaceSession()
  resetDocumentStore()
  useWorkspaceStore.setState({ documentTitle: 'Untitled workflow', notices: [] })
  await startWorkspace({
    repository: repository ?? (await IdbRepository.open()),
    firstWorkflow: async () => ({ name: 'Orders', definition: ORDERS }),
  })
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory()
  await reload()
})

afterEach(async () => {
  await resetWorkspaceSession()
})

describe('workflowsStore', () => {
  it('opens the first workflow on a first visit and keeps every edit across a reload', async () => {
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Orders'])
    expect(useWorkspaceStore.getState().documentTitle).toBe('Orders')
    const charge = findStatesByName(doc().graph, 'Charge')[0]!
    doc().apply({ type: 'renameState', id: charge, name: 'Take payment' })
    doc().setLayout({ positions: { [charge]: { x: 40, y: 80 } }, sizes: {} })
    useWorkspaceStore.getState().setDocumentTitle('Payments')
    // No explicit flush: the reload's own flush on leaving stands in for pagehide.
    await reload()
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Payments'])
    expect(selectDefinition(doc())).toEqual({
      StartAt: 'Take payment',
      States: { 'Take payment': { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } },
    })
    const id = findStatesByName(doc().graph, 'Take payment')[0]!
    expect(doc().layout.positions[id]).toEqual({ x: 40, y: 80 })
    expect(doc().canUndo).toBe(false)
  })

  it('saves on its own shortly after an edit (a crashed tab loses at most the debounce)', async () => {
    doc().setWorkflowType('EXPRESS')
    await new Promise((resolve) => setTimeout(resolve, 400))
    const repo = await IdbRepository.open()
    const [record] = await repo.listWorkflows()
    expect(record?.workflowType).toBe('EXPRESS')
    repo.close()
  })

  it('creates, switches, renames and duplicates workflows, each with its own document', async () => {
    const first = workflows().openId!
    const second = await workflows().createWorkflow()
    expect(workflows().openId).toBe(second)
    expect(selectDefinition(doc())).toEqual({ StartAt: '', States: {} })
    expect(useWorkspaceStore.getState().documentTitle).toBe('Untitled workflow')
    await workflows().renameWorkflow(first, 'Renamed while closed')
    await workflows().openWorkflow(first)
    expect(useWorkspaceStore.getState().documentTitle).toBe('Renamed while closed')
    expect(selectDefinition(doc())).toEqual(ORDERS)
    const copy = await workflows().duplicateWorkflow(first)
    expect(workflows().openId).toBe(copy)
    expect(workflows().workflows.map((w) => w.name)).toEqual([
      'Renamed while closed',
      'Untitled workflow',
      'Renamed while closed (copy)',
    ])
    expect(selectDefinition(doc())).toEqual(ORDERS)
    await reload()
    expect(workflows().openId).toBe(copy)
    expect(workflows().workflows).toHaveLength(3)
  })

  it('deletes a workflow (opening another) and brings it back with undo', async () => {
    const first = workflows().openId!
    const second = await workflows().createWorkflow({ name: 'Second', definition: ORDERS })
    await workflows().deleteWorkflow(second)
    expect(workflows().workflows.map((w) => w.id)).toEqual([first])
    expect(workflows().openId).toBe(first)
    expect(workflows().lastDeleted).toEqual({ id: second, name: 'Second' })
    await workflows().undoDelete()
    expect(workflows().lastDeleted).toBeNull()
    expect(workflows().openId).toBe(second)
    await reload()
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Orders', 'Second'])
  })

  it('keeps the order of workflows made in the same millisecond across a reload', async () => {
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.now())
    try {
      for (const name of ['B', 'C', 'D', 'E']) {
        await workflows().createWorkflow({ name, definition: ORDERS })
      }
      await reload()
    } finally {
      clock.mockRestore()
    }
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Orders', 'B', 'C', 'D', 'E'])
  })

  it('deleting the last workflow leaves an empty one open', async () => {
    await workflows().deleteWorkflow(workflows().openId!)
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Untitled workflow'])
    expect(selectDefinition(doc())).toEqual({ StartAt: '', States: {} })
  })

  it('adds a shared workflow beside the others, never over one', async () => {
    await reload()
    await resetWorkspaceSession()
    await startWorkspace({
      repository: await IdbRepository.open(),
      shared: { name: 'Orders', definition: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } },
    })
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Orders', 'Orders (2)'])
    expect(selectDefinition(doc()).StartAt).toBe('X')
  })

  it('shows a storage failure instead of swallowing it, and keeps the edit in memory', async () => {
    const failing = new MemoryRepository()
    await reload(failing)
    failing.putWorkflow = async () => {
      throw new DOMException('quota', 'QuotaExceededError')
    }
    useWorkspaceStore.getState().setDocumentTitle('Too big')
    await useWorkflowsStore.getState().renameWorkflow(workflows().openId!, 'Too big')
    expect(workflows().storageError).toContain('storage for this site is full')
    const notice = useWorkspaceStore.getState().notices.at(-1)
    expect(notice?.kind).toBe('error')
    expect(useWorkspaceStore.getState().documentTitle).toBe('Too big')
  })

  it('falls back to memory and says so when IndexedDB cannot be opened', async () => {
    await resetWorkspaceSession()
    const broken = {
      open: () => {
        throw new DOMException('denied', 'SecurityError')
      },
    } as unknown as IDBFactory
    globalThis.indexedDB = broken
    await startWorkspace({ firstWorkflow: async () => ({ name: 'Orders', definition: ORDERS }) })
    expect(workflows().durable).toBe(false)
    expect(workflows().storageError).toContain('private browsing')
    expect(workflows().workflows.map((w) => w.name)).toEqual(['Orders'])
  })

  it('keeps the code view draft, the mocks, the run input and the runs of each workflow', async () => {
    const events: HistoryEvent[] = []
    await runExecution(
      ORDERS as unknown as StateMachine,
      { id: 1 },
      { onEvent: (e) => events.push(e) },
    )
    const first = workflows().openId!
    useCodeStore.getState().setDraft('{ "StartAt": "Charge", "States": { oops')
    const mocks = {
      StateMachines: { Orders: { TestCases: { Happy: { Charge: 'Ok' } } } },
      MockedResponses: { Ok: { '0': { Return: { paid: true } } } },
    }
    expect(useMocksStore.getState().importMockConfig(mocks)).toMatchObject({ ok: true })
    useExecutionStore.getState().setInputText('{"id": 1}')
    const imported = useExecutionStore
      .getState()
      .importHistory(toAwsHistory(events), { name: 'history.json' })
    expect(imported).toMatchObject({ ok: true })

    // Another workflow starts clean.
    await workflows().createWorkflow()
    expect(useCodeStore.getState().draft).toBeNull()
    expect(useExecutionStore.getState().runs).toEqual([])

    await reload()
    await workflows().openWorkflow(first)
    expect(useCodeStore.getState().draft).toBe('{ "StartAt": "Charge", "States": { oops')
    expect(useMocksStore.getState().config).toEqual(mocks)
    expect(useExecutionStore.getState().inputText).toBe('{"id": 1}')
    const runs = useExecutionStore.getState().runs
    expect(runs).toHaveLength(1)
    expect(runs[0]!.events).toHaveLength(events.length)
    // The run is a record of its own, not part of the workflow record.
    const repo = await IdbRepository.open()
    const record = await repo.getWorkflow(first)
    expect(JSON.stringify(record?.slices.execution)).not.toContain('ExecutionStarted')
    expect((await repo.getRuns(first)).map((r) => r.runId)).toEqual([runs[0]!.id])
    repo.close()

    // Deleting the run deletes its record.
    useExecutionStore.getState().deleteRun(runs[0]!.id)
    await reload()
    const again = await IdbRepository.open()
    expect(await again.getRuns(first)).toEqual([])
    again.close()
  })
})
