import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { fixturesDir } from './paths'

/** Reads a fixture file's text. */
export function fixtureText(...parts: string[]): string {
  return fs.readFileSync(path.join(fixturesDir, ...parts), 'utf8')
}

/** Reads a single-document YAML fixture as an object. */
export function fixture<T = Record<string, unknown>>(...parts: string[]): T {
  return parse(fixtureText(...parts)) as T
}
