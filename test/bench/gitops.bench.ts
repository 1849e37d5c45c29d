import { stringify } from 'yaml'
import { parseManifestFile } from '../../src-main/gitops/manifest/parse'
import { headlessSync } from '../../src-main/host/headless-sync'
import { courseRepo } from '../helpers/course'
import { removeDir } from '../helpers/git'
import { deployment } from '../helpers/manifests'
import { measure, row } from './measure'

async function parseManifests(count: number): Promise<string[]> {
  const text = Array.from({ length: count }, (_, i) =>
    stringify(deployment(`app-${i}`, { replicas: 3 })),
  ).join('---\n')
  const { ms, value } = await measure(() => parseManifestFile('all.yaml', text))
  return [
    row(
      `parse ${count} Deployment manifests (${(text.length / 1e6).toFixed(1)} MB, one file)`,
      `${Math.round(ms)} ms, ${value.objects.length} objects`,
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
    ...(await syncLab()),
  ]
}
