// Every AWS-recorded case of ../shared/conformance through the interpreter: prints the pass
// rate per category and fails on any case that is not in EXCEPTIONS (each with its reason).

import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CaseOutcome, ConformanceCase } from './testing/conformance'
import { categoriesOf, loadCases, runExecutionCase, runTestStateCase } from './testing/conformance'

const repoRoot = path.resolve(__dirname, '../../..')
const casesDir = path.resolve(repoRoot, '../shared/conformance/cases')

/** Cases Stepwise knowingly does not reproduce, and why. Keep it short. */
const EXCEPTIONS: Record<string, string> = {}

/** Recorded histories Stepwise's event sequence knowingly differs from, and why. */
const HISTORY_EXCEPTIONS: Record<string, string> = {
  activities_test_activities__TestActivities__test_activity_task_start_timeout:
    "the recording masked the activity's ARN as 'activity_arn', so Stepwise cannot tell it is an Activity (it reports Task* instead of Activity* events)",
  test_sfn_api__TestSnfApi__test_get_execution_history_reversed:
    'the test read the history in reverse order (reverseOrder=true)',
}

const present = existsSync(casesDir)
if (!present) {
  console.warn(`Conformance cases not found at ${casesDir}: skipping the conformance suite.`)
}

describe.skipIf(!present)('AWS conformance', () => {
  it('runs every recorded case like AWS', { timeout: 600_000 }, async () => {
    const cases = loadCases(casesDir)
    const results: { c: ConformanceCase; outcome: CaseOutcome }[] = []
    for (const c of cases) {
      let outcome: CaseOutcome
      try {
        outcome = c.kind === 'execution' ? await runExecutionCase(c) : await runTestStateCase(c)
      } catch (error) {
        outcome = { pass: false, detail: `threw ${(error as Error).stack ?? String(error)}` }
      }
      results.push({ c, outcome })
    }
    const perCategory = new Map<string, { pass: number; total: number }>()
    for (const { c, outcome } of results) {
      for (const cat of categoriesOf(c)) {
        const entry = perCategory.get(cat) ?? { pass: 0, total: 0 }
        entry.total++
        if (outcome.pass) entry.pass++
        perCategory.set(cat, entry)
      }
    }
    const pct = (p: number, t: number) => `${((100 * p) / t).toFixed(1)}%`
    const lines = [...perCategory.entries()]
      .sort((a, b) => b[1].total - a[1].total)
      .map(
        ([cat, { pass, total }]) =>
          `  ${cat.padEnd(24)} ${String(pass).padStart(4)}/${String(total).padEnd(4)} ${pct(pass, total)}`,
      )
    const executions = results.filter((r) => r.c.kind === 'execution')
    const testStates = results.filter((r) => r.c.kind === 'test_state')
    const passed = (rs: typeof results) => rs.filter((r) => r.outcome.pass).length
    console.log(
      [
        `Conformance: ${passed(results)}/${results.length} (${pct(passed(results), results.length)}) — ` +
          `executions ${passed(executions)}/${executions.length}, TestState ${passed(testStates)}/${testStates.length}`,
        ...lines,
      ].join('\n'),
    )
    const withHistory = results.filter((r) => r.outcome.historyDiff !== undefined)
    const historyOk = withHistory.filter((r) => r.outcome.historyDiff === null)
    console.log(
      `History event sequences equal to AWS's: ${historyOk.length}/${withHistory.length} (cases with a comparable recorded history)`,
    )
    const historyUnexpected = withHistory.filter(
      (r) => r.outcome.historyDiff !== null && !(r.c.id in HISTORY_EXCEPTIONS),
    )
    if (historyUnexpected.length) {
      console.log(
        `History differences (${historyUnexpected.length}):\n` +
          historyUnexpected.map((r) => `${r.c.id}\n    ${r.outcome.historyDiff}`).join('\n'),
      )
    }
    const unexpected = results.filter((r) => !r.outcome.pass && !(r.c.id in EXCEPTIONS))
    const stale = results.filter((r) => r.outcome.pass && r.c.id in EXCEPTIONS)
    const report = unexpected.map((r) => `${r.c.id}\n    ${r.outcome.detail}`).join('\n')
    if (unexpected.length) console.log(`Failing cases (${unexpected.length}):\n${report}`)
    expect(unexpected.map((r) => r.c.id)).toEqual([])
    expect(
      historyUnexpected.map((r) => r.c.id),
      'history event sequences',
    ).toEqual([])
    expect(
      stale.map((r) => r.c.id),
      'exceptions that pass now: remove them',
    ).toEqual([])
  })
})
