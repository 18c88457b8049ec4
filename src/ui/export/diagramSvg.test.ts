import { describe, expect, it } from 'vitest'
import { EMPTY_LAYOUT } from '../../core/graph/layoutMap'
import { aslToGraph } from '../../core/graph/model'
import { generateWorkflow } from '../../core/graph/testing/generateWorkflow'
import { countDrawnStates, diagramSvg } from './diagramSvg'

describe('diagramSvg', () => {
  it('draws every state of a large workflow, nested ones included, inside its bounds', () => {
    const graph = aslToGraph(generateWorkflow(1000))
    const { svg, width, height } = diagramSvg(graph, EMPTY_LAYOUT, 'Big')
    expect(countDrawnStates(svg)).toBe(Object.keys(graph.states).length)
    expect(Object.keys(graph.states).length).toBeGreaterThanOrEqual(1000)
    // Every state and container lies within the picture.
    let checked = 0
    for (const match of svg.matchAll(
      /data-state-name="[^"]*"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g,
    )) {
      const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number]
      expect(x).toBeGreaterThanOrEqual(0)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(x + w).toBeLessThanOrEqual(width + 0.5)
      expect(y + h).toBeLessThanOrEqual(height + 0.5)
      checked++
    }
    expect(checked).toBe(Object.keys(graph.states).length)
  })

  it('labels transitions and escapes names', () => {
    const graph = aslToGraph({
      StartAt: 'Check <a & b>',
      States: {
        'Check <a & b>': {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: 3, Next: 'Big' }],
          Default: 'Small',
        },
        Big: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Small' }],
          End: true,
        },
        Small: { Type: 'Succeed' },
      },
    })
    const { svg } = diagramSvg(graph, EMPTY_LAYOUT)
    expect(svg).toContain('Check &lt;a &amp; b&gt;')
    expect(svg).toContain('$.n &gt; 3')
    expect(svg).toContain('Default')
    expect(svg).toContain('States.ALL')
    expect(svg).toContain('Lambda: Invoke')
    expect(svg).toContain('>Start<')
  })
})
