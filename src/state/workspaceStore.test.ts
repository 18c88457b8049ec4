import { beforeEach, describe, expect, it } from 'vitest'
import { findStatesByName } from '../core/graph/model'
import { resetDocumentStore, useDocumentStore } from './documentStore'
import { useWorkspaceStore } from './workspaceStore'

const workspace = () => useWorkspaceStore.getState()
const doc = () => useDocumentStore.getState()

describe('workspaceStore', () => {
  beforeEach(() => {
    resetDocumentStore()
    doc().openDocument({
      definition: {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Next: 'B' },
          B: { Type: 'Pass', Next: 'C' },
          C: { Type: 'Succeed' },
        },
      },
    })
    workspace().select([])
  })

  const id = (name: string) => findStatesByName(doc().graph, name)[0]!

  it('selects, adds to and toggles the selection', () => {
    workspace().select([id('A')])
    expect(workspace().selectedIds).toEqual([id('A')])
    workspace().select([id('B'), id('A')], { additive: true })
    expect(workspace().selectedIds).toEqual([id('A'), id('B')])
    workspace().toggleSelected(id('A'))
    expect(workspace().selectedIds).toEqual([id('B')])
    workspace().select([id('C')])
    expect(workspace().selectedIds).toEqual([id('C')])
  })

  it('drops states that no longer exist from the selection', () => {
    workspace().select([id('A'), id('B')])
    const b = id('B')
    doc().apply({ type: 'removeStates', ids: [b] })
    expect(workspace().selectedIds).toEqual([id('A')])
    doc().undo()
    expect(workspace().selectedIds).toEqual([id('A')])
  })

  it('numbers reveal requests so the same state can be revealed twice', () => {
    workspace().reveal(id('A'))
    const first = workspace().revealRequest!
    workspace().reveal(id('A'))
    expect(workspace().revealRequest!.id).toBe(id('A'))
    expect(workspace().revealRequest!.seq).toBeGreaterThan(first.seq)
  })

  it('keeps a few notices and dismisses them', () => {
    for (let i = 0; i < 6; i++) workspace().notify('info', `n${i}`)
    expect(workspace().notices.map((n) => n.message)).toEqual(['n2', 'n3', 'n4', 'n5'])
    const last = workspace().notices.at(-1)!
    workspace().dismissNotice(last.id)
    expect(workspace().notices).toHaveLength(3)
  })

  it('keeps a notice’s follow-up action', () => {
    let ran = 0
    workspace().notify('success', 'Imported', undefined, { label: 'Back', run: () => ran++ })
    const notice = workspace().notices.at(-1)!
    expect(notice).not.toHaveProperty('detail')
    expect(notice.action?.label).toBe('Back')
    notice.action!.run()
    expect(ran).toBe(1)
  })

  it('clamps the split ratio', () => {
    workspace().setSplitRatio(2)
    expect(workspace().splitRatio).toBe(0.85)
  })
})
