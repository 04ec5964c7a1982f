import { planModuleSave, stableJson } from './module-save.js';

const config = { channelId: '123456789012345678', message: 'Hi {user}' };

describe('planModuleSave', () => {
  it('enables with the config in one step', () => {
    expect(planModuleSave({ enabled: false, config: null }, { enabled: true, config })).toEqual([
      { kind: 'enable', config },
    ]);
  });

  it('updates an enabled module only when its config changed (key order ignored)', () => {
    const reordered = { message: 'Hi {user}', channelId: '123456789012345678' };
    expect(planModuleSave({ enabled: true, config }, { enabled: true, config: reordered })).toEqual([]);
    const edited = { ...config, message: 'Welcome {user}' };
    expect(planModuleSave({ enabled: true, config }, { enabled: true, config: edited })).toEqual([
      { kind: 'update', config: edited },
    ]);
  });

  it('saves an edited config before disabling', () => {
    const edited = { ...config, message: 'Bye' };
    expect(planModuleSave({ enabled: true, config }, { enabled: false, config: edited })).toEqual([
      { kind: 'update', config: edited },
      { kind: 'disable' },
    ]);
    expect(planModuleSave({ enabled: true, config }, { enabled: false, config })).toEqual([
      { kind: 'disable' },
    ]);
    expect(planModuleSave({ enabled: false, config }, { enabled: false, config })).toEqual([]);
  });

  it('stableJson sorts nested keys but keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
