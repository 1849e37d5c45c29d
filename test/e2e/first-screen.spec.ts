import { commitFiles } from '../helpers/git'
import { expect, running, test } from './drydock'

test("shows the repository's commits and its running pods", async ({ page, serve, lab }) => {
  const course = await lab(1)
  const drydock = await serve(course.dir)
  await page.goto(drydock.url)
  await expect(page.getByTestId('repo')).toContainText(course.dir)
  await expect(page.getByTestId('commit-row')).toHaveCount(1)
  await expect(page.getByTestId('commit-row')).toContainText(
    'Deploy web: 2 replicas of nginx 1.27 behind a Service',
  )
  await expect(page.locator(running)).toHaveCount(2, { timeout: 20_000 })
  await expect(page.getByTestId('node-card')).toHaveCount(4)
  await expect(page.getByTestId('sync-phase')).toHaveText('Succeeded')
})

test('a commit made with the git CLI shows up on screen without a reload, in under two seconds', async ({
  page,
  openLab,
}) => {
  const course = await openLab()
  await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42))
  const sha = course.commitStep(1)
  const committedAt = Date.now()
  await expect(page.getByTestId('pod')).toHaveCount(5, { timeout: 2000 })
  const latencyMs = Date.now() - committedAt
  test.info().annotations.push({ type: 'commit-to-screen', description: `${latencyMs} ms` })
  console.log(`commit → new pods on screen: ${latencyMs} ms`)
  await expect(page.getByTestId('commit-row').first()).toHaveAttribute('data-sha', sha)
  expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42)
  await expect(page.locator(running)).toHaveCount(5, { timeout: 20_000 })
})

test('a broken commit shows as an Error with file and line, and the pods keep running', async ({
  page,
  openLab,
}) => {
  const course = await openLab()
  commitFiles(
    course.dir,
    {
      'deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec: {}\n',
    },
    'Break the manifest',
  )
  await expect(page.getByTestId('sync-phase')).toHaveText('Error')
  await expect(page.getByTestId('sync-problems')).toContainText('deployment.yaml:5')
  await expect(page.locator(running)).toHaveCount(2)
})

test('a path that is not a repository is shown as a problem, and the app keeps running', async ({
  page,
  serve,
}) => {
  const drydock = await serve('/nonexistent/drydock-repo')
  await page.goto(drydock.url)
  await expect(page.getByTestId('error-banner')).toContainText(
    '/nonexistent/drydock-repo does not exist',
  )
  await expect(page.getByText('No repository open')).toBeVisible()
})
