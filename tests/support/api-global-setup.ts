import type { TestProject } from 'vitest/node';
import { readConfig } from '../../server/src/config.ts';
import { buildTemplate, dropTemplate, type DatabaseTemplate } from './database-template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { testDatabaseUrl } = readConfig();
  const started = Date.now();
  const template = await buildTemplate(testDatabaseUrl);
  console.log(`API tests on the ${template.driver} driver (template ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  project.provide('databaseTemplate', template);
  return () => dropTemplate(template);
}
