import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mergeLines } from '../../src-main/git/write/line-merge'
import { removeDir, tempDir } from '../helpers/git'

const dir = tempDir()
afterAll(() => removeDir(dir))

/** `git merge-file -p`: the merged text, or undefined when git reports conflicts. */
function gitMergeFile(base: string, ours: string, theirs: string): string | undefined {
  for (const [name, text] of Object.entries({ base, ours, theirs }))
    fs.writeFileSync(path.join(dir, name), text)
  try {
    return execFileSync('git', ['merge-file', '-p', 'ours', 'base', 'theirs'], {
      cwd: dir,
      encoding: 'utf8',
    })
  } catch {
    return undefined
  }
}

function merge(base: string, ours: string, theirs: string): string | undefined {
  return mergeLines(Buffer.from(base), Buffer.from(ours), Buffer.from(theirs))?.toString('utf8')
}

const lines = (...xs: string[]): string => xs.map((x) => `${x}\n`).join('')

const cases: [string, string, string, string][] = [
  [
    'changes far apart',
    lines('a', 'b', 'c', 'd', 'e'),
    lines('A', 'b', 'c', 'd', 'e'),
    lines('a', 'b', 'c', 'd', 'E'),
  ],
  [
    'adjacent changes',
    lines('a', 'b', 'c', 'd'),
    lines('a', 'B', 'c', 'd'),
    lines('a', 'b', 'C', 'd'),
  ],
  [
    'the same change on both sides',
    lines('a', 'b', 'c'),
    lines('a', 'X', 'c'),
    lines('a', 'X', 'c'),
  ],
  [
    'an insertion next to a change',
    lines('a', 'b', 'c'),
    lines('a', 'B', 'c'),
    lines('a', 'b', 'new', 'c'),
  ],
  [
    'insertions at both ends',
    lines('a', 'b', 'c'),
    lines('first', 'a', 'b', 'c'),
    lines('a', 'b', 'c', 'last'),
  ],
  [
    'a deletion and a distant edit',
    lines('a', 'b', 'c', 'd', 'e'),
    lines('a', 'c', 'd', 'e'),
    lines('a', 'b', 'c', 'd', 'E'),
  ],
  ['a missing final newline', 'a\nb\nc\nd', 'A\nb\nc\nd', 'a\nb\nc\nD'],
  ['empty base', '', lines('a'), lines('b')],
]

describe('mergeLines', () => {
  for (const [what, base, ours, theirs] of cases) {
    it(`merges as git merge-file does: ${what}`, () => {
      expect(merge(base, ours, theirs)).toBe(gitMergeFile(base, ours, theirs))
    })
  }

  it('never merges cleanly where git merge-file would not, on 300 seeded edits of repetitive text', () => {
    let seed = 42
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const alphabet = ['a', 'b', 'c', '  - name: x', '---', '']
    const edit = (xs: string[]): string[] => {
      const out = [...xs]
      for (let e = next(3) + 1; e > 0; e--) {
        const at = next(out.length + 1)
        const kind = next(3)
        if (kind === 0) out.splice(at, 0, alphabet[next(alphabet.length)]!)
        else if (kind === 1 && out.length > 0) out.splice(at, 1)
        else if (out.length > 0) out[Math.min(at, out.length - 1)] = `edit${next(100)}`
      }
      return out
    }
    let agreed = 0
    for (let i = 0; i < 300; i++) {
      const base = Array.from({ length: 6 + next(10) }, () => alphabet[next(alphabet.length)]!)
      const [b, o, t] = [base, edit(base), edit(base)].map((xs) => lines(...xs))
      const ours = merge(b!, o!, t!)
      const git = gitMergeFile(b!, o!, t!)
      // Never a clean merge git would not make; where alignment is ambiguous, refusing is allowed
      // (about one case in six here, where a six-line alphabet makes nearly every line repeat).
      if (ours !== undefined) expect(ours, `case ${i}`).toBe(git)
      if (ours === git) agreed++
    }
    expect(agreed).toBeGreaterThan(225)
  })
})
