// Every real-world definition of ../shared/corpus must open and save unchanged, key order
// included, and survive an edit-free trip through the commands' consistency check.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseText } from '../asl/parse'
import type { JsonObject } from '../asl/types'
import { isJsonObject } from '../asl/types'
import { firstDifference } from './jsonDiff'
import { aslToGraph, graphToAsl } from './model'
import { expectConsistent } from './testing/fixtures'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const corpusDir = path.resolve(repoRoot, '../shared/corpus')
const files = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((name) => name.endsWith('.json') && name !== 'index.json')
      .sort()
  : []

describe.skipIf(files.length === 0)(`corpus round trip (${corpusDir})`, () => {
  it('has the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(190)
  })

  it.each(files)('%s round-trips exactly', (name) => {
    const parsed = parseText(readFileSync(path.join(corpusDir, name), 'utf8'))
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(isJsonObject(parsed.value)).toBe(true)
    const definition = parsed.value as JsonObject
    const graph = aslToGraph(definition)
    expect(firstDifference(definition, graphToAsl(graph))).toBeUndefined()
    expectConsistent(graph)
  })
})

if (files.length === 0) {
  console.warn(`Skipping the corpus round trip: ${corpusDir} is absent.`)
}
