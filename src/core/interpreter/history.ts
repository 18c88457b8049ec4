// Execution history events in the shape of AWS Step Functions' GetExecutionHistory: the same
// `type` names (HistoryEventType) and `*EventDetails` objects, with inputs and outputs as JSON
// strings. Stepwise adds `statePath`, so nested states (Parallel branches, Map iterations) can be
// projected onto the canvas; an AWS-exported history simply has no `statePath`.

/** `truncated` is always false in Stepwise: payloads are never cut. */
export interface HistoryEventExecutionDataDetails {
  truncated: boolean
}

/**
 * Where an event happened: the names of the enclosing states, outermost first, ending with the
 * state itself. After a Parallel state's name comes the branch index, after a Map state's name the
 * iteration index: `['Fan out', 3, 'Charge card']`. Execution-level events have `[]`.
 */
export type StatePath = readonly (string | number)[]

interface EventBase {
  id: number
  previousEventId: number
  /** ISO 8601, e.g. `2024-01-01T00:00:05.000Z` (virtual time by default). */
  timestamp: string
  statePath: StatePath
}

export interface ErrorDetails {
  error?: string
  cause?: string
}

export interface ExecutionStartedEventDetails {
  input: string
  inputDetails: HistoryEventExecutionDataDetails
  roleArn: string
  stateMachineAliasArn?: string
  stateMachineVersionArn?: string
}
export interface ExecutionSucceededEventDetails {
  output: string
  outputDetails: HistoryEventExecutionDataDetails
}
export interface StateEnteredEventDetails {
  name: string
  input: string
  inputDetails: HistoryEventExecutionDataDetails
}
export interface StateExitedEventDetails {
  name: string
  output: string
  outputDetails: HistoryEventExecutionDataDetails
  /** Variable name → JSON text of the value, as AWS reports them. */
  assignedVariables?: Record<string, string>
  assignedVariablesDetails?: HistoryEventExecutionDataDetails
}
export interface MapStateStartedEventDetails {
  length: number
}
export interface MapIterationEventDetails {
  name: string
  index: number
}
export interface MapRunStartedEventDetails {
  mapRunArn: string
}
export interface TaskScheduledEventDetails {
  resourceType: string
  resource: string
  region: string
  parameters: string
  timeoutInSeconds?: number
  heartbeatInSeconds?: number
}
export interface TaskResourceDetails {
  resourceType: string
  resource: string
}
export interface TaskOutputDetails extends TaskResourceDetails {
  output: string
  outputDetails: HistoryEventExecutionDataDetails
}
export type TaskErrorDetails = TaskResourceDetails & ErrorDetails
export interface LambdaFunctionScheduledEventDetails {
  resource: string
  input: string
  inputDetails: HistoryEventExecutionDataDetails
  timeoutInSeconds?: number
}
export interface ActivityScheduledEventDetails {
  resource: string
  input: string
  inputDetails: HistoryEventExecutionDataDetails
  timeoutInSeconds?: number
  heartbeatInSeconds?: number
}
export interface OutputDetails {
  output: string
  outputDetails: HistoryEventExecutionDataDetails
}
export interface EvaluationFailedEventDetails extends ErrorDetails {
  state: string
  location?: string
}

type Ev<T extends string, K extends string | never = never, D = never> = EventBase & {
  type: T
} & ([K] extends [never] ? unknown : { [P in K]: D })

export type HistoryEvent =
  | Ev<'ExecutionStarted', 'executionStartedEventDetails', ExecutionStartedEventDetails>
  | Ev<'ExecutionSucceeded', 'executionSucceededEventDetails', ExecutionSucceededEventDetails>
  | Ev<'ExecutionFailed', 'executionFailedEventDetails', ErrorDetails>
  | Ev<'ExecutionTimedOut', 'executionTimedOutEventDetails', ErrorDetails>
  | Ev<'ExecutionAborted', 'executionAbortedEventDetails', ErrorDetails>
  | Ev<StateEnteredType, 'stateEnteredEventDetails', StateEnteredEventDetails>
  | Ev<StateExitedType, 'stateExitedEventDetails', StateExitedEventDetails>
  | Ev<
      | 'TaskStateAborted'
      | 'WaitStateAborted'
      | 'ParallelStateStarted'
      | 'ParallelStateSucceeded'
      | 'ParallelStateFailed'
      | 'ParallelStateAborted'
      | 'MapStateSucceeded'
      | 'MapStateFailed'
      | 'MapStateAborted'
      | 'MapRunSucceeded'
      | 'MapRunAborted'
    >
  | Ev<'MapStateStarted', 'mapStateStartedEventDetails', MapStateStartedEventDetails>
  | Ev<'MapIterationStarted', 'mapIterationStartedEventDetails', MapIterationEventDetails>
  | Ev<'MapIterationSucceeded', 'mapIterationSucceededEventDetails', MapIterationEventDetails>
  | Ev<'MapIterationFailed', 'mapIterationFailedEventDetails', MapIterationEventDetails>
  | Ev<'MapIterationAborted', 'mapIterationAbortedEventDetails', MapIterationEventDetails>
  | Ev<'MapRunStarted', 'mapRunStartedEventDetails', MapRunStartedEventDetails>
  | Ev<'MapRunFailed', 'mapRunFailedEventDetails', ErrorDetails>
  | Ev<'TaskScheduled', 'taskScheduledEventDetails', TaskScheduledEventDetails>
  | Ev<'TaskStarted', 'taskStartedEventDetails', TaskResourceDetails>
  | Ev<'TaskSubmitted', 'taskSubmittedEventDetails', TaskOutputDetails>
  | Ev<'TaskSucceeded', 'taskSucceededEventDetails', TaskOutputDetails>
  | Ev<'TaskFailed', 'taskFailedEventDetails', TaskErrorDetails>
  | Ev<'TaskTimedOut', 'taskTimedOutEventDetails', TaskErrorDetails>
  | Ev<
      'LambdaFunctionScheduled',
      'lambdaFunctionScheduledEventDetails',
      LambdaFunctionScheduledEventDetails
    >
  | Ev<'LambdaFunctionStarted'>
  | Ev<'LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', OutputDetails>
  | Ev<'LambdaFunctionFailed', 'lambdaFunctionFailedEventDetails', ErrorDetails>
  | Ev<'LambdaFunctionTimedOut', 'lambdaFunctionTimedOutEventDetails', ErrorDetails>
  | Ev<'ActivityScheduled', 'activityScheduledEventDetails', ActivityScheduledEventDetails>
  | Ev<'ActivityStarted', 'activityStartedEventDetails', { workerName?: string }>
  | Ev<'ActivitySucceeded', 'activitySucceededEventDetails', OutputDetails>
  | Ev<'ActivityFailed', 'activityFailedEventDetails', ErrorDetails>
  | Ev<'ActivityTimedOut', 'activityTimedOutEventDetails', ErrorDetails>
  | Ev<'EvaluationFailed', 'evaluationFailedEventDetails', EvaluationFailedEventDetails>

export type HistoryEventType = HistoryEvent['type']

export type StateEnteredType =
  | 'TaskStateEntered'
  | 'PassStateEntered'
  | 'ChoiceStateEntered'
  | 'WaitStateEntered'
  | 'SucceedStateEntered'
  | 'FailStateEntered'
  | 'ParallelStateEntered'
  | 'MapStateEntered'
export type StateExitedType =
  | 'TaskStateExited'
  | 'PassStateExited'
  | 'ChoiceStateExited'
  | 'WaitStateExited'
  | 'SucceedStateExited'
  | 'ParallelStateExited'
  | 'MapStateExited'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** An event before the execution numbers and stamps it. */
export type HistoryEventBody = DistributiveOmit<
  HistoryEvent,
  'id' | 'previousEventId' | 'timestamp'
>

/** The event with the given type, e.g. `HistoryEventOf<'TaskFailed'>`. */
export type HistoryEventOf<T extends HistoryEventType> = Extract<HistoryEvent, { type: T }>

/** Receives each event as it happens. Nothing is built when no sink is given. */
export type EventSink = (event: HistoryEvent) => void

export const NOT_TRUNCATED: HistoryEventExecutionDataDetails = Object.freeze({ truncated: false })
