/** pins = "follow": every lower bound moves to the new version, keeping operator, precision and spacing. */
import { describe, expect, test } from '@jest/globals'
import { followPin } from '../../src/version/follow.js'

describe('followPin', () => {
  test.each<[string, string, string | null]>([
    // floors still admitting the new version move anyway
    ['>=1.2.3', '1.3.0', '>=1.3.0'],
    ['>=1.6.0', '1.6.1', '>=1.6.1'],
    ['>=1.6', '1.7.0', '>=1.7'],
    ['>= 1.6.0', '1.7.0', '>= 1.7.0'],
    ['~= 1.45.0.dev', '1.46.0.dev0', '~= 1.46.0.dev'],
    ['~=1.45.0.dev', '1.45.1.dev0', '~=1.45.1.dev'],
    ['~=1.45.0.dev3', '1.45.1.dev4', '~=1.45.1.dev4'],
    ['~=1.45.0.dev', '1.45.1', '~=1.45.1.dev'],
    ['==1.45.0.dev', '1.46.0', '==1.46.0'],
    ['~=1.4', '1.5.0', '~=1.5'],
    ['==1.6.0', '1.7.0', '==1.7.0'],
    ['==1.6.*', '1.6.2', '==1.6.*'],
    ['==1.6.*', '1.7.0', '==1.7.*'],
    // a pre-release: the bound takes it when the release alone would exclude it
    ['>=1.2.3', '1.3.0rc1', '>=1.3.0rc1'],
    // caps, exclusions and > stay; a crossed cap moves as admit moves it
    ['>=1.2.3,<2', '1.3.0', '>=1.3.0,<2'],
    ['>=1.2.3, <2.0.0', '2.0.0', '>=2.0.0, <3.0.0'],
    ['>=1.2,!=1.2.5', '1.3.0', '>=1.3,!=1.2.5'],
    ['<2', '1.3.0', '<2'],
    ['>1.0', '1.3.0', '>1.0'],
    ['', '1.3.0', ''],
    // nothing mechanical for a pin that excludes it without a lower bound
    ['<1.0', '1.3.0', null],
    ['not a pin', '1.3.0', null]
  ])('%j to %s → %j', (pin, version, expected) => {
    expect(followPin(pin, version)).toBe(expected)
  })
})
