// Property tests: random valid definitions round-trip exactly, and random edit sequences keep
// the graph consistent, never mutate their input, and change exactly what they say.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DocPath } from '../asl/diagnostics'
import type { JsonObject, JsonValue } from '../asl/types'
import { STATE_TYPES } from '../asl/types'
import type { GraphCommand } from './commands'
import { applyCommand } from './commands'
import type { EdgeKind } from './edges'
import { graphEdges } from './edges'
import { setIn } from './json'
import { firstDifference } from './jsonDiff'
import type { WorkflowGraph } from './model'
import { GraphError, aslToGraph, graphToAsl, stateDocPath } from './model'
import { aslDefinition } from './testing/arbitraries'
import { deepFreeze, expectConsistent } from './testing/fixtures'

describe('round trip (property)', () => {
  it('graphToAsl(aslToGraph(x)) equals x with the same key order for random valid definitions', () => {
    fc.assert(
      fc.property(aslDefinition(), (definition) => {
        const back = graphToAsl(aslToGraph(definition))
        expect(firstDifference(definition, back)).toBeUndefined()
        expect(JSON.stringify(back)).toBe(JSON.stringify(definition))
      }),
      { numRuns: 300 },
    )
  })

  it('reading a document again with the previous graph keeps every id', () => {
    fc.assert(
      fc.property(aslDefinition(), (definition) => {
        const graph = aslToGraph(definition)
        expect(aslToGraph(structuredClone(definition), { previous: graph })).toEqual(graph)
      }),
      { numRuns: 100 },
    )
  })
})

/** A command drawn as numbers, resolved against the graph it is applied to. */
type Pick = { op: number; a: number; b: number; c: number; name: string; value: JsonValue }

const pick: fc.Arbitrary<Pick> = fc.record({
  op: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  name: fc.constantFrom('New', 'Pass', 'Pass (1)', 'Other name', 'x'.repeat(79)),
  value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<JsonValue>,
})

const KINDS: EdgeKind[] = ['next', 'default', 'choice', 'catch']
const FIELDS = [
  'Comment',
  'Next',
  'End',
  'Type',
  'Retry',
  'Branches',
  'ItemProcessor',
  'Default',
  'XNew',
]

function resolve(graph: WorkflowGraph, p: Pick): GraphCommand {
  const states = Object.values(graph.states)
  const scopes = Object.values(graph.scopes)
  const state = states[p.a % Math.max(1, states.length)]
  const other = states[p.b % Math.max(1, states.length)]
  const scope = scopes[p.b % scopes.length]!
  const edges = graphEdges(graph)
  const edge = edges[p.c % Math.max(1, edges.length)]
  const type = STATE_TYPES[p.c % STATE_TYPES.length]!
  if (!state || !other) return { type: 'addState', scopeId: scope.id, stateType: type }
  switch (p.op % 16) {
    case 0:
      return { type: 'addState', scopeId: scope.id, stateType: type, name: p.name, index: p.c }
    case 1:
      return { type: 'removeStates', ids: [state.id, ...(p.c % 2 ? [other.id] : [])] }
    case 2:
      return { type: 'renameState', id: state.id, name: p.name }
    case 3:
      return {
        type: 'connect',
        sourceId: state.id,
        kind: KINDS[p.c % 4]!,
        targetId: other.id,
        ...(p.c % 3 === 0 ? { index: 0 } : {}),
      }
    case 4:
      return { type: 'disconnect', sourceId: state.id, kind: KINDS[p.c % 4]!, index: p.b % 2 }
    case 5:
      return {
        type: 'setField',
        target: { stateId: state.id },
        path: [FIELDS[p.c % FIELDS.length]!],
        value: p.value,
      }
    case 6:
      return {
        type: 'unsetField',
        target: { stateId: state.id },
        path: [FIELDS[p.c % FIELDS.length]!],
      }
    case 7:
      return edge
        ? {
            type: 'insertStateOnEdge',
            edge: {
              sourceId: edge.source,
              kind: edge.kind,
              ...(edge.index === null ? {} : { index: edge.index }),
            },
            stateType: type,
          }
        : { type: 'insertStateOnEdge', edge: { scopeId: scope.id, kind: 'start' }, stateType: type }
    case 8:
      return { type: 'moveStates', ids: [state.id], scopeId: scope.id, index: p.c }
    case 9:
      return { type: 'addBranch', stateId: state.id, index: p.c }
    case 10:
      return { type: 'removeBranch', stateId: state.id, index: p.c % 3 }
    case 11:
      return { type: 'setStartAt', scopeId: state.scopeId, stateId: state.id }
    case 12:
      return { type: 'duplicateStates', ids: [state.id, other.id] }
    case 13:
      return {
        type: 'pasteStates',
        scopeId: scope.id,
        states: { [p.name]: { Type: 'Pass', Next: state.name } },
      }
    case 14:
      return {
        type: 'setField',
        target: { scopeId: scope.id },
        path: ['States', state.name, 'Comment'],
        value: p.value,
      }
    default:
      return { type: 'replaceState', id: state.id, definition: { Type: type, Comment: 'replaced' } }
  }
}

describe('edit commands (property)', () => {
  it('random edit sequences keep the graph consistent and never mutate their input', () => {
    fc.assert(
      fc.property(
        aslDefinition({ maxDepth: 2 }),
        fc.array(pick, { minLength: 1, maxLength: 12 }),
        (definition, picks) => {
          let graph = deepFreeze(aslToGraph(definition))
          for (const p of picks) {
            const command = resolve(graph, p)
            const before = JSON.stringify(graph)
            let next: WorkflowGraph
            try {
              next = applyCommand(graph, command)
            } catch (error) {
              // Refusals are fine (taken names, kinds a type cannot have); anything else is a bug.
              expect(error).toBeInstanceOf(GraphError)
              continue
            }
            try {
              expect(JSON.stringify(graph)).toBe(before)
              expect(next.nextId).toBeGreaterThanOrEqual(graph.nextId)
              expectConsistent(next)
            } catch (error) {
              // Say which command on which document: the shrunk picks alone are hard to replay.
              const asl = JSON.stringify(graphToAsl(graph))
              throw new Error(`${JSON.stringify(command)} on ${asl}: ${String(error)}`)
            }
            graph = deepFreeze(next)
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('setField changes the ASL exactly at the path, wherever the target is', () => {
    fc.assert(
      fc.property(
        aslDefinition(),
        fc.nat(),
        fc.array(
          fc.oneof(
            fc.constantFrom('Comment', 'Retry', 'Parameters', 'XNew', 'Next'),
            fc.nat({ max: 2 }),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<JsonValue>,
        (definition, n, tail, value) => {
          const graph = aslToGraph(definition)
          const ids = Object.keys(graph.states)
          const id = ids[n % ids.length]!
          const path: DocPath = typeof tail[0] === 'number' ? ['Comment', ...tail] : tail
          let edited: WorkflowGraph
          try {
            edited = applyCommand(graph, { type: 'setField', target: { stateId: id }, path, value })
          } catch (error) {
            expect(error).toBeInstanceOf(GraphError)
            return
          }
          const expected = setIn(
            graphToAsl(graph),
            [...stateDocPath(graph, id), ...path],
            value,
          ) as JsonObject
          expect(firstDifference(expected, graphToAsl(edited))).toBeUndefined()
        },
      ),
      { numRuns: 200 },
    )
  })
})
