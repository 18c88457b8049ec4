// What a Task calls, in words: "Lambda: Invoke", "SQS: SendMessage", "S3: GetObject (SDK)",
// "Activity: approve", and the integration pattern (.sync, .sync:2, .waitForTaskToken), read
// from the Resource ARN. The forms come from the AWS developer guide's service integrations:
//   arn:aws:states:::<service>:<action>[.sync[:2]|.waitForTaskToken]   optimized integrations
//   arn:aws:states:::aws-sdk:<service>:<action>[...]                   AWS SDK integrations
//   arn:aws:states:<region>:<account>:activity:<name>                  activities
//   arn:aws:lambda:<region>:<account>:function:<name>[:alias]          legacy direct Lambda

export type IntegrationPattern = 'request-response' | 'sync' | 'callback'

export interface Integration {
  /** "Lambda", "SQS", "Activity"… or null when the resource is not an ARN we can read. */
  service: string | null
  /** "Invoke", "SendMessage"… (an activity's or function's name for those forms). */
  action: string | null
  pattern: IntegrationPattern
  /** The pattern suffix as written: ".sync", ".sync:2", ".waitForTaskToken". */
  suffix: string | null
  /** True for `aws-sdk:` integrations. */
  sdk: boolean
  /** One line for the node: "Lambda: Invoke", "S3: GetObject", or the raw resource. */
  label: string
}

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  lambda: 'Lambda',
  sqs: 'SQS',
  sns: 'SNS',
  dynamodb: 'DynamoDB',
  ecs: 'ECS',
  eks: 'EKS',
  glue: 'Glue',
  gluedatabrew: 'Glue DataBrew',
  batch: 'Batch',
  sagemaker: 'SageMaker',
  events: 'EventBridge',
  eventbridge: 'EventBridge',
  apigateway: 'API Gateway',
  states: 'Step Functions',
  http: 'HTTP',
  s3: 'S3',
  athena: 'Athena',
  codebuild: 'CodeBuild',
  elasticmapreduce: 'EMR',
  'emr-containers': 'EMR on EKS',
  'emr-serverless': 'EMR Serverless',
  bedrock: 'Bedrock',
  mediaconvert: 'MediaConvert',
  redshiftdata: 'Redshift Data',
  ses: 'SES',
  sesv2: 'SES',
  secretsmanager: 'Secrets Manager',
  ssm: 'Systems Manager',
  ec2: 'EC2',
  rds: 'RDS',
  kinesis: 'Kinesis',
  firehose: 'Firehose',
  textract: 'Textract',
  comprehend: 'Comprehend',
  rekognition: 'Rekognition',
  translate: 'Translate',
  xray: 'X-Ray',
  cloudwatch: 'CloudWatch',
  iam: 'IAM',
  sts: 'STS',
  kms: 'KMS',
  sfn: 'Step Functions',
  'aws-sdk': 'AWS SDK',
}

export function serviceName(service: string): string {
  const known = SERVICE_NAMES[service.toLowerCase()]
  if (known) return known
  return service.charAt(0).toUpperCase() + service.slice(1)
}

function actionName(action: string): string {
  return action.charAt(0).toUpperCase() + action.slice(1)
}

const PATTERN_SUFFIX = /(\.sync(?::\d+)?|\.waitForTaskToken)$/

function splitPattern(action: string): { action: string; suffix: string | null } {
  const match = PATTERN_SUFFIX.exec(action)
  if (!match) return { action, suffix: null }
  return { action: action.slice(0, match.index), suffix: match[1]! }
}

function patternOf(suffix: string | null): IntegrationPattern {
  if (suffix === null) return 'request-response'
  return suffix === '.waitForTaskToken' ? 'callback' : 'sync'
}

/** Reads a Task's Resource. Never throws; anything unreadable gets its raw text as label. */
export function describeResource(resource: unknown): Integration {
  const unknown = (label: string): Integration => ({
    service: null,
    action: null,
    pattern: 'request-response',
    suffix: null,
    sdk: false,
    label,
  })
  if (typeof resource !== 'string' || resource === '') return unknown('Task')
  const parts = resource.split(':')
  if (parts[0] !== 'arn' || parts.length < 6) return unknown(resource)
  const partitionService = parts[2]
  if (partitionService === 'states' && parts[3] === '' && parts[4] === '') {
    // Optimized or SDK integration: arn:aws:states:::service:action or :::aws-sdk:service:action
    const rest = parts.slice(5)
    const sdk = rest[0] === 'aws-sdk'
    const service = sdk ? rest[1] : rest[0]
    const rawAction = (sdk ? rest.slice(2) : rest.slice(1)).join(':')
    if (!service || !rawAction) return unknown(resource)
    const { action, suffix } = splitPattern(rawAction)
    const name = serviceName(service)
    const verb = actionName(action)
    return {
      service: name,
      action: verb,
      pattern: patternOf(suffix),
      suffix,
      sdk,
      label: `${name}: ${verb}`,
    }
  }
  if (partitionService === 'states' && parts[5] === 'activity') {
    const name = parts.slice(6).join(':')
    return {
      service: 'Activity',
      action: name || null,
      pattern: 'request-response',
      suffix: null,
      sdk: false,
      label: name ? `Activity: ${name}` : 'Activity',
    }
  }
  if (partitionService === 'lambda' && parts[5] === 'function') {
    const name = parts[6] ?? ''
    return {
      service: 'Lambda',
      action: 'Invoke',
      pattern: 'request-response',
      suffix: null,
      sdk: false,
      label: name ? `Lambda: ${name}` : 'Lambda: Invoke',
    }
  }
  return unknown(resource)
}

/** A short tag for the pattern, shown as a chip on the node: `.sync`, `.sync:2`, `callback`. */
export function patternTag(integration: Integration): string | null {
  switch (integration.pattern) {
    case 'request-response':
      return null
    case 'sync':
      return integration.suffix
    case 'callback':
      return 'callback'
  }
}
