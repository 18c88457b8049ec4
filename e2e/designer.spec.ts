import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from './fixtures'
import {
  chooseConnection,
  connect,
  dragFromPalette,
  dragIntoScope,
  emptyCanvasPoint,
  selectState,
  stateNode,
} from './helpers'

// Issue 4: build a workflow from an empty canvas with the mouse, edit details in the inspector,
// rename, undo/redo, export; the export validates with the CLI and equals the expected ASL.

test('builds a workflow from an empty canvas with the mouse and exports valid ASL', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.getByTestId('new-workflow').click()
  await expect(page.locator('[data-state-name]')).toHaveCount(0)

  // Room to work: the bottom panel folds away.
  await page.getByRole('button', { name: 'Collapse the panel' }).click()

  // Pass on the empty canvas; a Choice dropped on the arrow to End goes after it.
  await dragFromPalette(page, 'Pass', await emptyCanvasPoint(page, 110, 30))
  await expect(stateNode(page, 'Pass')).toBeVisible()
  await dragFromPalette(page, 'Choice', await emptyCanvasPoint(page, 110, 92))
  await expect(stateNode(page, 'Choice')).toBeVisible()

  // A Lambda Task and a Fail beside it, a Parallel below, a Succeed at the bottom.
  await dragFromPalette(page, 'lambda-invoke', await emptyCanvasPoint(page, -150, 280))
  await dragFromPalette(page, 'Fail', await emptyCanvasPoint(page, 170, 280))
  await dragFromPalette(page, 'Parallel', await emptyCanvasPoint(page, -150, 400))
  await dragFromPalette(page, 'Succeed', await emptyCanvasPoint(page, 110, 620))
  for (const name of ['Lambda Invoke', 'Fail', 'Parallel', 'Succeed']) {
    await expect(stateNode(page, name)).toBeVisible()
  }
  await page.getByTestId('fit-view').click()

  // Transitions by dragging handles; the kind is asked for where it is ambiguous.
  await connect(page, 'Choice', 'out', 'Lambda Invoke')
  await chooseConnection(page, 'choice')
  await connect(page, 'Lambda Invoke', 'catch', 'Fail')
  await connect(page, 'Lambda Invoke', 'out', 'Parallel')
  await connect(page, 'Choice', 'out', 'Parallel')
  await chooseConnection(page, 'choice')
  await connect(page, 'Parallel', 'out', 'Succeed')
  await connect(page, 'Choice', 'out', 'Succeed')
  await chooseConnection(page, 'default')
  await expect(page.locator('.sw-edge-label', { hasText: 'Default' })).toBeVisible()
  await expect(page.locator('.sw-edge-label', { hasText: 'States.ALL' })).toBeVisible()

  // A Map inside the first branch, a Pass in its processor, a Wait in the second branch.
  await dragIntoScope(page, 'Map', 'Branch 1')
  await expect(stateNode(page, 'Map')).toBeVisible()
  await dragIntoScope(page, 'Pass', 'Item processor')
  await expect(stateNode(page, 'Pass (1)')).toBeVisible()
  await dragIntoScope(page, 'Wait', 'Branch 2')
  await expect(stateNode(page, 'Wait')).toBeVisible()

  // Rule details and the retrier in the inspector.
  await selectState(page, 'Choice')
  const inspector = page.getByTestId('inspector')
  await inspector.getByTestId('choice-rule-0-variable').fill('$.amount')
  await inspector.getByTestId('choice-rule-0-variable').press('Enter')
  await inspector.getByTestId('choice-rule-0-operator').selectOption('NumericGreaterThan')
  await inspector.getByTestId('choice-rule-0-value').fill('100')
  await inspector.getByTestId('choice-rule-0-value').press('Enter')
  await inspector.getByTestId('choice-rule-1-variable').fill('$.amount')
  await inspector.getByTestId('choice-rule-1-variable').press('Enter')
  await inspector.getByTestId('choice-rule-1-operator').selectOption('NumericLessThanEquals')
  await inspector.getByTestId('choice-rule-1-value').fill('100')
  await inspector.getByTestId('choice-rule-1-value').press('Enter')
  await expect(page.locator('.sw-edge-label', { hasText: '$.amount > 100' })).toBeVisible()
  await expect(page.locator('.sw-edge-label', { hasText: '$.amount <= 100' })).toBeVisible()

  await selectState(page, 'Lambda Invoke')
  await inspector.getByTestId('retry-0-max-attempts').fill('4')
  await inspector.getByTestId('retry-0-max-attempts').press('Enter')

  // Rename in place: double-click the name, type, Enter.
  await stateNode(page, 'Lambda Invoke').locator('.sw-node-name').dblclick()
  await page.getByTestId('rename-input').fill('Charge card')
  await page.getByTestId('rename-input').press('Enter')
  await expect(stateNode(page, 'Charge card')).toBeVisible()
  await expect(stateNode(page, 'Lambda Invoke')).toHaveCount(0)

  // Undo and redo (toolbar buttons).
  await page.getByTestId('undo').click()
  await expect(stateNode(page, 'Lambda Invoke')).toBeVisible()
  await page.getByTestId('redo').click()
  await expect(stateNode(page, 'Charge card')).toBeVisible()

  await page.screenshot({ path: test.info().outputPath('built-workflow.png') })

  // Export: the file validates with the CLI and is exactly the workflow built above.
  const exported = await exportAsl(page)
  expect(exported.json).toEqual(EXPECTED)
  expect(JSON.stringify(exported.json)).toBe(JSON.stringify(EXPECTED)) // key order too
  const output = execFileSync(process.execPath, ['bin/stepwise.mjs', 'validate', exported.file], {
    encoding: 'utf8',
  })
  expect(output).toContain('valid')
})

const LAMBDA_RETRY = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 4,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
}

const EXPECTED = {
  StartAt: 'Pass',
  States: {
    Pass: { Type: 'Pass', Next: 'Choice' },
    Choice: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.amount', NumericGreaterThan: 100, Next: 'Charge card' },
        { Variable: '$.amount', NumericLessThanEquals: 100, Next: 'Parallel' },
      ],
      Default: 'Succeed',
    },
    'Charge card': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
        'Payload.$': '$',
      },
      OutputPath: '$.Payload',
      Retry: [LAMBDA_RETRY],
      Next: 'Parallel',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fail' }],
    },
    Fail: { Type: 'Fail', Error: 'WorkflowFailed', Cause: 'Describe the failure' },
    Parallel: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Map',
          States: {
            Map: {
              Type: 'Map',
              ItemProcessor: {
                ProcessorConfig: { Mode: 'INLINE' },
                StartAt: 'Pass (1)',
                States: { 'Pass (1)': { Type: 'Pass', End: true } },
              },
              End: true,
            },
          },
        },
        { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 5, End: true } } },
      ],
      Next: 'Succeed',
    },
    Succeed: { Type: 'Succeed' },
  },
}

async function exportAsl(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-asl').click(),
  ])
  const dir = mkdtempSync(path.join(tmpdir(), 'stepwise-e2e-'))
  const file = path.join(dir, download.suggestedFilename())
  await download.saveAs(file)
  return { file, json: JSON.parse(readFileSync(file, 'utf8')) as unknown }
}

test('drags a state out of its branch onto the machine as one undo step', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.getByTestId('fit-view').click()
  const parallel = stateNode(page, 'Fulfil order')
  const node = stateNode(page, 'Send confirmation')
  await expect(node).toBeVisible()
  const inside = async () => {
    const p = (await parallel.boundingBox())!
    const n = (await node.boundingBox())!
    return (
      n.x >= p.x && n.x + n.width <= p.x + p.width && n.y >= p.y && n.y + n.height <= p.y + p.height
    )
  }
  // (Fit animates: wait until the boxes settle.)
  await expect.poll(inside).toBe(true)
  await page.waitForTimeout(400)

  const from = (await node.boundingBox())!
  const canvas = (await page.getByTestId('canvas').boundingBox())!
  await page.mouse.move(from.x + 40, from.y + 12)
  await page.mouse.down()
  await page.mouse.move(from.x + 60, from.y + 20, { steps: 3 })
  await page.mouse.move(canvas.x + canvas.width - 150, from.y + 12, { steps: 12 })
  await page.mouse.up()
  await expect.poll(inside).toBe(false)
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /Move out of the branch/)

  await page.getByTestId('undo').click()
  await expect.poll(inside).toBe(true)
  await expect(page.getByTestId('undo')).toBeDisabled()
})
