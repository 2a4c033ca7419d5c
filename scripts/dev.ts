import { Logger } from '@aws-lambda-powertools/logger';
import { startLocalApiServer } from '../local/local-api-server.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';

// `npm run dev`: keeps the local stack up and serves the API on localhost until Ctrl-C.
const PORT = Number(process.env.PORT ?? 3000);
const TOKEN = process.env.BALLOTCAST_LOCAL_TOKEN ?? 'local-dev-token';

const stack = await startLocalStack();
const pipeline = buildLocalPipeline(stack, { logLevel: 'INFO', publicBaseUrl: `http://127.0.0.1:${PORT}/public` });
const server = await startLocalApiServer(pipeline.routes, TOKEN, PORT);
const logger = new Logger({ serviceName: 'ballotcast-dev' });
logger.info('local stack up', { api: server.url, dynamo: stack.dynamoEndpoint, s3: stack.s3Endpoint, bucket: stack.bucketName });
console.log(`
ballotcast dev server on ${server.url} (write routes need: Authorization: Bearer ${TOKEN})

  curl -X PUT ${server.url}/races/la-mayor-2022-general -H 'authorization: Bearer ${TOKEN}' \\
       -d "$(node -e 'console.log(JSON.stringify(require("./examples/la-mayor-2022-general.json").race))')"
  curl -X POST ${server.url}/races/la-mayor-2022-general/releases -H 'authorization: Bearer ${TOKEN}' \\
       -d "$(node -e 'console.log(JSON.stringify(require("./examples/la-mayor-2022-general.json").releases[0]))')"
  curl ${server.url}/public/races/la-mayor-2022-general/latest.json
  curl -X POST ${server.url}/races/la-mayor-2022-general/runs -H 'authorization: Bearer ${TOKEN}' -d '{"draws": 50000, "seed": "7"}'

Ctrl-C stops the servers.`);

const stop = async () => {
  await server.close();
  await stack.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
