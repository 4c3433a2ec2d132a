import crypto from 'node:crypto';
import { serviceInput, type ServiceDetail, type ServiceInput } from '#shared/contracts/directory.ts';
import type { Database } from '../../platform/db/database.ts';
import { createDirectoryService } from './directory-service.ts';

/**
 * Test builder: a directory entry kept by the given editor's organisation, verified unless told
 * otherwise (only verified entries are public). Defaults make a valid national phone line; the
 * partial replaces whole fields, so `phones: []` really means no phone.
 */
export async function createDirectoryEntry(
  database: Database,
  editor: { tenantId: string; id: string },
  service: Partial<ServiceInput> = {},
  options: { verify?: boolean } = {},
): Promise<ServiceDetail> {
  const data = serviceInput.parse({
    organizationName: 'Byggd förening',
    name: `Stödlinje ${crypto.randomBytes(4).toString('hex')}`,
    audiences: ['women_exposed'],
    kinds: ['phone_line'],
    area: { national: true },
    phones: [{ number: '020-50 50 50' }],
    ...service,
  });
  return database.system((tx) =>
    createDirectoryService(tx, { tenantId: editor.tenantId, userId: editor.id, label: 'Test' }, data, options.verify ?? true, database.clock.now()),
  );
}
