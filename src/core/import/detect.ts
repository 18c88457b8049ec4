// What a file (or pasted text) is, read once: an ASL definition (JSON or YAML), a CloudFormation
// or SAM template with state machines, a MockConfigFile, or an execution history. A file that is
// none of these, or is broken, gets one message that says what and where.

import type { Diagnostic } from '../asl/diagnostics'
import { parseText, type SourceFormat } from '../asl/parse'
import type { JsonObject, JsonValue } from '../asl/types'
import { isJsonObject } from '../asl/types'
import type { MockConfigFile } from '../interpreter/mocks'
import { MockConfigError, parseMockConfig } from '../interpreter/mocks'
import { parseCloudFormationYaml } from './cfnYaml'
import { extractStateMachines, isTemplate, type TemplateMachine } from './template'

export type ImportKind = 'definition' | 'template' | 'mocks' | 'history'

export type ImportReading =
  | { kind: 'definition'; definition: JsonObject; format: SourceFormat }
  | { kind: 'template'; machines: TemplateMachine[]; format: SourceFormat }
  | { kind: 'mocks'; config: MockConfigFile }
  | {
      kind: 'history'
      /** The events as the file holds them (AWS GetExecutionHistory shape). */
      events: JsonObject[]
    }
  | { kind: 'invalid'; message: string; detail?: string }

function formatFor(fileName: string): SourceFormat | undefined {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.template')) {
    return 'yaml'
  }
  if (lower.endsWith('.json')) return 'json'
  return undefined
}

function where(diagnostic: Diagnostic): string {
  const start = diagnostic.range?.start
  return start ? ` (line ${start.line}, column ${start.column})` : ''
}

/** Reads text of any importable kind. `fileName` names the file in messages and hints its format. */
export function readImportText(text: string, fileName: string): ImportReading {
  if (text.trim() === '') return { kind: 'invalid', message: `${fileName} is empty.` }
  // JSON text wins over the file name (a .yaml file holding JSON is still JSON); otherwise the
  // extension decides, so YAML starting with a quoted key is not mistaken for JSON.
  const trimmed = text.trimStart().replace(/^\uFEFF/, '')
  const format =
    trimmed.startsWith('{') || trimmed.startsWith('[') ? 'json' : (formatFor(fileName) ?? undefined)
  const parsed = parseText(text, format)
  const syntax = parsed.diagnostics.filter((d) => d.severity === 'error')
  const value = parsed.value
  if (value === undefined || (syntax.length > 0 && !looksLikeTemplate(value))) {
    const first = syntax[0]
    return {
      kind: 'invalid',
      message: `${fileName} is not valid ${parsed.format === 'yaml' ? 'YAML' : 'JSON'}${first ? where(first) : ''}.`,
      ...(first ? { detail: first.message } : {}),
    }
  }
  return classify(value, text, parsed.format, fileName)
}

function looksLikeTemplate(value: JsonValue | undefined): boolean {
  return isTemplate(value)
}

function classify(
  value: JsonValue,
  text: string,
  format: SourceFormat,
  fileName: string,
): ImportReading {
  if (isJsonObject(value) && isJsonObject(value.States)) {
    return { kind: 'definition', definition: value, format }
  }
  if (isTemplate(value)) {
    let template: JsonValue = value
    if (format === 'yaml') {
      // Re-read with CloudFormation's tags as intrinsic functions (see cfnYaml.ts).
      const cfn = parseCloudFormationYaml(text)
      if (!cfn.ok) {
        return {
          kind: 'invalid',
          message: `${fileName} is not valid YAML (line ${cfn.problem.line}, column ${cfn.problem.column}).`,
          detail: cfn.problem.message,
        }
      }
      template = cfn.value
    }
    if (!isJsonObject(template)) {
      return { kind: 'invalid', message: `${fileName} is not a CloudFormation template.` }
    }
    const machines = extractStateMachines(template)
    if (machines.length === 0) {
      return {
        kind: 'invalid',
        message: `${fileName} is a CloudFormation template without any AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource.`,
      }
    }
    return { kind: 'template', machines, format }
  }
  if (isMockConfig(value)) {
    try {
      return { kind: 'mocks', config: parseMockConfig(value) }
    } catch (error) {
      if (error instanceof MockConfigError) {
        const first = error.problems[0]!
        const more = error.problems.length - 1
        return {
          kind: 'invalid',
          message: `${fileName} is not a valid MockConfigFile: ${first.path || '(file)'} ${first.message}${
            more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''
          }.`,
          detail: error.problems.map((p) => `${p.path || '(file)'}: ${p.message}`).join('\n'),
        }
      }
      throw error
    }
  }
  const events = historyEvents(value)
  if (events) {
    for (const [index, event] of events.entries()) {
      // AWS's CLI prints camelCase (`type`, `id`); its SDKs' JSON may use PascalCase (`Type`).
      const type = isJsonObject(event) ? (event.type ?? event.Type) : undefined
      if (typeof type !== 'string') {
        return {
          kind: 'invalid',
          message: `${fileName} is not a valid execution history: event ${index + 1} has no "type".`,
        }
      }
      const id = (event as JsonObject).id ?? (event as JsonObject).Id
      if (id !== undefined && !Number.isFinite(Number(id))) {
        return {
          kind: 'invalid',
          message: `${fileName} is not a valid execution history: event ${index + 1} (${type}) has an "id" that is not a number.`,
        }
      }
    }
    if (events.length === 0) {
      return { kind: 'invalid', message: `${fileName} is an execution history without events.` }
    }
    return { kind: 'history', events: events as JsonObject[] }
  }
  return {
    kind: 'invalid',
    message: `${fileName} is not an Amazon States Language definition: it has no "States" object (nor is it a CloudFormation/SAM template, a MockConfigFile or an execution history).`,
  }
}

function isMockConfig(value: JsonValue): value is JsonObject {
  return (
    isJsonObject(value) &&
    (value.StateMachines !== undefined || value.MockedResponses !== undefined) &&
    value.States === undefined
  )
}

/** `{"events": [...]}` as `aws stepfunctions get-execution-history` prints it, or a bare list. */
function historyEvents(value: JsonValue): JsonValue[] | undefined {
  if (isJsonObject(value)) {
    if (Array.isArray(value.events)) return value.events
    if (Array.isArray(value.Events)) return value.Events
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((e) => isJsonObject(e) && ('type' in e || 'Type' in e))
  ) {
    return value
  }
  return undefined
}

/** The kind a reading is, for messages ("a SAM template", …). */
export function describeReading(reading: ImportReading): string {
  switch (reading.kind) {
    case 'definition':
      return `an ASL definition (${reading.format.toUpperCase()})`
    case 'template':
      return reading.machines.some((m) => m.resourceType === 'AWS::Serverless::StateMachine')
        ? 'a SAM template'
        : 'a CloudFormation template'
    case 'mocks':
      return 'a MockConfigFile'
    case 'history':
      return 'an execution history'
    case 'invalid':
      return 'an unreadable file'
  }
}
