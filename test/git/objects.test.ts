import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CorruptRepositoryError } from '../../src-main/git/errors'
import { GitRepository } from '../../src-main/git/repository'
import { commitFiles, git, initRepo, removeDir } from '../helpers/git'

const made: string[] = []
afterAll(() => made.forEach(removeDir))

/** Files of a few KiB changed a line at a time, so packs store most of them as deltas. */
function deltaRepo(): { dir: string; shas: string[] } {
  const dir = initRepo()
  made.push(dir)
  const lines = Array.from({ length: 120 }, (_, i) => `  key${i}: value ${i} of a long config line`)
  const shas: string[] = []
  for (let c = 0; c < 25; c++) {
    lines[(c * 7) % lines.length] = `  key${c}: changed in commit ${c}`
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n${lines.join('\n')}\n`
    shas.push(
      commitFiles(
        dir,
        {
          'apps/web/config.yaml': text,
          [`apps/api/v${c % 3}.yaml`]: text.replace(/value/g, 'api'),
          'run.sh': `#!/bin/sh\necho ${c}\n`,
        },
        `Change ${c}`,
      ),
    )
    if (c === 0) {
      fs.chmodSync(path.join(dir, 'run.sh'), 0o755)
      fs.symlinkSync('apps/web/config.yaml', path.join(dir, 'link.yaml'))
      git(dir, 'update-index', '--add', '--cacheinfo', `160000,${shas[0]},vendor/sub`)
      git(dir, 'add', '-A')
      git(dir, 'commit', '-q', '--amend', '-m', 'Change 0')
      shas[0] = git(dir, 'rev-parse', 'HEAD')
    }
  }
  return { dir, shas }
}

const layouts: Record<string, (dir: string) => void> = {
  loose: () => undefined,
  'OFS_DELTA pack': (dir) => git(dir, 'gc', '-q', '--aggressive'),
  'REF_DELTA pack': (dir) =>
    git(dir, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-adfq', '--window=50'),
}

describe('reading objects as git stores them', () => {
  for (const [layout, arrange] of Object.entries(layouts)) {
    it(`lists trees and reads blobs as git ls-tree and cat-file do, from ${layout}`, async () => {
      const { dir, shas } = deltaRepo()
      arrange(dir)
      if (layout !== 'loose') {
        const pack = fs
          .readdirSync(path.join(dir, '.git/objects/pack'))
          .find((f) => f.endsWith('.idx'))!
        const verify = git(dir, 'verify-pack', '-v', path.join('.git/objects/pack', pack))
        expect(verify).toMatch(/chain length = [1-9]/)
      }
      const repo = await GitRepository.open(dir)
      for (const sha of shas) {
        const files = await repo.listFiles(sha, '')
        const expected = git(dir, 'ls-tree', '-r', sha)
          .split('\n')
          .filter((l) => !l.includes(' commit '))
        expect(files.map((f) => `${f.mode} blob ${f.oid}\t${f.path}`)).toEqual(expected)
        for (const file of files.slice(0, 4)) {
          const blob = execFileSync('git', ['cat-file', 'blob', file.oid], { cwd: dir })
          expect(Buffer.from(await repo.readBlob(file.oid)).equals(blob)).toBe(true)
        }
      }
      expect((await repo.listFiles(shas[3]!, 'apps/api')).map((f) => f.path)).toEqual(
        git(dir, 'ls-tree', '-r', '--name-only', shas[3]!, 'apps/api').split('\n'),
      )
    })
  }

  it('finds the objects of a new pack after git gc repacks under an open repository', async () => {
    const { dir, shas } = deltaRepo()
    const repo = await GitRepository.open(dir)
    expect((await repo.readCommit(shas[24]!)).subject).toBe('Change 24')
    git(dir, 'gc', '-q', '--prune=now')
    const next = commitFiles(dir, { 'apps/web/new.yaml': 'kind: A\n' }, 'After gc')
    git(dir, 'repack', '-adq')
    git(dir, 'prune-packed')
    expect((await repo.readCommit(next)).subject).toBe('After gc')
    expect((await repo.listFiles(next, 'apps/web')).map((f) => f.path)).toContain(
      'apps/web/new.yaml',
    )
  })

  it('re-reads only the trees a commit changed: a one-file commit on 2,000 files', async () => {
    const dir = initRepo()
    made.push(dir)
    const files: Record<string, string> = {}
    for (let d = 0; d < 40; d++)
      for (let f = 0; f < 50; f++) files[`apps/app-${d}/f${f}.yaml`] = `n: ${d}-${f}\n`
    const first = commitFiles(dir, files, 'Add 2,000 files')
    const second = commitFiles(dir, { 'apps/app-7/f3.yaml': 'n: changed\n' }, 'Change one')
    const repo = await GitRepository.open(dir)
    expect((await repo.listFiles(first, '')).length).toBe(2000)
    expect(repo.trees.treesRead).toBe(42) // root, apps, 40 folders
    const listed = await repo.listFiles(second, '')
    expect(repo.trees.treesRead).toBe(45) // a new root, apps and app-7
    expect(listed.map((f) => `${f.mode} blob ${f.oid}\t${f.path}`)).toEqual(
      git(dir, 'ls-tree', '-r', second).split('\n'),
    )
  })
})

describe('damage is named, not thrown raw', () => {
  it('reports a damaged loose object with its file and git fsck', async () => {
    const dir = initRepo()
    made.push(dir)
    const sha = commitFiles(dir, { 'a.yaml': 'a: 1\n' }, 'First')
    const file = path.join(dir, '.git/objects', sha.slice(0, 2), sha.slice(2))
    fs.chmodSync(file, 0o644)
    fs.writeFileSync(file, 'not zlib at all')
    const repo = await GitRepository.open(dir)
    const error = await repo.readCommit(sha).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CorruptRepositoryError)
    expect((error as CorruptRepositoryError).file).toBe(file)
    expect((error as Error).message).toMatch(/is damaged: .*\(run "git fsck"\)/)
  })

  it('reports a truncated pack with the pack file and git fsck', async () => {
    const { dir, shas } = deltaRepo()
    git(dir, 'gc', '-q')
    fs.rmSync(path.join(dir, '.git/objects/info/commit-graph'))
    const packDir = path.join(dir, '.git/objects/pack')
    const pack = path.join(
      packDir,
      fs.readdirSync(packDir).find((f) => f.endsWith('.pack'))!,
    )
    fs.chmodSync(pack, 0o644)
    fs.truncateSync(pack, 400)
    const repo = await GitRepository.open(dir)
    const error = await repo.readCommit(shas[0]!).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CorruptRepositoryError)
    expect((error as Error).message).toContain(pack)
    expect((error as Error).message).toContain('git fsck')
  })
})
