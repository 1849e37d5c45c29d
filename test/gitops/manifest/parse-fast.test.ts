import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RawDocument } from '../../../src-main/gitops/manifest/documents'
import { readFast } from '../../../src-main/gitops/manifest/parse-fast'
import { readPrecisely } from '../../../src-main/gitops/manifest/parse-precise'
import { fixturesDir, projectRoot } from '../../helpers/paths'

/** An empty document's line is never shown, and the readers place it differently. */
const shown = (docs: RawDocument[] | undefined) =>
  docs?.map((d) => (d.value === null || d.value === undefined ? { ...d, line: 0 } : d))

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return yamlFiles(full)
    return /\.ya?ml$/.test(e.name) ? [full] : []
  })
}

const tricky: Record<string, string> = {
  'leading separator and comments':
    '# head\n---\n# about a\napiVersion: v1\nkind: A\n---\n\n\nkind: B\n',
  'empty documents': '---\n---\na: 1\n---\n',
  'document end markers': 'a: 1\n...\n---\nb: 2\n',
  'flow mapping root': '{a: 1}\n---\n[1, 2]\n---\nplain\n',
  'anchors and aliases': 'base: &b {x: 1}\nuse: *b\n',
  'scalars of the core schema':
    'a: [0o14, 014, 0x1F, 1_000, .inf, ~, Null, TRUE, yes, 1e3, 2024-01-01, "1"]\n',
  'block scalars': 'script: |\n  ---\n  echo hi\nnext: >\n  folded\n  text\n',
  'a separator followed by a comment': 'a: 1\n--- # second\nb: 2\n',
}

describe('the fast YAML reader', () => {
  const files = [...yamlFiles(fixturesDir), ...yamlFiles(path.join(projectRoot, 'repos'))]

  it.each(files.map((f) => [path.relative(projectRoot, f)]))(
    'reads %s as the precise reader does, or leaves it to it',
    (file) => {
      const text = fs.readFileSync(path.join(projectRoot, file), 'utf8')
      const fast = readFast(text)
      if (fast) expect(shown(fast)).toEqual(shown(readPrecisely(text)))
    },
  )

  it.each(Object.entries(tricky))('reads %s as the precise reader does', (_, text) => {
    expect(shown(readFast(text))).toEqual(shown(readPrecisely(text)))
  })

  it.each([
    ['a syntax error', 'a: [1, 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['a custom tag', 'a: !Ref x\n'],
    ['a List', 'kind: List\nitems: []\n'],
  ])('leaves %s to the precise reader', (_, text) => {
    expect(readFast(text)).toBeUndefined()
  })

  it('reads most of the fixtures itself', () => {
    const read = files.filter((f) => readFast(fs.readFileSync(f, 'utf8')) !== undefined)
    expect(read.length).toBeGreaterThan(files.length * 0.8)
  })
})
