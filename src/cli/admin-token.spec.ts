import { parseArgs } from './admin-token';

describe('admin:token arguments', () => {
  it('takes --name in both forms', () => {
    expect(parseArgs(['--name', ' Ops team '])).toEqual({ name: 'Ops team' });
    expect(parseArgs(['--name=Ops'])).toEqual({ name: 'Ops' });
  });

  it('explains what is wrong', () => {
    expect(parseArgs([])).toEqual({
      error: expect.stringContaining('--name is required') as string,
    });
    expect(parseArgs(['--name'])).toEqual({
      error: expect.stringContaining('--name is required') as string,
    });
    expect(parseArgs(['--name', '  '])).toEqual({
      error: expect.stringContaining('must not be blank') as string,
    });
    expect(parseArgs(['--role', 'ADMIN'])).toEqual({
      error: expect.stringContaining('unknown argument "--role"') as string,
    });
    expect(parseArgs(['--name', 'x'.repeat(101)])).toEqual({
      error: '--name must be at most 100 characters',
    });
  });
});
