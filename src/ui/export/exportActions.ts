// Getting work out: the diagram as SVG or PNG (the whole workflow, see diagramSvg.ts), the
// MockConfigFile, and a share link. ASL JSON/YAML download and copy live in
// ui/shell/documentIO.ts (the UI contract's `export-asl`).

import { printJson } from '../../core/asl/print'
import { isJsonObject } from '../../core/asl/types'
import { serializeLayout } from '../../core/graph/layoutMap'
import { selectDefinition, useDocumentStore } from '../../state/documentStore'
import { encodeShareFragment } from '../../state/persistence/shareLink'
import { persistedSlices, storeFunction } from '../../state/persistence/slices'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { diagramSvg } from './diagramSvg'

/** Browsers refuse canvases beyond ~16k px a side or a few hundred megapixels; stay well inside. */
const MAX_SIDE = 16_000
const MAX_AREA = 64_000_000
/** Sharp on high-density screens when the diagram is small enough. */
const PREFERRED_SCALE = 2

function notify(kind: 'success' | 'error' | 'info', message: string, detail?: string) {
  useWorkspaceStore.getState().notify(kind, message, detail)
}

/** The open workflow's title made safe for a file name. */
export function baseFileName(): string {
  const title = useWorkspaceStore.getState().documentTitle
  return (
    title
      .replace(/[^A-Za-z0-9._ -]+/g, '')
      .trim()
      .replace(/\s+/g, '-') || 'workflow'
  )
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function currentDiagram() {
  const { graph, layout } = useDocumentStore.getState()
  return diagramSvg(graph, layout, useWorkspaceStore.getState().documentTitle)
}

/** The scale a PNG of this size is drawn at (≤ 2, smaller for huge diagrams). */
export function pngScale(width: number, height: number): number {
  return Math.min(
    PREFERRED_SCALE,
    MAX_SIDE / width,
    MAX_SIDE / height,
    Math.sqrt(MAX_AREA / (width * height)),
  )
}

async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const scale = pngScale(width, height)
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.floor(width * scale))
    canvas.height = Math.max(1, Math.floor(height * scale))
    const context = canvas.getContext('2d')
    if (!context) throw new Error('the browser could not create a drawing surface that large')
    context.scale(scale, scale)
    context.drawImage(image, 0, 0, width, height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG')),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** Downloads the whole diagram as SVG or PNG. */
export async function exportDiagram(format: 'svg' | 'png'): Promise<void> {
  try {
    const { svg, width, height } = currentDiagram()
    const blob =
      format === 'svg'
        ? new Blob([svg], { type: 'image/svg+xml' })
        : await svgToPng(svg, width, height)
    downloadBlob(blob, `${baseFileName()}.${format}`)
  } catch (error) {
    notify(
      'error',
      `Could not export the diagram as ${format.toUpperCase()}.`,
      error instanceof Error ? error.message : String(error),
    )
  }
}

/** The open workflow's MockConfigFile, if the mocks store has one. */
export function currentMockConfig(): unknown {
  const exportMockConfig = storeFunction<() => unknown>('mocks', 'exportMockConfig')
  if (exportMockConfig) return exportMockConfig()
  const data = persistedSlices.find((s) => s.key === 'mocks')?.exportPersisted()
  if (isJsonObject(data) && isJsonObject(data.config)) return data.config
  if (
    isJsonObject(data) &&
    (data.StateMachines !== undefined || data.MockedResponses !== undefined)
  )
    return data
  return undefined
}

/** True when the app has a mocks store to export from. */
export function canExportMocks(): boolean {
  return (
    storeFunction('mocks', 'exportMockConfig') !== undefined ||
    persistedSlices.some((s) => s.key === 'mocks')
  )
}

/** Downloads the MockConfigFile (AWS Step Functions Local's format, unchanged). */
export function exportMockConfig(): void {
  const config = currentMockConfig()
  if (config === undefined) {
    notify('info', 'This workflow has no mocks to export yet.')
    return
  }
  const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2) + '\n'
  downloadBlob(
    new Blob([text], { type: 'application/json' }),
    `${baseFileName()}.MockConfigFile.json`,
  )
}

/** A link that opens this workflow (definition, layout, mocks) in anyone's workspace. */
export async function shareLink(): Promise<string> {
  const doc = useDocumentStore.getState()
  const mocks = persistedSlices.find((s) => s.key === 'mocks')?.exportPersisted()
  const fragment = await encodeShareFragment({
    name: useWorkspaceStore.getState().documentTitle,
    workflowType: doc.workflowType,
    definition: selectDefinition(doc),
    layout: serializeLayout(doc.graph, doc.layout),
    ...(mocks === undefined ? {} : { mocks }),
  })
  return `${window.location.origin}${window.location.pathname}${fragment}`
}

/** Copies a share link; the notice shows it too, for when the clipboard is refused. */
export async function copyShareLink(): Promise<void> {
  let link: string
  try {
    link = await shareLink()
  } catch (error) {
    notify('error', 'Could not build a share link.', String(error))
    return
  }
  try {
    await navigator.clipboard.writeText(link)
    notify(
      'success',
      `Copied a share link (${Math.ceil(link.length / 1024)} KB). Opening it adds this workflow to the recipient’s workspace.`,
      link,
    )
  } catch {
    notify('info', 'The browser refused the clipboard: copy the share link below.', link)
  }
}

/** Exported JSON text of the definition (for tests and the copy action). */
export function definitionJson(): string {
  return printJson(selectDefinition(useDocumentStore.getState()))
}
