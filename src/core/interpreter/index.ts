// The public API of the interpreter (see README.md in this folder).

export { runExecution, DEFAULT_LIMITS } from './run'
export { testState, type TestStateTarget } from './testState'
export type {
  AbortSignalLike,
  ExecutionLimits,
  ExecutionResult,
  ExecutionStatus,
  InspectionData,
  InspectionLevel,
  RunOptions,
  TestStateConfiguration,
  TestStateMock,
  TestStateOptions,
  TestStateResult,
  TestStateStatus,
} from './types'
export type * from './history'
export { NOT_TRUNCATED } from './history'
export {
  parseMockConfig,
  mockTestCases,
  responseForInvocation,
  selectTestCase,
  MockConfigError,
  type MockConfigFile,
  type MockConfigProblem,
  type MockedResponse,
  type MockedResponseEntry,
  type MockedStateMachine,
  type MockFunction,
  type MockOptions,
  type TaskCall,
  type UnmappedTaskPolicy,
} from './mocks'
export { VirtualClock, DEFAULT_START_TIME, type Clock } from './clock'
export { StatesErrors, StepwiseErrors } from './errors'
export { compileMachine, classifyResource, DefinitionError } from './compile'
