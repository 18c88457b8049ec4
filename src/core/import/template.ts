// State machines inside a CloudFormation or SAM template: which resources hold one, and the ASL
// each holds, whatever way the template writes it:
//
//   AWS::StepFunctions::StateMachine   Definition (an object), DefinitionString (a string, often
//                                      built with Fn::Sub or Fn::Join), DefinitionS3Location
//   AWS::Serverless::StateMachine      Definition (an object), DefinitionUri (a file path or S3)
//
// Deploy-time references stay in the definition as `${Name}` placeholders, which the validator
// already treats as values put in at deploy time: `{"Ref": "X"}` → `${X}`,
// `{"Fn::GetAtt": ["Fn", "Arn"]}` → `${Fn.Arn}`. DefinitionSubstitutions and Fn::Sub variables
// whose values are literals are substituted, as CloudFormation would.

import { parseText } from '../asl/parse'
import type { JsonObject, JsonValue, WorkflowType } from '../asl/types'
import { isJsonObject } from '../asl/types'

export const STATE_MACHINE_TYPES = [
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::StateMachine',
] as const

export type StateMachineResourceType = (typeof STATE_MACHINE_TYPES)[number]

export type TemplateDefinition =
  | {
      ok: true
      definition: JsonObject
      /** Deploy-time placeholders left in the definition (`${…}` names), sorted. */
      placeholders: string[]
      /** Where the definition came from, e.g. `DefinitionString (Fn::Sub)`. */
      source: string
    }
  | { ok: false; message: string }

export interface TemplateMachine {
  logicalId: string
  resourceType: StateMachineResourceType
  /** StateMachineName / Name when the template gives a literal one. */
  name?: string
  workflowType?: WorkflowType
  result: TemplateDefinition
}

/** True when a parsed file looks like a template rather than ASL (a `Resources` object, no States). */
export function isTemplate(value: JsonValue | undefined): value is JsonObject {
  return (
    isJsonObject(value) &&
    !isJsonObject(value.States) &&
    (isJsonObject(value.Resources) ||
      typeof value.AWSTemplateFormatVersion === 'string' ||
      value.Transform !== undefined)
  )
}

/** Every state machine resource of a template, in template order. */
export function extractStateMachines(template: JsonObject): TemplateMachine[] {
  const resources = template.Resources
  if (!isJsonObject(resources)) return []
  const machines: TemplateMachine[] = []
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource)) continue
    const type = resource.Type
    if (type !== STATE_MACHINE_TYPES[0] && type !== STATE_MACHINE_TYPES[1]) continue
    const properties = isJsonObject(resource.Properties) ? resource.Properties : {}
    const nameField = type === 'AWS::Serverless::StateMachine' ? 'Name' : 'StateMachineName'
    const typeField = type === 'AWS::Serverless::StateMachine' ? 'Type' : 'StateMachineType'
    const machine: TemplateMachine = {
      logicalId,
      resourceType: type,
      result: readDefinition(logicalId, type, properties),
    }
    if (typeof properties[nameField] === 'string') machine.name = properties[nameField]
    const workflowType = properties[typeField]
    if (workflowType === 'STANDARD' || workflowType === 'EXPRESS') {
      machine.workflowType = workflowType
    }
    machines.push(machine)
  }
  return machines
}

function readDefinition(
  logicalId: string,
  type: StateMachineResourceType,
  properties: JsonObject,
): TemplateDefinition {
  const where = `Resources.${logicalId}.Properties`
  const substitutions = isJsonObject(properties.DefinitionSubstitutions)
    ? properties.DefinitionSubstitutions
    : {}
  if (properties.Definition !== undefined) {
    const definition = properties.Definition
    if (!isJsonObject(definition)) {
      return { ok: false, message: `${where}.Definition is not an object.` }
    }
    const resolved = resolveIntrinsicsInValue(definition)
    return finish(resolved as JsonObject, substitutions, 'Definition')
  }
  if (type === 'AWS::StepFunctions::StateMachine' && properties.DefinitionString !== undefined) {
    const text = resolveString(properties.DefinitionString)
    if (!text.ok) {
      return { ok: false, message: `${where}.DefinitionString: ${text.message}` }
    }
    const parsed = parseText(quoteBarePlaceholders(text.value), 'json')
    const syntax = parsed.diagnostics.find((d) => d.severity === 'error')
    if (parsed.value === undefined || syntax) {
      const at = syntax?.range?.start
      return {
        ok: false,
        message: `${where}.DefinitionString${text.via ? ` (after ${text.via})` : ''} is not valid JSON${
          at ? ` at line ${at.line}, column ${at.column} of the definition` : ''
        }: ${syntax?.message ?? 'unreadable'}.`,
      }
    }
    if (!isJsonObject(parsed.value)) {
      return { ok: false, message: `${where}.DefinitionString does not hold a JSON object.` }
    }
    return finish(
      parsed.value,
      substitutions,
      `DefinitionString${text.via ? ` (${text.via})` : ''}`,
    )
  }
  if (type === 'AWS::Serverless::StateMachine' && properties.DefinitionUri !== undefined) {
    const uri = properties.DefinitionUri
    const location =
      typeof uri === 'string'
        ? uri
        : isJsonObject(uri) && typeof uri.Bucket === 'string' && typeof uri.Key === 'string'
          ? `s3://${uri.Bucket}/${uri.Key}`
          : 'another file'
    return {
      ok: false,
      message: `${logicalId} has only a DefinitionUri (${location}): its definition lives in that file, not in the template. Import ${location} itself.`,
    }
  }
  if (properties.DefinitionS3Location !== undefined) {
    const s3 = properties.DefinitionS3Location
    const location =
      isJsonObject(s3) && typeof s3.Bucket === 'string' && typeof s3.Key === 'string'
        ? `s3://${s3.Bucket}/${s3.Key}`
        : 'Amazon S3'
    return {
      ok: false,
      message: `${logicalId} has only a DefinitionS3Location (${location}): its definition lives in that S3 object, not in the template. Download it and import the file.`,
    }
  }
  return {
    ok: false,
    message: `${where} has no Definition${type === 'AWS::Serverless::StateMachine' ? ' or DefinitionUri' : ', DefinitionString or DefinitionS3Location'}.`,
  }
}

function finish(
  definition: JsonObject,
  substitutions: JsonObject,
  source: string,
): TemplateDefinition {
  const substituted = applySubstitutions(definition, substitutions) as JsonObject
  if (!isJsonObject(substituted.States)) {
    return {
      ok: false,
      message: `The ${source} of this state machine has no "States" object.`,
    }
  }
  const placeholders = new Set<string>()
  collectPlaceholders(substituted, placeholders)
  return { ok: true, definition: substituted, placeholders: [...placeholders].sort(), source }
}

// ---------------------------------------------------------------------------------------------
// Intrinsic functions

type Resolved = { ok: true; value: string; via?: string } | { ok: false; message: string }

/** The name of a one-key intrinsic function object (`Ref`, `Fn::Sub`, …), if it is one. */
function intrinsicName(value: JsonValue): string | undefined {
  if (!isJsonObject(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  const key = keys[0]!
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined
}

/**
 * A string-valued template expression as text: literals as they are, `Fn::Sub` and `Fn::Join`
 * evaluated, references as `${…}` placeholders.
 */
export function resolveString(value: JsonValue): Resolved {
  if (typeof value === 'string') return { ok: true, value }
  const name = intrinsicName(value)
  if (!name) {
    return {
      ok: false,
      message: 'expected a string, Fn::Sub or Fn::Join, found ' + describe(value),
    }
  }
  const argument = (value as JsonObject)[name]!
  switch (name) {
    case 'Ref':
      return typeof argument === 'string'
        ? { ok: true, value: `\${${argument}}`, via: 'Ref' }
        : { ok: false, message: 'Ref needs a logical name' }
    case 'Fn::GetAtt': {
      const parts = typeof argument === 'string' ? argument.split('.') : argument
      if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) {
        return { ok: false, message: 'Fn::GetAtt needs [resource, attribute]' }
      }
      return { ok: true, value: `\${${parts.join('.')}}`, via: 'Fn::GetAtt' }
    }
    case 'Fn::Sub':
      return resolveSub(argument)
    case 'Fn::Join':
      return resolveJoin(argument)
    default:
      return {
        ok: false,
        message: `${name} is evaluated only when the stack is deployed; Stepwise cannot read the definition it builds`,
      }
  }
}

function resolveSub(argument: JsonValue): Resolved {
  let text: JsonValue
  let variables: JsonObject = {}
  if (Array.isArray(argument)) {
    if (argument.length !== 2 || !isJsonObject(argument[1])) {
      return { ok: false, message: 'Fn::Sub needs a string or [string, {variables}]' }
    }
    text = argument[0]!
    variables = argument[1]
  } else text = argument
  if (typeof text !== 'string') {
    return { ok: false, message: 'the text of Fn::Sub must be a string' }
  }
  let failure: string | undefined
  const value = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    // `${!Literal}` is Fn::Sub's escape for a literal `${Literal}`.
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`
    if (!Object.prototype.hasOwnProperty.call(variables, inner)) return whole
    const variable = variables[inner]!
    if (typeof variable === 'number' || typeof variable === 'boolean') return String(variable)
    const resolved = resolveString(variable)
    if (!resolved.ok) {
      failure = `variable ${inner} of Fn::Sub: ${resolved.message}`
      return whole
    }
    return resolved.value
  })
  return failure ? { ok: false, message: failure } : { ok: true, value, via: 'Fn::Sub' }
}

function resolveJoin(argument: JsonValue): Resolved {
  if (
    !Array.isArray(argument) ||
    argument.length !== 2 ||
    typeof argument[0] !== 'string' ||
    !Array.isArray(argument[1])
  ) {
    return { ok: false, message: 'Fn::Join needs [delimiter, [parts]]' }
  }
  const parts: string[] = []
  for (const [index, part] of argument[1].entries()) {
    if (typeof part === 'number' || typeof part === 'boolean') {
      parts.push(String(part))
      continue
    }
    const resolved = resolveString(part)
    if (!resolved.ok) return { ok: false, message: `Fn::Join part ${index}: ${resolved.message}` }
    parts.push(resolved.value)
  }
  return { ok: true, value: parts.join(argument[0]), via: 'Fn::Join' }
}

/** Intrinsics inside a Definition object become placeholder strings (or the text they build). */
function resolveIntrinsicsInValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(resolveIntrinsicsInValue)
  if (!isJsonObject(value)) return value
  if (intrinsicName(value) !== undefined) {
    const resolved = resolveString(value)
    return resolved.ok ? resolved.value : `\${${intrinsicName(value)}}`
  }
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: resolveIntrinsicsInValue(child),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

/**
 * Quotes `${…}` placeholders that stand where a JSON value goes (`"MaxAttempts": ${Retries}`),
 * so the text parses; the validator then warns about a placeholder where a number is expected.
 */
export function quoteBarePlaceholders(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      out += c
      if (c === '\\') {
        out += text[i + 1] ?? ''
        i++
      } else if (c === '"') inString = false
      continue
    }
    if (c === '"') {
      inString = true
      out += c
      continue
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i)
      if (end > 0) {
        out += JSON.stringify(text.slice(i, end + 1))
        i = end
        continue
      }
    }
    out += c
  }
  return out
}

function applySubstitutions(value: JsonValue, substitutions: JsonObject): JsonValue {
  if (Object.keys(substitutions).length === 0) return value
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(value)
    if (whole && Object.prototype.hasOwnProperty.call(substitutions, whole[1]!)) {
      const literal = substitutions[whole[1]!]!
      if (typeof literal === 'number' || typeof literal === 'boolean') return literal
    }
    return value.replace(/\$\{([^}]+)\}/g, (match, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(substitutions, name)) return match
      const literal = substitutions[name]!
      if (typeof literal === 'string' || typeof literal === 'number') return String(literal)
      if (typeof literal === 'boolean') return String(literal)
      // A reference (Ref, GetAtt, …): known only at deploy time, so the placeholder stays.
      const resolved = resolveString(literal)
      return resolved.ok && resolved.via === 'Fn::Sub' ? resolved.value : match
    })
  }
  if (Array.isArray(value)) return value.map((v) => applySubstitutions(v, substitutions))
  if (!isJsonObject(value)) return value
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, {
      value: applySubstitutions(child, substitutions),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function collectPlaceholders(value: JsonValue, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/\$\{([^}]+)\}/g)) into.add(match[1]!)
  } else if (Array.isArray(value)) {
    for (const item of value) collectPlaceholders(item, into)
  } else if (isJsonObject(value)) {
    for (const child of Object.values(value)) collectPlaceholders(child, into)
  }
}

function describe(value: JsonValue): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (isJsonObject(value)) {
    const keys = Object.keys(value)
    return keys.length === 1 ? keys[0]! : 'an object'
  }
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`
}
