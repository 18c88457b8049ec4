// The whole diagram as a standalone SVG, drawn from the document (graph + layout) with the
// canvas's own geometry rather than captured from the screen: the canvas renders only what is in
// view for large workflows and shows names only when zoomed out, so a screenshot of it would be
// partial. Drawn here, every state is in the picture at full detail, at any size. PNG export
// rasterizes this SVG (see exportDiagram.ts).

import { isJsonObject } from '../../core/asl/types'
import { graphEdges, type GraphEdge } from '../../core/graph/edges'
import type { Layout } from '../../core/graph/layoutMap'
import type { WorkflowGraph } from '../../core/graph/model'
import { ROOT_SCOPE_ID, childScopeIds, scopeStartAt } from '../../core/graph/model'
import { shorten, summarizeChoiceRule } from '../canvas/choiceSummary'
import { computeGeometry } from '../canvas/geometry'
import { describeResource } from '../canvas/integration'

const PADDING = 40
const START_GAP = 56

const COLOURS: Record<string, [stroke: string, soft: string]> = {
  Task: ['#2563eb', '#eff6ff'],
  Pass: ['#475569', '#f1f5f9'],
  Choice: ['#b45309', '#fff7ed'],
  Wait: ['#7c3aed', '#f5f3ff'],
  Parallel: ['#4338ca', '#eef2ff'],
  Map: ['#0f766e', '#f0fdfa'],
  Succeed: ['#15803d', '#f0fdf4'],
  Fail: ['#b91c1c', '#fef2f2'],
}
const UNKNOWN: [string, string] = ['#64748b', '#f1f5f9']
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

export interface DiagramSvg {
  svg: string
  width: number
  height: number
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function stateSubtitle(fields: Record<string, unknown>, type: string): string {
  if (type === 'Task') return describeResource(fields.Resource).label
  if (type === 'Wait') {
    if (typeof fields.Seconds === 'number') return `Wait ${fields.Seconds} s`
    return 'Wait'
  }
  if (type === 'Map' && isJsonObject(fields.ItemReader)) return 'Map (distributed)'
  return type
}

/** Renders the whole workflow (every state, container and transition) as SVG text. */
export function diagramSvg(graph: WorkflowGraph, layout: Layout, title?: string): DiagramSvg {
  const geometry = computeGeometry(graph, layout)
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const [id, point] of geometry.absolute) {
    const size = geometry.size.get(id)
    if (!size) continue
    minX = Math.min(minX, point.x)
    minY = Math.min(minY, point.y)
    maxX = Math.max(maxX, point.x + size.width)
    maxY = Math.max(maxY, point.y + size.height)
  }
  if (minX === Infinity) {
    minX = 0
    minY = 0
    maxX = 240
    maxY = 80
  }
  const titleHeight = title ? 36 : 0
  const offsetX = PADDING - minX
  const offsetY = PADDING + titleHeight + START_GAP - minY
  const width = Math.ceil(maxX - minX + PADDING * 2)
  const height = Math.ceil(maxY - minY + PADDING * 2 + titleHeight + START_GAP)
  const box = (id: string) => {
    const p = geometry.absolute.get(id)!
    const s = geometry.size.get(id)!
    return { x: p.x + offsetX, y: p.y + offsetY, width: s.width, height: s.height }
  }

  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`,
    '<defs>',
    ...['next', 'catch'].map(
      (kind) =>
        `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${kind === 'catch' ? '#dc2626' : '#64748b'}"/></marker>`,
    ),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  )
  if (title) {
    parts.push(
      `<text x="${PADDING}" y="${PADDING + 16}" font-size="18" font-weight="600" fill="#0f172a">${escapeXml(title)}</text>`,
    )
  }

  // Containers and their scopes first (outermost first), so states and edges draw above them.
  const stateLayer: string[] = []
  const visitScope = (scopeId: string, depth: number) => {
    const scope = graph.scopes[scopeId]
    if (!scope) return
    for (const id of scope.stateIds) {
      const state = graph.states[id]!
      const type = typeof state.fields.Type === 'string' ? state.fields.Type : 'Unknown'
      const [stroke, soft] = COLOURS[type] ?? UNKNOWN
      const b = box(id)
      const scopes = childScopeIds(state)
      if (state.children) {
        parts.push(
          `<g data-state-name="${escapeXml(state.name)}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="12" fill="${soft}" stroke="${stroke}" stroke-width="1.5"/>`,
          `<text x="${b.x + 16}" y="${b.y + 24}" font-size="14" font-weight="600" fill="#0f172a">${escapeXml(shorten(state.name, 60))}</text>`,
          `<text x="${b.x + 16}" y="${b.y + 42}" font-size="12" fill="${stroke}">${escapeXml(stateSubtitle(state.fields, type))}</text></g>`,
        )
        scopes.forEach((child, i) => {
          const c = box(child)
          const label = state.children?.kind === 'branches' ? `Branch ${i + 1}` : 'Item processor'
          parts.push(
            `<rect x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}" rx="10" fill="#ffffff" fill-opacity="0.7" stroke="${stroke}" stroke-opacity="0.5" stroke-dasharray="5 4"/>`,
            `<text x="${c.x + 12}" y="${c.y + 22}" font-size="11" fill="#475569">${label}</text>`,
          )
          visitScope(child, depth + 1)
        })
      } else {
        stateLayer.push(
          `<g data-state-name="${escapeXml(state.name)}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="10" fill="#ffffff" stroke="#cbd5e1"/>`,
          `<rect x="${b.x}" y="${b.y}" width="5" height="${b.height}" rx="2" fill="${stroke}"/>`,
          `<text x="${b.x + 16}" y="${b.y + 25}" font-size="13" font-weight="600" fill="#0f172a">${escapeXml(shorten(state.name, 30))}</text>`,
          `<text x="${b.x + 16}" y="${b.y + 44}" font-size="11" fill="${stroke}">${escapeXml(shorten(stateSubtitle(state.fields, type), 34))}</text></g>`,
        )
      }
    }
  }
  visitScope(ROOT_SCOPE_ID, 0)

  // The start of the machine.
  const rootStart = graph.scopes[ROOT_SCOPE_ID]
    ? scopeStartAt(graph.scopes[ROOT_SCOPE_ID]!)
    : undefined
  const startId = graph.scopes[ROOT_SCOPE_ID]?.stateIds.find(
    (id) => graph.states[id]!.name === rootStart,
  )
  if (startId) {
    const b = box(startId)
    const cx = b.x + b.width / 2
    parts.push(
      `<rect x="${cx - 32}" y="${b.y - START_GAP}" width="64" height="24" rx="12" fill="#0f172a"/>`,
      `<text x="${cx}" y="${b.y - START_GAP + 16}" font-size="11" font-weight="600" fill="#ffffff" text-anchor="middle">Start</text>`,
      `<path d="M${cx} ${b.y - START_GAP + 24}L${cx} ${b.y - 2}" stroke="#64748b" stroke-width="1.5" fill="none" marker-end="url(#arrow-next)"/>`,
    )
  }

  for (const edge of graphEdges(graph)) {
    if (edge.target === null) continue
    parts.push(edgePath(edge, box(edge.source), box(edge.target), label(graph, edge)))
  }
  parts.push(...stateLayer, '</svg>')
  return { svg: parts.join('\n'), width, height }
}

type Box = { x: number; y: number; width: number; height: number }

function label(graph: WorkflowGraph, edge: GraphEdge): string | null {
  const fields = graph.states[edge.source]!.fields
  switch (edge.kind) {
    case 'next':
      return null
    case 'default':
      return 'Default'
    case 'choice': {
      const rules = fields.Choices
      const rule = Array.isArray(rules) ? rules[edge.index ?? 0] : undefined
      return rule === undefined ? null : shorten(summarizeChoiceRule(rule), 32)
    }
    case 'catch': {
      const catchers = fields.Catch
      const catcher = Array.isArray(catchers) ? catchers[edge.index ?? 0] : undefined
      const errors = isJsonObject(catcher) ? catcher.ErrorEquals : undefined
      return Array.isArray(errors) ? shorten(errors.join(', '), 32) : 'Catch'
    }
  }
}

function edgePath(edge: GraphEdge, from: Box, to: Box, text: string | null): string {
  const catchEdge = edge.kind === 'catch'
  const sx = catchEdge ? from.x + from.width : from.x + from.width / 2
  const sy = catchEdge ? from.y + from.height / 2 : from.y + from.height
  const tx = to.x + to.width / 2
  const ty = to.y
  const bend = Math.max(40, Math.abs(ty - sy) / 2)
  // A catch leaves sideways, but only a little: the picture has PADDING around the states.
  const c1 = catchEdge ? `${sx + 32} ${sy}` : `${sx} ${sy + bend}`
  const d = `M${sx} ${sy}C${c1} ${tx} ${ty - bend} ${tx} ${ty - 2}`
  const colour = catchEdge ? '#dc2626' : '#64748b'
  const out = [
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"${catchEdge ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow-${catchEdge ? 'catch' : 'next'})"/>`,
  ]
  if (text) {
    // The middle of the cubic curve (t = 0.5).
    const [c1x, c1y] = c1.split(' ').map(Number) as [number, number]
    const mx = (sx + 3 * c1x + 3 * tx + tx) / 8
    const my = (sy + 3 * c1y + 3 * (ty - bend) + ty) / 8
    const w = text.length * 6.2 + 12
    out.push(
      `<rect x="${mx - w / 2}" y="${my - 10}" width="${w}" height="18" rx="9" fill="#ffffff" stroke="${colour}" stroke-opacity="0.4"/>`,
      `<text x="${mx}" y="${my + 3}" font-size="10.5" fill="${catchEdge ? '#b91c1c' : '#334155'}" text-anchor="middle">${escapeXml(text)}</text>`,
    )
  }
  return out.join('')
}

/** For tests: how many states the SVG draws. */
export function countDrawnStates(svg: string): number {
  return (svg.match(/data-state-name=/g) ?? []).length
}
