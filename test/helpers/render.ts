import fs from 'node:fs'
import path from 'node:path'
import type { GitSource } from '../../src-main/gitops/ports'
import { GitRepository } from '../../src-main/git/repository'
import { commitFiles, initRepo } from './git'
import { fixturesDir } from './paths'

/** Every file under a fixture folder, as path (from `under`) → content. */
export function fixtureFiles(fixture: string, under = ''): Record<string, string> {
  const root = path.join(fixturesDir, fixture)
  const files: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else
        files[path.posix.join(under, path.relative(root, full).split(path.sep).join('/'))] =
          fs.readFileSync(full, 'utf8')
    }
  }
  walk(root)
  return files
}

/** A fresh repository with one commit of `files`; returns it opened, with the sha. */
export async function repoWith(
  files: Record<string, string>,
): Promise<{ dir: string; sha: string; repo: GitRepository }> {
  const dir = initRepo()
  const sha = commitFiles(dir, files, 'Add manifests')
  return { dir, sha, repo: await GitRepository.open(dir) }
}

/** A GitSource that counts the blobs read through it, to show what a render re-reads. */
export class CountingSource implements GitSource {
  blobsRead = 0

  constructor(private readonly inner: GitSource) {}

  listFiles(sha: string, path: string) {
    return this.inner.listFiles(sha, path)
  }

  readBlob(oid: string) {
    this.blobsRead++
    return this.inner.readBlob(oid)
  }

  readCommit(sha: string) {
    return this.inner.readCommit(sha)
  }
}
