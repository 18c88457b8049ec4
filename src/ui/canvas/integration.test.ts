import { describe, expect, it } from 'vitest'
import { describeResource, patternTag } from './integration'

describe('describeResource', () => {
  it.each([
    ['arn:aws:states:::lambda:invoke', 'Lambda: Invoke', 'request-response'],
    ['arn:aws:states:::sqs:sendMessage', 'SQS: SendMessage', 'request-response'],
    ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'SQS: SendMessage', 'callback'],
    ['arn:aws:states:::ecs:runTask.sync', 'ECS: RunTask', 'sync'],
    ['arn:aws:states:::states:startExecution.sync:2', 'Step Functions: StartExecution', 'sync'],
    ['arn:aws:states:::events:putEvents', 'EventBridge: PutEvents', 'request-response'],
    ['arn:aws:states:::aws-sdk:s3:getObject', 'S3: GetObject', 'request-response'],
    [
      'arn:aws:states:::aws-sdk:ec2:describeInstances.waitForTaskToken',
      'EC2: DescribeInstances',
      'callback',
    ],
    ['arn:aws:states:::aws-sdk:newservice:doThing', 'Newservice: DoThing', 'request-response'],
    [
      'arn:aws:states:us-east-1:123456789012:activity:approve',
      'Activity: approve',
      'request-response',
    ],
    ['arn:aws:lambda:us-east-1:123456789012:function:charge', 'Lambda: charge', 'request-response'],
  ])('%s → %s', (resource, label, pattern) => {
    const integration = describeResource(resource)
    expect(integration.label).toBe(label)
    expect(integration.pattern).toBe(pattern)
  })

  it('marks SDK integrations and keeps the suffix', () => {
    expect(describeResource('arn:aws:states:::aws-sdk:s3:getObject').sdk).toBe(true)
    expect(describeResource('arn:aws:states:::states:startExecution.sync:2').suffix).toBe('.sync:2')
  })

  it('falls back to the raw resource', () => {
    expect(describeResource('${ChargeFunctionArn}').label).toBe('${ChargeFunctionArn}')
    expect(describeResource(undefined).label).toBe('Task')
    expect(describeResource(42).service).toBeNull()
  })

  it('names the pattern', () => {
    expect(patternTag(describeResource('arn:aws:states:::glue:startJobRun.sync'))).toBe('.sync')
    expect(patternTag(describeResource('arn:aws:states:::lambda:invoke.waitForTaskToken'))).toBe(
      'callback',
    )
    expect(patternTag(describeResource('arn:aws:states:::lambda:invoke'))).toBeNull()
  })
})
