import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { createLogging } from './common/logging';
import { AppConfig } from './config/app-config';
import { corsOptions, serveWebPage } from './web/web-page';

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
  // JSON lines in production, readable ones in development; one line per request (logging.ts).
  const logging = createLogging({ production: config.production, level: config.logLevel });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: logging.nest,
    cors: corsOptions(config.corsOrigins),
  });
  // First of all middleware, so every request (the page's files too) gets its id and its line.
  app.use(logging.middleware);
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
