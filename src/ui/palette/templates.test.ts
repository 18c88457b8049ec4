import { describe, expect, it } from 'vitest'
import type { JsonObject, QueryLanguage } from '../../core/asl/types'
import { validateDefinition } from '../../core/asl/validate'
import { PALETTE_ITEMS, findPaletteItem, searchPalette } from './templates'

function machineWith(state: JsonObject, queryLanguage: QueryLanguage): JsonObject {
  return {
    ...(queryLanguage === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}),
    StartAt: 'S',
    States: { S: state },
  }
}

describe('palette templates', () => {
  it('has the seven flow states under their type as id', () => {
    for (const type of ['Pass', 'Choice', 'Wait', 'Parallel', 'Map', 'Succeed', 'Fail']) {
      expect(findPaletteItem(type)?.stateType).toBe(type)
    }
  })

  it('has unique ids', () => {
    const ids = PALETTE_ITEMS.map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  const tasks = PALETTE_ITEMS.filter((item) => item.stateType === 'Task')
  for (const language of ['JSONPath', 'JSONata'] as const) {
    it.each(tasks.map((item) => [item.id, item] as const))(
      `%s validates as a lone ${language} state`,
      (_id, item) => {
        const fields = item.fields(language)
        expect(fields.Type).toBe('Task')
        const errors = validateDefinition(machineWith(fields, language)).filter(
          (d) => d.severity === 'error',
        )
        expect(errors).toEqual([])
        // The JSONata form has no JSONPath-only fields and the reverse.
        if (language === 'JSONata') expect(fields.Parameters).toBeUndefined()
        else expect(fields.Arguments).toBeUndefined()
      },
    )
  }

  it('covers the integrations the issue lists', () => {
    const resources = tasks.map((item) => item.fields('JSONPath').Resource)
    for (const expected of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::sns:publish',
      'arn:aws:states:::sqs:sendMessage',
      'arn:aws:states:::dynamodb:getItem',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::dynamodb:updateItem',
      'arn:aws:states:::ecs:runTask.sync',
      'arn:aws:states:::glue:startJobRun.sync',
      'arn:aws:states:::batch:submitJob.sync',
      'arn:aws:states:::sagemaker:createTrainingJob.sync',
      'arn:aws:states:::events:putEvents',
      'arn:aws:states:::apigateway:invoke',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::http:invoke',
    ]) {
      expect(resources).toContain(expected)
    }
    expect(resources.some((r) => typeof r === 'string' && r.includes(':activity:'))).toBe(true)
    expect(resources.some((r) => typeof r === 'string' && r.includes(':::aws-sdk:'))).toBe(true)
  })

  it('gives the Lambda template a Retry for transient Lambda errors', () => {
    const retry = findPaletteItem('lambda-invoke')!.fields('JSONPath').Retry
    expect(Array.isArray(retry) && retry.length).toBe(1)
  })

  it('searches titles, types and keywords, every word', () => {
    expect(searchPalette('queue').map((i) => i.id)).toEqual(['sqs-send-message'])
    expect(searchPalette('dynamodb write').map((i) => i.id)).toEqual([
      'dynamodb-put-item',
      'dynamodb-update-item',
    ])
    expect(searchPalette('  ')).toHaveLength(PALETTE_ITEMS.length)
    expect(searchPalette('loop').map((i) => i.id)).toEqual(['Map'])
  })
})
