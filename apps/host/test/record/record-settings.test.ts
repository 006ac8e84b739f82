import { ConfigError } from '@shopchat/mcp-service';
import { describe, expect, it } from 'vitest';
import { loadRecordSettings } from '../../src/record/record-settings.ts';

describe('the record’s settings', () => {
  it('records every turn unless CONVERSATION_RECORD is off', () => {
    expect(loadRecordSettings({}).writes).toBe(true);
    expect(loadRecordSettings({ CONVERSATION_RECORD: 'on' }).writes).toBe(true);
    expect(loadRecordSettings({ CONVERSATION_RECORD: 'off' }).writes).toBe(false);
  });

  it('refuses any other value, naming the variable', () => {
    expect(() => loadRecordSettings({ CONVERSATION_RECORD: 'false' })).toThrow(ConfigError);
    expect(() => loadRecordSettings({ CONVERSATION_RECORD: 'false' })).toThrow(/CONVERSATION_RECORD/);
  });
});
