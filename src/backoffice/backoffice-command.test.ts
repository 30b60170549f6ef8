import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addBackOfficeCommand, defaultServiceRoot } from './backoffice-command.js';

describe('orderline backoffice', () => {
  it('talks to Orderline on the port npm start serves on: PORT, else 5555', () => {
    expect(defaultServiceRoot({})).toBe('http://127.0.0.1:5555/api/data/v9.2/');
    expect(defaultServiceRoot({ PORT: '6100' })).toBe('http://127.0.0.1:6100/api/data/v9.2/');
  });

  it('takes that service root as the default of --orderline', () => {
    const program = new Command();
    addBackOfficeCommand(program, { PORT: '6100' });
    const command = program.commands.find((candidate) => candidate.name() === 'backoffice')!;
    expect(command.getOptionValue('orderline')).toBe('http://127.0.0.1:6100/api/data/v9.2/');
  });
});
