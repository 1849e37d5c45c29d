import { expect, ready, test } from './drydock'

test('the kubectl prompt answers get, describe and logs from the live cluster, newest first', async ({
  page,
  openLab,
}) => {
  await openLab()
  const prompt = page.locator('#kubectl-command')
  const outputs = page.getByTestId('kubectl-output')

  await prompt.fill('kubectl get pods')
  await prompt.press('Enter')
  await expect(outputs.first()).toContainText('$ kubectl get pods')
  await expect(outputs.first().locator('.stdout')).toContainText(/NAME +READY +STATUS/)
  await expect(outputs.first().locator('.stdout')).toContainText('Running')
  await expect(prompt).toHaveValue('kubectl ')

  await prompt.fill('kubectl logs deploy/web --tail=1')
  await prompt.press('Enter')
  await expect(outputs).toHaveCount(2)
  await expect(outputs.first().locator('.stderr')).toContainText(/Found 2 pods, using pod\/web-/)
  await expect(outputs.first().locator('.stdout')).not.toBeEmpty()

  await prompt.fill('kubectl apply -f web.yaml')
  await prompt.press('Enter')
  await expect(outputs.first().locator('.stderr.failed')).toContainText(
    'error: unknown command "apply" for "kubectl"',
  )

  // Up brings back the commands already run, newest first.
  await prompt.press('ArrowUp')
  await expect(prompt).toHaveValue('kubectl apply -f web.yaml')
  await prompt.press('ArrowUp')
  await expect(prompt).toHaveValue('kubectl logs deploy/web --tail=1')
  // describe prints one moment of the cluster: wait until both pods pass
  // their readiness probe, or it may catch one still starting.
  await expect(page.locator(ready)).toHaveCount(2, { timeout: 20_000 })
  // The Deployment's status follows its pods by a controller pass: ask again
  // until it has caught up, as one would at a real prompt.
  await expect(async () => {
    await prompt.fill('kubectl describe deployment web')
    await prompt.press('Enter')
    await expect(outputs.first().locator('.stdout')).toContainText(
      'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
      { timeout: 2_000 },
    )
  }).toPass({ timeout: 20_000 })
})
