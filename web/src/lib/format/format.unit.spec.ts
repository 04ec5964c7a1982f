import {
  formatAgo,
  formatChange,
  formatCompact,
  formatNumber,
  formatVoiceHours,
  humanizeEnum,
  initials,
  userLabel,
} from './format.js';

describe('number formatting', () => {
  it('groups thousands and keeps one decimal', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatCompact(1234)).toBe('1.2K');
    expect(formatVoiceHours(90)).toBe('1.5 h');
    expect(formatVoiceHours(0)).toBe('0 h');
  });
});

describe('formatChange', () => {
  it('shows the change vs the previous period with its tone', () => {
    expect(formatChange(150, 100)).toEqual({ text: '+50%', tone: 'up' });
    expect(formatChange(97, 100)).toEqual({ text: '−3%', tone: 'down' });
    expect(formatChange(105, 100)).toEqual({ text: '+5%', tone: 'up' });
    expect(formatChange(1055, 1000)).toEqual({ text: '+5.5%', tone: 'up' });
    expect(formatChange(5, 0)).toEqual({ text: 'new', tone: 'up' });
    expect(formatChange(0, 0)).toEqual({ text: 'no change', tone: 'flat' });
    expect(formatChange(0, 10)).toEqual({ text: '−100%', tone: 'down' });
  });
});

describe('labels', () => {
  it('relative times', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatAgo('2026-01-10T11:59:55Z', now)).toBe('5 s ago');
    expect(formatAgo('2026-01-10T11:57:00Z', now)).toBe('3 min ago');
    expect(formatAgo('2026-01-10T10:00:00Z', now)).toBe('2 h ago');
    expect(formatAgo('2026-01-06T12:00:00Z', now)).toBe('4 d ago');
  });

  it('users, initials and enum values', () => {
    expect(userLabel({ id: '1', username: 'alice' })).toBe('alice');
    expect(userLabel({ id: '42', username: null })).toBe('user 42');
    expect(userLabel(null)).toBe('—');
    expect(initials('Rust Lovers')).toBe('RL');
    expect(initials('gaming')).toBe('GA');
    expect(initials('🎮 !!')).toBe('?');
    expect(humanizeEnum('TIMEOUT_ADD')).toBe('Timeout add');
  });
});
