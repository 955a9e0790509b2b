import { INestApplication, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { corsOptions, serveWebPage } from './web/web-page';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level: AppConfig['logLevel']): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

/** Global settings shared by main.ts and the API tests, so tests run the app as it is served. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Say which field is wrong, never echo the value (it may describe a person).
      validationError: { target: false, value: false },
    }),
  );
  return app;
}

export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logLevels(config.logLevel),
    cors: corsOptions(config.corsOrigins),
  });
  // Which address is the client's (the attempt limit counts by it): off unless configured.
  app.set('trust proxy', config.trustProxy);
  // No ETag on API answers: Express would hash every response body (SHA-1, ~20 µs for a referral
  // answer) for a validator no client uses: GraphQL answers are POSTed and `no-store`. The page's
  // files keep theirs (serve-static sets its own). Nor an `X-Powered-By` header.
  app.set('etag', false);
  app.disable('x-powered-by');
  serveWebPage(app, undefined, config.production);
  return configureApp(app);
}
