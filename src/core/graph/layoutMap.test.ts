import { describe, expect, it } from 'vitest'
import { removeStates, renameState } from './commands'
import type { Layout } from './layoutMap'
import {
  deserializeLayout,
  layoutNodeKey,
  layoutNodeKeys,
  parseLayoutNodeKey,
  pruneLayout,
  serializeLayout,
  unplacedStates,
} from './layoutMap'
import { aslToGraph, childScopeIds, requireState } from './model'
import { idOf, sample } from './testing/fixtures'

const graph = aslToGraph({
  ...sample,
  States: { ...(sample.States as object), 'a/b~c': { Type: 'Succeed' }, '0': { Type: 'Succeed' } },
})

describe('layout map', () => {
  it('keys nodes by their path of names, branch indexes and ItemProcessor', () => {
    const keys = layoutNodeKeys(graph)
    const parallel = idOf(graph, 'Fan out')
    const [b0, b1] = childScopeIds(requireState(graph, parallel))
    expect(keys.get(parallel)).toBe('Fan out')
    expect(keys.get(b0!)).toBe('Fan out/0')
    expect(keys.get(idOf(graph, 'Notified'))).toBe('Fan out/1/Notified')
    expect(keys.get(b1!)).toBe('Fan out/1')
    expect(keys.get(idOf(graph, 'Process'))).toBe('Each item/ItemProcessor/Process')
    expect(layoutNodeKey(graph, idOf(graph, 'a/b~c'))).toBe('a~1b~0c')
    expect(parseLayoutNodeKey('a~1b~0c/0/x')).toEqual(['a/b~c', '0', 'x'])
    expect(layoutNodeKey(graph, 'root')).toBeUndefined()
  })

  it('serializes by path and reads back onto another graph of the same document', () => {
    const parallel = idOf(graph, 'Fan out')
    const layout: Layout = {
      positions: { [parallel]: { x: 10, y: 20 }, [idOf(graph, 'Notified')]: { x: 1, y: 2 } },
      sizes: { [parallel]: { width: 300, height: 200 } },
    }
    const saved = serializeLayout(graph, layout)
    expect(saved).toEqual({
      'Fan out': { x: 10, y: 20, width: 300, height: 200 },
      'Fan out/1/Notified': { x: 1, y: 2 },
    })
    // A fresh graph (e.g. after a reload) gets the layout back under its own ids.
    const reloaded = aslToGraph(JSON.parse(JSON.stringify(sample)))
    const restored = deserializeLayout(reloaded, JSON.parse(JSON.stringify(saved)))
    expect(restored.positions[idOf(reloaded, 'Fan out')]).toEqual({ x: 10, y: 20 })
    expect(restored.sizes[idOf(reloaded, 'Fan out')]).toEqual({ width: 300, height: 200 })
    expect(restored.positions[idOf(reloaded, 'Notified')]).toEqual({ x: 1, y: 2 })
  })

  it('follows renames through ids, and tolerates bad saved data', () => {
    const id = idOf(graph, 'Validate')
    const layout: Layout = { positions: { [id]: { x: 5, y: 6 } }, sizes: {} }
    const renamed = renameState(graph, { id, name: 'Check' })
    expect(serializeLayout(renamed, layout)).toEqual({ Check: { x: 5, y: 6 } })
    for (const bad of [
      null,
      3,
      [],
      { Validate: 'x' },
      { Validate: { x: '1', y: 2 } },
      { Nope: { x: 1, y: 1 } },
    ]) {
      expect(deserializeLayout(graph, bad).positions).toEqual({})
    }
    expect(
      deserializeLayout(graph, { Validate: { x: 1, y: 2, width: -1, height: 5 } }).sizes,
    ).toEqual({})
  })

  it('prunes entries of removed nodes and lists states without a position', () => {
    const parallel = idOf(graph, 'Fan out')
    const notified = idOf(graph, 'Notified')
    const layout: Layout = {
      positions: { [parallel]: { x: 0, y: 0 }, [notified]: { x: 0, y: 0 }, root: { x: 0, y: 0 } },
      sizes: { [parallel]: { width: 1, height: 1 } },
    }
    const removed = removeStates(graph, { ids: [parallel] })
    expect(pruneLayout(removed, layout)).toEqual({ positions: {}, sizes: {} })
    expect(unplacedStates(graph, layout)).not.toContain(parallel)
    expect(unplacedStates(graph, layout)).toHaveLength(Object.keys(graph.states).length - 2)
  })

  it('keeps a state called __proto__ as a plain key', () => {
    const odd = aslToGraph(
      JSON.parse('{"StartAt":"__proto__","States":{"__proto__":{"Type":"Succeed"}}}'),
    )
    const saved = serializeLayout(odd, { positions: { s1: { x: 3, y: 4 } }, sizes: {} })
    expect(Object.keys(saved)).toEqual(['__proto__'])
    expect(deserializeLayout(odd, JSON.parse(JSON.stringify(saved))).positions).toEqual({
      s1: { x: 3, y: 4 },
    })
  })
})
