import { describe, expect, it } from 'vitest'
import type { LabelSelector } from '../../../src-main/sim/api/meta'
import {
  labelSelectorAsSelector,
  parseLabelSelector,
  SelectorError,
} from '../../../src-main/sim/store/labels'

const labels = { app: 'web', tier: 'front', env: 'prod', replicas: '3' }

function parseError(text: string): string {
  try {
    parseLabelSelector(text)
  } catch (e) {
    if (e instanceof SelectorError) return e.message
    throw e
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`)
}

describe('labels.Parse: the string form', () => {
  it.each<[string, string, boolean]>([
    // selector, its canonical String(), does it match `labels`
    ['', '', true],
    ['app=web', 'app=web', true],
    ['app==web', 'app==web', true],
    ['app = web', 'app=web', true],
    ['app!=web', 'app!=web', false],
    ['app!=api', 'app!=api', true],
    ['zone!=a', 'zone!=a', true],
    ['env in (prod,staging)', 'env in (prod,staging)', true],
    ['env in (staging, prod)', 'env in (prod,staging)', true],
    ['env notin (prod)', 'env notin (prod)', false],
    ['zone notin (a)', 'zone notin (a)', true],
    ['tier', 'tier', true],
    ['!tier', '!tier', false],
    ['!zone', '!zone', true],
    ['app=', 'app=', false],
    ['x in ()', 'x in ()', false],
    ['replicas>2', 'replicas>2', true],
    ['replicas<2', 'replicas<2', false],
    // in and notin are plain words among values
    ['app in (in,notin)', 'app in (in,notin)', false],
    ['tier=front,app=web,!zone', 'app=web,tier=front,!zone', true],
    ['a=b,c!=d,e in (x,y),f notin (z),!g,h', 'a=b,c!=d,e in (x,y),f notin (z),!g,h', false],
    ['example.com/tier=front', 'example.com/tier=front', false],
  ])('%j', (text, canonical, matches) => {
    const selector = parseLabelSelector(text)
    expect(selector.toString()).toBe(canonical)
    expect(selector.matches(labels)).toBe(matches)
    expect(selector.empty).toBe(text === '')
  })

  it.each<[string, string]>([
    ['app=web,', "found '', expected: identifier after ','"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app in (web', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in', "unable to parse requirement: found '' expected: '('"],
    ['app=(x)', "unable to parse requirement: found '(', expected: identifier"],
    ['app=a=b', "found '=', expected: ',' or 'end of string'"],
    ['!app=web', "found '=', expected: ',' or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['a b=c', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [
      '-app=web',
      `unable to parse requirement: <nil>: Invalid value: "-app": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'Example.com/app=web',
      `unable to parse requirement: <nil>: Invalid value: "Example.com/app": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
    [
      'app=-web',
      `unable to parse requirement: values[0][app]: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      'replicas>x',
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
  ])('refuses %j', (text, message) => {
    expect(parseError(text)).toBe(message)
  })
})

describe('metav1.LabelSelector: the structured form', () => {
  it.each<[string, LabelSelector, boolean]>([
    ['empty selects everything', {}, true],
    ['matchLabels', { matchLabels: { app: 'web', tier: 'front' } }, true],
    ['matchLabels that differ', { matchLabels: { app: 'api' } }, false],
    ['In', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [
      'both together',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
      },
      false,
    ],
  ])('%s', (_name, selector, matches) => {
    expect(labelSelectorAsSelector(selector).matches(labels)).toBe(matches)
  })

  it.each<[string, LabelSelector, string]>([
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'a', operator: 'Equals' as 'In', values: ['b'] }] },
      '"Equals" is not a valid label selector operator',
    ],
    [
      'In without values',
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    ],
    [
      'a bad key',
      { matchLabels: { 'a/b/c': 'x' } },
      `key: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  ])('refuses %s', (_name, selector, message) => {
    expect(() => labelSelectorAsSelector(selector)).toThrow(message)
  })
})
