import { expect, test } from './fixtures'

// Issue 2: the app shell opens an example as a diagram, with the UI contract attributes on each
// state node and the file import input; an imported file opens as a new workflow. The frame's
// arrangement (views, panel height) is the user's and survives a reload.

const EXAMPLE_STATES: Record<string, string> = {
  'Validate order': 'Task',
  'Check order total': 'Choice',
  'Request approval': 'Task',
  'Approved?': 'Choice',
  'Charge payment': 'Task',
  'Fulfil order': 'Parallel',
  'Reserve each item': 'Map',
  'Update inventory': 'Task',
  'Send confirmation': 'Task',
  'Order complete': 'Succeed',
  'Reject order': 'Fail',
  'Payment declined': 'Fail',
}

test('opens the bundled example as a diagram with the UI contract attributes', async ({ page }) => {
  await page.goto('/')
  const nodes = page.locator('[data-state-name]')
  await expect(nodes).toHaveCount(Object.keys(EXAMPLE_STATES).length)
  for (const [name, type] of Object.entries(EXAMPLE_STATES)) {
    const node = page.locator(`[data-state-name="${name}"]`)
    await expect(node).toBeVisible()
    await expect(node).toHaveAttribute('data-state-type', type)
  }
  // Nested states sit inside their container on screen.
  const parallel = await page.locator('[data-state-name="Fulfil order"]').boundingBox()
  const inner = await page.locator('[data-state-name="Update inventory"]').boundingBox()
  expect(parallel && inner).toBeTruthy()
  expect(inner!.y).toBeGreaterThan(parallel!.y)
  expect(inner!.y + inner!.height).toBeLessThanOrEqual(parallel!.y + parallel!.height)
  // Task nodes say what they call; edges carry readable labels.
  await expect(page.locator('[data-state-name="Charge payment"]')).toContainText('Lambda: Invoke')
  await expect(page.locator('[data-state-name="Request approval"]')).toContainText('callback')
  await expect(page.locator('.sw-edge-label', { hasText: '$.total > 1000' })).toBeVisible()
  await expect(page.locator('.sw-edge-label', { hasText: 'PaymentDeclined' })).toBeVisible()
  // The import control of the UI contract.
  const input = page.getByTestId('import-file')
  await expect(input).toHaveAttribute('type', 'file')
  await expect(page.getByTestId('export-asl')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Order processing' })).toBeVisible()
})

test('imports ASL JSON and YAML through the file input, each as a new workflow; the previous ones stay a click away', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.locator('[data-state-name="Validate order"]')).toBeVisible()
  await page.getByTestId('import-file').setInputFiles({
    name: 'hello-world.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        StartAt: 'Hello',
        States: {
          Hello: { Type: 'Pass', Result: 'Hello', Next: 'Wait a bit' },
          'Wait a bit': { Type: 'Wait', Seconds: 3, Next: 'World' },
          World: { Type: 'Succeed' },
        },
      }),
    ),
  })
  await expect(page.locator('[data-state-name]')).toHaveCount(3)
  await expect(page.locator('[data-state-name="Wait a bit"]')).toHaveAttribute(
    'data-state-type',
    'Wait',
  )
  await expect(page.locator('[data-state-name="Wait a bit"]')).toContainText('3 s')
  await expect(page.getByRole('heading', { name: 'hello world' })).toBeVisible()
  await expect(page.getByTestId('notice-success')).toContainText('Imported hello-world.asl.json')

  await page.getByTestId('import-file').setInputFiles({
    name: 'flow.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      [
        'Comment: From YAML',
        'StartAt: First',
        'States:',
        '  First:',
        '    Type: Task',
        '    Resource: arn:aws:states:::sqs:sendMessage',
        '    Parameters:',
        '      QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q',
        '      MessageBody.$: $',
        '    End: true',
        '',
      ].join('\n'),
    ),
  })
  await expect(page.locator('[data-state-name]')).toHaveCount(1)
  await expect(page.locator('[data-state-name="First"]')).toContainText('SQS: SendMessage')

  // An import is not an edit of the open workflow: nothing to undo in the new one, and the ones
  // before it are still in the workspace, unchanged, one click away.
  await expect(page.getByTestId('undo')).toBeDisabled()
  const items = page.getByTestId('workflow-item')
  const openButton = (name: string) =>
    page
      .locator(`[data-testid="workflow-item"][data-workflow-name="${name}"]`)
      .getByTestId('workflow-open')
  await expect(items).toHaveCount(3)
  await expect(openButton('flow')).toHaveAttribute('aria-current', 'page')
  await openButton('hello world').click()
  await expect(page.locator('[data-state-name="Hello"]')).toBeVisible()
  await expect(page.locator('[data-state-name]')).toHaveCount(3)

  // The import notice offers the way back too.
  await page.getByTestId('import-file').setInputFiles({
    name: 'one.asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } }),
    ),
  })
  await expect(page.locator('[data-state-name="Only"]')).toBeVisible()
  const notice = page.getByTestId('notice-success').filter({ hasText: 'Imported one.asl.json' })
  await notice.getByRole('button', { name: 'Back to “hello world”' }).click()
  await expect(page.locator('[data-state-name="Hello"]')).toBeVisible()

  await openButton('Order processing').click()
  await expect(page.locator('[data-state-name="Validate order"]')).toBeVisible()
  await expect(page.locator('[data-state-name]')).toHaveCount(Object.keys(EXAMPLE_STATES).length)
  await expect(items).toHaveCount(4)
})

test('a broken file shows what and where, and changes nothing', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('[data-state-name]')).toHaveCount(Object.keys(EXAMPLE_STATES).length)
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", }\n  }\n}\n',
    ),
  })
  const error = page.getByTestId('notice-error')
  await expect(error).toContainText('broken.json is not valid JSON (line 4')
  await expect(error).toContainText('Nothing was changed')
  await page.getByTestId('import-file').setInputFiles({
    name: 'not-asl.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  })
  await expect(page.getByTestId('notice-error').last()).toContainText('has no "States" object')
  await expect(page.locator('[data-state-name]')).toHaveCount(Object.keys(EXAMPLE_STATES).length)
  await expect(page.getByTestId('undo')).toBeDisabled()
})

test('the bottom panel resizes by its top edge and the arrangement survives a reload', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.locator('[data-state-name="Validate order"]')).toBeVisible()
  const panel = page.getByTestId('bottom-panel')
  const before = (await panel.boundingBox())!
  const edge = (await page.getByTestId('bottom-panel-resize').boundingBox())!
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2)
  await page.mouse.down()
  await page.mouse.move(edge.x + edge.width / 2, edge.y - 120, { steps: 4 })
  await page.mouse.up()
  await expect
    .poll(async () => (await panel.boundingBox())!.height)
    .toBeCloseTo(before.height + 120, -1)

  // By keyboard too: the edge is a focusable separator.
  await page.getByRole('separator', { name: 'Resize the panel' }).focus()
  await page.keyboard.press('ArrowDown')
  const resized = (await panel.boundingBox())!.height
  expect(resized).toBeCloseTo(before.height + 100, -1)

  await page.getByRole('radio', { name: 'Split' }).click()
  await expect(page.getByTestId('code-editor')).toBeVisible()
  await page.getByRole('button', { name: 'Inspector' }).click()
  await expect(page.getByTestId('inspector')).toHaveCount(0)
  await page.reload()
  await expect(page.locator('[data-state-name="Validate order"]')).toBeVisible()
  await expect(page.getByTestId('code-editor')).toBeVisible()
  await expect(page.getByTestId('inspector')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Inspector' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  expect((await page.getByTestId('bottom-panel').boundingBox())!.height).toBeCloseTo(resized, 0)
})
