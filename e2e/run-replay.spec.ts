import { readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { axeViolations, expect, test } from './fixtures'
import { stateNode } from './helpers'

// Issue 6: a flaky Lambda (Throw, Throw, Return) with Retry and Catch runs in the worker; the
// canvas shows the retries and the path; the timeline steps through the history with the state
// at the playhead highlighted and its data flow; an edited mock sends the next run down the
// Catch branch; an exported history, reshaped as the AWS CLI prints it, replays on import.

const current = (page: Page): Locator =>
  page.locator('[data-testid="timeline-event"][aria-current="step"]')

async function openFlakyCheckout(page: Page) {
  await page.goto('/')
  await expect(page.locator('[data-state-name]').first()).toBeVisible()
  await page.getByTestId('examples-menu').click()
  await page.getByTestId('example-flaky-checkout').click()
  await expect(stateNode(page, 'Charge card')).toBeVisible()
}

test('runs a flaky Lambda, replays it step by step, takes the Catch branch after a mock edit, and replays an imported history', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openFlakyCheckout(page)

  // The example comes with its run input and mocks; the first test case is the flaky one.
  await page.getByTestId('tab-run').click()
  await expect(page.getByTestId('run-input')).toHaveValue(/o-1001/)
  await expect(page.getByTestId('run-test-case')).toHaveValue('FlakyThenOk')

  // An invalid input is refused with a message, and nothing runs.
  const input = await page.getByTestId('run-input').inputValue()
  await page.getByTestId('run-input').fill('{"orderId": ')
  await expect(page.getByRole('alert').filter({ hasText: /Line 1/ })).toBeVisible()
  await page.getByTestId('run-input').fill(input)

  // Run: the canvas shows the outcome, the retries and the path taken.
  await page.getByTestId('run-button').click()
  await expect(page.getByTestId('tab-timeline')).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('.sw-tl-controls [data-testid="run-status"]')).toHaveText('Succeeded')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'succeeded')
  await expect(stateNode(page, 'Charge card').getByTestId('run-retries')).toHaveText('2')
  await expect(stateNode(page, 'Ship order')).toHaveAttribute('data-status', 'succeeded')
  await expect(stateNode(page, 'Notify payment failed')).toHaveAttribute('data-status', 'not-run')
  // Start → Prepare order → Charge card → Ship order → Order complete → End.
  await expect(page.locator('.react-flow__edge-path.is-run-taken')).toHaveCount(5)
  await expect(page.locator('.react-flow__edge-path.sw-edge-catch.is-run-idle')).toHaveCount(1)
  await expect(page.getByTestId('timeline-position')).toContainText('22 / 22')
  expect(await axeViolations(page), 'axe on the timeline').toEqual([])

  // Jump to the first failure: the Lambda was throttled and Retry #1 answers after 2 s.
  await page.getByTestId('timeline-first-failure').click()
  await expect(current(page)).toHaveAttribute('data-event-type', 'TaskFailed')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'retrying')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-run-current', 'true')
  await expect(stateNode(page, 'Ship order')).toHaveAttribute('data-status', 'not-run')
  await expect(page.getByTestId('details-handler')).toContainText('Retry #1')
  await expect(page.getByTestId('details-handler')).toContainText('back-off of 2 s')

  // Step forward with the button and the keyboard to the state's exit, and back once.
  await page.getByTestId('timeline-next').click()
  await expect(current(page)).toHaveAttribute('data-event-type', 'TaskScheduled')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'running')
  await page.getByTestId('timeline-list').focus()
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight')
  await expect(current(page)).toHaveAttribute('data-event-id', '14')
  await expect(current(page)).toHaveAttribute('data-event-type', 'TaskStateExited')
  await page.getByTestId('timeline-prev').click()
  await expect(current(page)).toHaveAttribute('data-event-type', 'TaskSucceeded')
  await page.keyboard.press('ArrowRight')
  await expect(current(page)).toHaveAttribute('data-event-id', '14')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'succeeded')

  // The data flow of Charge card, step by step, as the run computed it.
  const step = (key: string) => page.locator(`[data-testid="dataflow-step"][data-step="${key}"]`)
  await expect(page.getByTestId('details-state')).toHaveText('Charge card')
  await expect(step('input')).toContainText('o-1001')
  await expect(step('afterParameters')).toContainText('charge-card')
  await expect(step('result')).toContainText('StatusCode')
  await expect(step('afterResultSelector')).toContainText('ch_1001')
  await expect(step('afterResultSelector')).not.toContainText('StatusCode')
  await expect(step('afterResultPath')).toContainText('payment')
  await expect(step('afterResultPath').locator('.is-changed').first()).toBeVisible()
  await expect(step('afterInputPath')).toContainText('unchanged')

  // Clicking a state on the canvas jumps to its events.
  await stateNode(page, 'Ship order').click()
  await expect(current(page)).toHaveAttribute('data-event-type', 'TaskStateExited')
  await expect(page.getByTestId('details-state')).toHaveText('Ship order')

  // Keep this history for the import below (downloaded as GetExecutionHistory JSON).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('timeline-export').click(),
  ])
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    events: { id: number; timestamp: string; statePath?: unknown }[]
  }
  expect(exported.events).toHaveLength(22)
  expect(exported.events.some((e) => 'statePath' in e)).toBe(false)

  // Edit the mock: the third call throws too, so the retries run out and the Catch takes over.
  await page.getByTestId('tab-mocks').click()
  await page.getByTestId('mock-state-Charge card').click()
  const third = page.locator('[data-testid="mock-entry"][data-key="2"]')
  await third.getByTestId('mock-kind-throw').click()
  await third.getByTestId('mock-throw-error').fill('CardDeclined')
  await third.getByTestId('mock-throw-error').press('Enter')
  await expect(third.getByText('Handled by Catch #1 → Notify payment failed.')).toBeVisible()
  expect(await axeViolations(page), 'axe on the mocks').toEqual([])

  await page.getByTestId('run-button').click()
  await expect(page.locator('.sw-tl-controls [data-testid="run-status"]')).toHaveText('Failed')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'caught')
  await expect(stateNode(page, 'Notify payment failed')).toHaveAttribute('data-status', 'succeeded')
  await expect(stateNode(page, 'Payment failed')).toHaveAttribute('data-status', 'failed')
  await expect(stateNode(page, 'Ship order')).toHaveAttribute('data-status', 'not-run')
  await expect(page.locator('.react-flow__edge-path.sw-edge-catch.is-run-taken')).toHaveCount(1)

  // The run summary: transitions, virtual duration, cost.
  await page.getByTestId('tab-run').click()
  await expect(page.getByTestId('run-transitions')).toHaveText('6')
  await expect(page.getByTestId('run-duration')).toHaveText('6 s')
  await expect(page.getByTestId('cost-standard')).toHaveText('$0.00015')
  await expect(page.getByTestId('run-row')).toHaveCount(2)
  expect(await axeViolations(page), 'axe on the run panel').toEqual([])

  // Import the first run's history the way the AWS CLI prints it: newest first, epoch seconds.
  const awsShaped = {
    events: exported.events
      .map((e) => ({ ...e, timestamp: Date.parse(e.timestamp) / 1000 }))
      .reverse(),
  }
  await page.getByTestId('history-import-file').setInputFiles({
    name: 'flaky-checkout.history.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(awsShaped, null, 2)),
  })
  await expect(page.getByTestId('tab-timeline')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('timeline-run').locator('option:checked')).toHaveText(
    /flaky-checkout\.history\.json/,
  )
  await expect(page.getByTestId('timeline-position')).toContainText('22 / 22')
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'succeeded')
  await expect(stateNode(page, 'Ship order')).toHaveAttribute('data-status', 'succeeded')
  await expect(stateNode(page, 'Notify payment failed')).toHaveAttribute('data-status', 'not-run')

  // Replay it from the start with Play.
  await page.getByTestId('timeline-first-failure').click()
  await expect(stateNode(page, 'Charge card')).toHaveAttribute('data-status', 'retrying')
  await page.getByTestId('speed-select').selectOption('16')
  await page.getByTestId('timeline-play').click()
  await expect(current(page)).toHaveAttribute('data-event-id', '22', { timeout: 10_000 })
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-pressed', 'false')
  await expect(stateNode(page, 'Order complete')).toHaveAttribute('data-status', 'succeeded')
})
