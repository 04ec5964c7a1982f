import { renderWelcomeTemplate } from './welcome-template.js';

describe('renderWelcomeTemplate', () => {
  const v = { userId: '123456789012345678', serverName: 'Guild {x}', memberCount: 42 };

  it('fills every placeholder, each occurrence', () => {
    expect(
      renderWelcomeTemplate('Hi {user}, welcome to {server}! You are #{memberCount}. Bye {user}', v),
    ).toBe('Hi <@123456789012345678>, welcome to Guild {x}! You are #42. Bye <@123456789012345678>');
  });

  it('leaves unknown placeholders and values containing braces untouched', () => {
    expect(renderWelcomeTemplate('{users} {Server} {server}', v)).toBe('{users} {Server} Guild {x}');
  });
});
