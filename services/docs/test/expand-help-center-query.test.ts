import { describe, expect, it } from 'vitest';
import { expandHelpCenterQuery } from '../src/search/expand-help-center-query.ts';

describe('expandHelpCenterQuery', () => {
  it('adds the help center’s words for the customer’s own', () => {
    expect(expandHelpCenterQuery('how long till my stuff gets to Oslo')).toMatch(/norway/);
    expect(expandHelpCenterQuery('can I send it back')).toMatch(/\breturn\b/);
    expect(expandHelpCenterQuery('can I talk to a person?')).toMatch(/contact customer support/);
    expect(expandHelpCenterQuery('jacket for a 7 year old')).toMatch(/kids/);
  });

  it('leaves a query in the help center’s own words as it is', () => {
    expect(expandHelpCenterQuery('return policy')).toBe('return policy');
    expect(expandHelpCenterQuery('')).toBe('');
  });
});
