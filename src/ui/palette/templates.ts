// What the palette offers: the seven flow states and Task templates for the integrations people
// use most, each as plain data (the fields of the new state). A template has a JSONPath form
// (Parameters with `.$` keys) and a JSONata form (Arguments with `{% %}`); the one matching the
// query language in force where the state is dropped is used.
//
// Example ARNs use the documentation account 123456789012 and us-east-1 so that the new state
// validates as it is and shows the user which values to replace.

import type { JsonObject, QueryLanguage, StateType } from '../../core/asl/types'
import { defaultStateFields } from '../../core/graph/commands'

export type PaletteGroup = 'Flow' | 'Compute' | 'Messaging' | 'Database' | 'Jobs' | 'Integration'

export interface PaletteItem {
  /** `palette-<id>` is the test id: the state type for flow states, a slug for templates. */
  id: string
  /** Shown in the palette. */
  title: string
  /** One line under the title. */
  description: string
  group: PaletteGroup
  stateType: StateType
  /** The new state's name (made unique on drop). */
  name: string
  /** Extra words the search matches. */
  keywords: readonly string[]
  /** The state's fields for a query language. */
  fields(queryLanguage: QueryLanguage): JsonObject
}

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'

/** Errors AWS recommends retrying for Lambda (as AWS Workflow Studio's template does). */
export const LAMBDA_RETRY: JsonObject = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
}

interface TaskTemplate {
  id: string
  title: string
  description: string
  group: PaletteGroup
  name: string
  keywords: readonly string[]
  resource: string
  /** JSONPath form: Parameters (with `.$` keys for dynamic values). */
  parameters?: JsonObject
  /** JSONata form: Arguments. */
  arguments?: JsonObject
  /** Extra fields for both forms (Retry, TimeoutSeconds…), placed after Parameters/Arguments. */
  extra?: JsonObject
  /** JSONPath-only and JSONata-only extras (OutputPath vs Output). */
  jsonPathExtra?: JsonObject
  jsonataExtra?: JsonObject
}

function task(template: TaskTemplate): PaletteItem {
  return {
    id: template.id,
    title: template.title,
    description: template.description,
    group: template.group,
    stateType: 'Task',
    name: template.name,
    keywords: template.keywords,
    fields(queryLanguage) {
      const base: JsonObject = { Type: 'Task', Resource: template.resource }
      if (queryLanguage === 'JSONata') {
        return {
          ...base,
          ...(template.arguments ? { Arguments: template.arguments } : {}),
          ...template.jsonataExtra,
          ...template.extra,
          End: true,
        }
      }
      return {
        ...base,
        ...(template.parameters ? { Parameters: template.parameters } : {}),
        ...template.jsonPathExtra,
        ...template.extra,
        End: true,
      }
    },
  }
}

const FLOW_DESCRIPTIONS: Readonly<Record<Exclude<StateType, 'Task'>, string>> = {
  Pass: 'Pass input to output, optionally injecting data',
  Choice: 'Branch on conditions, with a default',
  Wait: 'Delay for a time or until a timestamp',
  Parallel: 'Run branches at the same time',
  Map: 'Run steps for each item of an array',
  Succeed: 'Stop successfully',
  Fail: 'Stop with an error and a cause',
}

const FLOW_KEYWORDS: Readonly<Record<Exclude<StateType, 'Task'>, readonly string[]>> = {
  Pass: ['noop', 'inject', 'transform'],
  Choice: ['if', 'branch', 'condition', 'switch'],
  Wait: ['delay', 'sleep', 'timer'],
  Parallel: ['fan out', 'branches', 'concurrent'],
  Map: ['loop', 'foreach', 'iterate', 'items'],
  Succeed: ['end', 'stop', 'success'],
  Fail: ['end', 'error', 'stop'],
}

function flow(type: Exclude<StateType, 'Task'>): PaletteItem {
  return {
    id: type,
    title: type,
    description: FLOW_DESCRIPTIONS[type],
    group: 'Flow',
    stateType: type,
    name: type,
    keywords: FLOW_KEYWORDS[type],
    fields() {
      const fields = defaultStateFields(type)
      // A Fail without an error says little in the execution history: give it one to edit.
      if (type === 'Fail')
        return { ...fields, Error: 'WorkflowFailed', Cause: 'Describe the failure' }
      return fields
    },
  }
}

export const PALETTE_ITEMS: readonly PaletteItem[] = [
  flow('Pass'),
  flow('Choice'),
  flow('Wait'),
  flow('Parallel'),
  flow('Map'),
  flow('Succeed'),
  flow('Fail'),
  task({
    id: 'lambda-invoke',
    title: 'Lambda Invoke',
    description: 'Call a Lambda function',
    group: 'Compute',
    name: 'Lambda Invoke',
    keywords: ['function', 'aws lambda', 'serverless'],
    resource: 'arn:aws:states:::lambda:invoke',
    parameters: {
      FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function`,
      'Payload.$': '$',
    },
    arguments: {
      FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function`,
      Payload: '{% $states.input %}',
    },
    jsonPathExtra: { OutputPath: '$.Payload' },
    jsonataExtra: { Output: '{% $states.result.Payload %}' },
    extra: { Retry: [LAMBDA_RETRY] },
  }),
  task({
    id: 'sns-publish',
    title: 'SNS Publish',
    description: 'Publish a message to a topic',
    group: 'Messaging',
    name: 'SNS Publish',
    keywords: ['notification', 'topic', 'email'],
    resource: 'arn:aws:states:::sns:publish',
    parameters: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:my-topic`, 'Message.$': '$' },
    arguments: {
      TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:my-topic`,
      Message: '{% $states.input %}',
    },
  }),
  task({
    id: 'sqs-send-message',
    title: 'SQS SendMessage',
    description: 'Send a message to a queue',
    group: 'Messaging',
    name: 'SQS SendMessage',
    keywords: ['queue', 'message'],
    resource: 'arn:aws:states:::sqs:sendMessage',
    parameters: {
      QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/my-queue`,
      'MessageBody.$': '$',
    },
    arguments: {
      QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/my-queue`,
      MessageBody: '{% $states.input %}',
    },
  }),
  task({
    id: 'eventbridge-put-events',
    title: 'EventBridge PutEvents',
    description: 'Send a custom event to an event bus',
    group: 'Messaging',
    name: 'EventBridge PutEvents',
    keywords: ['events', 'bus', 'cloudwatch events'],
    resource: 'arn:aws:states:::events:putEvents',
    parameters: {
      Entries: [
        {
          'Detail.$': '$',
          DetailType: 'OrderEvent',
          EventBusName: 'default',
          Source: 'com.example.orders',
        },
      ],
    },
    arguments: {
      Entries: [
        {
          Detail: '{% $states.input %}',
          DetailType: 'OrderEvent',
          EventBusName: 'default',
          Source: 'com.example.orders',
        },
      ],
    },
  }),
  task({
    id: 'dynamodb-get-item',
    title: 'DynamoDB GetItem',
    description: 'Read an item by key',
    group: 'Database',
    name: 'DynamoDB GetItem',
    keywords: ['table', 'read', 'nosql'],
    resource: 'arn:aws:states:::dynamodb:getItem',
    parameters: { TableName: 'MyTable', Key: { id: { 'S.$': '$.id' } } },
    arguments: { TableName: 'MyTable', Key: { id: { S: '{% $states.input.id %}' } } },
  }),
  task({
    id: 'dynamodb-put-item',
    title: 'DynamoDB PutItem',
    description: 'Write an item',
    group: 'Database',
    name: 'DynamoDB PutItem',
    keywords: ['table', 'write', 'insert', 'nosql'],
    resource: 'arn:aws:states:::dynamodb:putItem',
    parameters: { TableName: 'MyTable', Item: { id: { 'S.$': '$.id' } } },
    arguments: { TableName: 'MyTable', Item: { id: { S: '{% $states.input.id %}' } } },
  }),
  task({
    id: 'dynamodb-update-item',
    title: 'DynamoDB UpdateItem',
    description: 'Update attributes of an item',
    group: 'Database',
    name: 'DynamoDB UpdateItem',
    keywords: ['table', 'write', 'update', 'nosql'],
    resource: 'arn:aws:states:::dynamodb:updateItem',
    parameters: {
      TableName: 'MyTable',
      Key: { id: { 'S.$': '$.id' } },
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': { 'S.$': '$.status' } },
    },
    arguments: {
      TableName: 'MyTable',
      Key: { id: { S: '{% $states.input.id %}' } },
      UpdateExpression: 'SET #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': { S: '{% $states.input.status %}' } },
    },
  }),
  task({
    id: 'ecs-run-task',
    title: 'ECS RunTask',
    description: 'Run a container task and wait for it (.sync)',
    group: 'Jobs',
    name: 'ECS RunTask',
    keywords: ['container', 'fargate', 'docker', 'sync'],
    resource: 'arn:aws:states:::ecs:runTask.sync',
    parameters: {
      LaunchType: 'FARGATE',
      Cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/my-cluster`,
      TaskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/my-task:1`,
      NetworkConfiguration: {
        AwsvpcConfiguration: { Subnets: ['subnet-0123456789abcdef0'], AssignPublicIp: 'ENABLED' },
      },
    },
    arguments: {
      LaunchType: 'FARGATE',
      Cluster: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/my-cluster`,
      TaskDefinition: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/my-task:1`,
      NetworkConfiguration: {
        AwsvpcConfiguration: { Subnets: ['subnet-0123456789abcdef0'], AssignPublicIp: 'ENABLED' },
      },
    },
  }),
  task({
    id: 'glue-start-job-run',
    title: 'Glue StartJobRun',
    description: 'Run an ETL job and wait for it (.sync)',
    group: 'Jobs',
    name: 'Glue StartJobRun',
    keywords: ['etl', 'spark', 'sync'],
    resource: 'arn:aws:states:::glue:startJobRun.sync',
    parameters: { JobName: 'my-glue-job' },
    arguments: { JobName: 'my-glue-job' },
  }),
  task({
    id: 'batch-submit-job',
    title: 'Batch SubmitJob',
    description: 'Submit a batch job and wait for it (.sync)',
    group: 'Jobs',
    name: 'Batch SubmitJob',
    keywords: ['batch', 'compute', 'sync'],
    resource: 'arn:aws:states:::batch:submitJob.sync',
    parameters: {
      JobName: 'my-batch-job',
      JobDefinition: `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/my-job-definition:1`,
      JobQueue: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/my-job-queue`,
    },
    arguments: {
      JobName: 'my-batch-job',
      JobDefinition: `arn:aws:batch:${REGION}:${ACCOUNT}:job-definition/my-job-definition:1`,
      JobQueue: `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/my-job-queue`,
    },
  }),
  task({
    id: 'sagemaker-create-training-job',
    title: 'SageMaker CreateTrainingJob',
    description: 'Train a model and wait for it (.sync)',
    group: 'Jobs',
    name: 'SageMaker CreateTrainingJob',
    keywords: ['ml', 'machine learning', 'training', 'sync'],
    resource: 'arn:aws:states:::sagemaker:createTrainingJob.sync',
    parameters: {
      'TrainingJobName.$': "States.Format('training-{}', $$.Execution.Name)",
      AlgorithmSpecification: {
        TrainingImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/my-algorithm:latest`,
        TrainingInputMode: 'File',
      },
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerRole`,
      OutputDataConfig: { S3OutputPath: 's3://my-bucket/models/' },
      ResourceConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    },
    arguments: {
      TrainingJobName: "{% 'training-' & $states.context.Execution.Name %}",
      AlgorithmSpecification: {
        TrainingImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/my-algorithm:latest`,
        TrainingInputMode: 'File',
      },
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerRole`,
      OutputDataConfig: { S3OutputPath: 's3://my-bucket/models/' },
      ResourceConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    },
  }),
  task({
    id: 'step-functions-start-execution',
    title: 'Step Functions StartExecution',
    description: 'Run a child workflow and wait for it (.sync:2)',
    group: 'Integration',
    name: 'Start child workflow',
    keywords: ['nested', 'child', 'state machine', 'sfn', 'sync'],
    resource: 'arn:aws:states:::states:startExecution.sync:2',
    parameters: {
      StateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:MyChildWorkflow`,
      Input: {
        'StatePayload.$': '$',
        'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
      },
    },
    arguments: {
      StateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:MyChildWorkflow`,
      Input: {
        StatePayload: '{% $states.input %}',
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: '{% $states.context.Execution.Id %}',
      },
    },
  }),
  task({
    id: 'api-gateway-invoke',
    title: 'API Gateway Invoke',
    description: 'Call an API Gateway endpoint',
    group: 'Integration',
    name: 'API Gateway Invoke',
    keywords: ['rest', 'api', 'http'],
    resource: 'arn:aws:states:::apigateway:invoke',
    parameters: {
      ApiEndpoint: `abcdef0123.execute-api.${REGION}.amazonaws.com`,
      Method: 'GET',
      Stage: 'prod',
      Path: '/orders',
      AuthType: 'NO_AUTH',
    },
    arguments: {
      ApiEndpoint: `abcdef0123.execute-api.${REGION}.amazonaws.com`,
      Method: 'GET',
      Stage: 'prod',
      Path: '/orders',
      AuthType: 'NO_AUTH',
    },
  }),
  task({
    id: 'http-invoke',
    title: 'HTTP Task',
    description: 'Call any HTTPS API through an EventBridge connection',
    group: 'Integration',
    name: 'Call HTTPS API',
    keywords: ['http', 'https', 'rest', 'webhook', 'third party'],
    resource: 'arn:aws:states:::http:invoke',
    parameters: {
      ApiEndpoint: 'https://api.example.com/orders',
      Method: 'POST',
      Authentication: {
        ConnectionArn: `arn:aws:events:${REGION}:${ACCOUNT}:connection/my-connection/0123abcd-0000-0000-0000-000000000000`,
      },
      'RequestBody.$': '$',
    },
    arguments: {
      ApiEndpoint: 'https://api.example.com/orders',
      Method: 'POST',
      Authentication: {
        ConnectionArn: `arn:aws:events:${REGION}:${ACCOUNT}:connection/my-connection/0123abcd-0000-0000-0000-000000000000`,
      },
      RequestBody: '{% $states.input %}',
    },
  }),
  task({
    id: 'activity',
    title: 'Activity',
    description: 'Wait for a worker you host to do the work',
    group: 'Integration',
    name: 'Activity',
    keywords: ['worker', 'poll', 'human'],
    resource: `arn:aws:states:${REGION}:${ACCOUNT}:activity:my-activity`,
    extra: { TimeoutSeconds: 3600, HeartbeatSeconds: 60 },
  }),
  task({
    id: 'aws-sdk',
    title: 'AWS SDK call',
    description: 'Call any AWS API (here S3 GetObject)',
    group: 'Integration',
    name: 'AWS SDK call',
    keywords: ['sdk', 's3', 'api', 'generic', 'any service'],
    resource: 'arn:aws:states:::aws-sdk:s3:getObject',
    parameters: { Bucket: 'my-bucket', 'Key.$': '$.key' },
    arguments: { Bucket: 'my-bucket', Key: '{% $states.input.key %}' },
  }),
]

export function findPaletteItem(id: string): PaletteItem | undefined {
  return PALETTE_ITEMS.find((item) => item.id === id)
}

/** Items whose title, description, type, group or keywords contain every word of the query. */
export function searchPalette(query: string, items = PALETTE_ITEMS): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...items]
  return items.filter((item) => {
    const haystack = [item.title, item.description, item.stateType, item.group, ...item.keywords]
      .join(' ')
      .toLowerCase()
    return words.every((word) => haystack.includes(word))
  })
}

export const PALETTE_GROUPS: readonly PaletteGroup[] = [
  'Flow',
  'Compute',
  'Messaging',
  'Database',
  'Jobs',
  'Integration',
]
