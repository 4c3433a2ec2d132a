import { scopeFor } from '../../platform/auth/actor.ts';
import type { RecordTypeDefinition } from '../../platform/access/record-types.ts';
import { locateEncounter } from './encounter-repository.ts';

/** Encounters are individual-level records (ADR 0010): protection rules, break-the-glass, audit. */
export const ENCOUNTER_TYPE = 'encounter';

/** Withheld from every answer when the client has protected identity (ADR 0010). */
export const ENCOUNTER_LOCATION_FIELDS = ['municipality', 'county'] as const;

export const encounterRecordType: RecordTypeDefinition = {
  type: ENCOUNTER_TYPE,
  readAction: 'encounters.read',
  readScope: (actor) => scopeFor(actor, 'encounters.read'),
  locationFields: ENCOUNTER_LOCATION_FIELDS,
  locate: locateEncounter,
};

/** Reading the note is its own audited action, so "who read the free text" has an exact answer. */
export const encounterNoteRecordType: RecordTypeDefinition = { ...encounterRecordType, readAction: 'encounters.read_note' };
