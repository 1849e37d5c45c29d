import { afterAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { materialiseRepository } from '../../src-main/git/materialise'
import { git, removeDir, tempDir } from '../helpers/git'

const root = tempDir()
afterAll(() => removeDir(root))

describe('materialiseRepository', () => {
  it('writes one commit per step that real git reads back, with a clean work tree', async () => {
    const dir = path.join(root, 'repo')
    const shas = await materialiseRepository(
      dir,
      [
        { message: 'Add a and b\n', files: { 'a.yaml': 'a: 1\n', 'sub/b.yaml': 'b: 1\n' } },
        { message: 'Change a, drop b\n', files: { 'a.yaml': 'a: 2\n' } },
      ],
      { endTimeMs: 1_767_225_600_000 },
    )
    expect(git(dir, 'log', '--format=%H %s')).toBe(
      `${shas[1]} Change a, drop b\n${shas[0]} Add a and b`,
    )
    expect(git(dir, 'status', '--porcelain')).toBe('')
    expect(git(dir, 'ls-tree', '-r', '--name-only', shas[0]!)).toBe('a.yaml\nsub/b.yaml')
    expect(git(dir, 'ls-tree', '-r', '--name-only', shas[1]!)).toBe('a.yaml')
    expect(git(dir, 'show', `${shas[1]}:a.yaml`)).toBe('a: 2')
    expect(git(dir, 'log', '-1', '--format=%an <%ae> %at', shas[1]!)).toBe(
      'Drydock Course <course@drydock.dev> 1767225600',
    )
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
    expect(git(dir, 'fsck', '--strict')).toBe('')
  })
})
