import { git } from '../helpers/git'
import { expect, running, test } from './drydock'

test('rolls back from the history with a commit, and the cluster follows it', async ({
  page,
  serve,
  lab,
}) => {
  const course = await lab(2)
  const drydock = await serve(course.dir)
  await page.goto(drydock.url)
  await expect(page.locator(running)).toHaveCount(5, { timeout: 20_000 })
  await expect(page.getByTestId('app-sync-status')).toHaveText('Synced')
  await expect(page.getByTestId('history-entry')).toHaveCount(1)
  // Scale back down by committing the first step's folder again, from the history.
  course.commitStep(0)
  await expect(page.getByTestId('history-entry')).toHaveCount(2)
  await expect(page.locator(running)).toHaveCount(2, { timeout: 20_000 })
  await page.getByTestId('rollback-1').click()
  await expect(page.getByText('Commit the app as it was at')).toBeVisible()
  await page.getByTestId('rollback-1-confirm').click()
  await expect(page.getByTestId('history-entry')).toHaveCount(3, { timeout: 10_000 })
  await expect(page.getByTestId('sync-trigger')).toHaveText('rollback')
  await expect(page.getByTestId('sync-phase')).toHaveText('Succeeded', { timeout: 20_000 })
  await expect(page.locator(running)).toHaveCount(5, { timeout: 20_000 })
  // Git has the rollback as a commit, and the work tree is clean.
  expect(git(course.dir, 'log', '-1', '--format=%s')).toBe(
    `Roll back everything to ${course.shas[1]!.slice(0, 7)}: Scale web to 5 replicas`,
  )
  expect(git(course.dir, 'status', '--porcelain')).toBe('')
  await expect(page.getByTestId('commit-row').first()).toContainText('Roll back everything to')
})

test('a manual app shows what a sync would change, with the diff, and syncs on the button', async ({
  page,
  serve,
  lab,
}) => {
  const course = await lab(1)
  const drydock = await serve(course.dir)
  await page.goto(drydock.url)
  await expect(page.locator(running)).toHaveCount(2, { timeout: 20_000 })
  await page.getByTestId('policy-automated').uncheck()
  await expect(page.getByTestId('policy-automated')).not.toBeChecked()
  course.commitStep(1)
  await expect(page.getByTestId('app-sync-status')).toHaveText('OutOfSync', { timeout: 10_000 })
  const row = page.locator('[data-testid=app-resource][data-kind=Deployment]')
  await expect(row.getByTestId('resource-sync')).toHaveText('OutOfSync')
  await row.getByTestId('show-diff').click()
  await expect(page.getByTestId('app-resources').getByTestId('resource-diff')).toContainText(
    '-  replicas: 2',
  )
  await expect(page.getByTestId('app-resources').getByTestId('resource-diff')).toContainText(
    '+  replicas: 5',
  )
  await expect(page.locator(running)).toHaveCount(2)
  await page.getByTestId('sync-button').click()
  await expect(page.getByTestId('sync-trigger')).toHaveText('manual')
  await expect(page.locator(running)).toHaveCount(5, { timeout: 20_000 })
  await expect(page.getByTestId('app-sync-status')).toHaveText('Synced', { timeout: 10_000 })
})
