// Helpful lists for the inspector's pickers: common Task resources and common error names.

import type { ChipPreset } from '../common/ChipsInput'

export interface ResourcePreset {
  arn: string
  label: string
}

const ACCOUNT = '123456789012'

/** Optimized integrations people use most, then the generic forms (AWS SDK, Lambda ARN, activity). */
export const RESOURCE_PRESETS: readonly ResourcePreset[] = [
  { arn: 'arn:aws:states:::lambda:invoke', label: 'Lambda: Invoke' },
  {
    arn: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    label: 'Lambda: Invoke (wait for callback)',
  },
  { arn: 'arn:aws:states:::sns:publish', label: 'SNS: Publish' },
  { arn: 'arn:aws:states:::sqs:sendMessage', label: 'SQS: SendMessage' },
  {
    arn: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    label: 'SQS: SendMessage (wait for callback)',
  },
  { arn: 'arn:aws:states:::dynamodb:getItem', label: 'DynamoDB: GetItem' },
  { arn: 'arn:aws:states:::dynamodb:putItem', label: 'DynamoDB: PutItem' },
  { arn: 'arn:aws:states:::dynamodb:updateItem', label: 'DynamoDB: UpdateItem' },
  { arn: 'arn:aws:states:::dynamodb:deleteItem', label: 'DynamoDB: DeleteItem' },
  { arn: 'arn:aws:states:::events:putEvents', label: 'EventBridge: PutEvents' },
  { arn: 'arn:aws:states:::ecs:runTask.sync', label: 'ECS: RunTask (run a job)' },
  { arn: 'arn:aws:states:::ecs:runTask', label: 'ECS: RunTask' },
  { arn: 'arn:aws:states:::glue:startJobRun.sync', label: 'Glue: StartJobRun (run a job)' },
  { arn: 'arn:aws:states:::batch:submitJob.sync', label: 'Batch: SubmitJob (run a job)' },
  {
    arn: 'arn:aws:states:::athena:startQueryExecution.sync',
    label: 'Athena: StartQueryExecution (run a job)',
  },
  {
    arn: 'arn:aws:states:::sagemaker:createTrainingJob.sync',
    label: 'SageMaker: CreateTrainingJob (run a job)',
  },
  { arn: 'arn:aws:states:::codebuild:startBuild.sync', label: 'CodeBuild: StartBuild (run a job)' },
  {
    arn: 'arn:aws:states:::states:startExecution.sync:2',
    label: 'Step Functions: StartExecution (run a job, JSON output)',
  },
  { arn: 'arn:aws:states:::states:startExecution', label: 'Step Functions: StartExecution' },
  { arn: 'arn:aws:states:::apigateway:invoke', label: 'API Gateway: Invoke' },
  { arn: 'arn:aws:states:::http:invoke', label: 'HTTP: Invoke (HTTPS endpoint)' },
  { arn: 'arn:aws:states:::bedrock:invokeModel', label: 'Bedrock: InvokeModel' },
  { arn: 'arn:aws:states:::eks:runJob.sync', label: 'EKS: RunJob (run a job)' },
  {
    arn: 'arn:aws:states:::emr-serverless:startJobRun.sync',
    label: 'EMR Serverless: StartJobRun (run a job)',
  },
  { arn: 'arn:aws:states:::aws-sdk:s3:getObject', label: 'AWS SDK: S3 GetObject' },
  { arn: 'arn:aws:states:::aws-sdk:s3:putObject', label: 'AWS SDK: S3 PutObject' },
  { arn: 'arn:aws:states:::aws-sdk:dynamodb:query', label: 'AWS SDK: DynamoDB Query' },
  {
    arn: 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue',
    label: 'AWS SDK: Secrets Manager GetSecretValue',
  },
  {
    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:my-function`,
    label: 'Lambda function ARN (legacy direct invoke)',
  },
  {
    arn: `arn:aws:states:us-east-1:${ACCOUNT}:activity:my-activity`,
    label: 'Activity (worker polls for tasks)',
  },
]

export type IntegrationPattern = 'request' | 'sync' | 'callback'

/** `.sync`, `.sync:2` and `.waitForTaskToken` suffixes of optimized and SDK integrations. */
export function integrationPattern(resource: string): IntegrationPattern {
  if (/\.waitForTaskToken$/.test(resource)) return 'callback'
  if (/\.sync(:\d+)?$/.test(resource)) return 'sync'
  return 'request'
}

/** Only `arn:aws:states:::service:action` resources take a pattern suffix. */
export function supportsPattern(resource: string): boolean {
  return /^arn:[^:]+:states:::[^:]+:[^:]+/.test(resource)
}

export function withIntegrationPattern(resource: string, pattern: IntegrationPattern): string {
  const base = resource.replace(/\.(sync(:\d+)?|waitForTaskToken)$/, '')
  switch (pattern) {
    case 'request':
      return base
    case 'sync':
      return /:states:::states:startExecution$/.test(base) ? `${base}.sync:2` : `${base}.sync`
    case 'callback':
      return `${base}.waitForTaskToken`
  }
}

/** A short name for a resource: "Lambda: Invoke", "AWS SDK: s3:getObject", "Activity". */
export function describeResource(resource: string): string | undefined {
  const exact = RESOURCE_PRESETS.find((preset) => preset.arn === resource)
  if (exact) return exact.label
  const base = resource.replace(/\.(sync(:\d+)?|waitForTaskToken)$/, '')
  const preset = RESOURCE_PRESETS.find((p) => p.arn === base)
  if (preset) return preset.label.replace(/ \(.*\)$/, '')
  const sdk = /^arn:[^:]+:states:::aws-sdk:([^:]+):(.+)$/.exec(base)
  if (sdk) return `AWS SDK: ${sdk[1]} ${sdk[2]}`
  const optimized = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(base)
  if (optimized) return `${optimized[1]}: ${optimized[2]}`
  if (/^arn:[^:]+:lambda:/.test(resource)) return 'Lambda function'
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) return 'Activity'
  return undefined
}

/** Error names offered in ErrorEquals (States.* from the ASL spec, then common service errors). */
export const ERROR_PRESETS: readonly ChipPreset[] = [
  { value: 'States.ALL', description: 'Any error (must be alone and last)' },
  { value: 'States.TaskFailed', description: 'Any Task failure except States.Timeout' },
  { value: 'States.Timeout', description: 'TimeoutSeconds exceeded or heartbeat missed' },
  { value: 'States.HeartbeatTimeout', description: 'No heartbeat within HeartbeatSeconds' },
  { value: 'States.Permissions', description: 'Insufficient privileges' },
  { value: 'States.DataLimitExceeded', description: 'Output larger than the payload limit' },
  { value: 'States.Runtime', description: 'Runtime error (e.g. a path matched nothing)' },
  { value: 'States.ResultPathMatchFailure', description: 'ResultPath cannot be applied' },
  { value: 'States.ParameterPathFailure', description: 'A Parameters path matched nothing' },
  { value: 'States.BranchFailed', description: 'A Parallel branch failed' },
  { value: 'States.NoChoiceMatched', description: 'No Choice rule matched and no Default' },
  { value: 'States.IntrinsicFailure', description: 'An intrinsic function failed' },
  {
    value: 'States.ExceedToleratedFailureThreshold',
    description: 'A Map exceeded its tolerated failures',
  },
  { value: 'States.ItemReaderFailed', description: 'A Map ItemReader failed' },
  { value: 'States.ResultWriterFailed', description: 'A Map ResultWriter failed' },
  { value: 'States.QueryEvaluationError', description: 'A JSONata expression failed' },
  { value: 'Lambda.ServiceException', description: 'Lambda service error (transient)' },
  { value: 'Lambda.AWSLambdaException', description: 'Lambda error (transient)' },
  { value: 'Lambda.SdkClientException', description: 'Lambda client error (transient)' },
  { value: 'Lambda.TooManyRequestsException', description: 'Lambda throttling' },
  { value: 'Lambda.Unknown', description: 'Lambda out of memory or timed out' },
]

/** Adds names to an ErrorEquals list. States.ALL must be alone, so it replaces the rest, and a
 * specific name replaces a lone States.ALL. Duplicates are ignored. */
export function addErrorNames(list: readonly string[], names: readonly string[]): string[] {
  let result = [...list]
  for (const name of names) {
    if (result.includes(name)) continue
    if (name === 'States.ALL') result = ['States.ALL']
    else result = [...result.filter((n) => n !== 'States.ALL'), name]
  }
  return result
}
