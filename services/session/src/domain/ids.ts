import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Prefixed ULIDs: sortable by creation, and the prefix tells what an id names. */
export const newId = (prefix: 'asm' | 'inv' | 'ses' | 'era'): string => `${prefix}_${next()}`;
