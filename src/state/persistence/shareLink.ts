// Share links: the workflow (definition, layout, workflow type, mocks) compressed into the URL
// fragment, which never reaches a server. `deflate-raw` through the browser's own
// CompressionStream, then base64url. Opening one adds the workflow to the workspace (see
// `startWorkspace({shared})`), never over an existing one.

import type { JsonObject, WorkflowType } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import type { SerializedLayout } from '../../core/graph/layoutMap'

export const SHARE_PREFIX = '#share='
const VERSION = 1

export interface SharedWorkflow {
  name: string
  workflowType: WorkflowType
  definition: JsonObject
  layout: SerializedLayout
  /** The mocks store's persisted data, when it has any. */
  mocks?: unknown
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(out).arrayBuffer())
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The fragment (`#share=…`) that carries a workflow. */
export async function encodeShareFragment(workflow: SharedWorkflow): Promise<string> {
  const json = JSON.stringify({ v: VERSION, ...workflow })
  const compressed = await pipe(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw'),
  )
  return SHARE_PREFIX + toBase64Url(compressed)
}

/** True when a URL fragment holds a shared workflow. */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX)
}

/** Reads a share fragment back; throws an Error saying what is wrong with a damaged link. */
export async function decodeShareFragment(hash: string): Promise<SharedWorkflow> {
  if (!isShareFragment(hash)) throw new Error('The link holds no shared workflow.')
  let json: string
  try {
    const bytes = fromBase64Url(decodeURIComponent(hash.slice(SHARE_PREFIX.length)))
    json = new TextDecoder().decode(await pipe(bytes, new DecompressionStream('deflate-raw')))
  } catch {
    throw new Error('The share link is damaged (it was probably cut short when it was copied).')
  }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new Error('The share link is damaged: its content is not JSON.')
  }
  if (!isJsonObject(value) || typeof value.v !== 'number') {
    throw new Error('The share link does not hold a Stepwise workflow.')
  }
  if (value.v > VERSION) {
    throw new Error('The share link comes from a newer version of Stepwise: reload to update.')
  }
  if (!isJsonObject(value.definition) || !isJsonObject(value.definition.States)) {
    throw new Error('The share link holds no state machine definition.')
  }
  const shared: SharedWorkflow = {
    name: typeof value.name === 'string' && value.name.trim() ? value.name : 'Shared workflow',
    workflowType: value.workflowType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: value.definition,
    layout: isJsonObject(value.layout) ? (value.layout as SerializedLayout) : {},
  }
  if (value.mocks !== undefined) shared.mocks = value.mocks
  return shared
}
