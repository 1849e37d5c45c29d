import type { Locator, Page } from '@playwright/test'
import { expect, running, test } from './drydock'

const hypervisor = (page: Page, name: string): Locator =>
  page.locator(`[data-testid=hypervisor][data-name="${name}"]`)

/** Opens what's drawn's Faults menu and picks one of its faults. */
async function breakIt(page: Page, target: string, label: string): Promise<void> {
  await page.locator(`summary[aria-label="Faults for ${target}"]`).click()
  await page.getByRole('button', { name: `${label} ${target}`, exact: true }).click()
}

test('draws each host with its hypervisor, its VMs and the node each VM runs', async ({
  page,
  openLab,
}) => {
  await openLab()
  await expect(page.getByTestId('host')).toHaveCount(2)
  await expect(page.getByTestId('hypervisor')).toHaveCount(2)
  await expect(page.getByTestId('vm')).toHaveCount(4)
  await expect(page.getByTestId('node-card')).toHaveCount(4)
  const hvB = hypervisor(page, 'hv-b')
  await expect(hvB.getByTestId('hypervisor-phase')).toHaveText('Running')
  await expect(hvB.getByTestId('node-card')).toHaveCount(2)
  await expect(hvB.locator('[data-testid=vm] [data-node=drydock-worker2]')).toBeVisible()
  await expect(
    page.locator('[data-testid=host][data-name=host-a] [data-testid=usage]').first(),
  ).toContainText('CPU')
  for (const card of await page.getByTestId('node-card').all())
    await expect(card).toHaveAttribute('data-ready', 'True')
})

test('crashing hv-b from its menu takes its nodes NotReady, and its pods move to hv-a', async ({
  page,
  openLab,
}) => {
  await openLab()
  await page.getByLabel('Fault', { exact: true }).fill('hypervisor/hv-z:crash')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByTestId('fault-error')).toHaveText(
    'hypervisor "hv-z" not found: hypervisors are hv-a, hv-b',
  )

  await page.getByRole('button', { name: '60×' }).click()
  await breakIt(page, 'hypervisor/hv-b', 'Crash')
  const hvB = hypervisor(page, 'hv-b')
  await expect(hvB.getByTestId('hypervisor-phase')).toHaveText('Crashed')
  await expect(page.getByTestId('fault-error')).toHaveCount(0)
  await expect(page.getByTestId('fault-entry').first()).toContainText('hypervisor/hv-b crashed')
  // The node controller hears nothing for the grace period, then marks them Unknown.
  const nodes = hvB.getByTestId('node-card')
  for (const node of await nodes.all()) {
    await expect(node).toHaveAttribute('data-ready', 'Unknown', { timeout: 20_000 })
    await expect(node).toHaveAttribute('data-status', 'NotReady')
  }
  await expect(hvB.getByTestId('taint').first()).toContainText('node.kubernetes.io/unreachable')
  await page.screenshot({ path: test.info().outputPath('hv-b-crashed.png') })
  // After the 300 s toleration the pods are evicted and the Deployment runs both on hv-a.
  const onA = hypervisor(page, 'hv-a').locator(running)
  await expect(onA).toHaveCount(2, { timeout: 30_000 })

  await breakIt(page, 'hypervisor/hv-b', 'Recover')
  await expect(hvB.getByTestId('hypervisor-phase')).toHaveText('Running')
  await expect(page.getByTestId('fault-entry').first()).toContainText('hypervisor/hv-b recovered')
  for (const node of await nodes.all())
    await expect(node).toHaveAttribute('data-ready', 'True', { timeout: 20_000 })
})

test('traffic counts the requests a powered-off VM costs, by cause, second by second', async ({
  page,
  openLab,
}) => {
  await openLab()
  const field = page.getByLabel('Client', { exact: true })
  await field.fill('wbe=20')
  await page.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByTestId('traffic-error')).toContainText(
    'service "wbe" not found in namespace "default": services are web',
  )
  await field.fill('web=20')
  await page.getByRole('button', { name: 'Add' }).click()
  await expect(page.getByTestId('traffic-error')).toHaveCount(0)
  const client = page.getByTestId('traffic-client')
  await expect(client).toHaveCount(1)
  await expect(client.getByTestId('traffic-succeeded')).not.toHaveText('0', { timeout: 10_000 })
  await expect(client.getByTestId('traffic-failed')).toHaveText('0')

  // Power off the VM under one of the web pods: its requests time out until
  // the node controller takes the pod out of the Service's endpoints.
  await page.getByRole('button', { name: '10×' }).click()
  const node = await page.locator(running).first().locator('xpath=ancestor::*[@data-node][1]')
  const nodeName = await node.getAttribute('data-node')
  await breakIt(page, `vm/${nodeName}`, 'Power off')
  await expect(page.locator(`[data-testid=vm][data-name="${nodeName}"]`)).toHaveAttribute(
    'data-phase',
    'Stopped',
  )
  await expect(client.getByTestId('traffic-failed')).not.toHaveText('0', { timeout: 10_000 })
  await expect(client.locator('[data-testid=traffic-cause][data-cause=timeout]')).toBeVisible()
  await expect(client.getByTestId('traffic-chart')).not.toHaveAttribute('data-failed', '0')

  await page.getByRole('button', { name: 'Stop web=20' }).click()
  await expect(client).toContainText('Stopped')
})
