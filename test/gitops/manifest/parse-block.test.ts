import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RawDocument } from '../../../src-main/gitops/manifest/documents'
import { readBlock } from '../../../src-main/gitops/manifest/parse-block'
import { readPrecisely } from '../../../src-main/gitops/manifest/parse-precise'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { fixturesDir, projectRoot } from '../../helpers/paths'

/** An empty document's line is never shown, and the readers place it differently. */
const shown = (docs: RawDocument[] | undefined) =>
  docs?.map(({ document, line, value }) => ({
    document,
    line: value === null || value === undefined ? 0 : line,
    value,
  }))

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return yamlFiles(full)
    return /\.ya?ml$/.test(e.name) ? [full] : []
  })
}

/**
 * What the block reader accepts, the precise reader must read the same way;
 * what the precise reader refuses, the block reader must give up on.
 */
function expectAgreement(text: string): boolean {
  const block = readBlock(text)
  if (!block) return false
  const precise = readPrecisely(text)
  expect(precise.filter((d) => d.error)).toEqual([])
  expect(shown(block)).toEqual(shown(precise))
  return true
}

const read: Record<string, string> = {
  'a kubectl-style manifest':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        args:\n        - --port=80\n        ports:\n        - containerPort: 80\n          protocol: TCP\n',
  'nested sequences under items':
    'a:\n  - name: x\n    env:\n      - name: A\n        value: "1"\n  - name: y\n',
  'comments everywhere':
    '# head\n---\n# about a\napiVersion: v1 # trailing\nkind: A\n  # indented comment\nlist:\n# between\n- 1 # one\n- two\n',
  'empty documents': '---\n---\na: 1\n---\n',
  'separators with comments and blank lines': '\n\n# x\n---\n\na: 1\n---\n# only\n',
  'scalars as kubectl resolves them':
    "none: ~\nnull2: Null\nt: true\nf: FALSE\ni: 42\nneg: -7\nz: 0\nfl: 0.25\ncpu: 100m\nmem: 128Mi\nd: 30s\nv: v1.2.3\ns: \"42\"\nq: 'it''s'\nanswer: yes\nswitch: off\nmode: 0644\nhex: 0x1F\nbig: 1_000\nexp: 1e3\nhalf: .5\ndate: 2024-01-01\nminus: -0\ne: {}\nl: []\n",
  'literal block scalars':
    'script: |\n  #!/bin/sh\n  echo hi\n\n    indented\nnext: |-\n  stripped\n\n\nafter: 1\n',
  'a literal with leading blank lines': 'a: |\n\n  text\nb: 2\n',
  'quoted keys': '"app.kubernetes.io/name": web\n\'x y\': 1\n',
  'a sequence root': '- a\n- b: 1\n  c: 2\n',
  'deeper indentation': 'a:\n    b:\n        - c\n        - d\n    e: f\n',
  'flow collections on one line':
    'command: ["sh", "-c", \'echo hi\']\nmeta: { name: web, labels: {app: web}, count: 1, }\nempty: { }\nports: [80, 443,]\n',
  'versions and percentages': 'version: 0.1.0\nmaxSurge: 25%\n',
  'values with colons and hashes': 'url: http://x:80/a#b\nimage: reg:5000/app:1.0\n',
}

const givenUp: Record<string, string> = {
  'a flow mapping over lines': 'a: {b: 1,\n  c: 2}\n',
  'a flow key without a value': 'a: {b}\n',
  'a flow plain with a colon': 'a: [b:c: d]\n',
  'a comment in a flow collection': 'a: [1, # one\n  2]\n',
  'two commas': 'a: [1,, 2]\n',
  'an anchor': 'a: &x 1\nb: *x\n',
  'a tag': 'a: !Ref x\n',
  'a folded scalar': 'a: >\n  folded\n',
  'an escape': 'a: "x\\ty"\n',
  'a multi-line plain scalar': 'a: one\n  two\n',
  'a multi-line quoted scalar': 'a: "one\n  two"\n',
  'a numeric key': '80: http\n',
  'a boolean key': 'true: 1\n',
  'a key kubectl reads as a boolean': 'on: push\n',
  'a duplicate key': 'a: 1\na: 2\n',
  'a tab': 'a:\tb\n',
  'a CRLF line break': 'a: 1\r\nb: 2\r\n',
  'a directive': '%YAML 1.2\n---\na: 1\n',
  'a document end marker': 'a: 1\n...\n',
  'a separator with content': '--- a: 1\n',
  'a scalar root': 'plain\n',
  'a lone dash': 'a:\n  -\n    b: 1\n',
  'a nested dash': '- - a\n',
  'a complex key': '? a\n: b\n',
  'a key without a space': 'a:b: c\n',
  'a list': 'apiVersion: v1\nkind: List\nitems: []\n',
  'bad indentation': 'a:\n    b: 1\n  c: 2\n',
  'a literal at the end of the text': 'a: |\n  text',
  'a kept literal': 'a: |+\n  text\n\n',
  'an explicit literal indentation': 'a: |2\n   text\n',
  __proto__: '__proto__: 1\n',
  'a quoted __proto__': '"__proto__": { polluted: true }\n',
}

/** Edits that turn good YAML into the cases a reader has to be careful about. */
const PIECES = [
  ' ',
  '  ',
  '-',
  '- ',
  ':',
  ': ',
  '#',
  ' #',
  '\n',
  '"',
  "'",
  '|',
  '|-',
  '>',
  '{',
  '}',
  '[',
  ']',
  '0',
  '1.5',
  'a',
  '.',
  '&',
  '*',
  '!',
  '---\n',
  '~',
  '100m',
  '%',
]

function mutate(text: string, prng: Prng): string {
  const at = prng.int(text.length + 1)
  switch (prng.int(4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + prng.int(3))
    case 1:
      return text.slice(0, at) + PIECES[prng.int(PIECES.length)]! + text.slice(at)
    case 2: {
      const lines = text.split('\n')
      const l = prng.int(lines.length)
      lines.splice(l, 0, lines[prng.int(lines.length)]!)
      return lines.join('\n')
    }
    default: {
      const lines = text.split('\n')
      const l = prng.int(lines.length)
      lines[l] = prng.int(2) === 0 ? ` ${lines[l]}` : lines[l]!.replace(/^ /, '')
      return lines.join('\n')
    }
  }
}

describe('the block YAML reader', () => {
  const files = [...yamlFiles(fixturesDir), ...yamlFiles(path.join(projectRoot, 'repos'))]
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'))

  it.each(Object.entries(read))('reads %s as the precise reader does', (_, text) => {
    expect(expectAgreement(text)).toBe(true)
  })

  it.each(Object.entries(givenUp))('gives up on %s', (_, text) => {
    expect(readBlock(text)).toBeUndefined()
  })

  it.each(files.map((f, i) => [path.relative(projectRoot, f), i]))(
    'reads %s as the precise reader does, or gives up',
    (_, i) => {
      expectAgreement(texts[i as number]!)
    },
  )

  it('reads most of the fixtures itself', () => {
    const accepted = texts.filter((t) => readBlock(t) !== undefined).length
    expect(accepted).toBeGreaterThan(texts.length * 0.7)
  })

  it('agrees with the precise reader on thousands of mutated manifests (seed 10)', () => {
    const prng = new Prng(10)
    const seeds = texts.filter((t) => t.length < 4000 && readBlock(t) !== undefined)
    let accepted = 0
    for (let i = 0; i < 6000; i++) {
      let text = seeds[prng.int(seeds.length)]!
      for (let m = 1 + prng.int(3); m > 0; m--) text = mutate(text, prng)
      try {
        if (expectAgreement(text)) accepted++
      } catch (e) {
        throw new Error(`mutation ${i} disagrees:\n${text}\n${(e as Error).message}`, { cause: e })
      }
    }
    // Enough of them stay plain that the agreement means something.
    expect(accepted).toBeGreaterThan(1000)
  })
})
