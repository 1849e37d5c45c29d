import { stringify } from 'yaml'
import { parseManifestFile } from '../../src-main/gitops/manifest/parse'
import { readPrecisely } from '../../src-main/gitops/manifest/parse-precise'
import type { DesiredObject } from '../../src-main/gitops/manifest/types'
import { kindSchema } from '../../src-main/gitops/validate/schemas'
import { validateObjects } from '../../src-main/gitops/validate/validate'
import { headlessSync } from '../../src-main/host/headless-sync'
import { courseRepo } from '../helpers/course'
import { removeDir } from '../helpers/git'
import { deployment } from '../helpers/manifests'
import { commitLatencyBench } from './commit-latency.bench'
import { gitHistoryBench } from './git-history.bench'
import { measure, row } from './measure'
import { renderBench } from './render.bench'

async function parseManifests(count: number): Promise<string[]> {
  const text = Array.from({ length: count }, (_, i) =>
    stringify(deployment(`app-${i}`, { replicas: 3 })),
  ).join('---\n')
  const { ms, value } = await measure(() => parseManifestFile('all.yaml', text))
  // The yaml package, which reads what js-yaml gives up on, measured in the same run.
  const precise = await measure(() => readPrecisely(text))
  return [
    row(
      `parse ${count} Deployment manifests (${(text.length / 1e6).toFixed(1)} MB, one file)`,
      `${Math.round(ms)} ms, ${value.objects.length} objects (yaml package: ${Math.round(precise.ms)} ms)`,
    ),
  ]
}

/**
 * Schema validation of many Deployments: loading the kind's compiled validator
 * happens once a process; the first run also learns the kind's fields and warms
 * the validator up; the median of three more is the steady cost.
 */
async function validateManifests(count: number): Promise<string[]> {
  const objects: DesiredObject[] = Array.from({ length: count }, (_, i) => ({
    object: deployment(`app-${i}`, { replicas: 3, maxSurge: 1, cpu: '100m' }) as never,
    origin: { file: 'all.yaml', line: 1, document: i },
  }))
  const load = await measure(() => kindSchema('apps/v1', 'Deployment'))
  const first = await measure(() => validateObjects(objects))
  const runs: number[] = []
  for (let i = 0; i < 3; i++) runs.push((await measure(() => validateObjects(objects))).ms)
  const median = runs.sort((a, b) => a - b)[1]!
  return [
    row(
      `validate ${count} Deployment manifests (OpenAPI schema)`,
      `${Math.round(median)} ms, ${first.value.length} problems`,
    ),
    row(
      `  the first time in a process`,
      `${Math.round(first.ms)} ms, after ${Math.round(load.ms)} ms loading the validator`,
    ),
  ]
}

async function syncLab(): Promise<string[]> {
  const course = await courseRepo('first-deployment')
  const lines: string[] = []
  try {
    for (const [i, sha] of course.shas.entries()) {
      const { ms, value } = await measure(() =>
        headlessSync({ repoPath: course.dir, revision: sha }),
      )
      const r = value.report
      lines.push(
        row(
          `drydock sync of lab step ${i + 1} (${r.phase}, ${r.durationSeconds}s virtual)`,
          `${Math.round(ms)} ms wall`,
        ),
      )
    }
  } finally {
    removeDir(course.dir)
  }
  return lines
}

export async function gitopsBench(): Promise<string[]> {
  return [
    'GitOps',
    ...(await parseManifests(1000)),
    ...(await parseManifests(10_000)),
    ...(await validateManifests(10_000)),
    ...(await renderBench()),
    ...(await syncLab()),
    ...(await commitLatencyBench()),
    ...(await gitHistoryBench()),
  ]
}
