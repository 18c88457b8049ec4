import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../asl/types'
import { evaluateAssign, isValidVariableName, jsonPathAssignInput } from './assign'
import type { EvalEnv } from './env'
import { StatesError } from './errors'

const vars: Record<string, JsonValue> = { a: 1, b: 2, items: [1, 2, 3] }
const env: EvalEnv = {
  context: { Execution: { Name: 'exec' } },
  variables: { get: (n) => vars[n] },
  runtime: { random: () => 0, uuid: () => 'u', partition: 'aws' },
}

describe('evaluateAssign', () => {
  it('JSONPath: .$ keys read the result, context, variables and intrinsics; literals stay', () => {
    const out = evaluateAssign(
      {
        literal: '$.x',
        'fromResult.$': '$.answer',
        'ctx.$': '$$.Execution.Name',
        'copy.$': '$a',
        'count.$': 'States.ArrayLength($items)',
        nested: { 'deep.$': '$.answer' },
      },
      'JSONPath',
      { input: { answer: 'input' }, result: { answer: 42 }, context: env.context },
      env,
    )
    expect(out).toEqual({
      literal: '$.x',
      fromResult: 42,
      ctx: 'exec',
      copy: 1,
      count: 3,
      nested: { deep: 42 },
    })
  })

  it('JSONPath: $ is the result, else the error output, else the input', () => {
    expect(jsonPathAssignInput({ input: 1, result: 0, context: {} })).toBe(0)
    expect(jsonPathAssignInput({ input: 1, errorOutput: { Error: 'E' }, context: {} })).toEqual({
      Error: 'E',
    })
    expect(jsonPathAssignInput({ input: 1, context: {} })).toBe(1)
  })

  it('JSONata: expressions anywhere in the values', async () => {
    const out = await evaluateAssign(
      { x: '{% $states.input.v * 2 %}', y: ['{% $a %}', 'lit'], z: 'plain' },
      'JSONata',
      { input: { v: 21 }, context: env.context },
      env,
    )
    expect(out).toEqual({ x: 42, y: [1, 'lit'], z: 'plain' })
  })

  it('every right-hand side sees the values from before the block (swap)', async () => {
    expect(
      await evaluateAssign(
        { a: '{% $b %}', b: '{% $a %}' },
        'JSONata',
        { input: {}, context: {} },
        env,
      ),
    ).toEqual({
      a: 2,
      b: 1,
    })
    expect(
      evaluateAssign({ 'a.$': '$b', 'b.$': '$a' }, 'JSONPath', { input: {}, context: {} }, env),
    ).toEqual({ a: 2, b: 1 })
  })

  it('checks variable names', () => {
    expect(isValidVariableName('x')).toBe(true)
    expect(isValidVariableName('_private_1')).toBe(true)
    expect(isValidVariableName('ñandú')).toBe(true)
    expect(isValidVariableName('1x')).toBe(false)
    expect(isValidVariableName('a-b')).toBe(false)
    expect(isValidVariableName('states')).toBe(false)
    expect(isValidVariableName('x'.repeat(81))).toBe(false)
    expect(() =>
      evaluateAssign({ 'bad-name': 1 }, 'JSONPath', { input: {}, context: {} }, env),
    ).toThrow(StatesError)
  })
})
