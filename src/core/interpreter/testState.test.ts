import { describe, expect, it } from 'vitest'
import type { StateMachine } from '../asl/types'
import { testState } from './index'

const mapMachine = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'x.$': '$$' },
      ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
} as unknown as StateMachine

describe('testState context object', () => {
  it('replaces the whole context, as AWS does', async () => {
    const result = await testState(
      {
        Type: 'Pass',
        Parameters: { 'ctx.$': '$$' },
        End: true,
      },
      {},
      { context: { Execution: {} } },
    )
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ctx: { Execution: {} } } })
  })

  it("keeps $$.Map.Item in a Map's ItemSelector when a context is given", async () => {
    const result = await testState(
      { definition: mapMachine, stateName: 'Each' },
      { items: ['a', 'b'] },
      {
        mock: { result: '[1,2]' },
        inspectionLevel: 'DEBUG',
        context: { Execution: { Id: 'x' } },
      },
    )
    expect(result.status).toBe('SUCCEEDED')
    expect(result.inspectionData?.afterItemSelector).toEqual([
      { v: 'a', i: 0, x: { Execution: { Id: 'x' }, Map: { Item: { Index: 0, Value: 'a' } } } },
      { v: 'b', i: 1, x: { Execution: { Id: 'x' }, Map: { Item: { Index: 1, Value: 'b' } } } },
    ])
  })

  it('builds $$.Map.Item without a context too', async () => {
    const result = await testState(
      { definition: mapMachine, stateName: 'Each' },
      { items: [7] },
      { mock: { result: '[1]' }, inspectionLevel: 'DEBUG' },
    )
    expect(result.inspectionData?.afterItemSelector).toMatchObject([{ v: 7, i: 0 }])
  })
})
