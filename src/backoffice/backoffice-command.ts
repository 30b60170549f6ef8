/**
 * `orderline backoffice`: runs the reference back office against a running Orderline. It receives
 * webhooks on `--port` (the default) or, with `--amqp`, consumes from RabbitMQ, and plays every
 * submitted order through to Invoiced as the integration user whose token it is given.
 */
import type { Command } from 'commander';
import { OperatorError } from '../cli/operator-error.js';
import { createLogger } from '../observability/logger.js';
import { DEFAULT_EXCHANGE, DEFAULT_QUEUE } from './amqp-consumer.js';
import { startBackOffice } from './reference-back-office.js';

interface BackOfficeCommandOptions {
  orderline: string;
  token?: string;
  port: string;
  host: string;
  secret?: string;
  amqp?: string;
  exchange: string;
  queue: string;
  prefetch: string;
  state: string;
  stepDelayMs: string;
  numberPrefix: string;
}

function count(name: string, text: string, minimum = 0): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum)
    throw new OperatorError(`--${name} must be a whole number ≥ ${minimum}.`);
  return value;
}

/** Orderline's service root on this machine: `PORT` is the port `npm start` serves on (5555 by default). */
export function defaultServiceRoot(env: NodeJS.ProcessEnv): string {
  return `http://127.0.0.1:${env.PORT || '5555'}/api/data/v9.2/`;
}

export function addBackOfficeCommand(program: Command, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command('backoffice')
    .description('run the reference back office: receive submitted orders, play them through to Invoiced')
    .option('--orderline <url>', "Orderline's service root (default: on PORT, else 5555)", defaultServiceRoot(env))
    .option('--token <token>', "an integration user's token (default: ORDERLINE_BACKOFFICE_TOKEN)")
    .option('--port <port>', 'webhook port', '5556')
    .option('--host <host>', 'webhook interface', '127.0.0.1')
    .option('--secret <whsec>', 'webhook signing secret (default: ORDERLINE_WEBHOOK_SECRET)')
    .option(
      '--amqp <url>',
      'consume from RabbitMQ instead of receiving webhooks, e.g. amqp://guest:guest@127.0.0.1:5672',
    )
    .option('--exchange <name>', 'the exchange Orderline publishes to', DEFAULT_EXCHANGE)
    .option('--queue <name>', 'the durable queue to consume', DEFAULT_QUEUE)
    .option('--prefetch <count>', 'orders in flight at once (AMQP)', '16')
    .option(
      '--state <path>',
      'state file (events seen, orders in progress); :memory: keeps nothing',
      '.orderline/backoffice.db',
    )
    .option('--step-delay-ms <ms>', 'pause between fulfilment steps', '0')
    .option('--number-prefix <prefix>', "prefix of the back office's order and invoice numbers", 'ERP')
    .action(async (options: BackOfficeCommandOptions) => {
      const token = options.token ?? env.ORDERLINE_BACKOFFICE_TOKEN;
      if (!token)
        throw new OperatorError('A token is required: --token or ORDERLINE_BACKOFFICE_TOKEN (an integration user).');
      const secret = options.secret ?? env.ORDERLINE_WEBHOOK_SECRET;
      if (!options.amqp && !secret) {
        throw new OperatorError('Receiving webhooks needs the signing secret: --secret or ORDERLINE_WEBHOOK_SECRET.');
      }
      const logger = createLogger(env.ORDERLINE_LOG_LEVEL ?? 'info');
      const backOffice = await startBackOffice({
        orderlineUrl: options.orderline,
        token,
        statePath: options.state,
        stepDelayMs: count('step-delay-ms', options.stepDelayMs),
        numberPrefix: options.numberPrefix,
        logger,
        ...(options.amqp
          ? {
              amqp: {
                url: options.amqp,
                exchange: options.exchange,
                queue: options.queue,
                prefetch: count('prefetch', options.prefetch, 1),
              },
            }
          : { webhook: { port: count('port', options.port), host: options.host, secret: secret! } }),
      });
      const stop = async () => {
        await backOffice.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
