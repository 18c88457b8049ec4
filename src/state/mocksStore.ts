// The open workflow's mocks: one AWS Step Functions Local MockConfigFile, held exactly as it was
// imported (key order, unknown test cases and state machines included) so that exporting it gives
// back what SFN Local reads, plus which of its state machines and test cases the workflow uses.
// Not undone (it is not the document); saved with the workflow through exportPersisted /
// importPersisted (see /work/team/persistence-api.md).
//
// Every edit is a pure function of the file (exported for tests) that returns a new object and
// keeps the key order of everything it does not touch.

import { create } from 'zustand'
import type { JsonValue } from '../core/asl/types'
import type {
  MockConfigFile,
  MockConfigProblem,
  MockedResponse,
  MockedResponseEntry,
  UnmappedTaskPolicy,
} from '../core/interpreter'
import { MockConfigError, parseMockConfig } from '../core/interpreter'

/** The store's per-workflow data (plain structured-clone data). */
export interface MocksPersisted {
  config: MockConfigFile
  /** The `StateMachines` entry the workflow uses; null = the file's first one. */
  stateMachineName: string | null
  /** The test case runs use; null = the first one (or none when the file has none). */
  testCase: string | null
  /** The text of the last import while nothing has been edited since: exported verbatim. */
  sourceText: string | null
}

export type ImportMocksResult =
  | { ok: true; stateMachines: string[]; testCases: string[] }
  | { ok: false; problems: MockConfigProblem[] }

export interface MocksState extends MocksPersisted {
  /**
   * Replaces the mocks with a MockConfigFile (text or parsed JSON). A file SFN Local would reject
   * changes nothing and returns every problem with its place.
   */
  importMockConfig(source: string | JsonValue): ImportMocksResult
  /** The MockConfigFile as JSON text, exactly as imported when nothing was edited since. */
  exportMockConfig(): string
  /** Back to an empty file (a new workflow). */
  resetMocks(): void
  useStateMachine(name: string): void
  selectTestCase(name: string | null): void
  /** Adds a test case (a copy of `copyFrom`'s mapping if given) and selects it; returns its name. */
  addTestCase(name?: string, options?: { copyFrom?: string }): string
  /** Renames a test case; returns a message when the name is empty or taken. */
  renameTestCase(from: string, to: string): string | null
  deleteTestCase(name: string): void
  setUnmappedTasks(policy: UnmappedTaskPolicy): void
  /**
   * Gives a state a mocked response in the selected test case (creating the test case when the
   * file has none): a new response with one entry, or `initial` entries. Returns its name.
   */
  addStateMock(stateName: string, initial?: MockedResponse): string
  /** Points a state at a response of the file, or unmaps it (null) in the selected test case. */
  mapState(stateName: string, responseName: string | null): void
  /** Replaces one invocation entry ("0", "1-2") of a response. */
  setEntry(responseName: string, key: string, entry: MockedResponseEntry): void
  /** Renames an invocation key, keeping its place; returns a message when the key is invalid. */
  renameEntry(responseName: string, from: string, to: string): string | null
  /** Appends an entry for the next invocation not yet covered; returns its key. */
  addEntry(responseName: string, entry?: MockedResponseEntry): string
  removeEntry(responseName: string, key: string): void
}

const EMPTY_CONFIG: MockConfigFile = {}

function initialData(): MocksPersisted {
  return { config: EMPTY_CONFIG, stateMachineName: null, testCase: null, sourceText: null }
}

/** The name used for the workflow's entry when the file has none yet. */
export const DEFAULT_MACHINE_NAME = 'StateMachine'
export const DEFAULT_TEST_CASE = 'Default'

export const useMocksStore = create<MocksState>()((set, get) => {
  /** Applies an edit of the file; an edit means the imported text no longer describes it. */
  const edit = (config: MockConfigFile, extra: Partial<MocksPersisted> = {}) => {
    if (config === get().config && Object.keys(extra).length === 0) return
    set({ config, sourceText: null, ...extra })
  }
  /** The machine and test case an edit applies to, created when missing. */
  const target = (): { config: MockConfigFile; machine: string; testCase: string } => {
    const state = get()
    let config = state.config
    const machine = selectMachineName(state) ?? DEFAULT_MACHINE_NAME
    let testCase = selectActiveTestCase(state)
    if (testCase === null) {
      testCase = DEFAULT_TEST_CASE
      config = withTestCase(config, machine, testCase, {})
    }
    return { config, machine, testCase }
  }

  return {
    ...initialData(),

    importMockConfig(source) {
      let config: MockConfigFile
      try {
        config = parseMockConfig(source)
      } catch (error) {
        if (error instanceof MockConfigError) return { ok: false, problems: error.problems }
        throw error
      }
      const machines = Object.keys(config.StateMachines ?? {})
      const current = get()
      const machine =
        current.stateMachineName !== null && machines.includes(current.stateMachineName)
          ? current.stateMachineName
          : (machines[0] ?? null)
      const testCases = machine ? Object.keys(config.StateMachines![machine]!.TestCases) : []
      const testCase =
        current.testCase !== null && testCases.includes(current.testCase)
          ? current.testCase
          : (testCases[0] ?? null)
      set({
        config,
        stateMachineName: machine,
        testCase,
        sourceText: typeof source === 'string' ? source : null,
      })
      return { ok: true, stateMachines: machines, testCases }
    },

    exportMockConfig() {
      const { sourceText, config } = get()
      return sourceText ?? `${JSON.stringify(config, null, 2)}\n`
    },

    resetMocks() {
      set(initialData())
    },

    useStateMachine(name) {
      set({ stateMachineName: name })
      const cases = selectTestCases(get())
      if (!cases.includes(get().testCase ?? '')) set({ testCase: cases[0] ?? null })
    },

    selectTestCase(name) {
      set({ testCase: name })
    },

    addTestCase(name, options = {}) {
      const state = get()
      const machine = selectMachineName(state) ?? DEFAULT_MACHINE_NAME
      const existing = testCasesOf(state.config, machine)
      const chosen = uniqueName(name?.trim() || 'TestCase', existing)
      const mapping = options.copyFrom
        ? { ...(state.config.StateMachines?.[machine]?.TestCases[options.copyFrom] ?? {}) }
        : {}
      edit(withTestCase(state.config, machine, chosen, mapping), {
        stateMachineName: machine,
        testCase: chosen,
      })
      return chosen
    },

    renameTestCase(from, to) {
      const name = to.trim()
      const state = get()
      const machine = selectMachineName(state)
      if (!machine) return 'There is no test case to rename.'
      if (name === '') return 'A test case needs a name.'
      if (name === from) return null
      if (testCasesOf(state.config, machine).includes(name)) {
        return `A test case named “${name}” already exists.`
      }
      const cases = state.config.StateMachines?.[machine]?.TestCases ?? {}
      edit(withMachineCases(state.config, machine, renameKey(cases, from, name)), {
        testCase: state.testCase === from ? name : state.testCase,
      })
      return null
    },

    deleteTestCase(name) {
      const state = get()
      const machine = selectMachineName(state)
      if (!machine) return
      const cases = { ...(state.config.StateMachines?.[machine]?.TestCases ?? {}) }
      if (!(name in cases)) return
      delete cases[name]
      edit(withMachineCases(state.config, machine, cases), {
        testCase: state.testCase === name ? (Object.keys(cases)[0] ?? null) : state.testCase,
      })
    },

    setUnmappedTasks(policy) {
      const config = get().config
      if ((config.Stepwise?.UnmappedTasks ?? 'fail') === policy) return
      edit({ ...config, Stepwise: { ...(config.Stepwise ?? {}), UnmappedTasks: policy } })
    },

    addStateMock(stateName, initial) {
      const { config, machine, testCase } = target()
      const responseName = uniqueName(
        responseNameFor(stateName),
        Object.keys(config.MockedResponses ?? {}),
      )
      const response: MockedResponse = initial ?? { '0': { Return: {} } }
      let next = withResponse(config, responseName, response)
      next = withMapping(next, machine, testCase, stateName, responseName)
      edit(next, { stateMachineName: machine, testCase })
      return responseName
    },

    mapState(stateName, responseName) {
      const { config, machine, testCase } = target()
      edit(withMapping(config, machine, testCase, stateName, responseName), {
        stateMachineName: machine,
        testCase,
      })
    },

    setEntry(responseName, key, entry) {
      const config = get().config
      const response = config.MockedResponses?.[responseName] ?? {}
      edit(withResponse(config, responseName, { ...response, [key]: entry }))
    },

    renameEntry(responseName, from, to) {
      const config = get().config
      const response = config.MockedResponses?.[responseName]
      if (!response || !(from in response)) return 'That entry no longer exists.'
      const key = to.trim()
      if (key === from) return null
      const problem = invocationKeyProblem(key, response, from)
      if (problem) return problem
      edit(withResponse(config, responseName, renameKey(response, from, key)))
      return null
    },

    addEntry(responseName, entry) {
      const config = get().config
      const response = config.MockedResponses?.[responseName] ?? {}
      const key = String(nextInvocation(response))
      const last = Object.values(response).at(-1)
      edit(
        withResponse(config, responseName, {
          ...response,
          [key]: entry ?? (last ? structuredClone(last) : { Return: {} }),
        }),
      )
      return key
    },

    removeEntry(responseName, key) {
      const config = get().config
      const response = config.MockedResponses?.[responseName]
      if (!response || !(key in response)) return
      const next = { ...response }
      delete next[key]
      edit(withResponse(config, responseName, next))
    },
  }
})

// ---------------------------------------------------------------------------------------------
// Persistence (see persistence-api.md)

export function exportPersisted(): MocksPersisted {
  const { config, stateMachineName, testCase, sourceText } = useMocksStore.getState()
  return { config, stateMachineName, testCase, sourceText }
}

export function importPersisted(data: MocksPersisted | undefined): void {
  useMocksStore.setState(data ? { ...initialData(), ...data } : initialData())
}

// ---------------------------------------------------------------------------------------------
// Selectors

/** The state machine entry the workflow uses: the chosen one if the file has it, else the first. */
export function selectMachineName(state: Pick<MocksPersisted, 'config' | 'stateMachineName'>) {
  const machines = Object.keys(state.config.StateMachines ?? {})
  if (state.stateMachineName !== null && machines.includes(state.stateMachineName)) {
    return state.stateMachineName
  }
  return machines[0] ?? state.stateMachineName
}

export function selectTestCases(state: Pick<MocksPersisted, 'config' | 'stateMachineName'>) {
  const machine = selectMachineName(state)
  return machine ? testCasesOf(state.config, machine) : []
}

/** The test case a run uses, or null when the file has none. */
export function selectActiveTestCase(state: MocksPersisted): string | null {
  const cases = selectTestCases(state)
  if (state.testCase !== null && cases.includes(state.testCase)) return state.testCase
  return cases[0] ?? null
}

const NO_MAPPING: Readonly<Record<string, string>> = Object.freeze({})

/** State name → response name in the active test case (the file's own object: stable). */
export function selectMapping(state: MocksPersisted): Readonly<Record<string, string>> {
  const machine = selectMachineName(state)
  const testCase = selectActiveTestCase(state)
  if (!machine || testCase === null) return NO_MAPPING
  return state.config.StateMachines?.[machine]?.TestCases[testCase] ?? NO_MAPPING
}

export function selectUnmappedPolicy(state: Pick<MocksPersisted, 'config'>): UnmappedTaskPolicy {
  return state.config.Stepwise?.UnmappedTasks ?? 'fail'
}

const problemCache = new WeakMap<MockConfigFile, MockConfigProblem[]>()

/** What SFN Local (and the interpreter) would reject in the file, memoized per file. */
export function selectProblems(state: Pick<MocksPersisted, 'config'>): MockConfigProblem[] {
  let problems = problemCache.get(state.config)
  if (!problems) {
    try {
      parseMockConfig(state.config as unknown as JsonValue)
      problems = []
    } catch (error) {
      problems =
        error instanceof MockConfigError ? error.problems : [{ path: '', message: String(error) }]
    }
    problemCache.set(state.config, problems)
  }
  return problems
}

/** What a run needs: the file, the machine and the test case (undefined when none applies). */
export function selectRunMocks(state: MocksPersisted): {
  mocks: MockConfigFile | undefined
  stateMachineName: string | undefined
  testCase: string | undefined
} {
  const hasContent =
    Object.keys(state.config.StateMachines ?? {}).length > 0 ||
    Object.keys(state.config.MockedResponses ?? {}).length > 0 ||
    state.config.Stepwise !== undefined
  const machine = selectMachineName(state)
  const testCase = selectActiveTestCase(state)
  return {
    mocks: hasContent ? state.config : undefined,
    stateMachineName: machine ?? undefined,
    testCase: testCase ?? undefined,
  }
}

/** Where a response is used: `[testCase, stateName]` pairs over every machine of the file. */
export function responseUsage(
  config: MockConfigFile,
  responseName: string,
): { machine: string; testCase: string; stateName: string }[] {
  const uses: { machine: string; testCase: string; stateName: string }[] = []
  for (const [machine, entry] of Object.entries(config.StateMachines ?? {})) {
    for (const [testCase, mapping] of Object.entries(entry.TestCases)) {
      for (const [stateName, response] of Object.entries(mapping)) {
        if (response === responseName) uses.push({ machine, testCase, stateName })
      }
    }
  }
  return uses
}

// ---------------------------------------------------------------------------------------------
// Pure edits of a MockConfigFile (new objects; untouched keys keep their order)

const RANGE = /^(\d+)(?:-(\d+))?$/

/** "0" → [0, 0], "1-2" → [1, 2]; undefined for anything else. */
export function parseInvocationKey(key: string): [number, number] | undefined {
  const m = RANGE.exec(key)
  if (!m) return undefined
  const from = Number(m[1])
  const to = m[2] === undefined ? from : Number(m[2])
  return to < from ? undefined : [from, to]
}

/** Why `key` cannot be an invocation key of `response` (ignoring the entry `except`). */
export function invocationKeyProblem(
  key: string,
  response: MockedResponse,
  except?: string,
): string | null {
  const range = parseInvocationKey(key)
  if (!range) {
    return RANGE.test(key)
      ? `The range “${key}” ends before it starts.`
      : `“${key}” is not an invocation number (“0”) or range (“1-2”).`
  }
  for (const other of Object.keys(response)) {
    if (other === except) continue
    const r = parseInvocationKey(other)
    if (r && range[0] <= r[1] && r[0] <= range[1]) {
      return `Invocations ${key} overlap the entry “${other}”.`
    }
  }
  return null
}

/** The first invocation after every range of the response. */
export function nextInvocation(response: MockedResponse): number {
  let next = 0
  for (const key of Object.keys(response)) {
    const r = parseInvocationKey(key)
    if (r) next = Math.max(next, r[1] + 1)
  }
  return next
}

/** `base`, or `base2`, `base3`… whichever is not taken. */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base
  for (let i = 2; ; i++) {
    const name = `${base}${i}`
    if (!taken.includes(name)) return name
  }
}

/** "Charge card" → "ChargeCard" (response names are keys people read in the file). */
export function responseNameFor(stateName: string): string {
  const words = stateName.match(/[A-Za-z0-9]+/g) ?? []
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return name || 'Response'
}

function testCasesOf(config: MockConfigFile, machine: string): string[] {
  return Object.keys(config.StateMachines?.[machine]?.TestCases ?? {})
}

/** Object with `from` renamed to `to` at the same position. */
function renameKey<T>(object: Record<string, T>, from: string, to: string): Record<string, T> {
  const next: Record<string, T> = {}
  for (const [key, value] of Object.entries(object)) next[key === from ? to : key] = value
  return next
}

function withMachineCases(
  config: MockConfigFile,
  machine: string,
  cases: Record<string, Record<string, string>>,
): MockConfigFile {
  const machines = config.StateMachines ?? {}
  const entry = machines[machine]
  const next: MockConfigFile = {
    ...config,
    StateMachines: { ...machines, [machine]: { ...(entry ?? {}), TestCases: cases } },
  }
  return next
}

export function withTestCase(
  config: MockConfigFile,
  machine: string,
  testCase: string,
  mapping: Record<string, string>,
): MockConfigFile {
  const cases = config.StateMachines?.[machine]?.TestCases ?? {}
  return withMachineCases(config, machine, { ...cases, [testCase]: mapping })
}

export function withMapping(
  config: MockConfigFile,
  machine: string,
  testCase: string,
  stateName: string,
  responseName: string | null,
): MockConfigFile {
  const mapping = { ...(config.StateMachines?.[machine]?.TestCases[testCase] ?? {}) }
  if (responseName === null) delete mapping[stateName]
  else mapping[stateName] = responseName
  return withTestCase(config, machine, testCase, mapping)
}

export function withResponse(
  config: MockConfigFile,
  responseName: string,
  response: MockedResponse,
): MockConfigFile {
  return {
    ...config,
    MockedResponses: { ...(config.MockedResponses ?? {}), [responseName]: response },
  }
}
