// Every example of the gallery (public/examples) validates without errors and runs each test case
// of its MockConfigFile to the outcome its expectations file promises (what
// `npx stepwise test <def> --mocks <mocks> --expect <expect>` checks), through the core API.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseText } from '../asl/parse'
import type { JsonObject, JsonValue, StateMachine, WorkflowType } from '../asl/types'
import { validateDefinition } from '../asl/validate'
import { mockTestCases, parseMockConfig, runExecution } from '../interpreter'

const DIR = path.resolve(__dirname, '../../../public/examples')

interface Entry {
  id: string
  title: string
  definition: string
  workflowType?: WorkflowType
  mocks?: string
  expect?: string
  input?: JsonValue
}

interface Expectation {
  input?: JsonValue
  status?: string
  output?: JsonValue
  error?: string
  cause?: string
  path?: string[]
}

const read = (file: string) => readFileSync(path.join(DIR, file), 'utf8')
const index = JSON.parse(read('index.json')) as { examples: Entry[] }

/** What the issue promises the gallery holds, by id. */
const REQUIRED = [
  'order-processing',
  'etl-pipeline',
  'human-approval',
  's3-map',
  'parallel-fan-out',
  'retry-backoff',
  'jsonata-variables',
  'distributed-map-tolerance',
]

describe('examples gallery', () => {
  it('lists every promised example, each with mocks and expectations', () => {
    const ids = index.examples.map((e) => e.id)
    expect(ids).toEqual(expect.arrayContaining(REQUIRED))
    for (const id of REQUIRED) {
      const entry = index.examples.find((e) => e.id === id)!
      expect(entry.mocks, id).toBeTruthy()
      expect(entry.expect, id).toBeTruthy()
    }
    expect(new Set(ids).size).toBe(ids.length)
  })

  for (const entry of index.examples) {
    it(`${entry.id}: validates and runs every test case to its promised outcome`, async () => {
      const parsed = parseText(read(entry.definition))
      expect(parsed.value, `${entry.definition} parses`).toBeDefined()
      const definition = parsed.value as JsonObject
      const errors = validateDefinition(definition, {
        workflowType: entry.workflowType ?? 'STANDARD',
        sourceMap: parsed.sourceMap,
      }).filter((d) => d.severity === 'error')
      expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([])
      if (!entry.mocks) return

      const config = parseMockConfig(read(entry.mocks))
      const machines = Object.keys(config.StateMachines ?? {})
      expect(machines).toHaveLength(1)
      const name = machines[0]!
      const cases = mockTestCases(config, name)
      expect(cases.length).toBeGreaterThan(0)
      const expectations = entry.expect
        ? (JSON.parse(read(entry.expect)) as {
            input?: JsonValue
            testCases: Record<string, Expectation>
          })
        : { testCases: {} as Record<string, Expectation> }
      // Every promise names a real test case, and (for the required examples) every case is promised.
      for (const promised of Object.keys(expectations.testCases)) expect(cases).toContain(promised)
      if (REQUIRED.includes(entry.id)) {
        expect(Object.keys(expectations.testCases).sort()).toEqual([...cases].sort())
      }

      for (const testCase of cases) {
        const promise = expectations.testCases[testCase]
        const input = promise?.input ?? expectations.input ?? entry.input ?? {}
        const entered: string[] = []
        const result = await runExecution(definition as unknown as StateMachine, input, {
          mocks: { config, stateMachineName: name, testCase },
          stateMachineName: name,
          onEvent: (event) => {
            if (event.type.endsWith('StateEntered') && event.statePath.length === 1) {
              entered.push(String(event.statePath[0]))
            }
          },
        })
        const label = `${entry.id} / ${testCase}`
        // No test case may lean on a missing mock or a broken definition.
        expect(result.error ?? '', label).not.toMatch(/^Stepwise\./)
        if (!promise) continue
        if (promise.status !== undefined) expect(result.status, label).toBe(promise.status)
        if (promise.error !== undefined) expect(result.error, label).toBe(promise.error)
        if (promise.cause !== undefined) expect(result.cause, label).toBe(promise.cause)
        if (promise.path !== undefined) expect(entered, label).toEqual(promise.path)
        if ('output' in promise) expect(result.output, label).toEqual(promise.output)
      }
    })
  }
})
