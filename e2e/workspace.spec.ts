import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'
import { stateNode } from './helpers'

// Issue 7: the workspace lives in IndexedDB (edits survive a reload), files come in by picker,
// drop or paste (a broken one changes nothing), and work goes out as PNG or a share link.

const YAML_FLOW = [
  'Comment: From YAML',
  'StartAt: First',
  'States:',
  '  First:',
  '    Type: Task',
  '    Resource: arn:aws:states:::sqs:sendMessage',
  '    Parameters:',
  '      QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q',
  '      MessageBody.$: $',
  '    Next: Done',
  '  Done:',
  '    Type: Succeed',
  '',
].join('\n')

const SAM_TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  ResizeFn:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Handler: app.handler',
  '  ImagePipeline:',
  '    Type: AWS::Serverless::StateMachine',
  '    Properties:',
  '      Type: EXPRESS',
  '      DefinitionSubstitutions:',
  '        ResizeArn: !GetAtt ResizeFn.Arn',
  '      Definition:',
  '        StartAt: Resize image',
  '        States:',
  '          Resize image:',
  '            Type: Task',
  '            Resource: ${ResizeArn}',
  '            Next: Store',
  '          Store:',
  '            Type: Pass',
  '            End: true',
  '  LegacyMachine:',
  '    Type: AWS::StepFunctions::StateMachine',
  '    Properties:',
  '      DefinitionString: !Sub |',
  '        {"StartAt": "Legacy", "States": {"Legacy": {"Type": "Pass", "End": true}}}',
  '  FromFile:',
  '    Type: AWS::Serverless::StateMachine',
  '    Properties:',
  '      DefinitionUri: statemachine/flow.asl.json',
  '',
].join('\n')

const workflowItems = (page: Page) => page.getByTestId('workflow-item')

test('edits survive a reload, with every workflow of the workspace', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await expect(workflowItems(page)).toHaveCount(1)

  // Rename a state in place and switch the workflow type.
  await stateNode(page, 'Charge payment').locator('.sw-node-name').dblclick()
  await page.getByTestId('rename-input').fill('Take payment')
  await page.getByTestId('rename-input').press('Enter')
  await expect(stateNode(page, 'Take payment')).toBeVisible()
  await page.getByTestId('workflow-type').selectOption('EXPRESS')

  // A second workflow, renamed from the list.
  await page.getByTestId('workspace-new').click()
  await expect(workflowItems(page)).toHaveCount(2)
  await expect(page.locator('[data-state-name]')).toHaveCount(0)
  await workflowItems(page).nth(1).getByTestId('workflow-rename').click()
  await page.getByTestId('workflow-rename-input').fill('Scratch')
  await page.getByTestId('workflow-rename-input').press('Enter')
  await expect(page.getByRole('heading', { name: 'Scratch' })).toBeVisible()

  await page.reload()
  await expect(workflowItems(page)).toHaveCount(2)
  await expect(page.getByRole('heading', { name: 'Scratch' })).toBeVisible()
  await workflowItems(page)
    .filter({ hasText: 'Order processing' })
    .locator('button')
    .first()
    .click()
  await expect(stateNode(page, 'Take payment')).toBeVisible()
  await expect(stateNode(page, 'Charge payment')).toHaveCount(0)
  await expect(page.getByTestId('workflow-type')).toHaveValue('EXPRESS')

  // Delete is undoable from the list.
  await workflowItems(page).filter({ hasText: 'Scratch' }).getByTestId('workflow-delete').click()
  await expect(workflowItems(page)).toHaveCount(1)
  await page.getByTestId('undo-delete').click()
  await expect(workflowItems(page)).toHaveCount(2)
  await page.reload()
  await expect(workflowItems(page)).toHaveCount(2)
})

test('a second tab of the app is told that tabs do not sync; a reload is not a second tab', async ({
  page,
  context,
}) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.reload()
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  // Past the grace time in which a reloaded page's predecessor may still hold the workspace.
  await page.waitForTimeout(2000)
  await expect(page.getByTestId('notice-warning')).toHaveCount(0)

  const second = await context.newPage()
  await second.goto('/')
  await expect(second.getByTestId('notice-warning')).toContainText('also open in another tab')
  await expect(page.getByTestId('notice-warning')).toHaveCount(0)
  await second.close()
})

test('a crashed tab loses nothing saved a moment before the crash', async ({ page }) => {
  // A crash fires no pagehide or visibilitychange: take them away from the app.
  await page.addInitScript(() => {
    const swallow = (event: Event) => event.stopImmediatePropagation()
    window.addEventListener('pagehide', swallow, true)
    document.addEventListener('visibilitychange', swallow, true)
  })
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await stateNode(page, 'Validate order').locator('.sw-node-name').dblclick()
  await page.getByTestId('rename-input').fill('Check the request')
  await page.getByTestId('rename-input').press('Enter')
  await expect(stateNode(page, 'Check the request')).toBeVisible()
  // Saves follow edits within a fraction of a second.
  await page.waitForTimeout(800)
  await page.reload()
  await expect(stateNode(page, 'Check the request')).toBeVisible()
  await expect(workflowItems(page)).toHaveCount(1)
})

test('imports ASL YAML and a SAM template as new workflows; the template asks which machine', async ({
  page,
}) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.getByTestId('import-file').setInputFiles({
    name: 'queue-flow.asl.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(YAML_FLOW),
  })
  await expect(page.locator('[data-state-name]')).toHaveCount(2)
  await expect(stateNode(page, 'First')).toContainText('SQS: SendMessage')
  await expect(page.getByRole('heading', { name: 'queue flow' })).toBeVisible()
  await expect(workflowItems(page)).toHaveCount(2)

  await page.getByTestId('import-file').setInputFiles({
    name: 'template.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(SAM_TEMPLATE),
  })
  const chooser = page.getByTestId('template-chooser')
  await expect(chooser).toBeVisible()
  await expect(chooser).toContainText('has only a DefinitionUri (statemachine/flow.asl.json)')
  await expect(chooser.getByTestId('template-machine-FromFile')).toBeDisabled()
  await chooser.getByTestId('template-machine-ImagePipeline').click()
  await expect(chooser).toBeHidden()
  await expect(stateNode(page, 'Resize image')).toBeVisible()
  await expect(stateNode(page, 'Store')).toBeVisible()
  await expect(page.getByTestId('workflow-type')).toHaveValue('EXPRESS')
  await expect(page.getByTestId('notice-success').last()).toContainText(
    'placeholder kept as ${…} (ResizeArn)',
  )
  await expect(workflowItems(page)).toHaveCount(3)

  // The workflow that was open before the imports is unchanged.
  await workflowItems(page)
    .filter({ hasText: 'Order processing' })
    .locator('button')
    .first()
    .click()
  await expect(stateNode(page, 'Validate order')).toBeVisible()
})

test('an example opens from the menu as a new workflow, with its mocks', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.getByTestId('examples-menu').click()
  await page.getByTestId('example-etl-pipeline').click()
  await expect(stateNode(page, 'Run Glue job')).toBeVisible()
  await expect(stateNode(page, 'Run Glue job')).toContainText('.sync')
  await expect(workflowItems(page)).toHaveCount(2)
  await page.getByTestId('export-menu').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-mocks').click(),
  ])
  const mocks = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    StateMachines: Record<string, { TestCases: Record<string, unknown> }>
  }
  expect(Object.keys(mocks.StateMachines.EtlPipeline!.TestCases)).toEqual([
    'Success',
    'RetriedThenSuccess',
    'CrawlerAlreadyRunning',
    'JobFails',
  ])
})

test('a broken file shows what and where and changes nothing', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  const before = await page.locator('[data-state-name]').count()
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('StartAt: A\nStates:\n  A:\n    Type: Pass\n   End: true\n'),
  })
  const error = page.getByTestId('notice-error')
  await expect(error).toContainText('broken.yaml is not valid YAML (line')
  await expect(error).toContainText('Nothing was changed')
  await page.getByTestId('import-file').setInputFiles({
    name: 'mocks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ MockedResponses: { Ok: { '0': { Return: 1, Throw: { Error: 'E' } } } } }),
    ),
  })
  await expect(page.getByTestId('notice-error').last()).toContainText(
    'mocks.json is not a valid MockConfigFile: MockedResponses.Ok["0"]',
  )
  await expect(page.locator('[data-state-name]')).toHaveCount(before)
  await expect(workflowItems(page)).toHaveCount(1)
  await expect(page.getByRole('heading', { name: 'Order processing' })).toBeVisible()
})

test('a definition dropped or pasted on the page imports', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.evaluate(() => {
    const data = new DataTransfer()
    data.items.add(
      new File(
        [JSON.stringify({ StartAt: 'Dropped', States: { Dropped: { Type: 'Succeed' } } })],
        'dropped.asl.json',
        { type: 'application/json' },
      ),
    )
    const target = document.querySelector('[data-testid="canvas"]')!
    target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: data }))
    target.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }),
    )
  })
  await expect(stateNode(page, 'Dropped')).toBeVisible()
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0)

  await page.evaluate(() => {
    const data = new DataTransfer()
    data.setData(
      'text/plain',
      'StartAt: Pasted\nStates:\n  Pasted:\n    Type: Pass\n    End: true\n',
    )
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }),
    )
  })
  await expect(stateNode(page, 'Pasted')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Pasted workflow' })).toBeVisible()
  await expect(workflowItems(page)).toHaveCount(3)

  // On the canvas too a whole definition opens as a new workflow (a States subset would paste
  // into the open one), and the notice offers the way back.
  await page.evaluate(() => {
    const data = new DataTransfer()
    data.setData(
      'text/plain',
      JSON.stringify({ StartAt: 'OnCanvas', States: { OnCanvas: { Type: 'Succeed' } } }),
    )
    document
      .querySelector('[data-testid="canvas"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }),
      )
  })
  await expect(stateNode(page, 'OnCanvas')).toBeVisible()
  await expect(workflowItems(page)).toHaveCount(4)
  await page.getByRole('button', { name: 'Back to “Pasted workflow”' }).click()
  await expect(stateNode(page, 'Pasted')).toBeVisible()
})

test('a MockConfigFile and an execution history load into the open workflow and are kept', async ({
  page,
}) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  const mocks =
    JSON.stringify(
      {
        StateMachines: { Orders: { TestCases: { Happy: { 'Validate order': 'Valid' } } } },
        MockedResponses: { Valid: { '0': { Return: { Payload: { total: 5 } } } } },
      },
      null,
      4,
    ) + '\n'
  await page.getByTestId('import-file').setInputFiles({
    name: 'MockConfigFile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(mocks),
  })
  await expect(page.getByTestId('notice-success').last()).toContainText(
    'Loaded the mocks of MockConfigFile.json into this workflow: 1 state machine, 1 mocked response',
  )
  const at = (second: number) => `2024-05-01T10:00:0${second}.000Z`
  const history = {
    events: [
      {
        id: 1,
        previousEventId: 0,
        timestamp: at(0),
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{}' },
      },
      {
        id: 2,
        previousEventId: 1,
        timestamp: at(1),
        type: 'TaskStateEntered',
        stateEnteredEventDetails: { name: 'Validate order', input: '{}' },
      },
      {
        id: 3,
        previousEventId: 2,
        timestamp: at(2),
        type: 'TaskStateExited',
        stateExitedEventDetails: { name: 'Validate order', output: '{}' },
      },
      {
        id: 4,
        previousEventId: 3,
        timestamp: at(3),
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: 'Boom', cause: 'test' },
      },
    ],
  }
  await page.getByTestId('import-file').setInputFiles({
    name: 'history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(history)),
  })
  await expect(page.getByTestId('notice-success').last()).toContainText(
    'Loaded history.json as a run of this workflow: 4 events',
  )
  // Still one workflow: neither file is a workflow of its own.
  await expect(workflowItems(page)).toHaveCount(1)

  // The run is kept in the database, in its own record, and is still there after a reload.
  const storedRuns = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('stepwise-workspace')
          request.onerror = () => reject(request.error)
          request.onsuccess = () => {
            const count = request.result.transaction('runs').objectStore('runs').count()
            count.onsuccess = () => {
              request.result.close()
              resolve(count.result)
            }
            count.onerror = () => reject(count.error)
          }
        }),
    )
  await expect.poll(storedRuns).toBe(1)
  await page.reload()
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  expect(await storedRuns()).toBe(1)
  // The MockConfigFile comes back out exactly as it went in.
  await page.getByTestId('export-menu').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-mocks').click(),
  ])
  expect(download.suggestedFilename()).toBe('Order-processing.MockConfigFile.json')
  expect(readFileSync((await download.path())!, 'utf8')).toBe(mocks)
})

test('exports the whole diagram as a non-empty PNG and as SVG', async ({ page }) => {
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await page.getByTestId('export-menu').click()
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png').click(),
  ])
  expect(png.suggestedFilename()).toBe('Order-processing.png')
  const bytes = readFileSync((await png.path())!)
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  expect(width).toBeGreaterThan(400)
  expect(height).toBeGreaterThan(600)
  expect(bytes.length).toBeGreaterThan(10_000)

  await page.getByTestId('export-menu').click()
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg').click(),
  ])
  const text = readFileSync((await svg.path())!, 'utf8')
  // Every state is drawn, the nested ones too.
  expect(text.match(/data-state-name=/g)).toHaveLength(12)
  expect(text).toContain('Send confirmation')
})

test('a share link opens the same workflow in a fresh browser context', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/')
  await expect(stateNode(page, 'Validate order')).toBeVisible()
  await stateNode(page, 'Send confirmation').locator('.sw-node-name').dblclick()
  await page.getByTestId('rename-input').fill('Email the customer')
  await page.getByTestId('rename-input').press('Enter')
  await expect(stateNode(page, 'Email the customer')).toBeVisible()
  const names = await page
    .locator('[data-state-name]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state-name')).sort())

  await page.getByTestId('export-menu').click()
  await page.getByTestId('export-share').click()
  const link = (await page.locator('.sw-notice-detail').last().textContent())!
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=[A-Za-z0-9_-]+$/)
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)

  const fresh = await browser.newContext()
  try {
    const other = await fresh.newPage()
    await other.goto(link)
    await expect(other.locator('[data-state-name="Email the customer"]')).toBeVisible()
    const otherNames = await other
      .locator('[data-state-name]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state-name')).sort())
    expect(otherNames).toEqual(names)
    await expect(other.getByRole('heading', { name: 'Order processing' })).toBeVisible()
    await expect(other.getByTestId('workflow-item')).toHaveCount(1)
    // The fragment is consumed: a reload does not add the workflow again.
    expect(other.url()).not.toContain('#share=')
    await other.reload()
    await expect(other.locator('[data-state-name="Email the customer"]')).toBeVisible()
    await expect(other.getByTestId('workflow-item')).toHaveCount(1)
  } finally {
    await fresh.close()
  }
})
