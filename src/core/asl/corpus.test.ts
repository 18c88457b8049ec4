// Real definitions that AWS accepted: the corpus (deployed samples) and the conformance cases
// (recorded executions). Validation must find no error in any of them; where it does, the rule
// is wrong, not the definition.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDocPath } from './diagnostics'
import { printYaml } from './print'
import type { JsonValue, WorkflowType } from './types'
import { validateDefinition, validateText } from './validate'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const corpusDir = path.resolve(repoRoot, '../shared/corpus')
const conformanceDir = path.resolve(repoRoot, '../shared/conformance/cases')

function errorsOf(diagnostics: ReturnType<typeof validateDefinition>): string[] {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} at ${formatDocPath(d.path)}: ${d.message}`)
}

const corpusFiles = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((f) => f.endsWith('.asl.json'))
  : []

describe.skipIf(corpusFiles.length === 0)('corpus (../shared/corpus)', () => {
  if (corpusFiles.length === 0) console.warn(`corpus test skipped: ${corpusDir} not found`)

  it('holds the definitions', () => {
    expect(corpusFiles.length).toBeGreaterThan(100)
  })

  it.each(corpusFiles)('%s validates without errors', (file) => {
    const text = readFileSync(path.join(corpusDir, file), 'utf8')
    const { parse, diagnostics } = validateText(text)
    expect(parse.value).toBeDefined()
    expect(errorsOf(diagnostics)).toEqual([])
    // The same definition written as YAML is just as valid.
    const yaml = validateText(printYaml(parse.value!), { format: 'yaml' })
    expect(errorsOf(yaml.diagnostics)).toEqual([])
  })
})

interface ConformanceCase {
  definition: JsonValue
  state_machine_type?: WorkflowType
  analysis?: { task_resources?: string[] }
}

const conformanceFiles = existsSync(conformanceDir)
  ? readdirSync(conformanceDir).filter((f) => f.endsWith('.json'))
  : []

describe.skipIf(conformanceFiles.length === 0)('conformance definitions (AWS ran them)', () => {
  if (conformanceFiles.length === 0) {
    console.warn(`conformance test skipped: ${conformanceDir} not found`)
  }

  it('validates every recorded definition without errors', () => {
    const failures: string[] = []
    let checked = 0
    for (const file of conformanceFiles) {
      const c = JSON.parse(readFileSync(path.join(conformanceDir, file), 'utf8')) as ConformanceCase
      // The recording tool replaced some ARNs by template names ("activity_arn"); AWS saw
      // real ARNs there, so only those Resource values are exempt.
      const templated = new Set(
        (c.analysis?.task_resources ?? []).filter((r) => !r.startsWith('arn:')),
      )
      const diagnostics = validateDefinition(c.definition, {
        workflowType: c.state_machine_type ?? 'STANDARD',
      }).filter(
        (d) =>
          !(
            d.code === 'INVALID_RESOURCE' &&
            d.path.at(-1) === 'Resource' &&
            [...templated].some((r) => d.message.includes(JSON.stringify(r)))
          ),
      )
      checked++
      for (const e of errorsOf(diagnostics)) failures.push(`${file}: ${e}`)
    }
    expect(checked).toBeGreaterThan(100)
    expect(failures).toEqual([])
  })
})
